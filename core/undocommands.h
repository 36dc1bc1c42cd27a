#pragma once

#include "domain.h"

#include <QUndoCommand>

namespace quorum {

class Workspace;

/**
 * Base for Quorum's undo commands: the change has already been applied by the intent method when the
 * command is pushed, so the first redo() does nothing. A later undo or redo that fails (the file became
 * read-only, another program holds the lock) reports the error and makes the command obsolete, so the
 * stack never claims a state the database does not have.
 */
class WorkspaceCommand : public QUndoCommand {
public:
    WorkspaceCommand(Workspace *workspace, const QString &text);
    void undo() final;
    void redo() final;

protected:
    virtual void applyUndo() = 0;
    virtual void applyRedo() = 0;
    Workspace *workspace() const { return m_workspace; }

private:
    Workspace *m_workspace;
    bool m_firstRedo = true;
};

/** Changes fields of one action's assessment; stores both sets of values. */
class ChangeAssessmentCommand : public WorkspaceCommand {
public:
    ChangeAssessmentCommand(Workspace *workspace, const QString &actionId, AssessmentChanges before,
                            AssessmentChanges after);

private:
    void applyUndo() override;
    void applyRedo() override;
    QString m_actionId;
    AssessmentChanges m_before;
    AssessmentChanges m_after;
};

/** Adds a person; undo removes them again (by name, since ids are not reused). */
class AddPersonCommand : public WorkspaceCommand {
public:
    AddPersonCommand(Workspace *workspace, const Person &person);

private:
    void applyUndo() override;
    void applyRedo() override;
    Person m_person;
};

/** Edits a person's name, role, board membership or active flag. */
class EditPersonCommand : public WorkspaceCommand {
public:
    EditPersonCommand(Workspace *workspace, const Person &before, const Person &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    Person m_before;
    Person m_after;
};

/** Changes the organisation's name or protective marking. */
class EditOrganisationCommand : public WorkspaceCommand {
public:
    EditOrganisationCommand(Workspace *workspace, const Organisation &before, const Organisation &after);

private:
    void applyUndo() override;
    void applyRedo() override;
    Organisation m_before;
    Organisation m_after;
};

/** The undo text for a set of assessment changes: "Set A1 rating to Reasonable". */
QString describeAssessmentChange(const QString &actionId, const AssessmentChanges &after);

} // namespace quorum
