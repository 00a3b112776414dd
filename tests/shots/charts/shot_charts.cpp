// Screenshot driver for the charts dock (docs/screenshots/charts.png, made by
// scripts/screenshots.sh): the window on the visibility-timeout example, run at 50× for
// about 12 s of wall time (10 minutes of virtual time) with the queue selected and charted
// over the last 10 minutes, then a picture of the whole window.
//
// Usage: shot_charts OUTPUT   (a folder, which gets charts.png, or a .png file)
//        [--after SECONDS] [--speed FACTOR]
// Run it under a window system, e.g. xvfb-run -a -s "-screen 0 1600x1000x24".

#include "BundledExamples.h"
#include "MainWindow.h"
#include "RunController.h"
#include "UiResources.h"
#include "canvas/DiagramScene.h"
#include "charts/ChartsWidget.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QTextStream>
#include <QTimer>

using namespace flowlab;

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("Flowlab"));
    QCoreApplication::setApplicationName(QStringLiteral("flowlab-shots"));
    QApplication app(argc, argv);
    initUiResources();
    BundledExamples::initResources();
    QTextStream err(stderr);

    const QStringList args = app.arguments();
    if (args.size() < 2) {
        err << "usage: shot_charts OUTPUT [--after SECONDS] [--speed FACTOR]\n";
        return 2;
    }
    QString out = args[1];
    if (!out.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        out = QDir(out).filePath(QStringLiteral("charts.png"));
    QDir().mkpath(QFileInfo(out).absolutePath());
    double after = 12;
    double speed = 50;
    for (int i = 2; i + 1 < args.size(); ++i) {
        if (args[i] == QLatin1String("--after"))
            after = args[i + 1].toDouble();
        else if (args[i] == QLatin1String("--speed"))
            speed = args[i + 1].toDouble();
    }

    MainWindow window;
    QString error;
    const QString example = QStringLiteral(":/examples/visibility-timeout-too-short.flowlab");
    if (!window.loadFile(example, &error)) {
        err << "shot_charts: cannot open " << example << ": " << error << "\n";
        return 1;
    }
    window.show();
    // The charts share their place under the canvas with the event log, as a tab.
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("chartsDock")))
        dock->raise();
    constexpr int kQueue = 2; // "orders"
    window.scene()->selectIds({kQueue});
    window.charts()->setWindow(ChartsWidget::Window::LastTenMinutes);
    window.runController()->setSpeed(speed);
    window.runController()->run();

    int status = 0;
    QTimer::singleShot(int(after * 1000), &window, [&] {
        window.runController()->pause();
        window.charts()->refresh();
        if (!window.grab().save(out, "PNG")) {
            err << "shot_charts: cannot write " << out << "\n";
            status = 1;
        }
        app.exit(status);
    });
    const int code = app.exec();
    QTextStream(stdout) << out << "\n";
    return status != 0 ? status : code;
}
