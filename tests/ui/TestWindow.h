#pragma once

// Shared by the window's GUI tests: a MainWindow whose dialogs are answered by the test,
// and helpers to drive it.

#include "BundledExamples.h"
#include "MainWindow.h"
#include "UiResources.h"
#include "document/DiagramDocument.h"
#include "io/DiagramFile.h"

#include <QAction>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

namespace flowlab::test {

// A window whose dialogs are answered by the test.
class TestWindow : public MainWindow
{
public:
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    int asked = 0;
    QString nextOpen;
    QString nextSave;
    QStringList warnings;

protected:
    QMessageBox::StandardButton askToSave() override
    {
        ++asked;
        return answer;
    }
    QString askOpenFileName() override { return nextOpen; }
    QString askSaveFileName(const QString &, const QString &, const QString &) override
    {
        return nextSave;
    }
    void showWarning(const QString &, const QString &text) override { warnings.append(text); }
};

inline const QString kExamples = QStringLiteral(FLOWLAB_SOURCE_DIR "/resources/examples/");

inline QByteArray bytes(const MainWindow &w)
{
    return DiagramFile::write(w.document()->diagram());
}

inline void trigger(MainWindow &w, const char *name)
{
    auto *action = w.findChild<QAction *>(QString::fromLatin1(name));
    QVERIFY2(action, name);
    QVERIFY2(action->isEnabled(), name);
    action->trigger();
}

// Node ids of the video-processing example.
constexpr int kProducer = 1;
constexpr int kQueue = 2;
constexpr int kConsumers = 3;
constexpr int kDlq = 4;

// producer -> queue -> consumers, ids 1..3; links 4, 5.
inline Diagram smallDiagram()
{
    Diagram d;
    Node p;
    p.id = 1;
    p.kind = NodeKind::Producer;
    p.name = QStringLiteral("producer");
    p.settings.insert(QStringLiteral("rate"), 50.0);
    Node q;
    q.id = 2;
    q.kind = NodeKind::SqsQueue;
    q.name = QStringLiteral("queue");
    q.position = QPointF(250, 0);
    Node c;
    c.id = 3;
    c.kind = NodeKind::ConsumerGroup;
    c.name = QStringLiteral("consumers");
    c.position = QPointF(500, 0);
    d.nodes = {p, q, c};
    d.links = {Link{4, 1, 2, LinkKind::Flow}, Link{5, 2, 3, LinkKind::Flow}};
    return d;
}

/// Settings (recent files, geometry) in a throw-away folder, resources registered. Call
/// from initTestCase(), before anything reads QSettings.
inline void initEnvironment(const QTemporaryDir &config, const char *testName)
{
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowlabTest"));
    QCoreApplication::setApplicationName(QString::fromLatin1(testName));
    initUiResources();
    BundledExamples::initResources();
}

} // namespace flowlab::test
