#pragma once

#include "core/domain/domain.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QString>

#include <array>
#include <optional>

namespace quorum {

class Store;
struct EvidenceSummary;

/** The rules that raise an attention item, in the order a board pack lists them within one severity. */
enum class AttentionRule {
    UnownedAction,
    UnsupportedClaim,
    ExpiredEvidence,
    RatingFell,
    OverdueTarget,
    NoRecentExercise,
    NoRecentFormalReport,
    DirectorTraining,
    MetricOutOfTolerance,
    MaturityBelowTarget, ///< only while the organisation tracks maturity (issue 18)
};

/** Every rule, in enum order. */
const QList<AttentionRule> &allAttentionRules();
/** The stable word used by the CLI and in files: "unowned", "unsupported-claim", ... */
QString attentionRuleKey(AttentionRule rule);
/** The heading a director reads: "Unowned action", "Unsupported claim", ... */
QString attentionRuleLabel(AttentionRule rule);
std::optional<AttentionRule> attentionRuleFromKey(QStringView text);

/** Severity of attention items: 1 is the most urgent. */
enum AttentionSeverity : int { SeverityHigh = 1, SeverityMedium = 2, SeverityLow = 3 };
/** "high", "medium", "low". */
QString attentionSeverityKey(int severity);

/** One thing the board must see without asking. */
struct AttentionItem {
    AttentionRule rule = AttentionRule::UnownedAction;
    QString subject;               ///< an action id such as "A4", or a record's name (evidence title, person, metric)
    QString subjectKind;           ///< action, evidence, person, metric, review or event
    qint64 recordId = 0;           ///< the id of the evidence, person, metric or event; 0 for an action
    QString detail;                ///< one sentence a director understands
    int severity = SeverityMedium; ///< 1 high .. 3 low, for ordering and the board pack's top items

    bool operator==(const AttentionItem &other) const = default;
};

/**
 * The part of the record an attention item comes from. A change to one part of the record recomputes only
 * the sources it feeds (Workspace keeps each source's items): a rating changed recomputes the action items,
 * not the hundreds of expired evidence items of a large register.
 */
enum class AttentionSource {
    Actions, ///< unowned, unsupported claim, rating fell, target date passed, maturity below target: assessments,
             ///< people, evidence counts, reviews, the organisation's setting
    ExpiredEvidence,  ///< evidence whose review-by date has passed
    Exercise,         ///< D2's exercise in the last 12 months: events
    FormalReport,     ///< E2's report this quarter: reviews and evidence
    DirectorTraining, ///< C3's director training: people and training
    Metrics,          ///< metrics outside tolerance: metrics and their readings
};
inline constexpr int kAttentionSourceCount = 6;
/** The sorted items of every source, indexed by AttentionSource. */
using AttentionParts = std::array<QList<AttentionItem>, kAttentionSourceCount>;

/** The items of one rule, for lists grouped by rule (the dashboard). */
struct AttentionGroup {
    AttentionRule rule = AttentionRule::UnownedAction;
    int severity = SeverityMedium; ///< the most severe of its items
    QList<qsizetype> itemIndexes;  ///< positions in the list grouped, in its order
};

/**
 * The one implementation of the attention rules of docs/scoring.md, used by the CLI, the dashboard
 * and the board pack: unowned actions, unsupported claims, expired evidence, ratings that fell since
 * the last board review, overdue target dates, no incident-plan exercise in the last 12 months (D2),
 * no board review or formal report in the last quarter (E2), directors without current cyber training
 * (C3) and metrics whose latest reading is outside tolerance (E2). Items are sorted by severity, then
 * rule, then subject. The rules that also make sense on a frozen board review (unowned, unsupported
 * claim, rating fell) are available on review items, so that a review diff can say what is new.
 */
class Attention {
public:
    /** Every attention item of the live record on @p today. */
    static QList<AttentionItem> compute(const Store &store, const QDate &today);
    /** The same, with the evidence of @p today already summarised (Store::evidenceSummary(today)). */
    static QList<AttentionItem> compute(const Store &store, const QDate &today, const EvidenceSummary &evidence);

    /**
     * The items of one @p source on @p today, sorted; @p states are the live action states with the evidence
     * counts of @p evidence (Store::actionStates(evidence.counts)). A source whose rule does not apply when its
     * action is rated Not applicable (D2, E2, C3) is computed regardless: assemble() leaves it out.
     */
    static QList<AttentionItem> computeSource(AttentionSource source, const Store &store, const QDate &today,
                                              const EvidenceSummary &evidence, const QList<ActionState> &states);
    /**
     * Every item of @p parts in the order of sort(), leaving out the sources of actions that @p states rate
     * Not applicable. What compute() returns, from parts computed (and kept) one by one.
     */
    static QList<AttentionItem> assemble(const AttentionParts &parts, const QList<ActionState> &states);

    /**
     * The unowned, unsupported-claim and rating-fell items of a set of action states, frozen or live:
     * @p previous is the board review to compare ratings with (empty: no rating-fell items) and
     * @p previousName names it in the detail; @p shortTitles (action id to short title) makes the
     * details easier to read.
     */
    static QList<AttentionItem> forActions(const QList<ReviewItem> &items, const QList<ReviewItem> &previous,
                                           const QString &previousName,
                                           const QHash<QString, QString> &shortTitles = {});

    /** Sorts by severity, then rule, then subject (case-insensitively). */
    static void sort(QList<AttentionItem> &items);
    /**
     * The items grouped by rule in the order of sort(): the most severe group first, then by rule, so a
     * list grouped by rule puts High items above Medium ones as the CLI and the board pack do.
     */
    static QList<AttentionGroup> groupByRule(const QList<AttentionItem> &items);
};

} // namespace quorum
