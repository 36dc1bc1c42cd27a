#include "core/workspace/metricchart.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace quorum {

namespace {

bool isWhole(double value)
{
    return std::abs(value - std::round(value)) < 1e-9;
}

/**
 * An axis from @p bottom to @p top in five equal, round steps (the chart layer draws six ticks), so the
 * tick labels are round numbers.
 */
void fitRange(double bottom, double top, ChartSpec &spec)
{
    constexpr int kSteps = 5;
    double step = niceStep((top - bottom) / kSteps, true);
    for (int attempt = 0; attempt < 8; ++attempt) {
        const double start = std::floor(bottom / step + 1e-9) * step;
        if (start + kSteps * step >= top - 1e-9) {
            spec.minimum = start;
            spec.maximum = start + kSteps * step;
            spec.wholeNumbers = spec.wholeNumbers && isWhole(step) && isWhole(start);
            return;
        }
        step = niceStep(step * 1.01, true);
    }
    spec.minimum = bottom;
    spec.maximum = top;
    spec.wholeNumbers = false;
}

} // namespace

ChartSpec metricChart(const Metric &metric, const QList<MetricReading> &readings)
{
    QList<MetricReading> ordered = readings;
    std::stable_sort(ordered.begin(), ordered.end(), [](const MetricReading &a, const MetricReading &b) {
        return a.takenOn != b.takenOn ? a.takenOn < b.takenOn : a.id < b.id;
    });

    ChartSpec spec;
    spec.kind = ChartSpec::Kind::Line;
    spec.title = QStringLiteral("%1 (%2 is better)")
                     .arg(metric.name, metric.higherIsBetter ? QStringLiteral("higher") : QStringLiteral("lower"));
    spec.valueAxisTitle = metric.unit;
    ChartSeries line{QStringLiteral("Reading"), {}, SeriesTone::Primary};
    bool whole = isWhole(metric.greenThreshold) && isWhole(metric.amberThreshold);
    QSet<QString> used;
    for (const MetricReading &reading : std::as_const(ordered)) {
        // Two short lines ("14 Jan" over "2026") fit under each point; two readings on one day keep
        // distinct labels (a category axis merges equal ones).
        QString label = reading.takenOn.toString(QStringLiteral("d MMM'<br>'yyyy"));
        for (int n = 2; used.contains(label); ++n)
            label = QStringLiteral("%1 (%2)").arg(reading.takenOn.toString(QStringLiteral("d MMM'<br>'yyyy"))).arg(n);
        used.insert(label);
        spec.categories << label;
        line.values << reading.value;
        whole = whole && isWhole(reading.value);
    }
    spec.series << line;
    spec.wholeNumbers = whole;

    // A range that holds every reading and shows every band: the zones beyond the thresholds get a
    // fifth of the span at least.
    const double low = std::min(metric.greenThreshold, metric.amberThreshold);
    const double high = std::max(metric.greenThreshold, metric.amberThreshold);
    double lowest = low;
    double highest = high;
    bool negative = false;
    for (double value : std::as_const(line.values)) {
        lowest = std::min(lowest, value);
        highest = std::max(highest, value);
        negative = negative || value < 0;
    }
    double span = highest - lowest;
    if (span <= 0)
        span = std::max(std::abs(highest), 1.0);
    double bottom = std::min(lowest - 0.05 * span, low - 0.2 * span);
    double top = std::max(highest + 0.05 * span, high + 0.2 * span);
    // Counts and percentages do not go below zero; keep zero as the floor unless a threshold sits on it
    // (then the zone below it would vanish).
    if (bottom < 0 && low > 0 && !negative)
        bottom = 0;
    fitRange(bottom, top, spec);

    const QString green = formatMetricValue(metric.greenThreshold, metric.unit);
    const QString amber = formatMetricValue(metric.amberThreshold, metric.unit);
    QList<ChartBand> bands;
    if (metric.higherIsBetter) {
        bands << ChartBand{QStringLiteral("Green: \u2265 %1").arg(green), metric.greenThreshold, spec.maximum,
                           SeriesTone::Green}
              << ChartBand{QStringLiteral("Amber: \u2265 %1").arg(amber), metric.amberThreshold, metric.greenThreshold,
                           SeriesTone::Amber}
              << ChartBand{QStringLiteral("Red (outside tolerance): < %1").arg(amber), spec.minimum,
                           metric.amberThreshold, SeriesTone::Red};
    } else {
        bands << ChartBand{QStringLiteral("Green: \u2264 %1").arg(green), spec.minimum, metric.greenThreshold,
                           SeriesTone::Green}
              << ChartBand{QStringLiteral("Amber: \u2264 %1").arg(amber), metric.greenThreshold, metric.amberThreshold,
                           SeriesTone::Amber}
              << ChartBand{QStringLiteral("Red (outside tolerance): > %1").arg(amber), metric.amberThreshold,
                           spec.maximum, SeriesTone::Red};
    }
    // Green and amber on the same value: no amber zone.
    for (const ChartBand &band : std::as_const(bands)) {
        if (band.to > band.from)
            spec.bands << band;
    }
    return spec;
}

} // namespace quorum
