#pragma once

#include "core/domain/boardrecords.h"
#include "core/domain/clock.h"
#include "core/domain/domain.h"
#include "core/domain/framework.h"
#include "core/storage/audit.h"
#include "core/storage/blobstore.h"
#include "core/storage/cataloguewriter.h"

#include <QByteArray>
#include <QHash>
#include <QIODevice>

#include <QSet>
#include <QSqlDatabase>
#include <algorithm>
#include <limits>

#include <functional>
#include <optional>

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
    QByteArray content; ///< for a file given as bytes
    /** For a file on disk (evidenceInputFromFile): read from here a chunk at a time when content is empty. */
    QString sourcePath;
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
 * One version of a stored evidence file. Replacing a file never deletes the old bytes: the version it
 * replaced is kept with the time it was replaced, so the history shows what the board saw when.
 */
struct EvidenceRevision {
    int revision = 0;
    QString sha256;
    QString fileName;
    qint64 size = 0;
    QDateTime addedAt;    ///< when this version became current
    QDateTime replacedAt; ///< when a newer version replaced it; invalid for the current version

    bool isCurrent() const { return !replacedAt.isValid(); }
};

/**
 * Everything stored for one piece of evidence, enough to put it back exactly as it was (the undo of a
 * removal): its row with its id, its links to actions, its earlier revisions, and the bytes of the
 * files that no other evidence shares (shared files stay in the database while anything uses them).
 */
struct EvidenceSnapshot {
    Evidence evidence;
    QList<EvidenceRevision> revisions; ///< earlier revisions only, oldest first
    QHash<QString, QByteArray> blobs;  ///< SHA-256 -> bytes, for the files only this evidence uses
};

/**
 * How much evidence is current, expiring and expired on one date, in all and per action (an item linked
 * to three actions counts once in the totals and once for each action).
 */
struct EvidenceCounts {
    QDate asOf;
    int current = 0;  ///< not expired (includes expiring)
    int expiring = 0; ///< current, but due for review within 30 days
    int expired = 0;
    QHash<QString, int> currentByAction;
    QHash<QString, int> expiringByAction;
    QHash<QString, int> expiredByAction;
};

/** An expired piece of evidence, as the attention rules name it. */
struct ExpiredEvidence {
    qint64 id = 0;
    QString title;
    QDate reviewBy;
    QStringList actionIds; ///< in catalogue order
};

/**
 * Evidence as the dashboard and the attention rules see it on one date: the counts and the expired items
 * themselves, without loading every item (an organisation with years of history holds tens of thousands).
 */
struct EvidenceSummary {
    /**
     * How many expired items a summary lists unless asked for all: the first in the attention list's order
     * (title case-insensitively, then id), as many as the dashboard (20 of a rule) and the board pack (25) show.
     * The counts cover every item; the rest are in the evidence register.
     */
    static constexpr int kListedExpired = 25;
    static constexpr int kAllExpired = std::numeric_limits<int>::max();

    EvidenceCounts counts;
    QList<ExpiredEvidence> expired; ///< by id: every expired item, or the first kListedExpired (see above)
    /** How many expired items are not in @c expired. */
    int unlistedExpired() const { return int(std::max<qsizetype>(0, counts.expired - expired.size())); }
    /**
     * The latest effective date (on or before the summary's date) of a formal report linked to E2, which E2's rule
     * of a report each quarter reads; invalid when there is none.
     */
    QDate latestFormalReport;
};

/**
 * What the evidence register shows, a window at a time (Store::evidenceCount, evidenceWindow, evidenceRowOf): all
 * the evidence or one action's, narrowed by text and by status, in the order of one column with the id breaking
 * ties (descending reverses both). Worked out in SQL, so a register of 200,000 items is never read whole.
 */
struct EvidenceQuery {
    /** The order: by id, or by what one column of the register shows. */
    enum class Sort { Id, Title, Actions, Type, Source, Effective, ReviewBy, Status, Hash, Kind };

    QString actionId; ///< only the evidence that supports this action; empty: all
    /**
     * Text anywhere, case-insensitively (% and _ are literal), in the title, an action id, the type's or source's
     * label, the file name, the link or the SHA-256; empty: everything.
     */
    QString search;
    std::optional<EvidenceStatus> status; ///< only the items of this status on asOf
    QDate asOf;                           ///< the date status is worked out on (Status filter and sort)
    Sort sort = Sort::Id;
    Qt::SortOrder order = Qt::AscendingOrder;
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
    /** The active board members, in the order of people() (what C3's training rule reads, not every person). */
    QList<Person> activeBoardMembers() const;
    std::optional<Person> person(qint64 id) const;
    /** The person called @p name (case-insensitive); throws NotFound listing the closest names. */
    Person personByName(const QString &name) const;
    qint64 addPerson(const Person &person);
    void updatePerson(const Person &person);
    /** Removes a person nobody refers to; throws Conflict when an action, review or record names them. */
    void removePerson(qint64 id);

    // Frameworks
    /** Every framework the record holds, followed or not, in their order (the Code first). */
    QList<Framework> frameworks() const;
    /** The framework with @p key (any case); throws NotFound naming those the record holds. */
    Framework framework(const QString &key) const;
    /**
     * Changes whether the organisation follows framework @p changed.key, its vendor role and its owner, audited
     * field by field, in one transaction. With a version (Framework::version), refused with Conflict when someone
     * changed the framework since. The Code cannot be turned off; a role must be one of its catalogue's; the
     * owner must be a recorded person.
     */
    /** Returns the framework's version after the change. */
    int updateFramework(const Framework &changed);
    /**
     * Adds a framework read from a library file (FrameworkLibrary), followed from now on, or brings the one with
     * its URN up to a higher version of it: wording updated, new items added with empty assessments, existing
     * assessments untouched. One transaction with its audit rows. Throws Conflict for a version the record
     * already holds or a newer one, or a key that another framework has.
     */
    CatalogueWrite importFramework(const Catalogue &catalogue);

    // Assessments
    /** Every item's state of the frameworks the organisation follows, in catalogue order. */
    QList<ActionState> actionStates() const;
    /**
     * Every item of every framework the record holds, followed or not, in catalogue order, as stored (no evidence
     * counts, no vendor role): what a frozen review's items are named and grouped by, whatever is followed now.
     */
    QList<ActionState> catalogueItems() const;
    /** Every action's state with its evidence counts taken from @p counts (computed once, used by many). */
    QList<ActionState> actionStates(const EvidenceCounts &counts) const;
    ActionState actionState(const QString &actionId) const;
    Assessment assessment(const QString &actionId) const;
    /**
     * Throws NotFound unless @p actionId is an action of the catalogue; returns its canonical id. Asks the
     * database only the first time, and for an id it does not know.
     */
    QString checkActionId(const QString &actionId) const;
    /** The maturity scale of item @p actionId's framework (CMMI unless its library file defines one). */
    MaturityScale maturityScale(const QString &actionId) const;
    /**
     * Applies @p changes to one action in one transaction. Returns the previous values of the fields
     * that actually changed (empty when nothing changed), which is what an undo needs. With an
     * @p expectedVersion (the Assessment::version the change was made from), the change is refused with
     * Conflict when the stored version differs: someone else changed the assessment since; the message
     * names who, when, and the values now recorded. @p version, when given, receives the version after.
     */
    AssessmentChanges updateAssessment(const QString &actionId, const AssessmentChanges &changes,
                                       int expectedVersion = 0, int *version = nullptr);

    // Evidence
    qint64 addEvidence(const EvidenceInput &input);
    QList<Evidence> evidence() const;
    /** The evidence linked to @p actionId (every item when empty), by id. */
    QList<Evidence> evidenceOfAction(const QString &actionId) const;
    /** The evidence counts on @p asOf, from the tallies and the indexes of the items and links due. */
    EvidenceCounts evidenceCounts(const QDate &asOf) const;
    /** The counts and the expired items on @p asOf. */
    EvidenceSummary evidenceSummary(const QDate &asOf, int listedExpired = EvidenceSummary::kListedExpired) const;
    /**
     * The items expired on @p asOf (review-by date before it), in id order with their actions in catalogue order:
     * all of them, or only the first @p limit in the attention list's order (title case-insensitively, then id).
     */
    QList<ExpiredEvidence> expiredEvidence(const QDate &asOf, int limit = EvidenceSummary::kAllExpired,
                                           const QDate &recordedBy = {}, int *total = nullptr) const;
    /**
     * The counts on @p asOf of the evidence recorded by the end of @p recordedBy (UTC; every item when invalid), as a
     * past meeting's board pack counts them. Per action, only currentByAction, and with a valid @p recordedBy it is
     * an upper bound: the items not expired on @p asOf, whenever recorded (what newestUnexpiredEvidence needs).
     */
    EvidenceCounts evidenceRecordedCounts(const QDate &asOf, const QDate &recordedBy) const;
    /**
     * The board pack's short evidence index: the ids of each action's @p perAction newest items (effective date, then
     * id) that are not expired on @p asOf, among those recorded by @p recordedBy (all when invalid), newest first.
     * @p notExpiredByAction says how many each action holds (or at most holds), so the reading stops once each has
     * its own.
     */
    QList<qint64> newestUnexpiredEvidence(const QDate &asOf, const QDate &recordedBy, int perAction,
                                          const QHash<QString, int> &notExpiredByAction) const;
    std::optional<Evidence> evidenceItem(qint64 id) const;
    /** How many pieces of evidence there are, how many are stored files, and how many file versions they have. */
    struct EvidenceTotals {
        qint64 items = 0;
        qint64 files = 0;
        qint64 versions = 0;
    };
    EvidenceTotals evidenceTotals() const;
    /** How many items @p query shows. */
    int evidenceCount(const EvidenceQuery &query) const;
    /** Up to @p limit items of @p query from position @p offset, in its order, each with its actions. */
    QList<Evidence> evidenceWindow(const EvidenceQuery &query, int offset, int limit) const;
    /** The position of item @p id in @p query's order; -1 when the query does not show it. */
    int evidenceRowOf(const EvidenceQuery &query, qint64 id) const;
    /** The bytes of the current file of @p id, checked against its SHA-256 (throws Corrupt). Holds the file whole. */
    QByteArray evidenceContent(qint64 id) const;
    /**
     * Writes the current file of @p id to @p out a chunk at a time, so a large file is never held whole; throws
     * Corrupt when what was written does not match its SHA-256 (the caller removes what it wrote), and
     * ReadOnly when @p out refuses a write.
     */
    void writeEvidenceContent(qint64 id, QIODevice &out) const;
    /**
     * Re-hashes every stored file; lists those that do not match or are missing. @p progress is told before each
     * file; when it returns false the check stops, lists nothing, and sets @p interrupted.
     */
    QList<EvidenceProblem> verifyEvidence(const CheckProgress &progress = {}, bool *interrupted = nullptr) const;
    /**
     * Compares the evidence totals kept in the file (evidence_tally, schema 3) with a count of the register, and the
     * review-by dates kept on the links (schema 11) with their items': one line per disagreement ("A1: kept 11,
     * counted 6"), none when they agree; nothing at all for a file from before them (read-only, so not upgraded).
     */
    std::optional<QStringList> verifyEvidenceTally() const;
    /**
     * Changes the title, type, source, effective and review-by dates of @p metadata.id (and the address
     * of a link), audited field by field. Files, revisions and linked actions are left alone.
     */
    void updateEvidence(const Evidence &metadata);
    /** Links evidence to exactly these actions (at least one); throws NotFound for an unknown action. */
    void setEvidenceActions(qint64 id, const QStringList &actionIds);
    /**
     * Stores a new version of an evidence file: the current version moves to the revision history (its
     * bytes stay) and the new one becomes current with the next revision number. Returns that number.
     */
    int replaceEvidenceFile(qint64 id, const QString &fileName, const QByteArray &content);
    /** The same for the file at @p path on disk, read a chunk at a time (named after it). */
    int replaceEvidenceFileFrom(qint64 id, const QString &path);
    /**
     * Makes an earlier revision current again, as a new revision (revision numbers only grow, and the
     * version it replaces joins the history). Returns the new revision number. Undo of a replacement
     * uses this, so the history shows the undo as the change it is.
     */
    int restoreEvidenceRevision(qint64 id, int revision);
    /** Every version of an evidence file, oldest first, the current one last; empty for a link. */
    QList<EvidenceRevision> evidenceRevisions(qint64 id) const;
    /** The bytes of one revision (current or earlier), checked against its SHA-256 like evidenceContent. */
    QByteArray revisionContent(qint64 id, int revision) const;
    /** Removes evidence, its links and its history; deletes stored files that nothing else uses. */
    void removeEvidence(qint64 id);
    /** Everything restoreEvidence needs to put @p id back exactly; throws NotFound. */
    EvidenceSnapshot takeEvidenceSnapshot(qint64 id) const;
    /** Puts removed evidence back with its id, links, revisions and files. Throws Conflict if the id is in use. */
    void restoreEvidence(const EvidenceSnapshot &snapshot);

    // Reviews
    /** Freezes every action's state for a board meeting. */
    qint64 createReview(const QString &name, const QDate &meetingDate, const QString &decisions = {});
    QList<Review> reviews() const;
    /**
     * The last @p count reviews held by @p heldBy (meeting date on or before it), in the order of reviews(): what
     * "since the last review" and a trend of the last few read, not a history of hundreds.
     */
    QList<Review> reviewsHeldBy(const QDate &heldBy, int count) const;
    std::optional<Review> reviewByName(const QString &name) const;
    QList<ReviewItem> reviewItems(qint64 reviewId) const;
    /**
     * Every review's items with only what scoring reads (action, rating, target, evidence counts), by review
     * id, in one read: scoring forty reviews one query each was most of the posture trend's cost.
     */
    QHash<qint64, QList<ReviewItem>> reviewRatings() const;
    /** The same for the reviews @p reviewIds only (what a trend of the last few reviews reads). */
    QHash<qint64, QList<ReviewItem>> reviewRatings(const QList<qint64> &reviewIds) const;
    std::optional<Review> review(qint64 id) const;
    /** The review called @p name (case-insensitive); throws NotFound listing the closest names. */
    Review reviewNamed(const QString &name) const;
    /**
     * Records the board's sign-off of a review by @p directorId (an active board member) now, with the
     * reference of the minute that approved it. A signed review can never be changed or deleted (triggers
     * enforce it even outside Quorum), so signing cannot be undone. Throws Conflict when already signed.
     */
    void signReview(qint64 reviewId, qint64 directorId, const QString &minuteRef = {});
    /** Changes the decisions sought of an unsigned review; throws Conflict for a signed one. */
    void setReviewDecisions(qint64 reviewId, const QString &decisions);
    /**
     * Corrects the meeting date of an unsigned review (audited as "meeting date", old and new); throws
     * Conflict for a signed one and InvalidInput for an invalid date. The frozen state is not touched.
     */
    void setReviewMeetingDate(qint64 reviewId, const QDate &meetingDate);
    /** Deletes an unsigned review and its frozen items; throws Conflict for a signed one. */
    void deleteReview(qint64 reviewId);
    /**
     * Puts back an unsigned review exactly as it was frozen, with its id (undo of a deletion, redo of a
     * creation). Throws Conflict when the id or the name is in use.
     */
    void restoreReview(const Review &review, const QList<ReviewItem> &items);
    /** Every action's live state in the shape of a review item (evidence counted on the store's clock). */
    QList<ReviewItem> liveReviewItems() const;

    // Metrics (action E2)
    /**
     * Adds a metric with agreed tolerances, linked to at least one action. A positive @p metric.id is
     * kept (an undone removal comes back with its id). Throws InvalidInput for thresholds out of order.
     */
    qint64 addMetric(const Metric &metric);
    /** Changes the name, unit, direction, thresholds and actions of metric @p metric.id. */
    void updateMetric(const Metric &metric);
    /** Removes a metric and all its readings. */
    void removeMetric(qint64 id);
    QList<Metric> metrics() const;
    std::optional<Metric> metric(qint64 id) const;
    /** The metric called @p name (case-insensitive); throws NotFound listing the closest names. */
    Metric metricByName(const QString &name) const;
    /** Records a reading taken on or before today; a positive @p reading.id is kept. */
    qint64 addReading(const MetricReading &reading);
    void removeReading(qint64 id);
    /** The readings of one metric, oldest first. */
    QList<MetricReading> readings(qint64 metricId) const;
    std::optional<MetricReading> reading(qint64 id) const;
    /** The most recent reading (latest date, then the last recorded), if any; with @p asOf, on or before it. */
    std::optional<MetricReading> latestReading(qint64 metricId, const QDate &asOf = {}) const;

    // Exercises and incidents (actions D2, D4)
    /** Records an exercise or incident that has happened; a positive @p event.id is kept. */
    qint64 addEvent(const BoardEvent &event);
    void updateEvent(const BoardEvent &event);
    void removeEvent(qint64 id);
    /** Oldest first. */
    QList<BoardEvent> events() const;
    std::optional<BoardEvent> event(qint64 id) const;

    // Training (action C3)
    /** Adds a record; a positive @p record.id is kept (an undone removal comes back with its id). */
    qint64 addTraining(const TrainingRecord &record);
    QList<TrainingRecord> training(qint64 personId = 0) const;
    std::optional<TrainingRecord> trainingRecord(qint64 id) const;
    /** Changes the course and dates of record @p record.id (it stays with the same person). */
    void updateTraining(const TrainingRecord &record);
    void removeTraining(qint64 id);
    /** Current, Expired or Missing on @p today, from the person's records (see trainingStatus in domain.h). */
    TrainingStatus trainingStatus(qint64 personId, const QDate &today) const;

    // Audit
    QList<AuditEntry> auditEntries(const AuditFilter &filter = {}) const;
    /** Walks the whole chain (AuditTrail::verify), telling @p progress as it goes; it may stop the walk. */
    ChainCheck verifyAuditChain(const CheckProgress &progress = {}) const;
    /** The number of audit rows. */
    qint64 auditRowCount() const;

private:
    /** expiredEvidence(), told how many have expired when the caller has counted them (@p expiredCount >= 0). */
    QList<ExpiredEvidence> expiredEvidence(const QDate &asOf, int limit, const QDate &recordedBy, int *total,
                                           qint64 expiredCount) const;
    /** Each action's place in catalogue order (principle, then action). */
    QHash<QString, int> catalogueRanks() const;
    QSqlDatabase db() const;
    /** Inserts the frozen @p items of review @p reviewId (inside the caller's transaction). */
    void insertReviewItems(qint64 reviewId, const QList<ReviewItem> &items);
    /** The refusal of a change to @p actionId made from an older version: who changed it, and what is now. */
    QString changedSinceMessage(const QString &actionId, const Assessment &current,
                                const AssessmentChanges &changes) const;
    /**
     * The actions linked to records through a link table (evidence_action, metric_action or
     * event_action, whose record column is @p recordColumn), in catalogue order, by record id. Only the
     * links whose record id is in @p recordsSql (an SQL query of ids, with its values in @p bindings) are
     * read; all of them when it is empty.
     */
    QHash<qint64, QStringList> linkedActions(const QString &table, const QString &recordColumn,
                                             const QString &recordsSql = {},
                                             const QList<QPair<QString, QVariant>> &bindings = {}) const;
    void audit(const QString &entity, const QString &entityId, const QString &field, const QString &oldValue,
               const QString &newValue);
    QString personName(qint64 id) const;
    /** @p sql with {version} and {e.version} as the version column (1 in a read-only file from before schema 6). */
    QString versioned(QString sql) const;
    /**
     * Inside the write transaction: counts up the version of row @p id of @p table, if it is still @p expected;
     * else throws Conflict, saying that @p what was changed by whoever last changed it (the audit trail's
     * newest row about @p entity @p entityId) and that this change was not made.
     */
    void claimVersion(const QString &table, qint64 id, int expected, const QString &what, const QString &entity,
                      const QString &entityId);
    /** "name (acting as) at 19:02 on 5 Dec" of the newest audit row about @p entity @p entityId. */
    QString lastChangedBy(const QString &entity, const QString &entityId) const;
    QString describe(AssessmentField field, const QVariant &value) const;
    /** Clears (audited) the levels of framework @p key's items that @p scale does not have: a re-import changed it. */
    void clearLevelsOffScale(const QString &key, const MaturityScale &scale);
    /** Throws unless @p changes may be made to item @p id: its framework is followed, and its role lets it be rated. */
    void checkItemEditable(const QString &id, const AssessmentChanges &changes) const;
    /** Moves the current file of @p before to the history and makes @p sha256 current; returns the revision. */
    int makeEvidenceFileCurrent(const Evidence &before, const QString &sha256, const QString &fileName,
                                const QString &note);
    /** Checks a new file for @p id (a file, not the same as now) and stores it as its new current version. */
    int replaceEvidenceFileWith(qint64 id, const QString &fileName, const QString &sha256,
                                const std::function<void()> &storeBytes);
    BlobStore blobs() const { return BlobStore(db(), m_chunkedFiles); }

    Database &m_database;
    Clock m_clock;
    QString m_actor;
    QString m_actingAs;
    /** Whether the assessments have versions (schema 4): not in a read-only file from before. */
    bool m_rowVersions;
    /** Whether the other records edited in place have versions (schema 6): not in a read-only file from before. */
    bool m_recordVersions;
    /** Whether large files may be kept in chunks (schema 7): not in a read-only file from before. */
    bool m_chunkedFiles;
    /**
     * The catalogue's action ids, read once: every intent checks its action id, and the catalogue is fixed
     * once the record is open (an id not found reads them again before it is refused).
     */
    mutable QHash<QString, QString> m_actionIds; ///< upper case -> as stored
    /** Whether the record holds several frameworks (schema 9): not a read-only file from before. */
    bool m_frameworks;
    /** Whether the record can track maturity (schema 10): not a read-only file from before. */
    bool m_maturity;
};

/**
 * A file on disk as new evidence: its path, its name without folders, and its base name as the title; the
 * caller sets actions, type, source and dates. The file is checked now (a folder, a missing, unreadable,
 * special, empty or too large file, or the open database's own files, are refused with an Error naming it and
 * what to do) and read a chunk at a time when it is stored, which checks it again.
 */
EvidenceInput evidenceInputFromFile(const QString &path);

/** The operating-system user name the audit trail records by default. */
QString defaultActor();

/** Levenshtein-closest candidates to @p name, best first (for "did you mean" messages). */
QStringList closestNames(const QString &name, const QStringList &candidates, int count = 3);

/** Checks a plain text field: trims, refuses control characters other than newlines and tabs, limits length. */
QString checkedText(const QString &text, const QString &what, int maxChars, bool multiLine);

} // namespace quorum
