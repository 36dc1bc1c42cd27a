#pragma once
// Every kind of change the Workspace facade makes, over its edge cases, as a list of named steps; and the
// whole record (every row of every table but the audit trail) as text, to compare before and after.
// Used by the undo round-trip test (every command's redo restores exactly what its undo removed) and by
// the sharing test (the app's workspace through every kind of change while another process works).

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace quorum {
class Workspace;
}

namespace quorum::test {

/** One intent method call on a Workspace, with a name that says what it changes. */
struct WorkspaceStep {
    QString name;
    std::function<void(Workspace &)> apply;
    /**
     * Replacing an evidence file keeps every version by design (internal audit relies on it): undo and
     * redo make the earlier or later version current again as a new revision, so the current file, not the
     * revision count, is what they restore.
     */
    bool appendsRevisions = false;
};

/** @p state without the revision history of evidence files: the current file of each item stays. */
QStringList withoutRevisionHistory(const QStringList &state);

/**
 * Every kind of undoable change, in an order in which each step finds what the earlier ones made. Files
 * added as evidence are written into @p folder first (which may be the database's own folder).
 */
QList<WorkspaceStep> everyKindOfChange(const QString &folder);

/**
 * Every row of every table but the audit trail (and SQLite's own), as sorted lines of text; without the
 * time an assessment last changed, which an undo sets to the time of the undo.
 */
QStringList recordState(const QSqlDatabase &db);

} // namespace quorum::test
