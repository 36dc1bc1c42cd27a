#include "core/domain/error.h"
#include "core/rules/attention.h"
#include "core/samples/syntheticorg.h"
#include "core/storage/database.h"
#include "core/workspace/dashboard.h"
#include "testsupport.h"

#include <gtest/gtest.h>

#include <QSqlQuery>

using namespace quorum;
using namespace quorum::test;

namespace {

/** A tiny organisation of the same shape as "small", so the tests run in a moment. */
SyntheticSize tinySize()
{
    SyntheticSize size = *SyntheticSize::named(u"small"_qs);
    size.years = 1;
    size.people = 12;
    size.directors = 4;
    size.evidence = 80;
    size.auditRows = 900;
    size.metrics = 3;
    return size;
}

QStringList fingerprint(const Store &store)
{
    QStringList lines;
    for (const Evidence &e : store.evidence())
        lines << e.title + e.reviewBy.toString(Qt::ISODate) + e.actionIds.join(u',');
    for (const ActionState &state : store.actionStates())
        lines << state.id + ratingKey(state.assessment.rating) + state.ownerName;
    return lines;
}

} // namespace

TEST(SyntheticSize, NamesTheThreeSizesOfTheIssue)
{
    EXPECT_EQ(SyntheticSize::names(), (QStringList{u"small"_qs, u"large"_qs, u"huge"_qs}));
    const SyntheticSize large = *SyntheticSize::named(u" Large "_qs);
    EXPECT_EQ(large.years, 10);
    EXPECT_EQ(large.evidence, 20000);
    EXPECT_EQ(large.people, 200);
    EXPECT_EQ(large.auditRows, 200000);
    const SyntheticSize huge = *SyntheticSize::named(u"huge"_qs);
    EXPECT_EQ(huge.evidence, 10 * large.evidence);
    EXPECT_EQ(huge.auditRows, 10 * large.auditRows);
    EXPECT_FALSE(SyntheticSize::named(u"medium"_qs));
    EXPECT_FALSE(SyntheticSize::named(QString()));
}

TEST(SyntheticOrganisation, HasTheRequestedSizeAndAVerifiableHistory)
{
    auto db = createDatabase();
    const SyntheticSize size = tinySize();
    QList<int> progress;
    SyntheticOrganisation::populate(*db->store, size, fixedToday(), 7, [&progress](int done, int total) {
        EXPECT_EQ(total, 4);
        progress << done;
        return true;
    });
    const Store &store = *db->store;
    EXPECT_EQ(progress, (QList<int>{1, 2, 3, 4}));
    EXPECT_EQ(store.people().size(), size.people);
    EXPECT_EQ(store.evidence().size(), size.evidence);
    EXPECT_EQ(store.metrics().size(), size.metrics);
    const QList<Review> reviews = store.reviews();
    ASSERT_EQ(reviews.size(), 4 * size.years * size.meetingsPerQuarter);
    // Every review but the last quarter's is signed off, and none is dated after today.
    for (qsizetype i = 0; i < reviews.size(); ++i) {
        EXPECT_EQ(reviews[i].isSigned(), i < reviews.size() - size.meetingsPerQuarter) << i;
        EXPECT_LE(reviews[i].meetingDate, fixedToday());
    }
    // The trail is topped up to about the requested size, in time order, and its chain verifies.
    const qint64 rows = store.auditRowCount();
    EXPECT_GE(rows, size.auditRows);
    EXPECT_LT(rows, size.auditRows + 200);
    const QList<AuditEntry> entries = store.auditEntries();
    // The first rows record the built-in catalogues when the file was created; the generated history follows.
    qsizetype first = 0;
    while (first < entries.size() && entries[first].record.entity == u"catalogue"_qs)
        ++first;
    EXPECT_EQ(first, 2);
    for (qsizetype i = first + 1; i < entries.size(); ++i)
        ASSERT_LE(entries[i - 1].at, entries[i].at)
            << "row " << entries[i].id << " " << entries[i].record.entity.toStdString() << " "
            << entries[i].record.field.toStdString() << " " << entries[i - 1].at.toString(Qt::ISODate).toStdString()
            << " then " << entries[i].at.toString(Qt::ISODate).toStdString();
    EXPECT_LE(entries.constLast().at.date(), fixedToday());
    EXPECT_TRUE(store.verifyAuditChain().ok);
    EXPECT_TRUE(store.verifyEvidence().isEmpty());
    // The generator leaves the store's clock and actor as it found them.
    EXPECT_EQ(store.clock().today(), fixedToday());
    EXPECT_NE(store.actor(), u"generator"_qs);
    // Something for the attention rules to find, but not everything: most evidence is kept current.
    int expired = 0;
    for (const AttentionItem &item : Attention::compute(store, fixedToday()))
        expired += item.rule == AttentionRule::ExpiredEvidence;
    EXPECT_LT(expired, size.evidence / 5);
}

TEST(SyntheticOrganisation, IsDeterministicForASeed)
{
    auto first = createDatabase();
    auto second = createDatabase();
    auto other = createDatabase();
    SyntheticOrganisation::populate(*first->store, tinySize(), fixedToday(), 11);
    SyntheticOrganisation::populate(*second->store, tinySize(), fixedToday(), 11);
    SyntheticOrganisation::populate(*other->store, tinySize(), fixedToday(), 12);
    EXPECT_EQ(fingerprint(*first->store), fingerprint(*second->store));
    EXPECT_NE(fingerprint(*first->store), fingerprint(*other->store));
}

TEST(SyntheticOrganisation, StopsWhenProgressSaysSoAndKeepsWhatWasCommitted)
{
    auto db = createDatabase();
    SyntheticOrganisation::populate(*db->store, tinySize(), fixedToday(), 7, [](int done, int) { return done < 2; });
    EXPECT_EQ(db->store->reviews().size(), 2);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);
}

TEST(SyntheticOrganisation, RefusesASizeWithoutADirector)
{
    auto db = createDatabase();
    SyntheticSize size = tinySize();
    size.directors = 0;
    EXPECT_THROW(SyntheticOrganisation::populate(*db->store, size, fixedToday()), Error);
    EXPECT_TRUE(db->store->people().isEmpty());
}

TEST(SyntheticOrganisation, ALongHistoryShowsTheRecentReviewsOnTheTrend)
{
    auto db = createDatabase();
    SyntheticSize size = tinySize();
    size.years = 4; // sixteen quarterly reviews
    size.auditRows = 2500;
    SyntheticOrganisation::populate(*db->store, size, fixedToday());
    const DashboardData data = DashboardData::build(*db->store, fixedToday());
    ASSERT_EQ(data.postureHistory.categories.size(), 16 + 1);
    ASSERT_EQ(data.postureTrend.categories.size(), kTrendReviewsShown + 1);
    EXPECT_EQ(data.postureTrend.categories.constLast(), u"Now"_qs);
    EXPECT_EQ(data.postureTrend.categories.constFirst(), data.postureHistory.categories.at(16 - kTrendReviewsShown));
    EXPECT_EQ(data.postureTrend.series.constFirst().values,
              data.postureHistory.series.constFirst().values.mid(16 - kTrendReviewsShown));
    EXPECT_TRUE(data.postureTrend.title.contains(u"last %1"_qs.arg(kTrendReviewsShown)))
        << data.postureTrend.title.toStdString();
}

TEST(EvidenceSummary, AgreesWithTheWholeRegisterOnEveryDate)
{
    // The summary is counted through indexes (migration 2); the whole register, read item by item, is the
    // reference. The edge items sit exactly on the boundaries: due today, due on the last expiring day,
    // due yesterday, never due.
    auto db = createDatabase();
    SyntheticOrganisation::populate(*db->store, tinySize(), fixedToday(), 11, {});
    const QDate today = fixedToday();
    auto add = [&db](const QString &title, const QDate &reviewBy, EvidenceType type, const QDate &effective) {
        EvidenceInput input;
        input.title = title;
        input.type = type;
        input.effective = effective;
        input.reviewBy = reviewBy;
        input.url = u"https://example.org/"_qs + title;
        input.actionIds = {u"A1"_qs, u"E5"_qs};
        db->store->addEvidence(input);
    };
    add(u"due-today"_qs, today, EvidenceType::Report, today);
    add(u"due-last-expiring-day"_qs, today.addDays(kExpiringWithinDays), EvidenceType::Other, today);
    add(u"due-yesterday"_qs, today.addDays(-1), EvidenceType::Other, today.addDays(-90));
    add(u"never-due"_qs, QDate(), EvidenceType::Report, today.addDays(1));

    const QList<Evidence> all = db->store->evidence();
    for (const QDate &asOf : {today, today.addDays(-200), today.addDays(45), today.addYears(-3)}) {
        SCOPED_TRACE(asOf.toString(Qt::ISODate).toStdString());
        EvidenceCounts expected;
        QHash<QString, QDate> latestReport;
        QStringList expiredItems;
        const QDate soon = asOf.addDays(kExpiringWithinDays);
        for (const Evidence &e : all) {
            const bool expired = e.reviewBy.isValid() && e.reviewBy < asOf;
            const bool expiring = e.reviewBy.isValid() && e.reviewBy >= asOf && e.reviewBy <= soon;
            expected.current += expired ? 0 : 1;
            expected.expiring += expiring ? 1 : 0;
            expected.expired += expired ? 1 : 0;
            if (expired)
                expiredItems << u"%1 %2 %3 %4"_qs.arg(e.id).arg(e.title, e.reviewBy.toString(Qt::ISODate),
                                                                e.actionIds.join(u',')); // in id order, as listed
            for (const QString &action : e.actionIds) {
                expected.currentByAction[action] += expired ? 0 : 1;
                expected.expiringByAction[action] += expiring ? 1 : 0;
                expected.expiredByAction[action] += expired ? 1 : 0;
                if (e.type == EvidenceType::Report && e.effective.isValid() && e.effective <= asOf
                    && e.effective > latestReport.value(action))
                    latestReport[action] = e.effective;
            }
        }
        const EvidenceSummary summary = db->store->evidenceSummary(asOf);
        EXPECT_EQ(summary.counts.current, expected.current);
        EXPECT_EQ(summary.counts.expiring, expected.expiring);
        EXPECT_EQ(summary.counts.expired, expected.expired);
        EXPECT_EQ(summary.counts.currentByAction, expected.currentByAction);
        EXPECT_EQ(summary.counts.expiringByAction, expected.expiringByAction);
        EXPECT_EQ(summary.counts.expiredByAction, expected.expiredByAction);
        EXPECT_EQ(summary.latestFormalReport, latestReport.value(u"E2"_qs));
        QStringList summaryExpiredItems;
        for (const ExpiredEvidence &e : summary.expired)
            summaryExpiredItems << u"%1 %2 %3 %4"_qs.arg(e.id).arg(e.title, e.reviewBy.toString(Qt::ISODate),
                                                                   e.actionIds.join(u','));
        EXPECT_EQ(summaryExpiredItems, expiredItems);
    }
}

TEST(EvidenceSummary, ReadsTheRegisterThroughItsIndexes)
{
    QUORUM_FILE_ONLY("SQLite's query plans (the server's planner chooses by its statistics of the data)");
    // The dashboard's start-up time on a large register depends on these plans (docs/PERFORMANCE.md).
    auto db = createDatabase();
    QSqlQuery plan(db->database->connection());
    ASSERT_TRUE(plan.exec(u"EXPLAIN QUERY PLAN SELECT count(*) FROM evidence e CROSS JOIN evidence_action ea "
                          "ON ea.evidence_id = e.id WHERE e.review_by <= '2026-01-01'"_qs));
    QStringList steps;
    while (plan.next())
        steps << plan.value(3).toString();
    EXPECT_TRUE(steps.join(u'\n').contains(u"evidence_by_review_by"_qs)) << steps.join(u'\n').toStdString();
    // Newest report first, straight from the index (no sort), so the read can stop early.
    ASSERT_TRUE(plan.exec(u"EXPLAIN QUERY PLAN SELECT ea.action_id, e.effective_date FROM evidence e CROSS JOIN "
                          "evidence_action ea ON ea.evidence_id = e.id WHERE e.type = 'report' AND "
                          "e.effective_date <= '2026-01-01' ORDER BY e.effective_date DESC"_qs));
    steps.clear();
    while (plan.next())
        steps << plan.value(3).toString();
    EXPECT_TRUE(steps.join(u'\n').contains(u"evidence_by_type_date"_qs)) << steps.join(u'\n').toStdString();
    EXPECT_FALSE(steps.join(u'\n').contains(u"TEMP B-TREE"_qs)) << steps.join(u'\n').toStdString();
}
