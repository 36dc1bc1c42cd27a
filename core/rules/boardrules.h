#pragma once

#include "core/domain/boardrecords.h"

namespace quorum {

// ---- Metric tolerance (action E2) ----------------------------------------------------------------

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

// ---- Annual exercising (action D2) --------------------------------------------------------------

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
