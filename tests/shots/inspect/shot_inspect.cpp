// Screenshots of the inspection docks: docs/screenshots/peek.png (the messages of the
// visibility-timeout example's queue, live) and passport.png (the life of a message
// received more than once). Usage: shot_inspect OUTPUT_FOLDER (run under Xvfb by
// scripts/screenshots.sh).

#include "MainWindow.h"
#include "RunController.h"
#include "UiResources.h"
#include "canvas/DiagramScene.h"
#include "inspection/PassportWidget.h"
#include "inspection/QueuePeekModel.h"
#include "inspection/QueuePeekWidget.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTextStream>
#include <QThread>

using namespace flowlab;

namespace {

constexpr int kQueue = 2; // "orders" in the example
constexpr SimTime kRunFor = 20 * kSecond;

/// Keeps the event loop turning for `ms` of wall time.
void pump(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) {
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
}

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        pump(20);
    }
    return true;
}

bool save(MainWindow &window, const QString &path)
{
    if (window.grab().save(path, "PNG")) {
        QTextStream(stdout) << path << "\n";
        return true;
    }
    QTextStream(stderr) << "shot_inspect: cannot write " << path << "\n";
    return false;
}

/// The proxy row of a message received more than once, or -1. The one received last is
/// likely to stay in the table while the picture is taken (it has the most processing left).
int rowReceivedAgain(const QTableView *table)
{
    int best = -1;
    qint64 latest = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const QModelIndex i = table->model()->index(r, QueuePeekModel::ReceivesColumn);
        if (i.data().toInt() < 2)
            continue;
        const qint64 visibleAt = table->model()
                                     ->index(r, QueuePeekModel::VisibleAtColumn)
                                     .data(QueuePeekModel::SortRole)
                                     .toLongLong();
        if (visibleAt > latest) {
            latest = visibleAt;
            best = r;
        }
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 2) {
        QTextStream(stderr) << "usage: shot_inspect OUTPUT_FOLDER\n";
        return 2;
    }
    const QDir out(QString::fromLocal8Bit(argv[1]));
    QDir().mkpath(out.absolutePath());
    // The window's remembered layout is not this program's business.
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    initUiResources();

    MainWindow window;
    QString error;
    if (!window.loadFile(QStringLiteral(FLOWLAB_SOURCE_DIR
                                        "/resources/examples/visibility-timeout-too-short.flowlab"),
                         &error)) {
        QTextStream(stderr) << "shot_inspect: " << error << "\n";
        return 1;
    }
    window.resize(1600, 1000);
    window.show();
    window.scene()->selectIds({kQueue});
    window.queuePeekDock()->show();
    window.runController()->setSpeed(2);
    window.runController()->run();
    RunController *run = window.runController();
    if (!waitFor([&] { return run->lastFrame() && run->lastFrame()->time >= kRunFor; }, 60000)) {
        QTextStream(stderr) << "shot_inspect: the run did not reach 20 s\n";
        return 1;
    }
    window.runController()->setSpeed(1);

    // A message received more than once, chosen in the table as a person would.
    QTableView *table = window.queuePeek()->table();
    int row = -1;
    if (!waitFor([&] { return (row = rowReceivedAgain(table)) >= 0; }, 20000)) {
        QTextStream(stderr) << "shot_inspect: no message was received twice\n";
        return 1;
    }
    const QModelIndex index = table->model()->index(row, 0);
    table->selectionModel()->select(index,
                                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->scrollTo(index);
    pump(50);
    if (!save(window, out.filePath(QStringLiteral("peek.png"))))
        return 1;

    // Its passport.
    emit table->clicked(index);
    if (!waitFor([&] { return window.passport()->table()->rowCount() > 3; }, 10000)) {
        QTextStream(stderr) << "shot_inspect: the passport stayed empty\n";
        return 1;
    }
    pump(50);
    return save(window, out.filePath(QStringLiteral("passport.png"))) ? 0 : 1;
}
