#include "core/domain/userdate.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <array>
#include <optional>

namespace quorum {

namespace {

constexpr std::array<const char *, 12> kShortMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char *, 12> kLongMonths = {"January",   "February", "March",    "April",
                                                      "May",       "June",     "July",     "August",
                                                      "September", "October",  "November", "December"};

QString tr(const char *text)
{
    return QCoreApplication::translate("UserDate", text);
}

QString formsHint()
{
    return tr("Write the date as 31/03/2027, 31 Mar 2027 or 2027-03-31.");
}

/** 1 to 12 for an English month name or its abbreviation (Sept too), else nothing. */
std::optional<int> monthFromName(const QString &name)
{
    const QString lower = name.toLower();
    if (lower == u"sept")
        return 9;
    for (int month = 0; month < 12; ++month) {
        const QString full = QString::fromLatin1(kLongMonths[size_t(month)]).toLower();
        if (lower == full || lower == full.left(3))
            return month + 1;
    }
    return std::nullopt;
}

int fullYear(const QString &digits)
{
    const int year = digits.toInt();
    return digits.size() == 2 ? 2000 + year : year;
}

UserDate checked(int year, int month, int day, const QString &typed)
{
    UserDate result;
    if (year < 1900 || year > 2999) {
        result.problem = tr("\"%1\" is not a date Quorum can record: use a year between 1900 and 2999.").arg(typed);
        return result;
    }
    if (month < 1 || month > 12) {
        result.problem = tr("\"%1\" is not a date: there is no month %2. %3").arg(typed).arg(month).arg(formsHint());
        return result;
    }
    const int days = QDate(year, month, 1).daysInMonth();
    if (day < 1 || day > days) {
        result.problem = tr("\"%1\" is not a date: %2 %3 has %4 days.")
                             .arg(typed, QString::fromLatin1(kLongMonths[size_t(month - 1)]))
                             .arg(year)
                             .arg(days);
        return result;
    }
    result.date = QDate(year, month, day);
    return result;
}

} // namespace

UserDate parseUserDate(const QString &text)
{
    const QString typed = text.simplified();
    UserDate result;
    if (typed.isEmpty()) {
        result.empty = true;
        return result;
    }
    static const QRegularExpression iso(QStringLiteral("^(\\d{4})-(\\d{1,2})-(\\d{1,2})$"));
    static const QRegularExpression numeric(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})$"));
    static const QRegularExpression named(
        QStringLiteral("^(\\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]+)\\.?[ -](\\d{4}|\\d{2})$"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto match = iso.match(typed); match.hasMatch())
        return checked(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt(), typed);
    if (const auto match = numeric.match(typed); match.hasMatch())
        return checked(fullYear(match.captured(3)), match.captured(2).toInt(), match.captured(1).toInt(), typed);
    if (const auto match = named.match(typed); match.hasMatch()) {
        const auto month = monthFromName(match.captured(2));
        if (!month) {
            result.problem = tr("\"%1\" is not a date: \"%2\" is not the name of a month. %3")
                                 .arg(typed, match.captured(2), formsHint());
            return result;
        }
        return checked(fullYear(match.captured(3)), *month, match.captured(1).toInt(), typed);
    }
    result.problem = tr("\"%1\" is not a date Quorum recognises. %2").arg(typed.left(40), formsHint());
    return result;
}

QString formatUserDate(const QDate &date)
{
    if (!date.isValid())
        return {};
    return QStringLiteral("%1 %2 %3")
        .arg(date.day())
        .arg(QString::fromLatin1(kShortMonths[size_t(date.month() - 1)]))
        .arg(date.year());
}

} // namespace quorum
