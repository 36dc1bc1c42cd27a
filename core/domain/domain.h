#pragma once

#include "core/domain/maturity.h"
#include "core/domain/rating.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace quorum {

/** The organisation whose record the database is: its name and the protective marking of reports. */
struct Organisation {
    QString name;
    QString marking; ///< e.g. OFFICIAL, OFFICIAL-SENSITIVE; printed on every page of the board pack
    /**
     * Whether maturity is tracked beside assurance (issue 18; schema 10). Off by default: nothing of maturity shows
     * anywhere, and the board pack reads as it did.
     */
    bool trackMaturity = false;
    /**
     * The row's version when it was read (shared mode, issue 15): a change made from it is refused when the
     * stored version differs. 0: not read from a record, and not checked.
     */
    int version = 0;
};

/** A board member (director) or an executive. */
struct Person {
    qint64 id = 0;
    QString name;
    QString role;
    bool board = false; ///< a director: may be the accountable director of an action, and sign reviews
    bool active = true;
    /** The row's version when read (shared mode; Organisation::version says more). 0: not read, not checked. */
    int version = 0;
};

/** The fields of an assessment that can be changed one by one (and undone one by one). */
enum class AssessmentField {
    Owner,
    Director,
    Rating,
    Target,
    Justification,
    Commentary,
    TargetDate,
    NextReview,
    Maturity,         ///< the current maturity level (schema 10)
    MaturityTarget,   ///< the level the organisation aims for
    MaturityAssessed, ///< the date the maturity was last assessed
    MaturityAssessor, ///< internal assessment or independent appraisal
};

/** "owner", "director", "rating", ... as used in the audit trail. */
QString assessmentFieldKey(AssessmentField field);

/**
 * A set of field changes. Values: Owner and Director a person id (qint64, 0 for nobody); Rating and
 * Target a Rating; Justification and Commentary text; TargetDate, NextReview and MaturityAssessed a QDate (invalid
 * for none); Maturity and MaturityTarget an int score of the item's MaturityScale (a null QVariant for none);
 * MaturityAssessor a MaturityAssessor.
 */
using AssessmentChanges = QMap<AssessmentField, QVariant>;

/** What the organisation has recorded for one action. */
struct Assessment {
    QString actionId;
    qint64 ownerId = 0;
    qint64 directorId = 0;
    Rating rating = Rating::NotAssessed;
    Rating target = Rating::Reasonable;
    QString justification; ///< required when the rating is Not applicable
    QString commentary;    ///< board-facing, plain text
    QDate targetDate;
    QDate nextReview;
    /** Maturity (issue 18): scores of the item's framework's MaturityScale; none until appraised. */
    std::optional<int> maturity;
    std::optional<int> maturityTarget;
    QDate maturityAssessed;
    quorum::MaturityAssessor maturityAssessor = quorum::MaturityAssessor::None;
    QDateTime updatedAt;
    /**
     * Counted up by every change (schema 4). A change made from what someone saw carries the version they
     * saw, and is refused when the stored one has moved on: someone else changed the assessment since.
     */
    int version = 1;

    QVariant value(AssessmentField field) const;
};

/** Evidence kinds, as the brief lists them. */
enum class EvidenceType {
    Policy,
    Strategy,
    Report,
    BoardMinutes,
    ExerciseRecord,
    AuditOpinion,
    Metric,
    Attestation,
    Other
};
enum class EvidenceSource { Management, RiskCompliance, InternalAudit, ThirdParty };
enum class EvidenceStatus { Current, Expiring, Expired };

const QList<EvidenceType> &allEvidenceTypes();
const QList<EvidenceSource> &allEvidenceSources();
QString evidenceTypeKey(EvidenceType type);
QString evidenceTypeLabel(EvidenceType type);
std::optional<EvidenceType> evidenceTypeFromKey(QStringView text);
QString evidenceSourceKey(EvidenceSource source);
QString evidenceSourceLabel(EvidenceSource source);
std::optional<EvidenceSource> evidenceSourceFromKey(QStringView text);
QString evidenceStatusKey(EvidenceStatus status);
QString evidenceStatusLabel(EvidenceStatus status);

/** Evidence whose review-by date is within this many days is "expiring". */
constexpr int kExpiringWithinDays = 30;

/** Current until the review-by date has passed; expiring within 30 days of it; no date never expires. */
EvidenceStatus evidenceStatus(const QDate &reviewBy, const QDate &today);

/** One piece of evidence: a stored file (with its SHA-256) or a link. */
struct Evidence {
    qint64 id = 0;
    QString title;
    EvidenceType type = EvidenceType::Other;
    EvidenceSource source = EvidenceSource::Management;
    QDate effective; ///< the date it speaks for
    QDate reviewBy;  ///< after this date it is expired
    QString url;     ///< for a link
    QString fileName;
    QString sha256; ///< for a stored file
    qint64 size = 0;
    int revision = 1;
    QDateTime createdAt;
    QStringList actionIds;
    /** The row's version when read (shared mode; Organisation::version says more). 0: not read, not checked. */
    int version = 0;

    bool isFile() const { return !sha256.isEmpty(); }
};

/** One action with everything a list, a score or a report needs, read in one query. */
struct ActionState {
    QString id;        ///< "A1", "ssc:3.2" (Catalogue: the ids of frameworks other than the Code carry their key)
    QString framework; ///< the key of its framework: "cgc", "ssc"
    QString reference; ///< as its framework numbers it: "A1", "3.2"
    QString principleId;
    QString principleTitle;
    QString shortTitle;
    QString text;
    QString path; ///< a library item's titles between its group and itself, joined by " › "
    /**
     * Not applicable to the organisation's vendor role for its framework (the Software Security Code's
     * resellers follow themes 3 and 4): the assessment reads Not applicable with the role's reason, whatever
     * is stored, and its rating, target and justification are not edited until the role changes.
     */
    bool notApplicableByRole = false;
    Assessment assessment;
    QString ownerName;
    QString directorName;
    int evidenceCurrent = 0;  ///< not expired (includes expiring)
    int evidenceExpiring = 0; ///< current, but due for review within 30 days
    int evidenceExpired = 0;
};

/** A board review: the frozen state of every action for one board meeting. */
struct Review {
    qint64 id = 0;
    QString name;
    QDate meetingDate;
    QDateTime createdAt;
    QString decisions;
    QString signedBy;
    QDateTime signedAt;
    QString minuteRef;

    bool isSigned() const { return signedAt.isValid(); }
};

/** One action's frozen state inside a review. */
struct ReviewItem {
    QString actionId;
    Rating rating = Rating::NotAssessed;
    Rating target = Rating::Reasonable;
    QString owner;
    QString director;
    int evidenceCurrent = 0;
    int evidenceExpired = 0;
    QString commentary;
    std::optional<int> maturity; ///< frozen with the review (schema 10); none when not appraised
    std::optional<int> maturityTarget;
};

/** The states of @p states that belong to the framework @p key, in their order. */
QList<ActionState> statesOfFramework(const QList<ActionState> &states, const QString &key);

/** The items of @p items that belong to the framework @p key (Catalogue::keyOfItem), in their order. */
QList<ReviewItem> reviewItemsOfFramework(const QList<ReviewItem> &items, const QString &key);

/** An action's live state as a review would freeze it (the rules compare live and frozen the same way). */
ReviewItem reviewItemOf(const ActionState &state);

/** A director's cyber training record (action C3). */
struct TrainingRecord {
    qint64 id = 0;
    qint64 personId = 0;
    QString course;
    QDate completed;
    QDate validUntil; ///< invalid: does not expire
    /** The row's version when read (shared mode; Organisation::version says more). 0: not read, not checked. */
    int version = 0;
};

/** Where a person stands on their cyber training (action C3). */
enum class TrainingStatus {
    Current, ///< a completed course that is still valid (or does not expire)
    Expired, ///< trained before, but every record has passed its valid-until date
    Missing, ///< no completed training recorded
};

QString trainingStatusKey(TrainingStatus status);   ///< "current", "expired", "missing"
QString trainingStatusLabel(TrainingStatus status); ///< "Current", "Expired", "No training recorded"

/**
 * The status on @p today of one person's @p records. A record counts from its completion date to its
 * valid-until date inclusive (for ever without one); a course completed after @p today does not count yet.
 */
TrainingStatus trainingStatus(const QList<TrainingRecord> &records, const QDate &today);

} // namespace quorum
