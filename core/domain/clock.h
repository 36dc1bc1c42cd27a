#pragma once

#include <QDate>
#include <QDateTime>

#include <optional>

namespace quorum {

/**
 * The one source of "now" for the core. Everything that depends on the date (evidence expiry,
 * attention items, audit timestamps, report dates) asks a Clock, so that tests and reproducible
 * reports can pin time. `fromEnvironment()` honours QUORUM_NOW (an ISO 8601 date or date-time).
 */
class Clock {
public:
    Clock() = default;

    /** A clock pinned to @p fixed, or the system clock when @p fixed is not valid. */
    explicit Clock(const QDateTime &fixed);

    static Clock fromEnvironment();

    QDateTime now() const;
    QDate today() const;
    bool isFixed() const { return m_fixed.has_value(); }

    /** Moves a fixed clock; used by the demo generator to write a history. */
    void setFixed(const QDateTime &fixed) { m_fixed = fixed; }

private:
    std::optional<QDateTime> m_fixed;
};

} // namespace quorum
