#include "core/domain/error.h"
#include "core/rules/attention.h"
#include "core/rules/reviewcomparison.h"
#include "core/samples/demodata.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace quorum;
using namespace quorum::test;

namespace {

QVariant rating(Rating value)
{
    return QVariant::fromValue(value);
}
QVariant personId(qint64 id)
{
    return QVariant::fromValue(id);
}
qint64 addLink(Store &store, const QString &title, const QStringList &actions, const QDate &reviewBy)
{
    EvidenceInput input;
    input.title = title;
    input.url = u"https://intranet.example/"_qs + QString::number(qHash(title));
    input.actionIds = actions;
    input.reviewBy = reviewBy;
    return store.addEvidence(input);
}
QList<ReviewChange> changesOf(const ReviewDiff &diff, const QString &actionId)
{
    QList<ReviewChange> result;
    for (const ReviewChange &change : diff.changes) {
        if (change.actionId == actionId)
            result << change;
    }
    return result;
}
bool hasChange(const ReviewDiff &diff, const QString &actionId, ReviewChangeKind kind, const QString &before,
               const QString &after)
{
    return diff.changes.contains(ReviewChange{actionId, kind, before, after});
}
bool hasAttention(const QList<AttentionItem> &items, AttentionRule rule, const QString &subject)
{
    return std::any_of(items.cbegin(), items.cend(),
                       [&](const AttentionItem &item) { return item.rule == rule && item.subject == subject; });
}
} // namespace

TEST(ReviewDiff, ListsEveryKindOfMovementInBothDirections)
{
    auto db = createDatabase();
    Store &store = *db->store;
    const qint64 ownerX = store.addPerson({0, u"Owner X"_qs, u"CIO"_qs, false, true});
    const qint64 ownerY = store.addPerson({0, u"Owner Y"_qs, u"COO"_qs, false, true});
    const qint64 director1 = store.addPerson({0, u"Director One"_qs, u"NED"_qs, true, true});
    const qint64 director2 = store.addPerson({0, u"Director Two"_qs, u"NED"_qs, true, true});

    // The first meeting, in March.
    store.setClock(Clock(QDateTime(QDate(2026, 3, 1), QTime(9, 0), Qt::UTC)));
    store.updateAssessment(
        u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}, {AssessmentField::Owner, personId(ownerX)}});
    store.updateAssessment(
        u"A2"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}, {AssessmentField::Owner, personId(ownerX)}});
    addLink(store, u"A2 report"_qs, {u"A2"_qs}, QDate(2026, 4, 30));
    store.updateAssessment(u"A3"_qs, {{AssessmentField::Rating, rating(Rating::Substantial)},
                                      {AssessmentField::Director, personId(director1)},
                                      {AssessmentField::Owner, personId(ownerX)}});
    store.updateAssessment(u"B1"_qs, {{AssessmentField::Owner, personId(ownerY)}});
    store.updateAssessment(u"B2"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    const qint64 march = store.createReview(u"Board March"_qs, QDate(2026, 3, 1));

    // Changes before the June meeting; the A2 report expires on the way.
    store.setClock(fixedClock());
    store.updateAssessment(
        u"A1"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}, {AssessmentField::Owner, personId(ownerY)}});
    store.updateAssessment(u"A2"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    store.updateAssessment(u"A3"_qs, {{AssessmentField::Target, rating(Rating::Substantial)},
                                      {AssessmentField::Director, personId(director2)}});
    addLink(store, u"A4 register"_qs, {u"A4"_qs}, QDate());
    store.updateAssessment(u"B1"_qs, {{AssessmentField::Owner, personId(0)}});
    store.updateAssessment(u"B2"_qs, {{AssessmentField::Rating, rating(Rating::NotApplicable)},
                                      {AssessmentField::Justification, u"Not relevant"_qs}});
    const qint64 june = store.createReview(u"Board June"_qs, QDate(2026, 6, 10));

    const ReviewDiff forward = compareReviews(store, march, june);
    EXPECT_EQ(forward.from.name, u"Board March"_qs);
    ASSERT_TRUE(forward.to.has_value());
    EXPECT_EQ(forward.toDate, QDate(2026, 6, 10));
    EXPECT_TRUE(hasChange(forward, u"A1"_qs, ReviewChangeKind::RatingUp, u"Limited"_qs, u"Reasonable"_qs));
    EXPECT_TRUE(hasChange(forward, u"A1"_qs, ReviewChangeKind::OwnerChanged, u"Owner X"_qs, u"Owner Y"_qs));
    EXPECT_TRUE(hasChange(forward, u"A2"_qs, ReviewChangeKind::RatingDown, u"Reasonable"_qs, u"Limited"_qs));
    EXPECT_TRUE(hasChange(forward, u"A2"_qs, ReviewChangeKind::EvidenceExpired, u"0"_qs, u"1"_qs));
    EXPECT_TRUE(hasChange(forward, u"A3"_qs, ReviewChangeKind::TargetChanged, u"Reasonable"_qs, u"Substantial"_qs));
    EXPECT_TRUE(
        hasChange(forward, u"A3"_qs, ReviewChangeKind::DirectorChanged, u"Director One"_qs, u"Director Two"_qs));
    EXPECT_TRUE(hasChange(forward, u"A4"_qs, ReviewChangeKind::EvidenceAdded, u"0"_qs, u"1"_qs));
    EXPECT_TRUE(hasChange(forward, u"B1"_qs, ReviewChangeKind::OwnerChanged, u"Owner Y"_qs, u""_qs));
    EXPECT_TRUE(hasChange(forward, u"B2"_qs, ReviewChangeKind::RatingChanged, u"Limited"_qs, u"Not applicable"_qs));
    EXPECT_EQ(forward.changes.size(), 9);
    EXPECT_TRUE(changesOf(forward, u"C1"_qs).isEmpty());
    // Catalogue order, and within an action the order of the kinds.
    EXPECT_EQ(forward.changes.first().actionId, u"A1"_qs);
    EXPECT_EQ(forward.changes.first().kind, ReviewChangeKind::RatingUp);

    // New attention at June: A1 now claims Reasonable without evidence, A2 fell since March, B1 lost its
    // owner. A3 claimed Substantial without evidence at both meetings, so it is not new.
    EXPECT_TRUE(hasAttention(forward.newAttention, AttentionRule::UnsupportedClaim, u"A1"_qs));
    EXPECT_TRUE(hasAttention(forward.newAttention, AttentionRule::RatingFell, u"A2"_qs));
    EXPECT_TRUE(hasAttention(forward.newAttention, AttentionRule::UnownedAction, u"B1"_qs));
    EXPECT_FALSE(hasAttention(forward.newAttention, AttentionRule::UnsupportedClaim, u"A3"_qs));
    EXPECT_FALSE(hasAttention(forward.newAttention, AttentionRule::UnownedAction, u"C1"_qs));
    EXPECT_EQ(forward.newAttention.size(), 3);

    // Backwards: the same movements the other way; counts that went down are not "added" or "expired".
    const ReviewDiff backward = compareReviews(store, june, march);
    EXPECT_TRUE(hasChange(backward, u"A1"_qs, ReviewChangeKind::RatingDown, u"Reasonable"_qs, u"Limited"_qs));
    EXPECT_TRUE(hasChange(backward, u"A2"_qs, ReviewChangeKind::RatingUp, u"Limited"_qs, u"Reasonable"_qs));
    EXPECT_TRUE(hasChange(backward, u"A2"_qs, ReviewChangeKind::EvidenceAdded, u"0"_qs, u"1"_qs));
    EXPECT_TRUE(hasChange(backward, u"B1"_qs, ReviewChangeKind::OwnerChanged, u""_qs, u"Owner Y"_qs));
    EXPECT_TRUE(changesOf(backward, u"A4"_qs).isEmpty());
    EXPECT_EQ(backward.changes.size(), 8);
    // Seen from June, March's new item is B2 without an owner (it was not yet not applicable).
    ASSERT_EQ(backward.newAttention.size(), 1);
    EXPECT_TRUE(hasAttention(backward.newAttention, AttentionRule::UnownedAction, u"B2"_qs));
}

TEST(ReviewDiff, NowComparesWithTheLiveState)
{
    auto db = createDatabase();
    Store &store = *db->store;
    store.updateAssessment(u"C4"_qs, {{AssessmentField::Rating, rating(Rating::Reasonable)}});
    addLink(store, u"Awareness metrics"_qs, {u"C4"_qs}, QDate(2026, 12, 31));
    const qint64 june = store.createReview(u"Board June"_qs, QDate(2026, 6, 10));
    const ReviewDiff same = compareReviews(store, june);
    EXPECT_FALSE(same.to.has_value());
    EXPECT_EQ(same.toDate, fixedToday());
    EXPECT_TRUE(same.changes.isEmpty());
    EXPECT_TRUE(same.newAttention.isEmpty());

    store.updateAssessment(u"C4"_qs, {{AssessmentField::Rating, rating(Rating::Limited)}});
    store.updateAssessment(u"D1"_qs, {{AssessmentField::Rating, rating(Rating::Substantial)}});
    const ReviewDiff live = compareReviews(store, june, std::nullopt);
    EXPECT_TRUE(hasChange(live, u"C4"_qs, ReviewChangeKind::RatingDown, u"Reasonable"_qs, u"Limited"_qs));
    EXPECT_TRUE(hasChange(live, u"D1"_qs, ReviewChangeKind::RatingUp, u"Not assessed"_qs, u"Substantial"_qs));
    EXPECT_EQ(live.changes.size(), 2);
    EXPECT_TRUE(hasAttention(live.newAttention, AttentionRule::RatingFell, u"C4"_qs));
    EXPECT_TRUE(hasAttention(live.newAttention, AttentionRule::UnsupportedClaim, u"D1"_qs));
    EXPECT_EQ(kindOf([&] { compareReviews(store, 9999); }), Error::Kind::NotFound);
    EXPECT_EQ(kindOf([&] { compareReviews(store, june, 9999); }), Error::Kind::NotFound);
}

TEST(ReviewDiff, TheDemoShowsMovementSinceTheLastReview)
{
    auto db = createDatabase(true);
    const QList<Review> reviews = db->store->reviews();
    ASSERT_EQ(reviews.size(), 6);
    for (qsizetype i = 0; i < 5; ++i)
        EXPECT_TRUE(reviews[i].isSigned()) << i;
    EXPECT_FALSE(reviews.last().isSigned());
    const ReviewDiff diff = compareReviews(*db->store, reviews.last().id);
    EXPECT_TRUE(hasChange(diff, u"A4"_qs, ReviewChangeKind::RatingDown, u"Reasonable"_qs, u"Limited"_qs));
    EXPECT_TRUE(hasChange(diff, u"B4"_qs, ReviewChangeKind::RatingUp, u"Limited"_qs, u"Reasonable"_qs));
    EXPECT_TRUE(hasAttention(diff.newAttention, AttentionRule::RatingFell, u"A4"_qs));
}
