#include "board.h"

#include <cmath>

namespace quorum {

QString reviewChangeKindKey(ReviewChangeKind kind)
{
    switch (kind) {
    case ReviewChangeKind::RatingUp:
        return QStringLiteral("rating-up");
    case ReviewChangeKind::RatingDown:
        return QStringLiteral("rating-down");
    case ReviewChangeKind::RatingChanged:
        return QStringLiteral("rating-changed");
    case ReviewChangeKind::TargetChanged:
        return QStringLiteral("target");
    case ReviewChangeKind::OwnerChanged:
        return QStringLiteral("owner");
    case ReviewChangeKind::DirectorChanged:
        return QStringLiteral("director");
    case ReviewChangeKind::EvidenceAdded:
        return QStringLiteral("evidence-added");
    case ReviewChangeKind::EvidenceExpired:
        return QStringLiteral("evidence-expired");
    }
    return {};
}

QString reviewChangeKindLabel(ReviewChangeKind kind)
{
    switch (kind) {
    case ReviewChangeKind::RatingUp:
        return QStringLiteral("Rating up");
    case ReviewChangeKind::RatingDown:
        return QStringLiteral("Rating down");
    case ReviewChangeKind::RatingChanged:
        return QStringLiteral("Rating changed");
    case ReviewChangeKind::TargetChanged:
        return QStringLiteral("Target changed");
    case ReviewChangeKind::OwnerChanged:
        return QStringLiteral("Owner changed");
    case ReviewChangeKind::DirectorChanged:
        return QStringLiteral("Director changed");
    case ReviewChangeKind::EvidenceAdded:
        return QStringLiteral("Evidence added");
    case ReviewChangeKind::EvidenceExpired:
        return QStringLiteral("Evidence expired");
    }
    return {};
}

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

QString metricThresholdProblem(const Metric &metric)
{
    if (!std::isfinite(metric.greenThreshold) || !std::isfinite(metric.amberThreshold))
        return QStringLiteral("The thresholds of %1 must be numbers.").arg(metric.name);
    if (metric.higherIsBetter && metric.greenThreshold < metric.amberThreshold)
        return QStringLiteral("For %1, higher is better, so the green threshold (%2) must be at or above the amber "
                              "threshold (%3); swap them, or say that lower is better.")
            .arg(metric.name, formatMetricValue(metric.greenThreshold), formatMetricValue(metric.amberThreshold));
    if (!metric.higherIsBetter && metric.greenThreshold > metric.amberThreshold)
        return QStringLiteral("For %1, lower is better, so the green threshold (%2) must be at or below the amber "
                              "threshold (%3); swap them, or say that higher is better.")
            .arg(metric.name, formatMetricValue(metric.greenThreshold), formatMetricValue(metric.amberThreshold));
    return {};
}

QString formatMetricValue(double value, const QString &unit)
{
    QString text = QString::number(value, 'f', 2);
    if (text.contains(QLatin1Char('.'))) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(QLatin1Char('.')))
            text.chop(1);
    }
    if (text == QStringLiteral("-0"))
        text = QStringLiteral("0");
    return unit.isEmpty() ? text : QStringLiteral("%1 %2").arg(text, unit);
}

QString boardEventKindKey(BoardEvent::Kind kind)
{
    return kind == BoardEvent::Kind::Incident ? QStringLiteral("incident") : QStringLiteral("exercise");
}

QString boardEventKindLabel(BoardEvent::Kind kind)
{
    return kind == BoardEvent::Kind::Incident ? QStringLiteral("Incident") : QStringLiteral("Exercise");
}

std::optional<BoardEvent::Kind> boardEventKindFromKey(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("exercise"), Qt::CaseInsensitive) == 0)
        return BoardEvent::Kind::Exercise;
    if (trimmed.compare(QLatin1String("incident"), Qt::CaseInsensitive) == 0)
        return BoardEvent::Kind::Incident;
    return std::nullopt;
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
