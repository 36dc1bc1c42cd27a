#pragma once

#include "core/domain/domain.h"
#include "core/rules/attention.h"

#include <QDate>
#include <QList>
#include <QString>

#include <optional>

namespace quorum {

class Store;

/** What changed for one action between two board reviews (or a review and the live state). */
enum class ReviewChangeKind {
    RatingUp,      ///< the rating rose on the scale (ratingRank)
    RatingDown,    ///< the rating fell on the scale
    RatingChanged, ///< to or from Not applicable: neither better nor worse
    TargetChanged,
    OwnerChanged,
    DirectorChanged,
    EvidenceAdded,   ///< more current evidence than before
    EvidenceExpired, ///< more expired evidence than before
    MaturityChanged, ///< the maturity level moved (listed only while the organisation tracks maturity)
    MaturityTargetChanged,
};

/** "rating-up", "rating-down", "rating-changed", "target", "owner", "director", "evidence-added",
 * "evidence-expired", "maturity", "maturity-target". */
QString reviewChangeKindKey(ReviewChangeKind kind);
/** "Rating up", "Rating down", ... */
QString reviewChangeKindLabel(ReviewChangeKind kind);

/** One change of one action, with the values before and after as a person reads them. */
struct ReviewChange {
    QString actionId;
    ReviewChangeKind kind = ReviewChangeKind::RatingUp;
    QString before; ///< rating label, person name (empty for nobody) or evidence count
    QString after;

    bool operator==(const ReviewChange &other) const = default;
};

/** The movement between a board review and a later one, or the live state. */
struct ReviewDiff {
    Review from;
    std::optional<Review> to;    ///< none: the live state
    QDate toDate;                ///< the meeting date of @c to, or today for the live state
    QList<ReviewChange> changes; ///< in catalogue order, then in the order of ReviewChangeKind
    /** Unowned, unsupported-claim and rating-fell items present for @c to but not for @c from. */
    QList<AttentionItem> newAttention;
};

/** The review held just before @p review in @p reviews (in meeting order, as Store::reviews()), if any. */
std::optional<Review> reviewBefore(const QList<Review> &reviews, const Review &review);

/**
 * What moved between board review @p fromId and review @p toId, or the live state of @p store when
 * @p toId is empty: per action, ratings up or down, target, owner and director changes, evidence added
 * and expired, and (while the organisation tracks maturity) maturity and target maturity changes; and the attention
 * items (unowned, unsupported claim, rating fell) that are new at @p toId. Throws NotFound when either review no longer
 * exists.
 */
ReviewDiff compareReviews(const Store &store, qint64 fromId, std::optional<qint64> toId = std::nullopt);

} // namespace quorum
