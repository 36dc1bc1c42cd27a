#include "core/domain/clock.h"

#include <QTimeZone>

namespace quorum {

Clock::Clock(const QDateTime &fixed)
{
    if (fixed.isValid())
        m_fixed = fixed.toUTC();
}

Clock Clock::fromEnvironment()
{
    const QString text = qEnvironmentVariable("QUORUM_NOW");
    if (text.isEmpty())
        return Clock();
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODate);
    if (!parsed.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid())
            parsed = QDateTime(date, QTime(12, 0), Qt::UTC);
    }
    return Clock(parsed);
}

QDateTime Clock::now() const
{
    if (m_fixed)
        return *m_fixed;
    return QDateTime::currentDateTimeUtc();
}

QDate Clock::today() const
{
    return m_fixed ? m_fixed->date() : QDate::currentDate();
}

} // namespace quorum
