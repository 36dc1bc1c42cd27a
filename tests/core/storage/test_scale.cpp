#include "testsupport.h"

#include "core/domain/catalogue.h"
#include "core/report/boardpack.h"
#include "core/rules/attention.h"
#include "core/storage/audit.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"
#include "core/workspace/dashboard.h"

#include <QSet>

#include <algorithm>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

// Issue 19: what the dashboard, the attention list and the board pack show is bounded, and so is what they read: the
// evidence counts on a date from indexes (schema 11 keeps each link's review-by date), only the first expired items,
// each action's newest items for the pack's index, the last reviews for the trend. Each must give exactly what
// reading everything gives; these tests read everything and compare, on both engines.

namespace {

const QStringList kActions{u"A1"_qs, u"A2"_qs, u"B1"_qs, u"C3"_qs, u"D2"_qs, u"E2"_qs};

/**
 * A register of @p count items recorded over two periods (the first half by @p firstRecorded): titles that differ
 * only in case or by accented letters, review-by dates before, near and after today (some none), effective dates
 * (some none, some equal), one to three actions each, and one action (E2) with only two items, both recorded in the
 * second period (so a past meeting's pack finds none of E2's, though today's counts say it has two).
 */
void addRegister(Store &store, int count, const QDate &firstRecorded)
{
    const QStringList titles{u"Board minutes"_qs, u"board minutes"_qs, u"\u00c9valuation"_qs,     u"evaluation"_qs,
                             u"Zeta report"_qs,   u"alpha policy"_qs,  u"\u00e9tude"_qs,          u"Access review"_qs,
                             u"_archive"_qs,      u"[Draft] plan"_qs,  u"Access r\u00e9vision"_qs};
    const Clock original = store.clock();
    for (int i = 0; i < count; ++i) {
        const QDate recorded = i < count / 2 ? firstRecorded : fixedToday().addDays(-1);
        store.setClock(Clock(QDateTime(recorded, QTime(10, 0), Qt::UTC)));
        EvidenceInput input;
        input.title = u"%1 %2"_qs.arg(titles[i % titles.size()]).arg(i % 7);
        input.type = i % 5 == 0 ? EvidenceType::Report : EvidenceType::Policy;
        input.url = u"https://example.org/%1"_qs.arg(i);
        if (i % 9 != 0)
            input.reviewBy = fixedToday().addDays((i * 37) % 200 - 100); // from 100 days ago to 99 days ahead
        if (i % 11 != 0)
            input.effective = QDate(2025, 1, 1).addDays((i * 13) % 300);
        input.actionIds << kActions[i % 5];
        if (i % 3 == 0)
            input.actionIds << kActions[(i + 2) % 5];
        if (i == count - 4 || i == count - 40) // recorded in the second period only
            input.actionIds << u"E2"_qs;
        store.addEvidence(input);
    }
    store.setClock(original);
}

/** The counts on @p asOf, worked out from every item (what the indexes must agree with). */
EvidenceCounts countedFromEverything(const Store &store, const QDate &asOf)
{
    EvidenceCounts counts;
    for (const Evidence &e : store.evidence()) {
        const EvidenceStatus status = evidenceStatus(e.reviewBy, asOf);
        ++(status == EvidenceStatus::Expired ? counts.expired : counts.current);
        if (status == EvidenceStatus::Expiring)
            ++counts.expiring;
        for (const QString &action : e.actionIds) {
            counts.currentByAction[action] += status == EvidenceStatus::Expired ? 0 : 1;
            counts.expiringByAction[action] += status == EvidenceStatus::Expiring ? 1 : 0;
            counts.expiredByAction[action] += status == EvidenceStatus::Expired ? 1 : 0;
        }
    }
    return counts;
}

void expectSameCounts(const EvidenceCounts &kept, const EvidenceCounts &counted, const char *when)
{
    EXPECT_EQ(kept.current, counted.current) << when;
    EXPECT_EQ(kept.expiring, counted.expiring) << when;
    EXPECT_EQ(kept.expired, counted.expired) << when;
    EXPECT_EQ(kept.currentByAction, counted.currentByAction) << when;
    EXPECT_EQ(kept.expiringByAction, counted.expiringByAction) << when;
    EXPECT_EQ(kept.expiredByAction, counted.expiredByAction) << when;
}

QList<qint64> idsOf(const QList<ExpiredEvidence> &items)
{
    QList<qint64> ids;
    for (const ExpiredEvidence &item : items)
        ids << item.id;
    return ids;
}

/** The board pack's index as it was first written: every item newest first, greedily three per action. */
QSet<qint64> greedyIndex(const Store &store, const QDate &asOf, const QDate &recordedBy)
{
    QList<Evidence> items;
    for (const Evidence &e : store.evidence()) {
        if ((!recordedBy.isValid() || e.createdAt.toUTC().date() <= recordedBy)
            && evidenceStatus(e.reviewBy, asOf) != EvidenceStatus::Expired)
            items << e;
    }
    std::stable_sort(items.begin(), items.end(), [](const Evidence &a, const Evidence &b) {
        return a.effective != b.effective ? a.effective > b.effective : a.id > b.id;
    });
    QHash<QString, int> listedPerAction;
    QSet<qint64> listed;
    for (const Evidence &e : std::as_const(items)) {
        bool wanted = false;
        for (const QString &action : e.actionIds)
            wanted = wanted || listedPerAction.value(action) < BoardPack::kEvidencePerActionInIndex;
        if (!wanted)
            continue;
        for (const QString &action : e.actionIds)
            listedPerAction[action] += 1;
        listed.insert(e.id);
    }
    return listed;
}

} // namespace

TEST(Scale, EvidenceCountsOnADateFromTheIndexesAgreeWithEveryItemThroughEdits)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    addRegister(store, 120, fixedToday().addDays(-300));
    for (const QDate &asOf : {fixedToday(), fixedToday().addDays(-60), fixedToday().addDays(45)})
        expectSameCounts(store.evidenceCounts(asOf), countedFromEverything(store, asOf), "added");

    // A review-by date moved, an item's actions changed, an item removed: the links' dates follow (triggers).
    const QList<Evidence> items = store.evidence();
    Evidence moved = items[10];
    moved.reviewBy = fixedToday().addDays(-5);
    store.updateEvidence(moved);
    Evidence cleared = items[11];
    cleared.reviewBy = QDate();
    store.updateEvidence(cleared);
    store.setEvidenceActions(items[12].id, {u"C3"_qs, u"D2"_qs});
    store.removeEvidence(items[13].id);
    expectSameCounts(store.evidenceCounts(fixedToday()), countedFromEverything(store, fixedToday()), "edited");
    EXPECT_EQ(store.verifyEvidenceTally(), QStringList());

    db->reopen();
    expectSameCounts(db->store->evidenceCounts(fixedToday()), countedFromEverything(*db->store, fixedToday()),
                     "reopened");
}

TEST(Scale, AStaleReviewByDateOnALinkIsReportedByVerify)
{
    const auto db = createDatabase();
    addRegister(*db->store, 6, fixedToday().addDays(-30));
    const Evidence item = db->store->evidence()[1];
    const qint64 id = item.id;
    SqlQuery(db->database->connection(),
             u"UPDATE evidence_action SET review_by = '2001-01-01' WHERE evidence_id = :id"_qs)
        .bind(u":id"_qs, id)
        .exec();
    const std::optional<QStringList> problems = db->store->verifyEvidenceTally();
    ASSERT_TRUE(problems.has_value());
    ASSERT_EQ(problems->size(), item.actionIds.size()); // one line per link
    EXPECT_TRUE(problems->constFirst().startsWith(u"evidence %1 on "_qs.arg(id)))
        << problems->constFirst().toStdString();
    EXPECT_TRUE(problems->constFirst().contains(u"review-by kept 2001-01-01"_qs));
}

TEST(Scale, OnlyTheFirstExpiredItemsOfTheAttentionOrderAreListedAndAllAreCounted)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    addRegister(store, 160, fixedToday().addDays(-300));
    const QList<ExpiredEvidence> all = store.expiredEvidence(fixedToday());
    const EvidenceCounts counts = countedFromEverything(store, fixedToday());
    ASSERT_EQ(all.size(), counts.expired);
    ASSERT_GT(all.size(), EvidenceSummary::kListedExpired + 10);

    // The first of the attention list's order (title case-insensitively, then id), by id as the full list is.
    QList<ExpiredEvidence> inOrder = all;
    std::sort(inOrder.begin(), inOrder.end(), [](const ExpiredEvidence &a, const ExpiredEvidence &b) {
        const int byTitle = a.title.compare(b.title, Qt::CaseInsensitive);
        return byTitle != 0 ? byTitle < 0 : a.id < b.id;
    });
    QList<qint64> wanted = idsOf(inOrder.first(EvidenceSummary::kListedExpired));
    std::sort(wanted.begin(), wanted.end());
    const EvidenceSummary summary = store.evidenceSummary(fixedToday());
    EXPECT_EQ(idsOf(summary.expired), wanted);
    EXPECT_EQ(summary.unlistedExpired(), counts.expired - EvidenceSummary::kListedExpired);
    for (const ExpiredEvidence &item : summary.expired) {
        const auto full =
            std::find_if(all.cbegin(), all.cend(), [&](const ExpiredEvidence &e) { return e.id == item.id; });
        EXPECT_EQ(item.actionIds, full->actionIds) << item.id;
        EXPECT_EQ(item.reviewBy, full->reviewBy) << item.id;
    }

    // The attention list names those; the CLI's, asked for everything, names them all in the same order.
    const QList<AttentionItem> listed = Attention::compute(store, fixedToday());
    const QList<AttentionItem> every =
        Attention::compute(store, fixedToday(), store.evidenceSummary(fixedToday(), EvidenceSummary::kAllExpired));
    QList<AttentionItem> everyExpired;
    QList<AttentionItem> listedExpired;
    for (const AttentionItem &item : every) {
        if (item.rule == AttentionRule::ExpiredEvidence)
            everyExpired << item;
    }
    for (const AttentionItem &item : listed) {
        if (item.rule == AttentionRule::ExpiredEvidence)
            listedExpired << item;
    }
    EXPECT_EQ(everyExpired.size(), counts.expired);
    EXPECT_EQ(listedExpired, everyExpired.first(EvidenceSummary::kListedExpired));

    // The dashboard counts the rest, and the board pack's group says how many there are in all.
    const DashboardData data = DashboardData::build(store, fixedToday());
    EXPECT_EQ(data.unlistedExpiredEvidence, counts.expired - EvidenceSummary::kListedExpired);
    EXPECT_EQ(data.expiredEvidence, counts.expired);
    BoardPackOptions options;
    options.createdAt = QDateTime(fixedToday(), QTime(9, 0), Qt::UTC);
    const BoardPackContent pack = BoardPack::build(store, options);
    const auto group = std::find_if(pack.attention.cbegin(), pack.attention.cend(),
                                    [](const auto &g) { return g.rule == AttentionRule::ExpiredEvidence; });
    ASSERT_NE(group, pack.attention.cend());
    EXPECT_EQ(group->total, counts.expired);
    EXPECT_EQ(group->items.size(), BoardPack::kAttentionItemsPerGroup);
}

TEST(Scale, TheFirstExpiredItemsAreTheSameWhetherFewOrManyHaveExpired)
{
    // Store::expiredEvidence finds the first items either by walking the titles in order (many expired) or by
    // sorting every expired one (few): from a date when none has expired to one when all have, both must give the
    // first of the attention order, with and without the recorded-by bound of a past meeting's pack.
    const auto db = createDatabase();
    Store &store = *db->store;
    const QDate firstRecorded = fixedToday().addDays(-200);
    addRegister(store, 300, firstRecorded);
    const QList<Evidence> every = store.evidence();
    for (int days = -110; days <= 110; days += 20) {
        const QDate asOf = fixedToday().addDays(days);
        for (const QDate &recordedBy : {QDate(), firstRecorded}) {
            QList<Evidence> expired;
            for (const Evidence &e : every) {
                const bool recorded = !recordedBy.isValid() || e.createdAt.toUTC().date() <= recordedBy;
                if (recorded && e.reviewBy.isValid() && e.reviewBy < asOf)
                    expired << e;
            }
            std::sort(expired.begin(), expired.end(), [](const Evidence &a, const Evidence &b) {
                const int byTitle = a.title.compare(b.title, Qt::CaseInsensitive);
                return byTitle != 0 ? byTitle < 0 : a.id < b.id;
            });
            QList<qint64> wanted;
            for (const Evidence &e :
                 expired.first(std::min<qsizetype>(expired.size(), EvidenceSummary::kListedExpired)))
                wanted << e.id;
            std::sort(wanted.begin(), wanted.end());
            int total = -1;
            const QList<ExpiredEvidence> first =
                store.expiredEvidence(asOf, EvidenceSummary::kListedExpired, recordedBy, &total);
            const std::string when =
                (asOf.toString(Qt::ISODate) + u" recorded by "_qs + recordedBy.toString(Qt::ISODate)).toStdString();
            EXPECT_EQ(idsOf(first), wanted) << when;
            EXPECT_EQ(total, expired.size()) << when;
        }
    }
}

TEST(Scale, TheLastReviewsHeldAreReadWithoutTheRest)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    EXPECT_TRUE(store.reviewsHeldBy(fixedToday(), 3).isEmpty());
    for (int i = 0; i < 6; ++i)
        store.createReview(u"Board %1"_qs.arg(i), fixedToday().addDays(-60 + 10 * i));
    store.createReview(u"Same day"_qs, fixedToday().addDays(-20));  // as Board 4, created after it
    store.createReview(u"Next board"_qs, fixedToday().addDays(10)); // not held yet

    // In the order of reviews(): by meeting date, then as created.
    QList<Review> held;
    for (const Review &review : store.reviews()) {
        if (review.meetingDate <= fixedToday())
            held << review;
    }
    const auto names = [](const QList<Review> &reviews) {
        QStringList result;
        for (const Review &review : reviews)
            result << review.name;
        return result;
    };
    EXPECT_EQ(names(store.reviewsHeldBy(fixedToday(), 3)), names(held.mid(held.size() - 3)));
    EXPECT_EQ(names(store.reviewsHeldBy(fixedToday(), 3)), (QStringList{u"Board 4"_qs, u"Same day"_qs, u"Board 5"_qs}));
    EXPECT_EQ(names(store.reviewsHeldBy(fixedToday(), 100)), names(held));
    EXPECT_EQ(names(store.reviewsHeldBy(fixedToday().addDays(-60), 5)), QStringList{u"Board 0"_qs});
    EXPECT_TRUE(store.reviewsHeldBy(fixedToday().addDays(-61), 5).isEmpty());
    EXPECT_TRUE(store.reviewsHeldBy(fixedToday(), 0).isEmpty());
}

TEST(Scale, ATrendOfAFrameworkFollowedLongAgoReachesPastTheReviewsThatFrozeNoneOfIt)
{
    // The trend reads the reviews a window at a time, a larger one while too few scored the framework: the Software
    // Security Code followed for three reviews, then not for twelve, still has those three points.
    const auto db = createDatabase();
    Store &store = *db->store;
    Framework ssc = store.framework(u"ssc"_qs);
    ssc.enabled = true;
    store.updateFramework(ssc);
    store.updateAssessment(u"ssc:1.1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Reasonable)},
                                           {AssessmentField::Justification, u"Tested"_qs}});
    for (int i = 0; i < 3; ++i)
        store.createReview(u"With SSC %1"_qs.arg(i), fixedToday().addDays(-400 + 10 * i));
    ssc = store.framework(u"ssc"_qs);
    ssc.enabled = false;
    store.updateFramework(ssc);
    for (int i = 0; i < 12; ++i)
        store.createReview(u"Code only %1"_qs.arg(i), fixedToday().addDays(-300 + 20 * i));

    QList<ReviewPosture> scored;
    for (const ReviewPosture &posture : reviewPostures(store, u"ssc"_qs)) {
        if (posture.score.counted > 0 || posture.score.notApplicable > 0)
            scored << posture;
    }
    ASSERT_EQ(scored.size(), 3);
    const QList<ReviewPosture> recent = recentReviewPostures(store, u"ssc"_qs, fixedToday());
    ASSERT_EQ(recent.size(), 3);
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(recent[i].review.name, scored[i].review.name) << i;
        EXPECT_EQ(recent[i].score.score, scored[i].score.score) << i;
    }
    EXPECT_EQ(recentReviewPostures(store, {}, fixedToday()).size(), kTrendReviewsShown + 1);
}

TEST(Scale, TheBoardPackIndexIsEachActionsNewestItemsAsReadingEverythingGives)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    const QDate firstRecorded = fixedToday().addDays(-200);
    addRegister(store, 600, firstRecorded); // more than one batch of the newest-first read
    ASSERT_GT(store.evidence().size(), BoardPack::kFullEvidenceIndexLimit);

    // Live: every item, status today.
    const EvidenceCounts today = store.evidenceCounts(fixedToday());
    const QList<qint64> live =
        store.newestUnexpiredEvidence(fixedToday(), {}, BoardPack::kEvidencePerActionInIndex, today.currentByAction);
    EXPECT_EQ(QSet<qint64>(live.cbegin(), live.cend()), greedyIndex(store, fixedToday(), {}));
    EXPECT_EQ(QSet<qint64>(live.cbegin(), live.cend()).size(), live.size()) << "each item once";

    // A past meeting: the items recorded by then, status on that date; E2's only items were recorded later, so the
    // read goes to the end of the register (by key, in batches) and still gives what reading everything gives.
    const QDate meeting = fixedToday().addDays(-100);
    const EvidenceCounts then = store.evidenceRecordedCounts(meeting, meeting);
    const QList<qint64> past =
        store.newestUnexpiredEvidence(meeting, meeting, BoardPack::kEvidencePerActionInIndex, then.currentByAction);
    EXPECT_EQ(QSet<qint64>(past.cbegin(), past.cend()), greedyIndex(store, meeting, meeting));
    int recorded = 0;
    int expired = 0;
    int expiring = 0;
    for (const Evidence &e : store.evidence()) {
        if (e.createdAt.toUTC().date() > meeting)
            continue;
        ++recorded;
        expired += evidenceStatus(e.reviewBy, meeting) == EvidenceStatus::Expired ? 1 : 0;
        expiring += evidenceStatus(e.reviewBy, meeting) == EvidenceStatus::Expiring ? 1 : 0;
    }
    EXPECT_EQ(then.current + then.expired, recorded);
    EXPECT_EQ(then.expired, expired);
    EXPECT_EQ(then.expiring, expiring);

    // The live pack lists those items, each with its status and fingerprint, and counts the rest.
    BoardPackOptions options;
    options.createdAt = QDateTime(fixedToday(), QTime(9, 0), Qt::UTC);
    const BoardPackContent pack = BoardPack::build(store, options);
    QSet<qint64> listed;
    for (const BoardPackEvidence &row : pack.evidence)
        listed.insert(row.id);
    EXPECT_EQ(listed, greedyIndex(store, fixedToday(), {}));
    const EvidenceCounts counted = countedFromEverything(store, fixedToday());
    EXPECT_EQ(pack.expiredEvidence, counted.expired);
    EXPECT_EQ(pack.expiringEvidence, counted.expiring);
    EXPECT_EQ(pack.currentEvidence, counted.current - counted.expiring);
    EXPECT_EQ(pack.evidenceNotListed, int(store.evidence().size() - listed.size()));
}

TEST(Scale, TheDashboardTrendFromTheLastReviewsIsTheTrendOfEveryReview)
{
    const auto db = createDatabase();
    Store &store = *db->store;
    const QList<Rating> ratings{Rating::Limited, Rating::Reasonable, Rating::Substantial};
    for (int i = 0; i < 10; ++i) {
        store.updateAssessment(kActions[i % 5], {{AssessmentField::Rating, QVariant::fromValue(ratings[i % 3])},
                                                 {AssessmentField::Justification, u"Tested"_qs}});
        store.createReview(u"Board %1"_qs.arg(i), fixedToday().addDays(-300 + 30 * i));
    }
    store.createReview(u"Next board"_qs, fixedToday().addDays(20)); // not held yet: no point of the trend
    const EvidenceSummary evidence = store.evidenceSummary(fixedToday());
    const QList<ReviewPosture> recent = recentReviewPostures(store, {}, fixedToday());
    EXPECT_EQ(recent.size(), kTrendReviewsShown + 1);
    EXPECT_EQ(recent.constLast().review.name, u"Board 9"_qs);
    const DashboardData fromRecent = DashboardData::build(store, fixedToday(), evidence, recent);
    const DashboardData fromEvery = DashboardData::build(store, fixedToday(), evidence, reviewPostures(store));
    EXPECT_EQ(fromRecent.postureTrend, fromEvery.postureTrend);
    EXPECT_EQ(fromRecent.postureTrend.title,
              u"Posture score across the last %1 board reviews"_qs.arg(kTrendReviewsShown));
    EXPECT_EQ(fromRecent.previousScore, fromEvery.previousScore);
    EXPECT_EQ(fromRecent.previousReviewName, fromEvery.previousReviewName);

    // Fewer reviews than the trend shows: all of them.
    EXPECT_EQ(recentReviewPostures(store, {}, fixedToday().addDays(-300 + 30 * 2)).size(), 3);
}

TEST(Scale, VerifyWalksTheChainInBatchesTellsItsProgressAndStopsWhenAsked)
{
    const auto db = createDatabase(true);
    const QSqlDatabase connection = db->database->connection();
    const qint64 rows = db->store->auditRowCount();
    ASSERT_GT(rows, 300);

    QList<qint64> told;
    const ChainCheck whole = AuditTrail::verify(
        connection,
        [&](qint64 done, qint64 total) {
            EXPECT_EQ(total, rows);
            told << done;
            return true;
        },
        100);
    EXPECT_TRUE(whole.ok);
    EXPECT_FALSE(whole.interrupted);
    EXPECT_EQ(whole.rows, rows);
    ASSERT_EQ(told.size(), rows / 100 + 1); // after each whole batch, and once at the end
    EXPECT_EQ(told.constFirst(), 100);
    EXPECT_EQ(told.constLast(), rows);
    EXPECT_TRUE(std::is_sorted(told.cbegin(), told.cend()));

    // A row slipped in below the first breaks the chain too (a file: a server refuses the insert itself).
    if (!testsOnServer()) {
        SqlQuery(connection, u"INSERT INTO audit (id, at, actor, entity, entity_id, field, old_value, new_value, "
                             u"prev_hash, hash) SELECT 0, at, actor, entity, entity_id, field, old_value, new_value, "
                             u"prev_hash, hash FROM audit WHERE id = 1"_qs)
            .exec();
        const ChainCheck below = AuditTrail::verify(connection, {}, 100);
        EXPECT_FALSE(below.ok);
        EXPECT_EQ(below.firstBadId, 0);
        SqlQuery(connection, u"DROP TRIGGER audit_no_delete"_qs).exec();
        SqlQuery(connection, u"DELETE FROM audit WHERE id = 0"_qs).exec();
    }

    int calls = 0;
    const ChainCheck stopped = AuditTrail::verify(
        connection, [&](qint64, qint64) { return ++calls < 3; }, 100);
    EXPECT_TRUE(stopped.interrupted);
    EXPECT_TRUE(stopped.ok);
    EXPECT_EQ(stopped.rows, 300);

    // A row altered in a later batch is still found (a file: a server refuses the edit itself).
    if (!testsOnServer()) {
        SqlQuery(connection, u"DROP TRIGGER audit_no_update"_qs).exec(); // behind Quorum's back
        SqlQuery(connection, u"UPDATE audit SET new_value = 'forged' WHERE id = 250"_qs).exec();
        const ChainCheck forged = AuditTrail::verify(connection, {}, 100);
        EXPECT_FALSE(forged.ok);
        EXPECT_EQ(forged.firstBadId, 250);
        EXPECT_EQ(forged.rows, 250);
    }

    bool interrupted = false;
    EXPECT_TRUE(db->store->verifyEvidence([](qint64, qint64) { return false; }, &interrupted).isEmpty());
    EXPECT_TRUE(interrupted);
}

TEST(Scale, CliVerifyShowsItsProgressOnStandardErrorWhenAsked)
{
    const auto db = createDatabase(true);
    db->close();
    const ProcessResult plain = runCli({u"--db"_qs, db->path, u"verify"_qs});
    ASSERT_EQ(plain.exitCode, 0) << plain.err.toStdString();
    EXPECT_FALSE(plain.err.contains(u"Verifying"_qs)) << "nothing for a script unless asked";
    const ProcessResult shown = runCli({u"--db"_qs, db->path, u"verify"_qs, u"--progress"_qs});
    ASSERT_EQ(shown.exitCode, 0) << shown.err.toStdString();
    EXPECT_EQ(shown.out, plain.out);
    EXPECT_TRUE(shown.err.contains(u"Verifying the audit trail: 100%"_qs)) << shown.err.toStdString();
    EXPECT_TRUE(shown.err.contains(u"Verifying the stored files: 100%"_qs)) << shown.err.toStdString();
}

TEST(Scale, ReviewsHeldInOneMonthAreEachAPointOfTheTrend)
{
    // A group holding several committees' reviews in one record: one label each, so the chart draws each point.
    const auto db = createDatabase();
    for (const QString &committee : {u"Audit"_qs, u"Risk"_qs, u"People"_qs})
        db->store->createReview(u"%1 Committee June 2026"_qs.arg(committee), fixedToday().addDays(-10));
    const DashboardData data = DashboardData::build(*db->store, fixedToday());
    EXPECT_EQ(data.postureTrend.categories,
              QStringList({u"Jun<br>26"_qs, u"Jun<br>26 (2)"_qs, u"Jun<br>26 (3)"_qs, u"Now"_qs}));
    EXPECT_EQ(data.postureTrend.series.constFirst().values.size(), 4);
}
