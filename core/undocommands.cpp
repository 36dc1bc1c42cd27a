#include "undocommands.h"

#include "error.h"
#include "workspace.h"

#include <QCoreApplication>

namespace quorum {

QString describeAssessmentChange(const QString &actionId, const AssessmentChanges &after)
{
    if (after.size() == 1) {
        const AssessmentField field = after.firstKey();
        if (field == AssessmentField::Rating || field == AssessmentField::Target)
            return QCoreApplication::translate("Undo", "Set %1 %2 to %3")
                .arg(actionId, assessmentFieldKey(field), ratingLabel(after.first().value<Rating>()));
        return QCoreApplication::translate("Undo", "Change %1 %2").arg(actionId, assessmentFieldKey(field));
    }
    return QCoreApplication::translate("Undo", "Change %1").arg(actionId);
}

WorkspaceCommand::WorkspaceCommand(Workspace *workspace, const QString &text)
    : m_workspace(workspace)
{
    setText(text);
}

void WorkspaceCommand::undo()
{
    try {
        applyUndo();
    } catch (const Error &error) {
        setObsolete(true);
        m_workspace->reportError(QCoreApplication::translate("Undo", "Undo failed: %1").arg(error.message()));
    }
}

void WorkspaceCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false;
        return;
    }
    try {
        applyRedo();
    } catch (const Error &error) {
        setObsolete(true);
        m_workspace->reportError(QCoreApplication::translate("Undo", "Redo failed: %1").arg(error.message()));
    }
}

ChangeAssessmentCommand::ChangeAssessmentCommand(Workspace *workspace, const QString &actionId,
                                                 AssessmentChanges before, AssessmentChanges after)
    : WorkspaceCommand(workspace, describeAssessmentChange(actionId, after))
    , m_actionId(actionId)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
}

void ChangeAssessmentCommand::applyUndo()
{
    workspace()->applyAssessment(m_actionId, m_before);
}

void ChangeAssessmentCommand::applyRedo()
{
    workspace()->applyAssessment(m_actionId, m_after);
}

AddPersonCommand::AddPersonCommand(Workspace *workspace, const Person &person)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Add %1").arg(person.name))
    , m_person(person)
{
}

void AddPersonCommand::applyUndo()
{
    workspace()->applyPersonRemoval(m_person.name);
}

void AddPersonCommand::applyRedo()
{
    workspace()->applyPersonInsert(m_person);
}

EditPersonCommand::EditPersonCommand(Workspace *workspace, const Person &before, const Person &after)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Edit %1").arg(after.name))
    , m_before(before)
    , m_after(after)
{
}

void EditPersonCommand::applyUndo()
{
    workspace()->applyPerson(m_after.name, m_before);
}

void EditPersonCommand::applyRedo()
{
    workspace()->applyPerson(m_before.name, m_after);
}

EditOrganisationCommand::EditOrganisationCommand(Workspace *workspace, const Organisation &before,
                                                 const Organisation &after)
    : WorkspaceCommand(workspace, QCoreApplication::translate("Undo", "Edit organisation"))
    , m_before(before)
    , m_after(after)
{
}

void EditOrganisationCommand::applyUndo()
{
    workspace()->applyOrganisation(m_before);
}

void EditOrganisationCommand::applyRedo()
{
    workspace()->applyOrganisation(m_after);
}

} // namespace quorum
