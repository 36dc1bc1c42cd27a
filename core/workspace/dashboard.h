#pragma once

#include "core/rules/attention.h"
#include "core/rules/scoring.h"

#include <QDate>
#include <QList>
#include <QStringList>

#include <optional>

namespace quorum {

class Store;

/** The colour role of a chart series; the chart layer maps each to the board's colours and patterns. */
enum class SeriesTone { Green, Amber, Red, Gap, NotApplicable, Primary, Secondary };

/** One series of a chart: a name for the legend and one value per category. */
struct ChartSeries {
    QString name;
    QList<double> values;
    SeriesTone tone = SeriesTone::Primary;

    bool operator==(const ChartSeries &other) const = default;
};

/** A zone of values drawn behind a line chart across its width, such as a metric's tolerance bands. */
struct ChartBand {
    QString name; ///< for the legend, in words, so the zone reads without colour
    double from = 0;
    double to = 0;
    SeriesTone tone = SeriesTone::Green;

    bool operator==(const ChartBand &other) const = default;
};

/**
 * A chart as data, with no chart library in sight: the dashboard and the board pack both draw from
 * the same spec, so they always show the same numbers in the same colours.
 */
struct ChartSpec {
    /** Radar: one spoke per category, one closed shape per series, between minimum and maximum (maturity). */
    enum class Kind { StackedBars, GroupedBars, Line, Radar };
    Kind kind = Kind::StackedBars;
    QString title;
    QString valueAxisTitle;
    QStringList categories; ///< axis labels; may contain "<br>" for a second line (they are rich text)
    /** What each category stands for, in full ("A Risk management"), for tooltips; empty: the labels say it. */
    QStringList categoryNames;
    QList<ChartSeries> series;
    double minimum = 0;
    double maximum = 0;       ///< 0: fit the data
    bool wholeNumbers = true; ///< false: values and axis labels keep their decimals
    QList<ChartBand> bands;   ///< Line only: drawn behind the series, in this order in the legend
    int levels = 0;           ///< Radar only: how many levels its scale has, one ring each

    bool operator==(const ChartSpec &other) const = default;
};

/**
 * A value axis with round tick labels: from minimum to maximum in equal steps of 1, 2 or 5 times a power
 * of ten (0, 10, 20, ... 50 rather than 0, 8, 16, ... 41).
 */
struct ValueAxisTicks {
    double minimum = 0;
    double maximum = 1;
    double step = 1;

    /** How many ticks, both ends included. */
    int count() const;
    /** The tick values, from minimum to maximum. */
    QList<double> values() const;
    bool operator==(const ValueAxisTicks &other) const = default;
};

/**
 * The smallest round step at least @p rough: 1, 2 or 5 times a power of ten (also 2.5 with
 * @p allowTwoAndAHalf, for axes that need not show whole numbers).
 */
double niceStep(double rough, bool allowTwoAndAHalf = false);

/**
 * Round ticks from @p minimum up to at least @p top in at most @p maxSteps steps; whole-number steps
 * (at least 1) when @p wholeNumbers. A @p top not above @p minimum gives one step.
 */
ValueAxisTicks niceTicks(double minimum, double top, bool wholeNumbers, int maxSteps = 5);

/**
 * The value axis of @p spec: its own range when it sets one (divided into five steps, as the metric charts
 * choose their ranges), otherwise round ticks from its minimum up to its largest value (the tallest stack
 * for stacked bars). The one place the chart layer takes its ticks from.
 */
ValueAxisTicks valueAxisTicks(const ChartSpec &spec);

/** A board review and the posture score of the ratings it froze. */
/** The posture trend shows at most this many board reviews (a year and a half of quarterly meetings: more points than
 * that and their labels no longer fit) before "Now". */
constexpr int kTrendReviewsShown = 6;

struct ReviewPosture {
    Review review;
    PostureScore score;
};

/**
 * Every board review, in the order of Store::reviews(), scored with the one rule on the items of framework
 * @p framework it froze (the Code's by default: a score is never blended across frameworks). A review's score only
 * changes with the review, so the Workspace keeps this list between edits (it reads every review's items).
 */
QList<ReviewPosture> reviewPostures(const Store &store, const QString &framework = {});
/**
 * Only the last @p points reviews held by @p today that froze items of @p framework, oldest first: what the
 * dashboard's trend shows (recentTrend) and its "since the last review" compares with, without reading the items
 * of a group's hundreds of earlier reviews (issue 19). One more than the trend shows by default, so that the trend
 * still says it shows "the last" reviews when there were more.
 */
QList<ReviewPosture> recentReviewPostures(const Store &store, const QString &framework, const QDate &today,
                                          int points = kTrendReviewsShown + 1);

/**
 * Which framework a dashboard is of, and the words its charts use for its groups and items: the Cyber Governance
 * Code's principles and actions by default, the Software Security Code's themes and principles, a library's groups
 * and requirements.
 */
struct DashboardScope {
    QString framework; ///< its key; empty for the Code
    QString groupNoun = QStringLiteral("principle");
    QString itemNoun = QStringLiteral("action");

    /** The framework's maturity scale while the organisation tracks maturity (issue 18); none when it does not. */
    std::optional<MaturityScale> maturity;

    /** The key, the Code's when none is set. */
    QString key() const;
    bool isCode() const;
    /** The scope of framework @p key (the Code's when empty) as @p store holds it, maturity included when tracked. */
    static DashboardScope of(const Store &store, const QString &key = {});
};

/** One group's maturity: the mean current and target level of its items that have them (Not applicable aside). */
struct MaturityGroup {
    QString label; ///< as the framework numbers the group: "A", "3"
    QString title;
    std::optional<double> current;
    std::optional<double> target;
    /** The mean of target less current over the items that have both; none when no item has both. */
    std::optional<double> gap;
    int assessed = 0; ///< items with a current level
    int items = 0;    ///< items that apply (not rated Not applicable)
};

/** One item's maturity gap, for the board's "largest gaps". */
struct MaturityGap {
    QString itemId;
    QString reference; ///< as its framework numbers it
    QString shortTitle;
    int current = 0;
    int target = 0;
    int levelsBelow = 0; ///< how many levels of the scale the current level is below the target
};

/**
 * Maturity as the board reads it (issue 18), kept apart from assurance: per group, the mean current and target
 * level; the items furthest below their target; and a radar of the two. Never blended into the posture score or
 * the colours (docs/scoring.md says why).
 */
struct MaturityView {
    MaturityScale scale = MaturityScale::cmmi();
    QList<MaturityGroup> groups;
    QList<MaturityGap> largestGaps; ///< at most kLargestGaps, largest first, then in catalogue order
    int assessed = 0;               ///< items with a current level
    int items = 0;                  ///< items that apply
    ChartSpec radar;

    static constexpr int kLargestGaps = 3;
    /** The view of one framework's @p states (in catalogue order) on @p scale, its groups named as @p scope says. */
    static MaturityView build(const QList<ActionState> &states, const MaturityScale &scale,
                              const DashboardScope &scope);
};

/**
 * Everything the board's first page shows, computed once from the store with the one scoring rule
 * and the attention rules: headline figures, movement since the last board review, four charts and the
 * attention list. Used by the dashboard screen and the board pack.
 */
struct DashboardData {
    DashboardScope scope;
    PostureScore posture;
    std::optional<double> previousScore; ///< at the last board review
    QString previousReviewName;
    QDate previousReviewDate;
    int expiredEvidence = 0;
    int expiringEvidence = 0;
    int currentEvidence = 0; ///< current and not expiring soon
    /**
     * Expired items the attention list counts but does not name (EvidenceSummary::kListedExpired are named); the
     * evidence register lists them all. Only on the Code's dashboard, which lists the evidence rules.
     */
    int unlistedExpiredEvidence = 0;
    int overdueTargets = 0;
    QList<PostureScore> principleScores; ///< in principle order
    QList<Rag> principleRags;            ///< in principle order: Scoring::ragForScore, as the board pack colours them
    QStringList principleIds;            ///< as stored ("A", "ssc:3")
    QStringList principleLabels;         ///< as the framework numbers them ("A", "3"), for charts and the screen
    QStringList principleTitles;
    ChartSpec ratingsByPrinciple;
    ChartSpec postureTrend;   ///< the last kTrendReviewsShown reviews and now (recentTrend of postureHistory)
    ChartSpec postureHistory; ///< every board review and now, for the board pack of an earlier review
    ChartSpec currentVersusTarget;
    ChartSpec evidenceFreshness;
    QList<AttentionItem> attention;
    /** While the organisation tracks maturity (DashboardScope::maturity): its view; none otherwise. */
    std::optional<MaturityView> maturity;

    /**
     * The attention items of @p all that a dashboard of @p scope lists: those about its items, and for the Code
     * also those about no item (evidence, people, metrics, exercises, reviews).
     */
    static QList<AttentionItem> attentionOf(const QList<AttentionItem> &all, const DashboardScope &scope);

    /** Posture movement since the last review, rounded; none without a previous review. */
    std::optional<int> movement() const;

    static DashboardData build(const Store &store, const QDate &today);
    /** The same, with the evidence of @p today already summarised (the Workspace keeps one between edits). */
    static DashboardData build(const Store &store, const QDate &today, const EvidenceSummary &evidence);
    /** The same, with the reviews already scored too (reviewPostures; the Workspace keeps those as well). */
    static DashboardData build(const Store &store, const QDate &today, const EvidenceSummary &evidence,
                               const QList<ReviewPosture> &reviews);
    /** The same, with the attention items already computed (Attention::compute; the Workspace keeps them too). */
    static DashboardData build(const Store &store, const QDate &today, const EvidenceSummary &evidence,
                               const QList<ReviewPosture> &reviews, const QList<AttentionItem> &attention);
    /** The same, with the action states already read with the evidence counts of @p evidence (as Workspace keeps them).
     */
    static DashboardData build(const QDate &today, const EvidenceSummary &evidence, const QList<ReviewPosture> &reviews,
                               const QList<AttentionItem> &attention, const QList<ActionState> &states);
    /**
     * The dashboard of one framework (@p scope) from every followed item's state and every attention item: only
     * that framework's items are scored, charted and listed, with @p reviews scored on its items
     * (reviewPostures for its key). The Code's dashboard also lists the attention items that are not about an
     * item (evidence, people, metrics, exercises, reviews).
     */
    static DashboardData build(const QDate &today, const EvidenceSummary &evidence, const QList<ReviewPosture> &reviews,
                               const QList<AttentionItem> &attention, const QList<ActionState> &states,
                               const DashboardScope &scope);
};

/**
 * The last kTrendReviewsShown points of a posture trend and its final point, titled to say so: forty
 * points on a dashboard chart are unreadable. A trend that short already is returned as it is.
 */
ChartSpec recentTrend(const ChartSpec &history);

/** The trend's label for a board review's point: "Jul<br>25", two short lines that fit under a point. */
QString trendPointLabel(const QDate &meetingDate);

/** "A Risk management": a principle's letter and title, as chart tooltips and the dashboard name it. */
QString principleName(const QString &id, const QString &title);

/** Action states rebuilt from a frozen board review, for scoring it with the one rule. */
QList<ActionState> statesOfReview(const QList<ReviewItem> &items, const QList<ActionState> &catalogueOrder);

/** Points a target rating stands for (Not applicable and Not assessed: none). */
std::optional<int> targetPoints(Rating target);

} // namespace quorum
