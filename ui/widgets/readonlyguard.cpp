#include "ui/widgets/readonlyguard.h"

#include "core/workspace/workspace.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QWidget>

namespace quorum {

namespace {

/** Turns a control off again whenever something turns it on (selection handlers, refreshes). */
class KeepDisabled : public QObject {
public:
    explicit KeepDisabled(QObject *parent)
        : QObject(parent)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::EnabledChange) {
            auto *widget = static_cast<QWidget *>(watched);
            if (widget->isEnabled())
                widget->setEnabled(false);
        }
        return QObject::eventFilter(watched, event);
    }
};

bool makeReadOnly(QWidget *widget)
{
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->setReadOnly(true);
    else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
        plain->setReadOnly(true);
    else if (auto *rich = qobject_cast<QTextEdit *>(widget))
        rich->setReadOnly(true);
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(widget))
        spin->setReadOnly(true);
    else
        return false;
    return true;
}

} // namespace

QString readOnlyReason()
{
    return QObject::tr("This file is read-only: nothing in it can be changed. Save a copy (File > Save a Copy) to "
                       "edit.");
}

void markAsEditControl(QWidget *widget, const Workspace *workspace)
{
    if (!widget || !workspace || !workspace->isReadOnly())
        return;
    widget->setToolTip(readOnlyReason());
    if (makeReadOnly(widget))
        return;
    widget->setEnabled(false);
    widget->installEventFilter(new KeepDisabled(widget));
}

void markAsEditAction(QAction *action, const Workspace *workspace)
{
    if (!action || !workspace || !workspace->isReadOnly())
        return;
    action->setEnabled(false);
    action->setToolTip(readOnlyReason());
    action->setStatusTip(readOnlyReason());
    // QUndoStack's actions turn themselves on when there is something to undo: keep them off.
    QObject::connect(action, &QAction::changed, action, [action] {
        if (action->isEnabled())
            action->setEnabled(false);
    });
}

} // namespace quorum
