#pragma once

#include "audit.h"
#include "clock.h"
#include "domain.h"

#include <QByteArray>
#include <QSqlDatabase>

namespace quorum {

class Database;
class Catalogue;

/** A new piece of evidence: either a file's bytes or a link. */
struct EvidenceInput {
    QString title;
    EvidenceType type = EvidenceType::Other;
    EvidenceSource source = EvidenceSource::Management;
    QDate effective;
    QDate reviewBy;
    QString url;        ///< for a link
    QString fileName;   ///< for a file: the original name (without folders)
    QByteArray content; ///< for a file
    bool isFile = false;
    QStringList actionIds;
};

/** A stored evidence file whose bytes no longer match its SHA-256. */
struct EvidenceProblem {
    qint64 evidenceId = 0;
    QString title;
    QString problem;
};

/**
 * The organisation's record, read and written through intent methods. Each mutating method is one
 * transaction that also appends its audit rows, validates its input first and throws an Error (with a
 * message a person can act on) without changing anything when the input is wrong. The Store holds no
 * cached state, so several Stores (the GUI and a test, say) can share one Database.
 */
class Store {
public:
    /** Largest evidence file Quorum stores (200 MB): above this, ask for a link instead. */
    static constexpr qint64 kMaxEvidenceBytes = 200LL * 1024 * 1024;
    /** Longest board commentary or justification, in characters. */
    static constexpr int kMaxCommentaryChars = 50000;
    /** Longest name, title or role, in characters. */
    static constexpr int kMaxNameChars = 300;

    Store(Database &database, const Clock &clock);

    Database &database() const { return m_database; }
    const Clock &clock() const { return m_clock; }
    void setClock(const Clock &clock) { m_clock = clock; }

    /** Who the audit trail names: the operating-system user, and the person they act as. */
    void setActor(const QString &osUser, const QString &actingAs = {});
    QString actor() const { return m_actor; }
    QString actingAs() const { return m_actingAs; }

    // Organisation
    Organisation organisation() const;
    void setOrganisation(const Organisation &organisation);

    // People
    QList<Person> people() const;
    std::optional<Person> person(qint64 id) const;
    /** The person called @p name (case-insensitive); throws NotFound listing the closest names. */
    Person personByName(const QString &name) const;
    qint64 addPerson(const Person &person);
    void updatePerson(const Person &person);
    /** Removes a person nobody refers to; throws Conflict when an action, review or record names them. */
    void removePerson(qint64 id);

    // Assessments
    QList<ActionState> actionStates() const;
    ActionState actionState(const QString &actionId) const;
    Assessment assessment(const QString &actionId) const;
    /** Throws NotFound unless @p actionId is an action of the catalogue; returns its canonical id. */
    QString checkActionId(const QString &actionId) const;
    /**
     * Applies @p changes to one action in one transaction. Returns the previous values of the fields
     * that actually changed (empty when nothing changed), which is what an undo needs.
     */
    AssessmentChanges updateAssessment(const QString &actionId, const AssessmentChanges &changes);

    // Evidence
    qint64 addEvidence(const EvidenceInput &input);
    QList<Evidence> evidence() const;
    std::optional<Evidence> evidenceItem(qint64 id) const;
    QByteArray evidenceContent(qint64 id) const;
    /** Re-hashes every stored file; lists those that do not match. */
    QList<EvidenceProblem> verifyEvidence() const;

    // Reviews
    /** Freezes every action's state for a board meeting. */
    qint64 createReview(const QString &name, const QDate &meetingDate, const QString &decisions = {});
    QList<Review> reviews() const;
    std::optional<Review> reviewByName(const QString &name) const;
    QList<ReviewItem> reviewItems(qint64 reviewId) const;

    // Training (action C3)
    qint64 addTraining(const TrainingRecord &record);
    QList<TrainingRecord> training(qint64 personId = 0) const;

    // Audit
    QList<AuditEntry> auditEntries(const AuditFilter &filter = {}) const;
    ChainCheck verifyAuditChain() const;

private:
    QSqlDatabase db() const;
    void audit(const QString &entity, const QString &entityId, const QString &field, const QString &oldValue,
               const QString &newValue);
    QString personName(qint64 id) const;
    QString describe(AssessmentField field, const QVariant &value) const;

    Database &m_database;
    Clock m_clock;
    QString m_actor;
    QString m_actingAs;
};

/** Levenshtein-closest candidates to @p name, best first (for "did you mean" messages). */
QStringList closestNames(const QString &name, const QStringList &candidates, int count = 3);

/** Checks a plain text field: trims, refuses control characters other than newlines and tabs, limits length. */
QString checkedText(const QString &text, const QString &what, int maxChars, bool multiLine);

} // namespace quorum
