#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace quorum {

/** The database both programs use when no --db is given: "default.quorum" in the user's data folder. */
QString defaultDatabasePath();

/** Strict YYYY-MM-DD (a real calendar date); nullopt otherwise. */
std::optional<QDate> parseIsoDate(const QString &text);

} // namespace quorum
