#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QMenu>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace flowlab {

namespace {

QString plainText(const QString &menuText)
{
    QString text = menuText;
    text.remove(QLatin1Char('&'));
    if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

void addRow(QString &html, const QString &what, const QString &keys)
{
    html += QStringLiteral("<tr><td style='padding: 2px 24px 2px 8px'>%1</td>"
                           "<td style='padding: 2px 8px'><b>%2</b></td></tr>")
                .arg(what.toHtmlEscaped(), keys.toHtmlEscaped());
}

// Rows of one menu, submenus included.
void addMenu(QString &html, const QMenu *menu)
{
    for (const QAction *action : menu->actions()) {
        if (action->menu()) {
            addMenu(html, action->menu());
            continue;
        }
        if (action->isSeparator() || action->shortcuts().isEmpty())
            continue;
        QStringList keys;
        for (const QKeySequence &k : action->shortcuts())
            keys.append(k.toString(QKeySequence::NativeText));
        const QVariant sheetText = action->property(ShortcutsDialog::kSheetTextProperty);
        addRow(html,
               sheetText.isValid() ? sheetText.toString() : plainText(action->text()),
               keys.join(QStringLiteral("  or  ")));
    }
}

} // namespace

ShortcutsDialog::ShortcutsDialog(const QList<QMenu *> &menus, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    auto *browser = new QTextBrowser(this);
    browser->setObjectName(QStringLiteral("shortcutsSheet"));
    browser->setHtml(html(menus));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(buttons);
    resize(520, 720);
}

QString ShortcutsDialog::html(const QList<QMenu *> &menus)
{
    QString html = QStringLiteral("<table cellspacing='0'>");
    auto section = [&html](const QString &title) {
        html += QStringLiteral("<tr><td colspan='2' style='padding: 12px 8px 4px 8px'>"
                               "<big><b>%1</b></big></td></tr>")
                    .arg(title.toHtmlEscaped());
    };
    for (const QMenu *menu : menus) {
        section(plainText(menu->title()));
        addMenu(html, menu);
    }
    section(tr("Canvas"));
    addRow(html, tr("Add a node"), tr("Drag it from the palette, or double-click it there"));
    addRow(html, tr("Link two nodes"), tr("Drag from a node's handle to the other node"));
    addRow(html, tr("Select several"), tr("Drag a rubber band, or Ctrl+click"));
    addRow(html, tr("Move the selection"), tr("Drag a selected node"));
    addRow(html, tr("Pan"), tr("Space+drag, or drag with the middle button"));
    addRow(html, tr("Zoom"), tr("Mouse wheel"));
    addRow(html, tr("A message's passport"), tr("Click a moving token, or a row of Queue Messages"));
    html += QStringLiteral("</table>");
    return html;
}

} // namespace flowlab
