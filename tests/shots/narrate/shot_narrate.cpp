// Makes docs/screenshots/eventlog.png: the visibility-timeout example run with the event
// log and a breakpoint that fires (the oldest message in "orders" reaching 6 s).
//
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/tests/shots/narrate/shot_narrate docs/screenshots

#include "BundledExamples.h"
#include "MainWindow.h"
#include "RunController.h"
#include "UiResources.h"
#include "document/DiagramDocument.h"
#include "log/BreakpointModel.h"
#include "log/BreakpointsWidget.h"
#include "runner/Narrator.h"

#include <QAction>

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace flowlab;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: shot_narrate OUTPUT_FOLDER\n");
        return 2;
    }
    // Settings (window state) in a throw-away folder: the window starts at its defaults.
    QTemporaryDir settings;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(settings.path()));
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowlabShots"));
    initUiResources();
    BundledExamples::initResources();

    MainWindow window;
    QString error;
    if (!window.loadFile(QStringLiteral(":/examples/visibility-timeout-too-short.flowlab"),
                         &error)) {
        std::fprintf(stderr, "shot_narrate: %s\n", qPrintable(error));
        return 1;
    }
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;

    // Queue "orders" is node 2 in the example.
    Breakpoint b;
    b.queue = 2;
    b.condition = Breakpoint::Condition::OldestAge;
    b.limit = 6;
    window.breakpointsPanel()->model()->add(b);
    Breakpoint dlq;
    dlq.queue = 2;
    dlq.condition = Breakpoint::Condition::DeadLetter;
    window.breakpointsPanel()->model()->add(dlq);

    // The log without the workers' start/finish lines: receives, timeouts, deletes remain.
    if (auto *processing = window.findChild<QAction *>(
            QStringLiteral("eventLogKind%1").arg(int(NarrationGroup::Processing))))
        processing->setChecked(false);

    RunController *run = window.runController();
    run->setSpeed(2);
    run->run();
    QDeadlineTimer deadline(20000);
    while (run->isRunning() && !deadline.hasExpired())
        QTest::qWait(50);
    if (run->isRunning()) {
        std::fprintf(stderr, "shot_narrate: the breakpoint did not fire\n");
        return 1;
    }
    QTest::qWait(300); // the last frame drawn
    const QString out
        = QDir(QString::fromLocal8Bit(argv[1])).filePath(QStringLiteral("eventlog.png"));
    if (!window.grab().save(out, "PNG")) {
        std::fprintf(stderr, "shot_narrate: cannot write %s\n", qPrintable(out));
        return 1;
    }
    std::printf("%s\n", qPrintable(out));
    return 0;
}
