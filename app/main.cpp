#include "BundledExamples.h"
#include "CommandLine.h"
#include "MainWindow.h"
#include "RunController.h"
#include "UiResources.h"
#include "WindowEndpoint.h"
#include "endpoint/SqsServer.h"
#include "io/DiagramFile.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// The window mode: a QApplication, the main window on the file, and the optional --run and
// --screenshot steps used by scripts/screenshots.sh.
int runWindow(QApplication &app,
              const flowlab::CommandLine::WindowOptions &options,
              const flowlab::CommandLine::ServeOptions &serve)
{
    flowlab::initUiResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/sqs-queue.svg")));

    flowlab::MainWindow window;
    // A file that cannot be read leaves an empty document and says why (in a dialog and on
    // stderr, for people who started us from a terminal).
    // --serve without a file: an empty diagram, which the clients' queues fill.
    QString error;
    const bool loaded = options.file.isEmpty() || window.loadFile(options.file, &error);
    window.show();
    if (!loaded) {
        QTextStream(stderr) << "flowlab: cannot open " << options.file << ": " << error << "\n";
        // Once the window is up, the same attempt through the window says why in a dialog.
        QTimer::singleShot(0, &window, [&window, &options] { window.openFile(options.file); });
    }
    if (options.run)
        QTimer::singleShot(0, &window, [&window] { window.runController()->run(); });

    // --serve: the endpoint in front of the window's run (which it starts, at 1x).
    std::unique_ptr<flowlab::WindowEndpoint> endpoint;
    if (options.serve) {
        endpoint = std::make_unique<flowlab::WindowEndpoint>(window.runController());
        if (!endpoint->start(serve.address, serve.port, &error)) {
            QTextStream(stderr) << "flowlab: cannot serve on " << serve.address.toString() << ":"
                                << serve.port << ": " << error << "\n";
            return 1;
        }
        window.showEndpoint(endpoint->url());
        QTextStream(stdout) << "Flowlab SQS endpoint listening on " << endpoint->url()
                            << " (region us-east-1, account 000000000000)\n";
    }

    int status = 0;
    if (!options.screenshot.isEmpty()) {
        QTimer::singleShot(int(options.after * 1000), &window, [&] {
            if (!window.grab().save(options.screenshot, "PNG")) {
                QTextStream(stderr)
                    << "flowlab: cannot write the screenshot " << options.screenshot << "\n";
                status = 1;
            }
            // Saved or not, the screenshot run is over; the document is left as it was.
            window.setWindowModified(false);
            app.exit(status);
        });
    }
    const int code = app.exec();
    return status != 0 ? status : code;
}

// The endpoint without a window: a QCoreApplication, the runner at 1x, clients on the port.
int runServe(QCoreApplication &app, const flowlab::CommandLine::ServeOptions &options)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    flowlab::Diagram diagram;
    if (!options.file.isEmpty()) {
        flowlab::DiagramFileError error;
        if (!flowlab::DiagramFile::load(options.file, &diagram, &error)) {
            err << "flowlab: cannot open " << options.file << ": " << error.toString() << "\n";
            return 1;
        }
    }
    if (options.seed)
        diagram.simulation.seed = options.seed;
    flowlab::SqsServer server;
    QString why;
    if (!server.start(diagram, options.address, options.port, &why)) {
        err << "flowlab: cannot serve on " << options.address.toString() << ":" << options.port
            << ": " << why << "\n";
        return 1;
    }
    out << "Flowlab SQS endpoint listening on " << server.url() << " (region us-east-1, account "
        << "000000000000); press Ctrl+C to stop\n";
    out.flush();
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    // Names first: QSettings and --version read them, before any application object exists.
    QCoreApplication::setApplicationName(QStringLiteral("flowlab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWLAB_VERSION));
    QCoreApplication::setOrganizationName(QStringLiteral("Flowlab"));

    // The command line decides which application object to make (no widgets, no display
    // connection, for --headless), so it is parsed from argv before one exists.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const flowlab::CommandLine cl
        = flowlab::CommandLine::parse(arguments, flowlab::BundledExamples::defaultPath());

    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (cl.mode) {
    case flowlab::CommandLine::Mode::Help:
    case flowlab::CommandLine::Mode::Version:
        out << cl.message << "\n";
        return 0;
    case flowlab::CommandLine::Mode::Error:
        err << "flowlab: " << cl.message << "\n";
        return 2;
    case flowlab::CommandLine::Mode::Headless: {
        QCoreApplication app(argc, argv);
        flowlab::BundledExamples::initResources();
        return flowlab::HeadlessRun::run(cl.headless, out, err);
    }
    case flowlab::CommandLine::Mode::Serve: {
        QCoreApplication app(argc, argv);
        return runServe(app, cl.serve);
    }
    case flowlab::CommandLine::Mode::Window:
        break;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Flowlab"));
    flowlab::BundledExamples::initResources();
    return runWindow(app, cl.window, cl.serve);
}
