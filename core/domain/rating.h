#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace quorum {

/**
 * The assurance rating of an action, on the four-point scale UK internal audit uses for its opinions,
 * plus Not assessed (a gap, never counted as good) and Not applicable (needs a justification).
 * The order of the enumerators is the order of the scale, best first.
 */
enum class Rating { Substantial, Reasonable, Limited, NoAssurance, NotAssessed, NotApplicable };

/** Every rating in scale order. */
const QList<Rating> &allRatings();

/** The stable word used on the command line, in the database and in files (`none`, `not-assessed`). */
QString ratingKey(Rating rating);

/** The label a person reads ("No assurance"). */
QString ratingLabel(Rating rating);

/** Parses a key; accepts the label too, case-insensitively, so that spreadsheets round-trip. */
std::optional<Rating> ratingFromKey(QStringView text);

/** The keys joined for an error message: "substantial, reasonable, ...". */
QString ratingKeysList();

/** True for Substantial and Reasonable: a rating that claims the board has assurance. */
bool claimsAssurance(Rating rating);

/** Rank for "did it go up or down": higher is better; Not applicable has no rank (-1). */
int ratingRank(Rating rating);

} // namespace quorum
