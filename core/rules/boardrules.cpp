#include "core/rules/boardrules.h"

namespace quorum {

QString metricStatusKey(MetricStatus status)
{
    switch (status) {
    case MetricStatus::Green:
        return QStringLiteral("green");
    case MetricStatus::Amber:
        return QStringLiteral("amber");
    case MetricStatus::Red:
        return QStringLiteral("red");
    case MetricStatus::NoReading:
        return QStringLiteral("no-reading");
    }
    return {};
}

QString metricStatusLabel(MetricStatus status)
{
    switch (status) {
    case MetricStatus::Green:
        return QStringLiteral("Green");
    case MetricStatus::Amber:
        return QStringLiteral("Amber");
    case MetricStatus::Red:
        return QStringLiteral("Red (outside tolerance)");
    case MetricStatus::NoReading:
        return QStringLiteral("No reading");
    }
    return {};
}

MetricStatus metricStatus(const Metric &metric, double value)
{
    if (metric.higherIsBetter) {
        if (value >= metric.greenThreshold)
            return MetricStatus::Green;
        if (value >= metric.amberThreshold)
            return MetricStatus::Amber;
        return MetricStatus::Red;
    }
    if (value <= metric.greenThreshold)
        return MetricStatus::Green;
    if (value <= metric.amberThreshold)
        return MetricStatus::Amber;
    return MetricStatus::Red;
}

MetricStatus metricStatus(const Metric &metric, const std::optional<MetricReading> &reading)
{
    return reading ? metricStatus(metric, reading->value) : MetricStatus::NoReading;
}

ExerciseStanding exerciseStanding(const QList<BoardEvent> &events, const QDate &today)
{
    ExerciseStanding standing;
    standing.since = today.addMonths(-12);
    for (const BoardEvent &event : events) {
        if (event.kind == BoardEvent::Kind::Exercise && event.occurredOn <= today
            && (!standing.lastExercise || event.occurredOn >= standing.lastExercise->occurredOn))
            standing.lastExercise = event;
    }
    if (!standing.lastExercise)
        return standing;
    const QDate held = standing.lastExercise->occurredOn;
    standing.withinYear = held >= standing.since;
    // Twelve months on, or a day later where the calendar clamps (held on 28 February before a leap day).
    standing.countsUntil = held.addMonths(12);
    while (standing.countsUntil.addDays(1).addMonths(-12) <= held)
        standing.countsUntil = standing.countsUntil.addDays(1);
    return standing;
}

} // namespace quorum
