#pragma once

#include "core/domain/boardrecords.h"
#include "core/workspace/dashboard.h"

#include <QList>

namespace quorum {

/**
 * The chart of one metric (E2): its readings over time as a line, oldest first (by date, then in the
 * order recorded), drawn against its tolerance as bands behind the line: green, amber and red (outside
 * tolerance), each named in words with its threshold for the legend ("Green: ≥ 95 %", "Amber: ≥ 90 %",
 * "Red (outside tolerance): < 90 %", as the thresholds read in the metrics list), so the chart reads
 * without colour.
 * The value range covers every reading and leaves every band visible. Pure: the metrics page draws it
 * and the board pack can draw the same spec.
 */
ChartSpec metricChart(const Metric &metric, const QList<MetricReading> &readings);

} // namespace quorum
