#pragma once

#include "core/domain/access.h"

#include <QString>

#include <optional>

class QAction;
class QWidget;

namespace quorum {

class Workspace;

/** Why nothing can be changed in a read-only file: the tooltip of every edit control there. */
QString readOnlyReason();
/** Why nothing can be changed while the connection to the server is lost: the same, for a server record. */
QString offlineReason();

/**
 * Marks @p widget as a control that changes the record. When @p workspace is read-only (Database::isReadOnly:
 * the file or its folder cannot be written), it is disabled from the start (text editors are made
 * read-only instead, so their text can still be selected and copied) and says why in its tooltip; it stays
 * so when the page's own logic would enable it again (a selection made, an action chosen). On a server, the
 * same happens while the connection is lost (Workspace::isOffline), and is undone when it is back, leaving
 * the control as the page's logic wants it then. Does nothing for a writable file.
 */
void markAsEditControl(QWidget *widget, const Workspace *workspace);
/**
 * As above, for a control that does what @p capability names: on a server record with access by role, it is
 * also disabled (a text editor made read-only) while the signed-in login's roles do not allow it, with a
 * tooltip naming the role that may (SessionAccess::whyNot), and enabled again when a role is given.
 */
void markAsEditControl(QWidget *widget, const Workspace *workspace, std::optional<Capability> capability);
/** The same for a menu action (File > Organisation, Edit > Undo). */
void markAsEditAction(QAction *action, const Workspace *workspace);
void markAsEditAction(QAction *action, const Workspace *workspace, std::optional<Capability> capability);

} // namespace quorum
