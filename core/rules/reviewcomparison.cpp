#include "core/rules/reviewcomparison.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/store.h"

#include <QHash>

#include <algorithm>

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
    case ReviewChangeKind::MaturityChanged:
        return QStringLiteral("maturity");
    case ReviewChangeKind::MaturityTargetChanged:
        return QStringLiteral("maturity-target");
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
    case ReviewChangeKind::MaturityChanged:
        return QStringLiteral("Maturity changed");
    case ReviewChangeKind::MaturityTargetChanged:
        return QStringLiteral("Target maturity changed");
    }
    return {};
}

std::optional<Review> reviewBefore(const QList<Review> &reviews, const Review &review)
{
    std::optional<Review> previous;
    for (const Review &candidate : reviews) {
        if (candidate.id == review.id)
            break;
        previous = candidate;
    }
    return previous;
}

namespace {

void addCountChange(QList<ReviewChange> &changes, const QString &actionId, ReviewChangeKind kind, int before, int after)
{
    if (after > before)
        changes.append({actionId, kind, QString::number(before), QString::number(after)});
}

} // namespace

ReviewDiff compareReviews(const Store &store, qint64 fromId, std::optional<qint64> toId)
{
    const auto from = store.review(fromId);
    if (!from)
        throw Error(Error::Kind::NotFound, QStringLiteral("That board review no longer exists."));
    ReviewDiff diff;
    diff.from = *from;
    const QList<Review> all = store.reviews();
    const QList<ReviewItem> fromItems = store.reviewItems(fromId);
    QList<ReviewItem> toItems;
    std::optional<Review> toPrevious;
    if (toId) {
        const auto to = store.review(*toId);
        if (!to)
            throw Error(Error::Kind::NotFound, QStringLiteral("That board review no longer exists."));
        diff.to = *to;
        diff.toDate = to->meetingDate;
        toItems = store.reviewItems(*toId);
        toPrevious = reviewBefore(all, *to);
    } else {
        diff.toDate = store.clock().today();
        toItems = store.liveReviewItems();
        // As in the attention list: the last review held by today.
        for (const Review &candidate : all) {
            if (candidate.meetingDate <= diff.toDate)
                toPrevious = candidate;
        }
    }

    // Maturity is compared only while it is tracked, on each framework's own scale.
    QHash<QString, MaturityScale> scales;
    if (store.organisation().trackMaturity) {
        for (const Framework &framework : store.frameworks())
            scales.insert(framework.key, framework.maturityScale);
    }
    const auto level = [&scales](const QString &id, const std::optional<int> &value) {
        return value ? scales.value(Catalogue::keyOfItem(id), MaturityScale::cmmi()).label(*value) : QString();
    };

    QHash<QString, ReviewItem> before;
    for (const ReviewItem &item : fromItems)
        before.insert(item.actionId, item);
    for (const ReviewItem &after : std::as_const(toItems)) {
        const auto found = before.constFind(after.actionId);
        if (found == before.constEnd())
            continue; // an action added to the catalogue since: nothing to compare with
        const ReviewItem &then = *found;
        const QString &id = after.actionId;
        if (then.rating != after.rating) {
            const int was = ratingRank(then.rating);
            const int is = ratingRank(after.rating);
            const ReviewChangeKind kind = (was < 0 || is < 0) ? ReviewChangeKind::RatingChanged
                                          : is > was          ? ReviewChangeKind::RatingUp
                                                              : ReviewChangeKind::RatingDown;
            diff.changes.append({id, kind, ratingLabel(then.rating), ratingLabel(after.rating)});
        }
        if (then.target != after.target)
            diff.changes.append(
                {id, ReviewChangeKind::TargetChanged, ratingLabel(then.target), ratingLabel(after.target)});
        if (then.owner != after.owner)
            diff.changes.append({id, ReviewChangeKind::OwnerChanged, then.owner, after.owner});
        if (then.director != after.director)
            diff.changes.append({id, ReviewChangeKind::DirectorChanged, then.director, after.director});
        addCountChange(diff.changes, id, ReviewChangeKind::EvidenceAdded, then.evidenceCurrent, after.evidenceCurrent);
        addCountChange(diff.changes, id, ReviewChangeKind::EvidenceExpired, then.evidenceExpired,
                       after.evidenceExpired);
        if (scales.isEmpty())
            continue;
        if (then.maturity != after.maturity)
            diff.changes.append(
                {id, ReviewChangeKind::MaturityChanged, level(id, then.maturity), level(id, after.maturity)});
        if (then.maturityTarget != after.maturityTarget)
            diff.changes.append({id, ReviewChangeKind::MaturityTargetChanged, level(id, then.maturityTarget),
                                 level(id, after.maturityTarget)});
    }

    QHash<QString, QString> shortTitles;
    for (const ActionState &state : store.actionStates())
        shortTitles.insert(state.id, state.shortTitle);
    const std::optional<Review> fromPrevious = reviewBefore(all, *from);
    const QList<AttentionItem> then =
        Attention::forActions(fromItems, fromPrevious ? store.reviewItems(fromPrevious->id) : QList<ReviewItem>(),
                              fromPrevious ? fromPrevious->name : QString(), shortTitles);
    const QList<AttentionItem> now =
        Attention::forActions(toItems, toPrevious ? store.reviewItems(toPrevious->id) : QList<ReviewItem>(),
                              toPrevious ? toPrevious->name : QString(), shortTitles);
    for (const AttentionItem &item : now) {
        const bool known = std::any_of(then.cbegin(), then.cend(), [&item](const AttentionItem &old) {
            return old.rule == item.rule && old.subject == item.subject;
        });
        if (!known)
            diff.newAttention.append(item);
    }
    return diff;
}

} // namespace quorum
