#pragma once

#include <QDialog>
#include <QList>

QT_BEGIN_NAMESPACE
class QMenu;
QT_END_NAMESPACE

namespace flowlab {

/// Help > Keyboard Shortcuts: every shortcut of the window's menus, read from the actions
/// themselves (so the sheet cannot drift from the keys), followed by the canvas's mouse and
/// keyboard gestures.
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    /// A QAction property with the text to list instead of the action's own, for actions
    /// whose text changes ("Undo Add producer", "Pause").
    static constexpr const char *kSheetTextProperty = "shortcutSheetText";

    ShortcutsDialog(const QList<QMenu *> &menus, QWidget *parent = nullptr);

    /// The sheet as HTML: one table section per menu.
    static QString html(const QList<QMenu *> &menus);
};

} // namespace flowlab
