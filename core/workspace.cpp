#include "workspace.h"

#include "catalogue.h"
#include "database.h"
#include "error.h"
#include "undocommands.h"

namespace quorum {

Workspace::Workspace(std::unique_ptr<Database> database, const Catalogue &catalogue, const Clock &clock,
                     QObject *parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_catalogue(catalogue)
    , m_store(*m_database, clock)
    , m_undoStack(new QUndoStack(this))
{
}

Workspace::~Workspace()
{
    // Commands refer to this workspace; clear them before the database goes.
    m_undoStack->clear();
}

std::unique_ptr<Workspace> Workspace::open(const QString &path, bool create, const Catalogue &catalogue,
                                           const Clock &clock, QObject *parent)
{
    auto database =
        Database::open(path, create ? Database::Mode::CreateNew : Database::Mode::OpenExisting, catalogue);
    return std::make_unique<Workspace>(std::move(database), catalogue, clock, parent);
}

QString Workspace::path() const
{
    return m_database->path();
}

void Workspace::changeAssessment(const QString &actionId, const AssessmentChanges &changes)
{
    const QString id = m_store.checkActionId(actionId);
    const AssessmentChanges before = m_store.updateAssessment(id, changes);
    if (before.isEmpty())
        return;
    AssessmentChanges after;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        after.insert(it.key(), changes.value(it.key()));
    m_undoStack->push(new ChangeAssessmentCommand(this, id, before, after));
    Q_EMIT assessmentChanged(id);
    Q_EMIT dataChanged();
}

void Workspace::setRating(const QString &actionId, Rating rating, const QString &justification)
{
    AssessmentChanges changes{{AssessmentField::Rating, QVariant::fromValue(rating)}};
    if (!justification.isEmpty())
        changes.insert(AssessmentField::Justification, justification);
    changeAssessment(actionId, changes);
}

qint64 Workspace::addPerson(const Person &person)
{
    const qint64 id = m_store.addPerson(person);
    Person stored = *m_store.person(id);
    m_undoStack->push(new AddPersonCommand(this, stored));
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
    return id;
}

void Workspace::updatePerson(const Person &person)
{
    const auto before = m_store.person(person.id);
    if (!before)
        throw Error(Error::Kind::NotFound, tr("That person is no longer recorded."));
    m_store.updatePerson(person);
    m_undoStack->push(new EditPersonCommand(this, *before, *m_store.person(person.id)));
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::setOrganisation(const Organisation &organisation)
{
    const Organisation before = m_store.organisation();
    m_store.setOrganisation(organisation);
    m_undoStack->push(new EditOrganisationCommand(this, before, m_store.organisation()));
    Q_EMIT organisationChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyAssessment(const QString &actionId, const AssessmentChanges &values)
{
    m_store.updateAssessment(actionId, values);
    Q_EMIT assessmentChanged(actionId);
    Q_EMIT dataChanged();
}

void Workspace::applyPersonRemoval(const QString &name)
{
    m_store.removePerson(m_store.personByName(name).id);
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyPersonInsert(const Person &person)
{
    m_store.addPerson(person);
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyPerson(const QString &currentName, Person values)
{
    values.id = m_store.personByName(currentName).id;
    m_store.updatePerson(values);
    Q_EMIT peopleChanged();
    Q_EMIT dataChanged();
}

void Workspace::applyOrganisation(const Organisation &organisation)
{
    m_store.setOrganisation(organisation);
    Q_EMIT organisationChanged();
    Q_EMIT dataChanged();
}

void Workspace::reportError(const QString &message)
{
    Q_EMIT errorOccurred(message);
}

} // namespace quorum
