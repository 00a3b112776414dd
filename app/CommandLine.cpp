#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace flowlab {

CommandLine CommandLine::parse(const QStringList &arguments, const QString &defaultFile)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Flowlab: a laboratory for messaging flows (SQS queues, producers, "
                       "consumers).\nWithout --headless it opens a window on FILE (default: an "
                       "example diagram)."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption headless(QStringLiteral("headless"),
                                      QStringLiteral("Run without a window and print a summary."));
    const QCommandLineOption duration(QStringLiteral("duration"),
                                      QStringLiteral("Virtual time to simulate: 90s, 10m, 1.5h, "
                                                     "2d (default 10m)."),
                                      QStringLiteral("time"),
                                      QStringLiteral("10m"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Random seed (default: the diagram's)."),
                                  QStringLiteral("N"));
    const QCommandLineOption report(QStringLiteral("report"),
                                    QStringLiteral("Write the metrics to a .csv or .json file."),
                                    QStringLiteral("file"));
    const QCommandLineOption run(QStringLiteral("run"),
                                 QStringLiteral("Window: press Run as soon as the window shows."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Window: save a PNG of the window after "
                                                       "--after seconds, then quit."),
                                        QStringLiteral("file"));
    const QCommandLineOption after(QStringLiteral("after"),
                                   QStringLiteral("Window: wall seconds before --screenshot "
                                                  "(default 5)."),
                                   QStringLiteral("seconds"),
                                   QStringLiteral("5"));
    const QCommandLineOption serve(QStringLiteral("serve"),
                                   QStringLiteral("Run the local AWS-compatible SQS endpoint in "
                                                  "front of the simulation, at 1x (with the "
                                                  "window, or without it with --headless; "
                                                  "without FILE, on an empty diagram)."));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("--serve: TCP port (default 9324; 0 picks a "
                                                 "free one)."),
                                  QStringLiteral("port"),
                                  QStringLiteral("9324"));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("--serve: address to listen on (default "
                                                 "127.0.0.1)."),
                                  QStringLiteral("address"),
                                  QStringLiteral("127.0.0.1"));
    parser.addOptions({headless, duration, seed, report, run, screenshot, after, serve, port, bind});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("A .flowlab diagram (default: an example)."),
                                 QStringLiteral("[file]"));

    CommandLine result;
    auto fail = [&](const QString &text) {
        result.mode = Mode::Error;
        result.message = text + QStringLiteral("\nTry 'flowlab --help'.");
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(helpOption)) {
        result.mode = Mode::Help;
        // Parsed before any application object exists (main() picks the kind from the
        // mode), so the parser cannot name the program itself.
        result.message = parser.helpText().replace(QLatin1String("<executable_name>"),
                                                   arguments.isEmpty()
                                                       ? QStringLiteral("flowlab")
                                                       : QFileInfo(arguments.first()).fileName());
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.mode = Mode::Version;
        result.message = QCoreApplication::applicationName() + QLatin1Char(' ')
                         + QCoreApplication::applicationVersion();
        return result;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        return fail(QStringLiteral("one diagram at a time, not %1").arg(files.size()));
    const QString file = files.isEmpty() ? defaultFile : files.first();
    result.headless.file = file;
    result.window.file = file;
    if (!parseDuration(parser.value(duration), &result.headless.duration))
        return fail(QStringLiteral("--duration: \"%1\" is not a duration (examples: 90s, 10m, "
                                   "1.5h, 2d)")
                        .arg(parser.value(duration)));
    if (parser.isSet(seed)) {
        bool ok = false;
        result.headless.seed = parser.value(seed).toULongLong(&ok);
        if (!ok || result.headless.seed == 0)
            return fail(QStringLiteral("--seed: \"%1\" is not a positive whole number")
                            .arg(parser.value(seed)));
    }
    if (parser.isSet(report)) {
        result.headless.report = parser.value(report);
        const QString lower = result.headless.report.toLower();
        if (!lower.endsWith(QLatin1String(".csv")) && !lower.endsWith(QLatin1String(".json")))
            return fail(QStringLiteral("--report: the file must end in .csv or .json"));
    }
    if (parser.isSet(serve)) {
        const bool window = !parser.isSet(headless);
        // The window always runs while serving; a screenshot run may still be asked for.
        const QList<const QCommandLineOption *> refused
            = window
                  ? QList<const QCommandLineOption *>{&run, &duration, &report}
                  : QList<const QCommandLineOption *>{&run, &screenshot, &after, &duration, &report};
        for (const QCommandLineOption *other : refused) {
            if (parser.isSet(*other))
                return fail(
                    QStringLiteral("--%1 does not go with --serve").arg(other->names().first()));
        }
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return fail(QStringLiteral("--port: \"%1\" is not a port number (0-65535)")
                            .arg(parser.value(port)));
        result.serve.port = quint16(value);
        result.serve.address = QHostAddress(parser.value(bind));
        if (result.serve.address.isNull())
            return fail(
                QStringLiteral("--bind: \"%1\" is not an IP address").arg(parser.value(bind)));
        // Without a file the endpoint serves an empty diagram: clients create the queues.
        result.serve.file = files.isEmpty() ? QString() : files.first();
        result.serve.seed = result.headless.seed;
        result.mode = Mode::Serve;
        if (!window)
            return result;
        result.window.serve = true;
        result.window.file = result.serve.file;
    }
    for (const QCommandLineOption *serveOnly : {&port, &bind}) {
        if (parser.isSet(*serveOnly) && !parser.isSet(serve))
            return fail(QStringLiteral("--%1 needs --serve").arg(serveOnly->names().first()));
    }
    if (parser.isSet(headless)) {
        for (const QCommandLineOption *windowOnly : {&run, &screenshot, &after}) {
            if (parser.isSet(*windowOnly))
                return fail(QStringLiteral("--%1 needs the window: leave out --headless")
                                .arg(windowOnly->names().first()));
        }
        result.mode = Mode::Headless;
        return result;
    }
    // The window: the headless run's options mean nothing there.
    for (const QCommandLineOption *headlessOnly : {&duration, &seed, &report}) {
        if (parser.isSet(*headlessOnly))
            return fail(QStringLiteral("--%1 needs --headless").arg(headlessOnly->names().first()));
    }
    result.mode = Mode::Window;
    result.window.run = parser.isSet(run);
    result.window.screenshot = parser.value(screenshot);
    if (parser.isSet(after)) {
        if (result.window.screenshot.isEmpty())
            return fail(QStringLiteral("--after needs --screenshot"));
        bool ok = false;
        result.window.after = parser.value(after).toDouble(&ok);
        if (!ok || result.window.after < 0 || result.window.after > 3600)
            return fail(QStringLiteral("--after: \"%1\" is not a number of seconds between 0 "
                                       "and 3600")
                            .arg(parser.value(after)));
    }
    return result;
}

} // namespace flowlab
