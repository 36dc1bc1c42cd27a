#include "core/domain/boardrecords.h"

#include <cmath>

namespace quorum {

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

} // namespace quorum
