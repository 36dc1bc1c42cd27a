#pragma once

#include "clock.h"
#include "domain.h"
#include "store.h"

#include <QObject>
#include <QUndoStack>

#include <memory>

namespace quorum {

class Catalogue;
class Database;

/**
 * The facade over one open database: what the desktop app edits through. It owns the Database, the
 * Store and the undo stack, and exposes intent methods ("change this assessment", "add this person").
 * Each intent method validates and writes at once (one transaction, with its audit rows) and, when it
 * succeeded, pushes an undo command that stores values, not pointers. Signals tell views what changed,
 * including after undo and redo. "Modified" is never tracked: every change is saved when it is made.
 */
class Workspace : public QObject {
    Q_OBJECT

public:
    Workspace(std::unique_ptr<Database> database, const Catalogue &catalogue, const Clock &clock,
              QObject *parent = nullptr);
    ~Workspace() override;

    /** Opens (or creates) a database file and wraps it. Throws Error. */
    static std::unique_ptr<Workspace> open(const QString &path, bool create, const Catalogue &catalogue,
                                           const Clock &clock, QObject *parent = nullptr);

    Database &database() const { return *m_database; }
    Store &store() { return m_store; }
    const Store &store() const { return m_store; }
    const Catalogue &catalogue() const { return m_catalogue; }
    QUndoStack *undoStack() const { return m_undoStack; }
    QString path() const;

    // Intent methods. Each throws Error (and pushes nothing) when the change is refused.
    void changeAssessment(const QString &actionId, const AssessmentChanges &changes);
    void setRating(const QString &actionId, Rating rating, const QString &justification = {});
    qint64 addPerson(const Person &person);
    void updatePerson(const Person &person);
    void setOrganisation(const Organisation &organisation);

    /** Called by undo commands: applies values and announces the change. Throws Error. */
    void applyAssessment(const QString &actionId, const AssessmentChanges &values);
    void applyPersonRemoval(const QString &name);
    void applyPersonInsert(const Person &person);
    /** Gives the person now called @p currentName the values of @p values (ids change across undo of an add). */
    void applyPerson(const QString &currentName, Person values);
    void applyOrganisation(const Organisation &organisation);

    /** Reports a failed undo or redo (a locked or read-only file): the GUI shows it. */
    void reportError(const QString &message);

Q_SIGNALS:
    void assessmentChanged(const QString &actionId);
    void peopleChanged();
    void evidenceChanged();
    void reviewsChanged();
    void organisationChanged();
    /** Any change at all: dashboards recompute on this. */
    void dataChanged();
    void errorOccurred(const QString &message);

private:
    std::unique_ptr<Database> m_database;
    const Catalogue &m_catalogue;
    Store m_store;
    QUndoStack *m_undoStack;
};

} // namespace quorum
