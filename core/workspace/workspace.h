#pragma once

#include "core/domain/access.h"
#include "core/domain/clock.h"
#include "core/domain/domain.h"
#include "core/storage/database.h"
#include "core/storage/serveraccess.h"
#include "core/storage/store.h"
#include "core/workspace/dashboard.h"

#include <QObject>
#include <QUndoStack>

#include <functional>
#include <memory>
#include <optional>

namespace quorum {

class ChangeListener;
class ConnectionKeeper;
class DashboardPrefetch;

class Catalogue;

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

    /**
     * Opens (or creates) a database file, or a record on a server when @p location is a PostgreSQL
     * connection (ServerConnection::isServer), and wraps it. Throws Error (PasswordRequired when a server
     * asks for a password nothing gave). With IntegrityCheck::InBackground, integrityFailed() tells when
     * the file turns out to be damaged; until the check has passed, the first change waits for it.
     */
    static std::unique_ptr<Workspace>
    open(const QString &location, bool create, const Catalogue &catalogue, const Clock &clock,
         QObject *parent = nullptr, Database::IntegrityCheck integrityCheck = Database::IntegrityCheck::BeforeOpening);
    /** Opens (or creates) the record on a server (Database::openServer) and wraps it. Throws Error. */
    static std::unique_ptr<Workspace> open(const ServerConnection &server, bool create, const Catalogue &catalogue,
                                           const Clock &clock, QObject *parent = nullptr);

    Database &database() const { return *m_database; }
    /** True when the file was opened read-only (Database::isReadOnly): every change is refused. */
    bool isReadOnly() const { return m_database->isReadOnly(); }
    Store &store() { return m_store; }
    const Store &store() const { return m_store; }
    const Catalogue &catalogue() const { return m_catalogue; }
    QUndoStack *undoStack() const { return m_undoStack; }
    /** The file's absolute path, or a server's display name (no password). */
    QString path() const;
    /** What opens this record again: the file's path, or the server's connection without its password. */
    QString location() const;
    /** For a title: the file's name, or the server's display name. */
    QString displayName() const;
    bool isServer() const { return m_database->isServer(); }
    /**
     * True while the connection to the server is lost (ConnectionKeeper): the last state read stays on
     * show, every change is refused with Error::Kind::Disconnected (never queued), and Quorum reconnects by
     * itself. Always false for a file.
     */
    bool isOffline() const;
    /**
     * What the signed-in login may do in this record, as the server says (ServerAccess::session): asked when
     * the record is opened, again when a role is given or taken through Quorum (here, or by another client,
     * whose trail row arrives as a change notice) and after a reconnection. For a file, everything.
     */
    const SessionAccess &access() const { return m_access; }
    /** Asks the server again what this login may do; emits accessChanged() when it differs. */
    void refreshAccess();
    /** Who holds which of the record's roles (ServerAccess::members). Throws Error. */
    QList<AccessMember> accessMembers();
    /**
     * Turns access by role on (ServerAccess::enable), gives or takes a role (grant, revoke): each one
     * transaction with its trail row, not on the undo stack (giving rights is not an edit of the record).
     * Throws Error; then accessChanged() when this login's own rights changed.
     */
    void enableAccess(const QString &prefix);
    void grantAccess(const QString &login, AccessRole role, const QString &person);
    void revokeAccess(const QString &login, AccessRole role);
    /** Sets a login's password, hashed on this side (ServerAccess::setPassword). Throws Error. */
    void setAccessPassword(const QString &login, const QString &password);

    /** While offline: tries to reconnect now rather than when the back-off says. */
    void reconnectNow();
    /** What the last reconnection found of a commit the loss cut off (None when there was none). */
    Database::InterruptedChange lastInterruptedChange() const { return m_lastInterruptedChange; }

    /**
     * Starts reading today's evidence summary, the actions' states and the attention items on another thread
     * (DashboardPrefetch), for the desktop app's start-up: the first evidenceSummary(), actionStates() or
     * attention() takes them instead of reading.
     * Dropped if anything changes first, or if the date has moved on by the time they are asked for.
     */
    void prefetchDashboard();
    /** The same with a read ahead started before this record was opened (DashboardPrefetch::beforeOpening). */
    void prefetchDashboard(std::unique_ptr<DashboardPrefetch> started);
    /** The read ahead of prefetchDashboard() while it has not been taken or dropped, else null. */
    const DashboardPrefetch *dashboardPrefetch() const { return m_prefetch.get(); }
    /** Starts the background integrity check (Database::IntegrityCheck::InBackground), if not yet started. */
    void startIntegrityCheck();

    /**
     * The evidence summary for the store's today, kept between edits: recomputed only after an evidence
     * change (evidenceChanged) or when the date moves on. With tens of thousands of pieces of evidence,
     * counting them is most of the cost of a dashboard refresh, and an assessment edit never changes them.
     */
    const EvidenceSummary &evidenceSummary() const;
    /**
     * The attention items for the store's today (what Attention::compute gives with evidenceSummary()). Each
     * AttentionSource's items are kept until a change of a kind that source reads (a rating change recomputes
     * the action items only) or until the date moves on.
     */
    const QList<AttentionItem> &attention() const;
    /** The organisation's name and marking, kept until organisationChanged (the status bar and the dashboard read it).
     */
    Organisation organisation() const;
    /**
     * The posture scores of the last board reviews held by today (recentReviewPostures: what the dashboard's trend
     * shows), kept between edits: recomputed only after reviewsChanged or when the date moves on.
     */
    const QList<ReviewPosture> &reviewPostures() const;
    /** The same on the items of framework @p framework (the Code's when empty), kept the same way. */
    const QList<ReviewPosture> &reviewPostures(const QString &framework) const;
    /**
     * Every action's state, with the evidence counts of evidenceSummary(), kept until an assessment, person,
     * evidence or organisation change (the dashboard, the status bar and the action list all read it after
     * one edit).
     */
    QList<ActionState> actionStates() const;
    /**
     * The stored id of item @p id of any framework the record holds ("a1" gives "A1", "SSC:3.2" gives "ssc:3.2"),
     * or empty when there is none: for a form that checks what was typed before it is sent.
     */
    QString knownItem(const QString &id) const;
    /** One action's state, with the evidence counts of evidenceSummary(). Throws NotFound. */
    ActionState actionState(const QString &actionId) const;

    // Intent methods. Each throws Error (and pushes nothing) when the change is refused.
    /**
     * With @p expectedVersion (the Assessment::version the person saw), refused with Conflict when someone
     * else changed the assessment since; views are then told to show what is recorded now.
     */
    void changeAssessment(const QString &actionId, const AssessmentChanges &changes, int expectedVersion = 0);
    void setRating(const QString &actionId, Rating rating, const QString &justification = {});
    qint64 addPerson(const Person &person);
    void updatePerson(const Person &person);
    void setOrganisation(const Organisation &organisation);
    /** Removes a person nobody refers to; undo brings them back with the same id. */
    void removePerson(qint64 id);

    // Frameworks. Every change emits frameworksChanged(), then every view reads afresh (dataChanged()).
    /** Every framework the record holds, followed or not, the Code first; kept until frameworksChanged(). */
    QList<Framework> frameworks() const;
    /** The frameworks the organisation follows, the Code first. */
    QList<Framework> followedFrameworks() const;
    /** The framework @p key; throws NotFound. */
    Framework framework(const QString &key) const;
    /** Follows framework @p key or stops following it (its items and their assessments are kept); undoable. */
    void setFrameworkFollowed(const QString &key, bool followed);
    /** The organisation's vendor role for framework @p key (which of its groups apply); undoable. */
    void setFrameworkVendorRole(const QString &key, const QString &role);
    /** Who answers for framework @p key (its Senior Responsible Owner), 0 for nobody; undoable. */
    void setFrameworkOwner(const QString &key, qint64 personId);
    /**
     * Adds a framework read from a library file, or brings one up to a newer version of its library (Store::
     * importFramework). Not undoable, like the built-in catalogue's own updates: the trail records it, and a
     * framework no longer wanted is turned off (setFrameworkFollowed), which keeps what was assessed.
     */
    CatalogueWrite importFramework(const Catalogue &catalogue);

    // Evidence. Every change emits evidenceChanged() and dataChanged().
    qint64 addEvidence(const EvidenceInput &input);
    void updateEvidence(const Evidence &metadata);
    void setEvidenceActions(qint64 id, const QStringList &actionIds);
    /**
     * Stores a new version of the file. Revision numbers only grow: undo makes the previous version
     * current again as a further revision, and redo makes the replacing version current again, so the
     * revision history records every undo and redo and no stored version is ever lost.
     */
    void replaceEvidenceFile(qint64 id, const QString &fileName, const QByteArray &content);
    /** The same with the file at @p path, read a chunk at a time (a large file is never held whole). */
    void replaceEvidenceFileFrom(qint64 id, const QString &path);
    /** Removes evidence; undo restores it exactly (same id, links, revisions and files). */
    void removeEvidence(qint64 id);

    // Training (action C3). Every change emits trainingChanged() and dataChanged().
    qint64 addTraining(const TrainingRecord &record);
    void updateTraining(const TrainingRecord &record);
    void removeTraining(qint64 id);

    /**
     * The person (by name, case-insensitively) the user acts as: the audit trail records the
     * operating-system user and this person. An empty name stops acting as anyone. Throws NotFound.
     */
    void setActingAs(const QString &personName);
    QString actingAs() const { return m_store.actingAs(); }

    // Board reviews. Every change emits reviewsChanged() and dataChanged().
    /** Freezes every action's state for a board meeting; undo deletes the review while it is unsigned. */
    qint64 createReview(const QString &name, const QDate &meetingDate, const QString &decisions = {});
    void setReviewDecisions(qint64 reviewId, const QString &decisions);
    /** Corrects the meeting date of an unsigned review (undoable); refused once the review is signed. */
    void setReviewMeetingDate(qint64 reviewId, const QDate &meetingDate);
    /** Deletes an unsigned review; undo puts it back exactly as it was frozen. */
    void removeReview(qint64 reviewId);
    /**
     * Records the board's sign-off. Deliberately not undoable: a signed review is immutable by design
     * (the database refuses to change or delete it), so no command is pushed. Earlier commands about the
     * review stay on the stack; if undone they are refused with a message and become obsolete.
     */
    void signReview(qint64 reviewId, qint64 directorId, const QString &minuteRef = {});

    // Metrics (action E2). Every change emits metricsChanged() and dataChanged().
    qint64 addMetric(const Metric &metric);
    void updateMetric(const Metric &metric);
    /** Removes a metric with its readings; undo puts both back with their ids. */
    void removeMetric(qint64 id);
    qint64 addReading(const MetricReading &reading);
    void removeReading(qint64 id);

    // Exercises and incidents (actions D2, D4). Every change emits eventsChanged() and dataChanged().
    qint64 addEvent(const BoardEvent &event);
    void updateEvent(const BoardEvent &event);
    void removeEvent(qint64 id);

    /** Called by undo commands: applies values and announces the change. Throws Error. */
    /**
     * Sets @p values (an undo or redo) if the assessment is still as this workspace's last change left it;
     * else Conflict: someone else changed it since, and that change is not overwritten.
     */
    void applyAssessment(const QString &actionId, const AssessmentChanges &values);
    void applyPersonRemoval(const QString &name);
    void applyPersonInsert(const Person &person);
    /** Gives the person now called @p currentName the values of @p values (ids change across undo of an add). */
    void applyPerson(const QString &currentName, Person values);
    void applyOrganisation(const Organisation &organisation);
    /**
     * Sets the settings of framework @p values.key that differ between @p values and @p from (an undo or redo) if
     * the framework is still as this workspace's last change left it (else Conflict: someone else changed it
     * since, and that change is not overwritten).
     */
    void applyFramework(const Framework &values, const Framework &from);
    void applyEvidence(const Evidence &metadata);
    void applyEvidenceActions(qint64 id, const QStringList &actionIds);
    void applyEvidenceRevision(qint64 id, int revision);
    /** Removes evidence and returns the snapshot that restores it. */
    EvidenceSnapshot applyEvidenceRemoval(qint64 id);
    void applyEvidenceRestore(const EvidenceSnapshot &snapshot);
    void applyTrainingInsert(const TrainingRecord &record);
    void applyTraining(const TrainingRecord &record);
    void applyTrainingRemoval(qint64 id);

    void applyReviewRemoval(qint64 reviewId);
    void applyReviewRestore(const Review &review, const QList<ReviewItem> &items);
    /** Sets the decisions if they still read @p expected (else Conflict: changed elsewhere). */
    void applyReviewDecisions(qint64 reviewId, const QString &expected, const QString &decisions);
    /** Sets the meeting date if it is still @p expected (else Conflict: changed elsewhere). */
    void applyReviewMeetingDate(qint64 reviewId, const QDate &expected, const QDate &meetingDate);
    /**
     * The board apply methods below take the record as the command last left it (@p expected): when the
     * stored record differs, something else changed it since, and the undo or redo is refused (Conflict)
     * rather than overwrite that change or touch a different record that now has the same id.
     */
    void applyMetricInsert(const Metric &metric, const QList<MetricReading> &readings);
    void applyMetric(const Metric &expected, const Metric &values);
    void applyMetricRemoval(const Metric &expected);
    void applyReadingInsert(const MetricReading &reading);
    void applyReadingRemoval(const MetricReading &expected);
    void applyEventInsert(const BoardEvent &event);
    void applyEvent(const BoardEvent &expected, const BoardEvent &values);
    void applyEventRemoval(const BoardEvent &expected);

    /**
     * On a server, reads at once the changes others committed that have not been heard of yet (they
     * arrive by themselves through the event loop; this is for a caller that cannot wait). Throws Error.
     */
    void catchUpWithOthers();

    /** Reports a failed undo or redo (a locked or read-only file): the GUI shows it. */
    void reportError(const QString &message);

Q_SIGNALS:
    void assessmentChanged(const QString &actionId);
    void peopleChanged();
    void evidenceChanged();
    void trainingChanged();
    void actingAsChanged(const QString &personName);
    void reviewsChanged();
    void metricsChanged();
    void eventsChanged();
    void organisationChanged();
    /**
     * A framework was followed or left, or its role or owner changed, or one was imported; also when everything is
     * read afresh (a reconnection, roles changed): every item may read differently, so views read them all again.
     */
    void frameworksChanged();
    /**
     * Any change at all: dashboards recompute on this. Always emitted after the signal of the change's kind
     * (assessmentChanged, peopleChanged, ...), on which the workspace drops what it keeps of that kind.
     */
    void dataChanged();
    void errorOccurred(const QString &message);
    /**
     * On a server, others committed these changes (oldest first); the change signals of their kinds and
     * dataChanged() follow, as for a change made here. Within a second of their commit.
     */
    void othersChanged(const QList<AuditEntry> &entries);
    /** The connection to the server was lost (isOffline() from now on); @p message says so for a banner. */
    void connectionLost(const QString &message);
    /** An attempt to reconnect failed (@p reason); the next is made in @p nextAttemptMs. */
    void reconnectFailed(const QString &reason, int nextAttemptMs);
    /**
     * Connected again: every view reads the record afresh (what others changed meanwhile arrives as
     * othersChanged). @p message says so and, when the loss cut off a commit of this workspace's, whether
     * that change was saved.
     */
    void connectionRestored(const QString &message);
    /**
     * The background integrity check of the file (Database::IntegrityCheck::InBackground) found damage;
     * @p message says what and what to do. Every change is refused from now on.
     */
    void integrityFailed(const QString &message);
    /** What this login may do changed (access()): controls turn on or off, the status bar says who. */
    void accessChanged();

private:
    /** Notes @p version as the one this workspace's last change left on record @p id of @p table. */
    void noteRecordVersion(const QString &table, qint64 id, int version);
    /** The version an undo or redo of record @p id of @p table expects (0: not checked). */
    int expectedRecordVersion(const QString &table, qint64 id) const;
    /** Applies @p change to framework @p key and pushes its undo command, described by @p text. */
    void changeFramework(const QString &key, const std::function<void(Framework &)> &change, const QString &text);
    /** Runs @p replace (a Store replacement returning the new revision) and pushes its undo command. */
    void replaceEvidenceFileUsing(qint64 id, const std::function<int()> &replace);
    /** Announces changes others committed (ChangeListener::changed) with the signals of their kinds. */
    void takeChangesFromOthers(const QList<AuditEntry> &entries);
    /** Once reconnected: reads again whatever others changed, and tells every view to read afresh. */
    void resumeAfterReconnect(Database::InterruptedChange interrupted);
    /**
     * After @p error from a change of a record other than an assessment: when it was refused as made from an
     * older version (Conflict), views are told (@p signal, dataChanged) to show what is recorded now.
     */
    void announceIfChangedElsewhere(const Error &error, void (Workspace::*signal)());
    /** Asks the server what this login may do; emits accessChanged() and returns true when it differs. */
    bool takeAccessFromServer();
    /** Every view reads the record afresh: the signals of every kind, then dataChanged(). */
    void announceEverything();
    /** After a change refused as made from an older version: views re-read the assessment. */
    void announceAssessmentChangedElsewhere(const QString &actionId);
    /** Drops what prefetchDashboard() is reading if it is for another day than @p today. */
    void dropStalePrefetch(const QDate &today) const;
    /**
     * A part of what prefetchDashboard() read (@p take waits for it), when it was read as of today and from where
     * this session found the trail ending; otherwise nothing, the read ahead is dropped, and the caller reads.
     */
    template<typename T>
    std::optional<T> takeReadAhead(std::optional<T> (DashboardPrefetch::*take)()) const;

    std::unique_ptr<Database> m_database;
    const Catalogue &m_catalogue;
    Store m_store;
    SessionAccess m_access;
    QUndoStack *m_undoStack;
    mutable std::optional<EvidenceSummary> m_evidenceSummary;
    mutable std::optional<Organisation> m_organisation;
    mutable std::optional<QList<Framework>> m_frameworks;
    mutable QHash<QString, QList<ReviewPosture>> m_frameworkPostures; ///< of frameworks other than the Code
    /** Each framework's version as this workspace's last change of it left it, for its undo and redo. */
    QHash<QString, int> m_frameworkVersions;
    mutable std::optional<QList<ActionState>> m_actionStates;
    mutable QDate m_actionStatesAsOf;
    mutable std::array<std::optional<QList<AttentionItem>>, kAttentionSourceCount> m_attentionParts;
    mutable std::optional<QList<AttentionItem>> m_attention;
    mutable QDate m_attentionAsOf;
    mutable std::unique_ptr<DashboardPrefetch> m_prefetch;
    /** Drops the kept review postures when the date has moved on since they were read. */
    void dropPosturesOfAnotherDay() const;
    mutable std::optional<QList<ReviewPosture>> m_reviewPostures;
    mutable QDate m_reviewPosturesAsOf; ///< the date the postures' reviews were held by
    bool m_integrityFailureReported = false;
    /** The version each assessment was left at by this workspace's last change of it (for undo and redo). */
    QHash<QString, int> m_assessmentVersions;
    /**
     * The same for the other records edited in place ("person:3", "organisation:1", "evidence:12",
     * "training:5"): the version this workspace's last change left, which undo and redo expect, so that they
     * never put values back over a change someone else made since. No entry: not checked.
     */
    QHash<QString, int> m_recordVersions;
    ChangeListener *m_changeListener = nullptr;     ///< on a server only
    ConnectionKeeper *m_connectionKeeper = nullptr; ///< on a server only
    Database::InterruptedChange m_lastInterruptedChange = Database::InterruptedChange::None;
};

} // namespace quorum
