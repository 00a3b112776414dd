// The inspector: pages built from the property schema, edits as undo steps (a slider drag
// is one), refusals shown under the field, and the document's changes shown back.
//
// Dialogs are answered by TestWindow (TestWindow.h), never shown.

#include "TestWindow.h"

#include "MainWindow.h"
#include "RecentFiles.h"
#include "RunController.h"
#include "ShortcutsDialog.h"
#include "SpeedComboBox.h"
#include "canvas/DiagramScene.h"
#include "canvas/LinkItem.h"
#include "document/DiagramDocument.h"
#include "inspector/DurationSpinBox.h"
#include "inspector/InspectorWidget.h"
#include "inspector/NodePage.h"
#include "inspector/PropertyEditor.h"
#include "io/DiagramFile.h"
#include "runner/SimulationRunner.h"

#include <functional>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QUndoStack>

#include <functional>

using namespace flowlab;
using namespace flowlab::test;

class TestInspector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void inspectorFollowsSelection();
    void inspectorEditorsFromSchema();
    void clientPageExplainsItself();
    void inspectorRefusalShownInline();
    void inspectorFollowsUndo();
    void sliderDragIsOneUndoStep();
    void durationText_data();
    void durationText();
    void durationTyped_data();
    void durationTyped();
    void durationSteps();
    void retentionReadsInDays();

private:
    QTemporaryDir m_config;
};

void TestInspector::initTestCase()
{
    QVERIFY(m_config.isValid());
    initEnvironment(m_config, "tst_inspector");
}

void TestInspector::init()
{
    QSettings().clear();
}

void TestInspector::inspectorFollowsSelection()
{
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    InspectorWidget *inspector = w.inspector();
    auto *placeholder = inspector->findChild<QLabel *>(QStringLiteral("inspectorPlaceholder"));
    QVERIFY(placeholder);
    QCOMPARE(placeholder->text(), QStringLiteral("Select a node to see its settings"));
    QVERIFY(!inspector->currentPage());

    w.scene()->selectIds({kConsumers});
    QCOMPARE(inspector->nodeId(), kConsumers);
    QCOMPARE(inspector->currentPage()->kind(), NodeKind::ConsumerGroup);
    QCOMPARE(inspector->currentPage()->nameEdit()->text(), QStringLiteral("back-end"));

    w.scene()->selectIds({kQueue, kDlq});
    QCOMPARE(inspector->nodeId(), 0);
    QVERIFY(!inspector->currentPage());

    w.scene()->selectIds({kDlq});
    QCOMPARE(inspector->nodeId(), kDlq);
    NodePage *queuePage = inspector->currentPage();
    w.scene()->selectIds({kQueue});
    QCOMPARE(inspector->currentPage(), queuePage); // one page per kind, reused
    QCOMPARE(queuePage->findChild<QSpinBox *>(QStringLiteral("visibilityTimeout"))->value(), 120);

    // Deleting the node shown brings back the hint.
    trigger(w, "actionDelete");
    QCOMPARE(inspector->nodeId(), 0);
}

void TestInspector::clientPageExplainsItself()
{
    // An AWS client node (flowlab --serve) has no settings: its page names it and says what
    // it is rather than showing an empty form.
    TestWindow w;
    Diagram d = smallDiagram();
    d.nodes.append(Node{30000, NodeKind::SqsClient, QStringLiteral("AKIDEXAMPLE"), {}, {}});
    w.document()->reset(d, QString());
    w.scene()->selectIds({30000});
    NodePage *page = w.inspector()->currentPage();
    QVERIFY(page);
    QCOMPARE(page->kind(), NodeKind::SqsClient);
    QCOMPARE(page->nameEdit()->text(), QStringLiteral("AKIDEXAMPLE"));
    QVERIFY(page->findChildren<PropertyEditor *>().isEmpty());
    auto *about = page->findChild<QLabel *>(QStringLiteral("clientAbout"));
    QVERIFY(about);
    QVERIFY(about->text().startsWith(QStringLiteral("A real client of the local SQS endpoint")));
    // The other kinds' pages have no such text.
    w.scene()->selectIds({2});
    QVERIFY(!w.inspector()->currentPage()->findChild<QLabel *>(QStringLiteral("clientAbout")));
}

void TestInspector::inspectorEditorsFromSchema()
{
    TestWindow w;
    w.document()->reset(smallDiagram(), QString());
    for (const Node &n : smallDiagram().nodes) {
        w.scene()->selectIds({n.id});
        NodePage *page = w.inspector()->currentPage();
        QVERIFY(page);
        for (const PropertyDef &def : PropertySchema::forKind(n.kind).properties()) {
            PropertyEditor *editor = page->editor(def.key);
            QVERIFY2(editor, qPrintable(def.key));
            QWidget *field = editor->editorWidget();
            // The tooltip; a greyed-out setting adds why it does not apply.
            QVERIFY2(field->toolTip().startsWith(def.toolTip), qPrintable(def.key));
            QCOMPARE(editor->value(), n.setting(def.key));
            QLabel *label = page->label(def.key);
            if (def.type == PropertyDef::Type::Bool) {
                QVERIFY(!label); // the check box carries it
            } else {
                QVERIFY2(label, qPrintable(def.key));
                QCOMPARE(label->text(), def.label);
                QCOMPARE(label->toolTip(), field->toolTip());
            }
            switch (def.type) {
            case PropertyDef::Type::Bool:
                QVERIFY(qobject_cast<QCheckBox *>(field));
                QCOMPARE(qobject_cast<QCheckBox *>(field)->text(), def.label);
                break;
            case PropertyDef::Type::Int: {
                auto *spin = qobject_cast<QSpinBox *>(field);
                QVERIFY(spin);
                QCOMPARE(spin->minimum(), int(def.minimum));
                QCOMPARE(spin->maximum(), int(def.maximum));
                if (PropertyEditor::isDuration(def)) // "4 d", "30 s": the units are in the text
                    QVERIFY(qobject_cast<DurationSpinBox *>(spin) && spin->suffix().isEmpty());
                else
                    QCOMPARE(spin->suffix(), def.unit.isEmpty() ? QString() : " " + def.unit);
                break;
            }
            case PropertyDef::Type::Double: {
                auto *spin = qobject_cast<QDoubleSpinBox *>(field);
                QVERIFY(spin);
                QCOMPARE(spin->minimum(), def.minimum);
                QCOMPARE(spin->maximum(), def.maximum);
                if (PropertyEditor::isDuration(def)) // "4 d", "30 s": the units are in the text
                    QVERIFY(qobject_cast<DurationSpinBox *>(spin) && spin->suffix().isEmpty());
                else
                    QCOMPARE(spin->suffix(), def.unit.isEmpty() ? QString() : " " + def.unit);
                break;
            }
            case PropertyDef::Type::Enum: {
                auto *combo = qobject_cast<QComboBox *>(field);
                QVERIFY(combo);
                QCOMPARE(combo->count(), def.choices.size());
                for (int i = 0; i < def.choices.size(); ++i)
                    QCOMPARE(combo->itemData(i).toString(), def.choices.at(i));
                break;
            }
            case PropertyDef::Type::String:
                QVERIFY(qobject_cast<QLineEdit *>(field));
                break;
            }
        }
    }
    // Settings that do not apply are greyed out, and come back when they do.
    w.scene()->selectIds({1});
    PropertyEditor *spikeRate = w.inspector()->currentPage()->editor(QStringLiteral("spikeRate"));
    QVERIFY(!spikeRate->isEnabled()); // the pattern is Poisson
    w.document()->setNodeSetting(1, QStringLiteral("pattern"), QStringLiteral("spike"), false);
    QVERIFY(spikeRate->isEnabled());
    w.scene()->selectIds({2});
    NodePage *queue = w.inspector()->currentPage();
    QVERIFY(!queue->editor(QStringLiteral("deduplicationScope"))->isEnabled());
    QVERIFY(queue->editor(QStringLiteral("duplicateDeliveryProbability"))->isEnabled());
    QVERIFY(queue->editor(QStringLiteral("outOfOrderProbability"))->isEnabled());
    // A FIFO queue keeps order and delivers once: those two are greyed out.
    w.document()->setNodeSetting(2, QStringLiteral("fifo"), true, false);
    QVERIFY(!queue->editor(QStringLiteral("duplicateDeliveryProbability"))->isEnabled());
    QVERIFY(!queue->editor(QStringLiteral("outOfOrderProbability"))->isEnabled());
    w.document()->setNodeSetting(2, QStringLiteral("fifo"), false, false);
    QVERIFY(queue->editor(QStringLiteral("outOfOrderProbability"))->isEnabled());
    // The advanced settings are folded until asked for.
    QVERIFY(!queue->isAdvancedShown());
    queue->setAdvancedShown(true);
    QVERIFY(queue->isAdvancedShown());

    QCOMPARE(PropertyEditor::choiceText(QStringLiteral("perMessageGroupId")),
             QStringLiteral("Per message group id"));
    QCOMPARE(PropertyEditor::choiceText(QStringLiteral("message-id")), QStringLiteral("Message id"));
}

void TestInspector::inspectorRefusalShownInline()
{
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    const QByteArray before = bytes(w);
    w.scene()->selectIds({kQueue});
    NodePage *page = w.inspector()->currentPage();
    auto *fifo = page->findChild<QCheckBox *>(QStringLiteral("fifo"));
    QVERIFY(fifo);
    QVERIFY(!fifo->isChecked());
    fifo->click(); // the queue has a dead-letter queue: refused
    QVERIFY(!fifo->isChecked());
    QVERIFY2(page->errorText(QStringLiteral("fifo")).contains(QStringLiteral("dead-letter")),
             qPrintable(page->errorText(QStringLiteral("fifo"))));
    QCOMPARE(bytes(w), before);
    QVERIFY(!w.document()->undoStack()->canUndo());

    // An empty name is refused too, and the old name comes back.
    QLineEdit *name = page->nameEdit();
    name->setText(QStringLiteral("   "));
    name->setModified(true);
    emit name->editingFinished();
    QVERIFY(!page->errorText(QStringLiteral("name")).isEmpty());
    QCOMPARE(name->text(), QStringLiteral("video-jobs"));

    // The next good edit clears the message.
    auto *timeout = page->findChild<QSpinBox *>(QStringLiteral("visibilityTimeout"));
    timeout->setValue(60);
    fifo->click();
    QVERIFY(!page->errorText(QStringLiteral("fifo")).isEmpty());
    w.scene()->selectIds({kDlq});
    QVERIFY(page->errorText(QStringLiteral("fifo")).isEmpty()); // another node: a clean page
}

void TestInspector::inspectorFollowsUndo()
{
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    w.scene()->selectIds({kConsumers});
    NodePage *page = w.inspector()->currentPage();
    auto *instances = page->findChild<QSpinBox *>(QStringLiteral("instances"));
    QCOMPARE(instances->value(), 10);
    QSignalSpy settingSpy(w.document(), &DiagramDocument::nodeSettingChanged);
    instances->setValue(12);
    instances->setValue(14); // a second step of the same gesture merges
    QCOMPARE(settingSpy.count(), 2);
    QCOMPARE(w.document()->undoStack()->count(), 1);
    trigger(w, "actionUndo");
    QCOMPARE(instances->value(), 10);
    // Showing the undone value did not push anything (no feedback loop).
    QCOMPARE(w.document()->undoStack()->count(), 1);
    QVERIFY(w.document()->undoStack()->canRedo());
    trigger(w, "actionRedo");
    QCOMPARE(instances->value(), 14);

    w.document()->renameNode(kConsumers, QStringLiteral("fleet"));
    QCOMPARE(page->nameEdit()->text(), QStringLiteral("fleet"));
    trigger(w, "actionUndo");
    QCOMPARE(page->nameEdit()->text(), QStringLiteral("back-end"));
}

void TestInspector::sliderDragIsOneUndoStep()
{
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    const QByteArray before = bytes(w);
    w.scene()->selectIds({kProducer});
    NodePage *page = w.inspector()->currentPage();
    auto *slider = page->findChild<QSlider *>(QStringLiteral("rateSlider"));
    QVERIFY(slider);
    auto *rate = page->findChild<QDoubleSpinBox *>(QStringLiteral("rate"));
    QCOMPARE(rate->value(), 20.0);
    slider->setSliderDown(true);
    for (int position = slider->value() + 10; position < slider->value() + 200; position += 10)
        slider->setValue(position);
    slider->setSliderDown(false);
    QCOMPARE(w.document()->undoStack()->count(), 1);
    const double dragged = w.document()->diagram().node(kProducer)->setting("rate").toDouble();
    QVERIFY(dragged > 20.0);
    QCOMPARE(rate->value(), dragged);
    trigger(w, "actionUndo");
    QCOMPARE(bytes(w), before);
    QCOMPARE(rate->value(), 20.0);
}

void TestInspector::durationText_data()
{
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0 << "0 s";
    QTest::newRow("seconds") << 45 << "45 s";
    QTest::newRow("minute") << 60 << "1 min";
    QTest::newRow("minutes and seconds") << 90 << "1 min 30 s";
    QTest::newRow("hours and minutes") << 5400 << "1 h 30 min";
    QTest::newRow("12 h (the visibility cap)") << 43200 << "12 h";
    QTest::newRow("4 d (the default retention)") << 345600 << "4 d";
    QTest::newRow("14 d (the longest retention)") << 1209600 << "14 d";
    QTest::newRow("every unit") << 90061 << "1 d 1 h 1 min 1 s";
}

void TestInspector::durationText()
{
    QFETCH(int, seconds);
    QFETCH(QString, text);
    QCOMPARE(DurationSpinBox::format(seconds), text);
    QCOMPARE(DurationSpinBox::parse(text), std::optional<int>(seconds));
}

void TestInspector::durationTyped_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<int>("seconds"); // -1: not a duration
    QTest::newRow("plain seconds") << "90" << 90;
    QTest::newRow("seconds") << "90 s" << 90;
    QTest::newRow("no spaces") << "2d3h" << 183600;
    QTest::newRow("decimal hours") << "1.5 h" << 5400;
    QTest::newRow("decimal comma") << "1,5 h" << 5400;
    QTest::newRow("words") << "2 days 1 hour" << 176400;
    QTest::newRow("m for minutes") << "10m" << 600;
    QTest::newRow("upper case") << "4 D" << 345600;
    QTest::newRow("empty") << "" << -1;
    QTest::newRow("a word") << "soon" << -1;
    QTest::newRow("unit alone") << "h" << -1;
    QTest::newRow("negative") << "-5 s" << -1;
}

void TestInspector::durationTyped()
{
    QFETCH(QString, typed);
    QFETCH(int, seconds);
    QCOMPARE(DurationSpinBox::parse(typed),
             seconds < 0 ? std::optional<int>() : std::optional<int>(seconds));
}

void TestInspector::durationSteps()
{
    DurationSpinBox spin;
    spin.setRange(60, 1209600);
    spin.setValue(4800); // 1 h 20 min
    spin.stepBy(1);
    QCOMPARE(spin.value(), 7200); // 2 h
    spin.setValue(4800);
    spin.stepBy(-1);
    QCOMPARE(spin.value(), 3600); // 1 h
    spin.stepBy(-1);
    QCOMPARE(spin.value(), 3540); // 59 min
    spin.setValue(345600);
    spin.stepBy(1);
    QCOMPARE(spin.value(), 432000); // 5 d
    spin.stepBy(-2);
    QCOMPARE(spin.value(), 259200); // 3 d
    spin.setValue(1209600);
    spin.stepBy(1);
    QCOMPARE(spin.value(), 1209600); // the maximum holds
    spin.setValue(90);
    spin.stepBy(-5);
    QCOMPARE(spin.value(), 60); // the minimum holds
    QCOMPARE(spin.text(), QStringLiteral("1 min"));
}

void TestInspector::retentionReadsInDays()
{
    TestWindow w;
    QVERIFY(w.loadFile(QStringLiteral(":/examples/video-processing.flowlab")));
    w.scene()->selectIds({2});
    NodePage *page = w.inspector()->currentPage();
    auto *retention = page->findChild<QSpinBox *>(QStringLiteral("messageRetentionPeriod"));
    QVERIFY(qobject_cast<DurationSpinBox *>(retention));
    QCOMPARE(
        retention->value(),
        w.document()->diagram().node(2)->setting(QStringLiteral("messageRetentionPeriod")).toInt());
    QCOMPARE(retention->text(), DurationSpinBox::format(retention->value()));
    // Typed in days: the document gets the seconds.
    retention->selectAll();
    QTest::keyClicks(retention, QStringLiteral("2 d"));
    QTest::keyClick(retention, Qt::Key_Return);
    QCOMPARE(
        w.document()->diagram().node(2)->setting(QStringLiteral("messageRetentionPeriod")).toInt(),
        172800);
    QCOMPARE(retention->text(), QStringLiteral("2 d"));
    // Short settings in seconds keep the plain spin box with its unit.
    auto *delay = page->findChild<QSpinBox *>(QStringLiteral("delaySeconds"));
    QVERIFY(!qobject_cast<DurationSpinBox *>(delay));
    QCOMPARE(delay->suffix(), QStringLiteral(" s"));
}

QTEST_MAIN(TestInspector)
#include "tst_inspector.moc"
