#include "core/domain/rating.h"
namespace quorum {

const QList<Rating> &allRatings()
{
    static const QList<Rating> ratings{Rating::Substantial, Rating::Reasonable,  Rating::Limited,
                                       Rating::NoAssurance, Rating::NotAssessed, Rating::NotApplicable};
    return ratings;
}

QString ratingKey(Rating rating)
{
    switch (rating) {
    case Rating::Substantial:
        return QStringLiteral("substantial");
    case Rating::Reasonable:
        return QStringLiteral("reasonable");
    case Rating::Limited:
        return QStringLiteral("limited");
    case Rating::NoAssurance:
        return QStringLiteral("none");
    case Rating::NotAssessed:
        return QStringLiteral("not-assessed");
    case Rating::NotApplicable:
        return QStringLiteral("not-applicable");
    }
    return {};
}

QString ratingLabel(Rating rating)
{
    switch (rating) {
    case Rating::Substantial:
        return QStringLiteral("Substantial");
    case Rating::Reasonable:
        return QStringLiteral("Reasonable");
    case Rating::Limited:
        return QStringLiteral("Limited");
    case Rating::NoAssurance:
        return QStringLiteral("No assurance");
    case Rating::NotAssessed:
        return QStringLiteral("Not assessed");
    case Rating::NotApplicable:
        return QStringLiteral("Not applicable");
    }
    return {};
}

std::optional<Rating> ratingFromKey(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (Rating rating : allRatings()) {
        if (trimmed.compare(ratingKey(rating), Qt::CaseInsensitive) == 0
            || trimmed.compare(ratingLabel(rating), Qt::CaseInsensitive) == 0)
            return rating;
    }
    return std::nullopt;
}

QString ratingKeysList()
{
    QStringList keys;
    for (Rating rating : allRatings())
        keys << ratingKey(rating);
    return keys.join(QStringLiteral(", "));
}

bool claimsAssurance(Rating rating)
{
    return rating == Rating::Substantial || rating == Rating::Reasonable;
}

int ratingRank(Rating rating)
{
    switch (rating) {
    case Rating::Substantial:
        return 4;
    case Rating::Reasonable:
        return 3;
    case Rating::Limited:
        return 2;
    case Rating::NoAssurance:
        return 1;
    case Rating::NotAssessed:
        return 0;
    case Rating::NotApplicable:
        return -1;
    }
    return -1;
}

} // namespace quorum
