// The inspection docks: the peek table (states, live updates keeping selection and sort,
// filters, empty states), the passport, token hit testing, the node tooltip and the
// window's wiring.

#include "../runner/InspectionScenario.h"
#include "RunController.h"
#include "TestWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/NodeText.h"
#include "canvas/TokenLayer.h"
#include "inspection/PassportWidget.h"
#include "inspection/PeekFilterModel.h"
#include "inspection/QueuePeekModel.h"
#include "inspection/QueuePeekWidget.h"
#include "runner/SimulationRunner.h"
#include "sim/SqsService.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QGraphicsSceneMouseEvent>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>

using namespace flowlab;

Q_DECLARE_METATYPE(QVector<flowlab::Counter>)
using flowlab::test::InspectionScenario;

class TestInspection : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void peekTableFollowsTheScenario();
    void liveUpdatesKeepSelectionAndSort();
    void filtersByStateAndText();
    void emptyStates();
    void passportListsThreeReceives();
    void tokenHitTesting();
    void clickOnATokenAsksForItsPassport();
    void queueToolTip_data();
    void queueToolTip();
    void windowWiresTheDocks();

private:
    static std::shared_ptr<QueuePeek> peekOf(int node,
                                             SimTime time,
                                             std::initializer_list<PeekRow> rows)
    {
        auto p = std::make_shared<QueuePeek>();
        p->nodeId = node;
        p->time = time;
        p->rows = rows;
        p->total = p->rows.size();
        return p;
    }
    static PeekRow row(
        quint64 id, PeekState state, int receives = 0, SimTime sent = 0, SimTime visibleAt = -1)
    {
        PeekRow r;
        r.message = id;
        r.state = state;
        r.receiveCount = receives;
        r.sentAt = sent;
        r.visibleAt = visibleAt;
        return r;
    }
    /// The frames of a runner, in order.
    static FramePtr frameAt(const QSignalSpy &spy, int i)
    {
        return spy.at(i).at(0).value<FramePtr>();
    }
};

void TestInspection::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestInspection::peekTableFollowsTheScenario()
{
    // Step the scripted scenario one event at a time; the widget shows every frame.
    Diagram d = InspectionScenario::diagram();
    DiagramDocument doc;
    doc.reset(d, QString());
    QueuePeekWidget widget(&doc);
    widget.setQueue(InspectionScenario::kQueue);

    SimulationRunner runner;
    QSignalSpy frames(&runner, &SimulationRunner::frameReady);
    runner.setPeekQueue(InspectionScenario::kQueue);
    runner.load(d);
    QTRY_COMPARE(frames.size(), 1);
    QStringList states;
    QList<int> receives;
    int shown = 0;
    for (int i = 0; i < 400; ++i) {
        runner.step();
        QTRY_COMPARE(frames.size(), i + 2);
        const FramePtr f = frameAt(frames, i + 1);
        widget.showFrame(f);
        QueuePeekModel *model = widget.model();
        QString state = QStringLiteral("gone");
        if (model->rowCount() == 1) {
            QCOMPARE(model->index(0, QueuePeekModel::IdColumn).data().toString(),
                     QStringLiteral("m-1"));
            state = model->index(0, QueuePeekModel::StateColumn).data().toString();
            receives.append(model->index(0, QueuePeekModel::ReceivesColumn).data().toInt());
            ++shown;
            if (state == QLatin1String("in flight")) {
                // Visible again when the 2-second visibility timeout ends.
                const SimTime at = model->peek()->rows[0].visibleAt;
                QCOMPARE(model->index(0, QueuePeekModel::VisibleAtColumn).data().toString(),
                         RunController::formatClock(at));
            } else {
                QCOMPARE(model->index(0, QueuePeekModel::VisibleAtColumn).data().toString(),
                         QStringLiteral("now"));
            }
        }
        if (state == QLatin1String("gone") && states.isEmpty())
            continue;
        if (states.isEmpty() || states.last() != state)
            states.append(state);
        if (f->time > 8 * kSecond)
            break;
    }
    QCOMPARE(states, InspectionScenario::expectedStates());
    QVERIFY(shown > 0);
    QCOMPARE(receives.first(), 0);
    QCOMPARE(receives.last(), 3);
    QCOMPARE(widget.placeholderText(), QStringLiteral("The queue is empty."));

    // The DLQ holds it now, received three times.
    widget.setQueue(InspectionScenario::kDlq);
    runner.setPeekQueue(InspectionScenario::kDlq);
    QTRY_VERIFY(frameAt(frames, int(frames.size()) - 1)->peek
                && frameAt(frames, int(frames.size()) - 1)->peek->nodeId
                       == InspectionScenario::kDlq);
    widget.showFrame(frameAt(frames, int(frames.size()) - 1));
    QCOMPARE(widget.model()->rowCount(), 1);
    QCOMPARE(widget.model()->index(0, QueuePeekModel::StateColumn).data().toString(),
             QStringLiteral("visible"));
    QCOMPARE(widget.model()->index(0, QueuePeekModel::ReceivesColumn).data().toInt(), 3);
    QCOMPARE(widget.statusText(), QStringLiteral("orders-dlq · 1 message"));
}

void TestInspection::liveUpdatesKeepSelectionAndSort()
{
    DiagramDocument doc;
    QueuePeekWidget widget(&doc);
    widget.setQueue(2);
    QSignalSpy resets(widget.model(), &QAbstractItemModel::modelReset);
    widget.model()->setPeek(peekOf(2,
                                   10 * kSecond,
                                   {row(1, PeekState::Visible, 0, 1 * kSecond),
                                    row(2, PeekState::Visible, 0, 2 * kSecond),
                                    row(3, PeekState::Visible, 0, 3 * kSecond)}));
    QTableView *table = widget.table();
    table->sortByColumn(QueuePeekModel::AgeColumn, Qt::AscendingOrder); // youngest first
    auto idAt = [&](int r) { return table->model()->index(r, 0).data().toString(); };
    QCOMPARE(idAt(0), QStringLiteral("m-3"));
    QCOMPARE(table->model()->index(0, QueuePeekModel::AgeColumn).data().toString(),
             QStringLiteral("7.0 s"));
    table->selectRow(1); // m-2
    QCOMPARE(table->selectionModel()->selectedRows().first().data().toString(),
             QStringLiteral("m-2"));

    // m-1 deleted, m-2 received, m-4 arrives: updated in place, no reset.
    widget.model()->setPeek(peekOf(2,
                                   11 * kSecond,
                                   {row(2, PeekState::InFlight, 1, 2 * kSecond, 41 * kSecond),
                                    row(3, PeekState::Visible, 0, 3 * kSecond),
                                    row(4, PeekState::Visible, 0, 11 * kSecond)}));
    QCOMPARE(resets.size(), 1); // the first peek of the queue only
    QCOMPARE(table->model()->rowCount(), 3);
    QCOMPARE(idAt(0), QStringLiteral("m-4"));
    QCOMPARE(idAt(1), QStringLiteral("m-3"));
    QCOMPARE(idAt(2), QStringLiteral("m-2"));
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data().toString(), QStringLiteral("m-2"));
    QCOMPARE(selected.first().siblingAtColumn(QueuePeekModel::StateColumn).data().toString(),
             QStringLiteral("in flight"));
    QCOMPARE(selected.first().siblingAtColumn(QueuePeekModel::VisibleAtColumn).data().toString(),
             QStringLiteral("0:00:41.000"));

    // A click asks for the passport of that message.
    QSignalSpy activated(&widget, &QueuePeekWidget::messageActivated);
    emit table->clicked(selected.first());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toULongLong(), quint64(2));
}

void TestInspection::filtersByStateAndText()
{
    DiagramDocument doc;
    QueuePeekWidget widget(&doc);
    widget.setQueue(2);
    auto peek = peekOf(2,
                       5 * kSecond,
                       {row(1, PeekState::Visible),
                        row(2, PeekState::InFlight, 1, 0, 9 * kSecond),
                        row(3, PeekState::Delayed, 0, 0, 7 * kSecond),
                        row(12, PeekState::InFlight, 2, 0, 8 * kSecond)});
    peek->rows[0].group = QStringLiteral("customer-7");
    peek->fifo = true;
    widget.model()->setPeek(peek);
    PeekFilterModel *proxy = widget.proxy();
    QCOMPARE(proxy->rowCount(), 4);
    QVERIFY(!widget.table()->isColumnHidden(QueuePeekModel::GroupColumn));

    proxy->setStateFilter(PeekState::InFlight);
    QCOMPARE(proxy->rowCount(), 2);
    proxy->setTextFilter(QStringLiteral("M-1"));
    QCOMPARE(proxy->rowCount(), 1); // m-12, not m-2
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("m-12"));
    proxy->setStateFilter(std::nullopt);
    QCOMPARE(proxy->rowCount(), 2); // m-1 and m-12
    proxy->setTextFilter(QStringLiteral("customer"));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(proxy->index(0, 0).data().toString(), QStringLiteral("m-1"));
    proxy->setTextFilter(QStringLiteral("in")); // state text is not searched
    QCOMPARE(proxy->rowCount(), 0);

    // Through the widgets, with the status saying how many match.
    auto *filter = widget.findChild<QLineEdit *>(QStringLiteral("peekFilter"));
    auto *states = widget.findChild<QComboBox *>(QStringLiteral("peekStateFilter"));
    filter->setText(QStringLiteral("m-3"));
    QCOMPARE(proxy->rowCount(), 1);
    states->setCurrentIndex(states->findText(QStringLiteral("delayed")));
    QCOMPARE(proxy->rowCount(), 1);
    QCOMPARE(widget.statusText(), QStringLiteral("node 2 · 4 messages · 1 match the filter"));
}

void TestInspection::emptyStates()
{
    Diagram d = InspectionScenario::diagram();
    DiagramDocument doc;
    doc.reset(d, QString());
    QueuePeekWidget widget(&doc);
    QSignalSpy changed(&widget, &QueuePeekWidget::queueChanged);
    QCOMPARE(widget.placeholderText(),
             QStringLiteral("Select a queue on the canvas to see its messages."));
    widget.setQueue(InspectionScenario::kQueue);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toInt(), InspectionScenario::kQueue);
    QCOMPARE(widget.placeholderText(),
             QStringLiteral("Run the simulation to see the messages in orders."));
    widget.showFrame(std::make_shared<Frame>()); // a frame without a peek of ours
    QVERIFY(!widget.placeholderText().isEmpty());
    auto f = std::make_shared<Frame>();
    f->peek = peekOf(InspectionScenario::kQueue, 0, {});
    widget.showFrame(f);
    QCOMPARE(widget.placeholderText(), QStringLiteral("The queue is empty."));
    auto capped = std::make_shared<Frame>();
    auto peek = peekOf(InspectionScenario::kQueue, 0, {row(1, PeekState::Visible)});
    peek->total = 2500;
    capped->peek = peek;
    widget.showFrame(capped);
    QCOMPARE(widget.placeholderText(), QString());
    QCOMPARE(widget.statusText(),
             QStringLiteral("orders · %1 messages · showing the 1 oldest")
                 .arg(QLocale().toString(2500)));
    widget.showFrame(nullptr); // Reset
    QCOMPARE(widget.placeholderText(),
             QStringLiteral("Run the simulation to see the messages in orders."));
}

void TestInspection::passportListsThreeReceives()
{
    Diagram d = InspectionScenario::diagram();
    DiagramDocument doc;
    doc.reset(d, QString());
    PassportWidget widget(&doc);
    QSignalSpy changed(&widget, &PassportWidget::messageChanged);
    QCOMPARE(widget.titleText(), QStringLiteral("No message chosen"));

    SimulationRunner runner;
    QSignalSpy frames(&runner, &SimulationRunner::frameReady);
    widget.showMessage(1);
    QCOMPARE(changed.size(), 1);
    runner.setPassportMessage(1);
    runner.load(d);
    runner.setSpeed(0);
    runner.setRunUntil(20 * kSecond);
    runner.start();
    QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty() && frameAt(frames, int(frames.size()) - 1)->finished,
                             30000);
    widget.showFrame(frameAt(frames, int(frames.size()) - 1));
    QCOMPARE(widget.titleText(),
             QStringLiteral("Message m-1 · SQS MessageId %1").arg(SqsService::messageIdText(1)));
    QCOMPARE(widget.noteText(), QString());

    QTableWidget *t = widget.table();
    auto text = [&](int r, int c) { return t->item(r, c)->text(); };
    const QStringList events = {"Sent",
                                "Received",
                                "Processing started",
                                "Worker crashed",
                                "Visibility timeout expired",
                                "Received",
                                "Processing started",
                                "Worker crashed",
                                "Visibility timeout expired",
                                "Received",
                                "Processing started",
                                "Worker crashed",
                                "Visibility timeout expired",
                                "Moved to the DLQ"};
    QCOMPARE(t->rowCount(), events.size());
    QStringList seen;
    for (int r = 0; r < t->rowCount(); ++r)
        seen.append(text(r, PassportWidget::EventColumn));
    QCOMPARE(seen, events);
    // Sent by checkout at 1 s; received by workers at 1, 3 and 5 s, each with its handle and
    // hidden for 2 s; moved to orders-dlq at 7 s.
    QCOMPARE(text(0, PassportWidget::TimeColumn), QStringLiteral("0:00:01.000"));
    QCOMPARE(text(0, PassportWidget::WhereColumn), QStringLiteral("orders"));
    QCOMPARE(text(0, PassportWidget::DetailColumn), QStringLiteral("by checkout"));
    const int receivedRows[] = {1, 5, 9};
    QStringList handles;
    for (int i = 0; i < 3; ++i) {
        const int r = receivedRows[i];
        QCOMPARE(text(r, PassportWidget::TimeColumn),
                 RunController::formatClock((1 + 2 * i) * kSecond));
        QCOMPARE(text(r, PassportWidget::DetailColumn), QStringLiteral("by workers"));
        QCOMPARE(text(r, PassportWidget::ReceivesColumn), QString::number(i + 1));
        QCOMPARE(text(r, PassportWidget::VisibleAtColumn),
                 RunController::formatClock((3 + 2 * i) * kSecond));
        QVERIFY(text(r, PassportWidget::HandleColumn).startsWith(QLatin1String("AQEB")));
        handles.append(text(r, PassportWidget::HandleColumn));
    }
    QCOMPARE(QSet<QString>(handles.begin(), handles.end()).size(), 3);
    QCOMPARE(text(2, PassportWidget::WhereColumn), QStringLiteral("workers"));
    QCOMPARE(text(2, PassportWidget::DetailColumn), QStringLiteral("worker 1, for 1.0 s"));
    QCOMPARE(text(13, PassportWidget::TimeColumn), QStringLiteral("0:00:07.000"));
    QCOMPARE(text(13, PassportWidget::DetailColumn), QStringLiteral("to orders-dlq"));
    QCOMPARE(text(13, PassportWidget::ReceivesColumn), QStringLiteral("3"));

    // Reset: the entries go, the message stays chosen.
    widget.showFrame(nullptr);
    QCOMPARE(widget.noteText(), QStringLiteral("Run the simulation to see this message's life."));
    widget.showMessage(0);
    QCOMPARE(changed.size(), 2);
}

void TestInspection::tokenHitTesting()
{
    TokenLayer layer;
    layer.setTravelTime(100000); // slow enough not to move during the test
    layer.setRoute(1, 2, {QPointF(0, 0), QPointF(1000, 0)});
    TokenSpawn a{1, 2, 41, 0, 0, TraceKind::Sent};
    layer.addTokens({a});
    // Half-way along: 50 s into a 100 s trip.
    layer.addToken(1, 2, 0, TraceKind::Sent, 50000, 42);
    QCOMPARE(layer.messageAt(QPointF(500, 3)), quint64(42));
    QCOMPARE(layer.messageAt(QPointF(2, 0)), quint64(41));
    QCOMPARE(layer.messageAt(QPointF(250, 0)), quint64(0));
    QCOMPARE(layer.messageAt(QPointF(500, 30)), quint64(0));
}

void TestInspection::clickOnATokenAsksForItsPassport()
{
    DiagramDocument doc;
    DiagramScene scene(&doc);
    const int producer = doc.addNode(NodeKind::Producer, QPointF(0, 0));
    const int queue = doc.addNode(NodeKind::SqsQueue, QPointF(400, 0));
    QVERIFY(scene.tryLink(producer, queue));
    TokenLayer *tokens = scene.tokenLayer();
    tokens->setTravelTime(1000000); // it stays half-way for the test's duration
    tokens->addToken(producer, queue, 0, TraceKind::Sent, 500000, 77);
    // Find the token: the only spot between the cards where it is within a pixel.
    QPointF at(-1, -1);
    for (int x = 0; x <= 400 && at.x() < 0; ++x) {
        for (int y = -60; y <= 60; ++y) {
            if (tokens->messageAt(QPointF(x, y), 1) == 77) {
                at = QPointF(x, y);
                break;
            }
        }
    }
    QVERIFY(at.x() > 100 && at.x() < 300);

    QSignalSpy clicked(&scene, &DiagramScene::tokenClicked);
    auto press = [&](QPointF pos, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QGraphicsSceneMouseEvent e(QEvent::GraphicsSceneMousePress);
        e.setScenePos(pos);
        e.setButton(Qt::LeftButton);
        e.setButtons(Qt::LeftButton);
        e.setModifiers(modifiers);
        QApplication::sendEvent(&scene, &e);
        QGraphicsSceneMouseEvent r(QEvent::GraphicsSceneMouseRelease);
        r.setScenePos(pos);
        r.setButton(Qt::LeftButton);
        QApplication::sendEvent(&scene, &r);
    };
    press(at + QPointF(3, 2));
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.first().first().toULongLong(), quint64(77));
    // A card is above the tokens; Ctrl+click is for selecting.
    press(QPointF(0, 0));
    press(at, Qt::ControlModifier);
    press(at + QPointF(0, 40));
    QCOMPARE(clicked.size(), 1);
}

void TestInspection::queueToolTip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QVector<Counter>>("counters");
    QTest::addColumn<QString>("summary");
    QTest::newRow("queue") << int(NodeKind::SqsQueue)
                           << QVector<Counter>{{QStringLiteral("visible"), 12},
                                               {QStringLiteral("inFlight"), 3},
                                               {QStringLiteral("delayed"), 0},
                                               {QStringLiteral("ageOfOldest"), 4.2}}
                           << QStringLiteral("Visible 12 · In flight 3 · Delayed 0 · Oldest 4.2 s");
    QTest::newRow("consumers") << int(NodeKind::ConsumerGroup)
                               << QVector<Counter>{{QStringLiteral("busy"), 3},
                                                   {QStringLiteral("workers"), 4},
                                                   {QStringLiteral("processed"), 1200},
                                                   {QStringLiteral("duplicates"), 2}}
                               << QStringLiteral("Busy 3 of 4 · Processed %1 · Duplicates 2")
                                      .arg(QLocale().toString(1200));
}

void TestInspection::queueToolTip()
{
    QFETCH(int, kind);
    QFETCH(QVector<Counter>, counters);
    QFETCH(QString, summary);
    Node node;
    node.id = 2;
    node.kind = NodeKind(kind);
    node.name = QStringLiteral("orders");
    QCOMPARE(NodeText::liveSummary(node, counters), summary);
    const QString live = NodeText::toolTip(node, counters);
    QVERIFY2(live.contains(summary.toHtmlEscaped()), qPrintable(live));
    QVERIFY(!live.contains(QLatin1String("Run the simulation")));
    const QString before = NodeText::toolTip(node, {});
    QVERIFY2(before.contains(QLatin1String("Run the simulation to see its live figures here.")),
             qPrintable(before));
    QVERIFY(before.contains(nodeKindDisplayName(node.kind)));
}

void TestInspection::windowWiresTheDocks()
{
    flowlab::test::TestWindow w;
    QVERIFY(w.loadFile(flowlab::test::kExamples
                       + QStringLiteral("visibility-timeout-too-short.flowlab")));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.queuePeekDock()->isVisible());
    QVERIFY(!w.passportDock()->isVisible());
    auto *toggle = w.queuePeekDock()->toggleViewAction();
    QCOMPARE(toggle->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+M")));

    // Selecting a queue makes the table follow it; a consumer leaves it.
    w.scene()->selectIds({2});
    QCOMPARE(w.queuePeek()->queue(), 2);
    w.scene()->selectIds({3});
    QCOMPARE(w.queuePeek()->queue(), 2);
    w.scene()->selectIds({4});
    QCOMPARE(w.queuePeek()->queue(), 4);
    w.scene()->selectIds({2});

    // Run a little with the table hidden: no peeks. Then shown: the table fills.
    RunController *run = w.runController();
    run->setSpeed(0);
    run->step();
    QTRY_VERIFY(run->lastFrame() && run->lastFrame()->eventsProcessed > 0);
    QVERIFY(!run->lastFrame()->peek);
    toggle->trigger();
    QVERIFY(w.queuePeekDock()->isVisible());
    run->run();
    QTRY_VERIFY_WITH_TIMEOUT(run->lastFrame() && run->lastFrame()->time > 20 * kSecond, 30000);
    run->pause();
    QTRY_VERIFY(w.queuePeek()->model()->peek() != nullptr);
    QCOMPARE(w.queuePeek()->model()->peek()->nodeId, 2);

    // A token clicked on the canvas opens its passport: complete, as the lives were recorded
    // since the table opened.
    emit w.scene()->tokenClicked(5);
    QVERIFY(w.passportDock()->isVisible());
    QCOMPARE(w.passport()->message(), quint64(5));
    QTRY_VERIFY(w.passport()->table()->rowCount() > 0);
    QCOMPARE(w.passport()->table()->item(0, PassportWidget::EventColumn)->text(),
             QStringLiteral("Sent"));
    QCOMPARE(w.passport()->noteText(), QString());

    // Both docks closed: the frames carry neither.
    w.queuePeekDock()->close();
    w.passportDock()->close();
    run->step();
    QTRY_VERIFY(run->lastFrame() && !run->lastFrame()->peek && !run->lastFrame()->passport);

    // A new document forgets both.
    w.newDocument();
    QCOMPARE(w.queuePeek()->queue(), 0);
    QCOMPARE(w.passport()->message(), quint64(0));
}

QTEST_MAIN(TestInspection)
#include "tst_inspection.moc"
