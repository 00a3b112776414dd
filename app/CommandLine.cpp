#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace flowlab {

CommandLine CommandLine::parse(const QStringList &arguments, const QString &defaultFile)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Flowlab: a laboratory for messaging flows (SQS queues, producers, "
                       "consumers).\nThe canvas window is not built yet: every run is "
                       "headless for now."));
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
    parser.addOptions({headless, duration, seed, report});
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
        result.message = parser.helpText();
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
    result.headless.file = files.isEmpty() ? defaultFile : files.first();
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
    return result;
}

} // namespace flowlab
