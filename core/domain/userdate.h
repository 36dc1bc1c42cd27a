#pragma once

#include <QDate>
#include <QString>

namespace quorum {

/**
 * What a person typed for a date, read strictly. `empty` is true for blank text (no date); otherwise
 * either `date` is valid or `problem` says, in a sentence, why the text is not a date.
 */
struct UserDate {
    QDate date;
    bool empty = false;
    QString problem;

    bool isDate() const { return date.isValid(); }
};

/**
 * Reads a date typed the UK way: 31/03/2027, 31 Mar 2027 (or 31 March 2027, 31-Mar-2027) and the
 * ISO 2027-03-31. Two-digit years mean 2000 to 2099 (31/03/27). Surrounding spaces are ignored. Nothing
 * is wrapped or guessed: 2026-13-45 and 31/02/2027 are refused with a message, never turned into
 * another day, and US order (03/31/2027) is refused because there is no month 31. Month names are
 * English whatever the system's language, so a file means the same on every machine.
 */
UserDate parseUserDate(const QString &text);

/** A date as the date fields show it: "31 Mar 2027"; empty for an invalid date. */
QString formatUserDate(const QDate &date);

} // namespace quorum
