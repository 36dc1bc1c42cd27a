#pragma once

#include "attention.h"
#include "domain.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace quorum {

// ---- Review differences ------------------------------------------------------------------------

/** What changed for one action between two board reviews (or a review and the live state). */
enum class ReviewChangeKind {
    RatingUp,      ///< the rating rose on the scale (ratingRank)
    RatingDown,    ///< the rating fell on the scale
    RatingChanged, ///< to or from Not applicable: neither better nor worse
    TargetChanged,
    OwnerChanged,
    DirectorChanged,
    EvidenceAdded,   ///< more current evidence than before
    EvidenceExpired, ///< more expired evidence than before
};

/** "rating-up", "rating-down", "rating-changed", "target", "owner", "director", "evidence-added",
 * "evidence-expired". */
QString reviewChangeKindKey(ReviewChangeKind kind);
/** "Rating up", "Rating down", ... */
QString reviewChangeKindLabel(ReviewChangeKind kind);

/** One change of one action, with the values before and after as a person reads them. */
struct ReviewChange {
    QString actionId;
    ReviewChangeKind kind = ReviewChangeKind::RatingUp;
    QString before; ///< rating label, person name (empty for nobody) or evidence count
    QString after;

    bool operator==(const ReviewChange &other) const = default;
};

/** The movement between a board review and a later one, or the live state. */
struct ReviewDiff {
    Review from;
    std::optional<Review> to;    ///< none: the live state
    QDate toDate;                ///< the meeting date of @c to, or today for the live state
    QList<ReviewChange> changes; ///< in catalogue order, then in the order of ReviewChangeKind
    /** Unowned, unsupported-claim and rating-fell items present for @c to but not for @c from. */
    QList<AttentionItem> newAttention;
};

// ---- Metrics (action E2) -----------------------------------------------------------------------

/** A measure the board agreed, with its tolerance: green and amber thresholds in one direction. */
struct Metric {
    qint64 id = 0;
    QString name;
    QString unit;
    bool higherIsBetter = true;
    double greenThreshold = 0; ///< at or beyond this (in the good direction) the metric is Green
    double amberThreshold = 0; ///< at or beyond this, Amber; short of it, Red (outside tolerance)
    QStringList actionIds;

    bool operator==(const Metric &other) const = default;
};

/** One reading of a metric. */
struct MetricReading {
    qint64 id = 0;
    qint64 metricId = 0;
    QDate takenOn;
    double value = 0;
    QString note;

    bool operator==(const MetricReading &other) const = default;
};

enum class MetricStatus { Green, Amber, Red, NoReading };

/** "green", "amber", "red", "no-reading". */
QString metricStatusKey(MetricStatus status);
/** "Green", "Amber", "Red (outside tolerance)", "No reading". */
QString metricStatusLabel(MetricStatus status);

/**
 * The status of @p value for @p metric. Higher is better: at or above green is Green, at or above amber
 * is Amber, below amber is Red. Lower is better mirrors it: at or below green is Green, at or below
 * amber is Amber, above amber is Red.
 */
MetricStatus metricStatus(const Metric &metric, double value);

/** The status of the latest reading, or NoReading. */
MetricStatus metricStatus(const Metric &metric, const std::optional<MetricReading> &reading);

/**
 * Empty when the thresholds are finite and ordered with the direction (green at or beyond amber in the
 * good direction); otherwise a sentence saying what to change.
 */
QString metricThresholdProblem(const Metric &metric);

/** A value for display: at most two decimals, no trailing zeros, with the unit ("94.5 %", "12 hours"). */
QString formatMetricValue(double value, const QString &unit = {});

// ---- Exercises and incidents (actions D2, D4) ---------------------------------------------------

/** An incident-plan exercise (D2) or a real incident and its lessons (D4). */
struct BoardEvent {
    enum class Kind { Exercise, Incident };

    qint64 id = 0;
    Kind kind = Kind::Exercise;
    QDate occurredOn;
    QString title;
    QString summary;
    QString stakeholders;
    QString lessons;
    QString followUps;
    QStringList actionIds;

    bool operator==(const BoardEvent &other) const = default;
};

/** "exercise", "incident". */
QString boardEventKindKey(BoardEvent::Kind kind);
/** "Exercise", "Incident". */
QString boardEventKindLabel(BoardEvent::Kind kind);
std::optional<BoardEvent::Kind> boardEventKindFromKey(QStringView text);

/** Whether action D2's "at least annual" exercising is met on a date. */
struct ExerciseStanding {
    std::optional<BoardEvent> lastExercise; ///< the latest exercise dated on or before today, if any
    QDate since;                            ///< today.addMonths(-12): the oldest date that still counts
    bool withinYear = false;                ///< lastExercise is on or after @c since
    QDate countsUntil;                      ///< the last day on which lastExercise still counts
};

/**
 * The one D2 rule (docs/scoring.md), used by the attention item and the exercises page: the latest event
 * of kind exercise dated on or before @p today (for two on one day, the later in @p events) is within the
 * last 12 months when it is on or after today.addMonths(-12). Exactly twelve months ago still counts; a
 * day older does not; on 29 February, twelve months earlier is 28 February. Incidents do not count.
 */
ExerciseStanding exerciseStanding(const QList<BoardEvent> &events, const QDate &today);

} // namespace quorum
