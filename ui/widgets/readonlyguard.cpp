#include "ui/widgets/readonlyguard.h"

#include "core/workspace/workspace.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>
#include <QWidget>

#include <optional>

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

/** The read-only state of a text control, or nullopt for a control that has none (a button, a combo box). */
std::optional<bool> readOnlyState(QWidget *widget)
{
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        return line->isReadOnly();
    if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
        return plain->isReadOnly();
    if (auto *rich = qobject_cast<QTextEdit *>(widget))
        return rich->isReadOnly();
    if (auto *spin = qobject_cast<QAbstractSpinBox *>(widget))
        return spin->isReadOnly();
    return std::nullopt;
}

void setReadOnlyState(QWidget *widget, bool readOnly)
{
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->setReadOnly(readOnly);
    else if (auto *plain = qobject_cast<QPlainTextEdit *>(widget))
        plain->setReadOnly(readOnly);
    else if (auto *rich = qobject_cast<QTextEdit *>(widget))
        rich->setReadOnly(readOnly);
    else if (auto *spin = qobject_cast<QAbstractSpinBox *>(widget))
        spin->setReadOnly(readOnly);
}

/**
 * Locks an edit control of a record on a server while it cannot be used, and gives it back exactly as the
 * page wants it once it can: what the page asked for meanwhile (a selection enabling a button) is remembered,
 * not lost. Two reasons lock it: the connection to the server is lost (Workspace::connectionLost), or the
 * signed-in login's roles do not allow @p capability (Workspace::access; given or taken while the window is
 * open, accessChanged). The tooltip says why.
 */
class EditLock : public QObject {
public:
    EditLock(QWidget *widget, const Workspace *workspace, std::optional<Capability> capability)
        : QObject(widget)
        , m_widget(widget)
        , m_workspace(workspace)
        , m_capability(capability)
    {
        connect(workspace, &Workspace::connectionLost, this, &EditLock::update);
        connect(workspace, &Workspace::connectionRestored, this, &EditLock::update);
        connect(workspace, &Workspace::accessChanged, this, &EditLock::update);
        update();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (m_locked && !m_changing && watched == m_widget && event->type() == QEvent::EnabledChange) {
            // Only an explicit setEnabled(false) sets WA_ForceDisabled: what the page wants.
            m_wantedEnabled = !m_widget->testAttribute(Qt::WA_ForceDisabled);
            if (m_wantedEnabled)
                setEnabledQuietly(false);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    /** Why the control cannot be used now; empty when it can. */
    QString reason() const
    {
        if (m_workspace->isOffline())
            return offlineReason();
        return m_capability ? m_workspace->access().whyNot(*m_capability) : QString();
    }

    void update()
    {
        const QString why = reason();
        if (why.isEmpty()) {
            unlock();
            return;
        }
        lock();
        m_widget->setToolTip(why);
    }

    void lock()
    {
        if (m_locked)
            return;
        m_locked = true;
        m_toolTip = m_widget->toolTip();
        if (const std::optional<bool> readOnly = readOnlyState(m_widget)) {
            m_wasReadOnly = *readOnly;
            setReadOnlyState(m_widget, true);
            return;
        }
        m_wantedEnabled = !m_widget->testAttribute(Qt::WA_ForceDisabled);
        setEnabledQuietly(false);
        m_widget->installEventFilter(this);
    }

    void unlock()
    {
        if (!m_locked)
            return;
        m_locked = false;
        m_widget->setToolTip(m_toolTip);
        if (readOnlyState(m_widget)) {
            setReadOnlyState(m_widget, m_wasReadOnly);
            return;
        }
        m_widget->removeEventFilter(this);
        setEnabledQuietly(m_wantedEnabled);
    }

    void setEnabledQuietly(bool enabled)
    {
        m_changing = true;
        m_widget->setEnabled(enabled);
        m_changing = false;
    }

    QWidget *m_widget;
    const Workspace *m_workspace;
    std::optional<Capability> m_capability;
    bool m_locked = false;
    bool m_changing = false;
    bool m_wantedEnabled = true;
    bool m_wasReadOnly = false;
    QString m_toolTip;
};

/** The same for a menu action: what the action's owner sets meanwhile is remembered (QUndoStack's actions). */
class EditActionLock : public QObject {
public:
    EditActionLock(QAction *action, const Workspace *workspace, std::optional<Capability> capability)
        : QObject(action)
        , m_action(action)
        , m_workspace(workspace)
        , m_capability(capability)
    {
        connect(workspace, &Workspace::connectionLost, this, &EditActionLock::update);
        connect(workspace, &Workspace::connectionRestored, this, &EditActionLock::update);
        connect(workspace, &Workspace::accessChanged, this, &EditActionLock::update);
        connect(action, &QAction::changed, this, [this] {
            if (!m_locked || m_changing || !m_action->isEnabled())
                return;
            m_wantedEnabled = true;
            setEnabledQuietly(false);
        });
        update();
    }

private:
    void update()
    {
        const QString why = m_workspace->isOffline()
                                ? offlineReason()
                                : (m_capability ? m_workspace->access().whyNot(*m_capability) : QString());
        if (why.isEmpty()) {
            unlock();
            return;
        }
        lock();
        m_action->setStatusTip(why);
        m_action->setToolTip(why);
    }

    void lock()
    {
        if (m_locked)
            return;
        m_locked = true;
        m_wantedEnabled = m_action->isEnabled();
        m_statusTip = m_action->statusTip();
        m_toolTip = m_action->toolTip();
        setEnabledQuietly(false);
    }

    void unlock()
    {
        if (!m_locked)
            return;
        m_locked = false;
        m_action->setStatusTip(m_statusTip);
        m_action->setToolTip(m_toolTip);
        setEnabledQuietly(m_wantedEnabled);
    }

    void setEnabledQuietly(bool enabled)
    {
        m_changing = true;
        m_action->setEnabled(enabled);
        m_changing = false;
    }

    QAction *m_action;
    const Workspace *m_workspace;
    std::optional<Capability> m_capability;
    bool m_locked = false;
    bool m_changing = false;
    bool m_wantedEnabled = true;
    QString m_statusTip;
    QString m_toolTip;
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

QString offlineReason()
{
    return QObject::tr("The connection to the server is lost: nothing can be changed until Quorum has connected "
                       "again, which it tries by itself.");
}

void markAsEditControl(QWidget *widget, const Workspace *workspace)
{
    markAsEditControl(widget, workspace, std::nullopt);
}

void markAsEditControl(QWidget *widget, const Workspace *workspace, std::optional<Capability> capability)
{
    if (!widget || !workspace)
        return;
    if (workspace->isServer()) {
        new EditLock(widget, workspace, capability);
        return;
    }
    if (!workspace->isReadOnly())
        return;
    widget->setToolTip(readOnlyReason());
    if (makeReadOnly(widget))
        return;
    widget->setEnabled(false);
    widget->installEventFilter(new KeepDisabled(widget));
}

void markAsEditAction(QAction *action, const Workspace *workspace)
{
    markAsEditAction(action, workspace, std::nullopt);
}

void markAsEditAction(QAction *action, const Workspace *workspace, std::optional<Capability> capability)
{
    if (!action || !workspace)
        return;
    if (workspace->isServer()) {
        new EditActionLock(action, workspace, capability);
        return;
    }
    if (!workspace->isReadOnly())
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
