// The evidence register a window at a time (issue 19): Store::evidenceCount, evidenceWindow and evidenceRowOf,
// and the EvidenceModel that reads blocks of them, against what a filter and a sort of every item in C++ give. On
// both engines (the "server." run keeps the record on the test server).
#include "core/models/evidencemodel.h"
#include "core/models/roles.h"
#include "core/storage/database.h"
#include "workspacetest.h"

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <functional>

using namespace quorum;
using namespace quorum::test;

namespace {

constexpr int kItems = 1200; // more than four blocks of EvidenceModel::kBlockRows

/**
 * A register of kItems varied items, written in one transaction: titles that repeat (ties for the id to break) in
 * mixed case, some with % and _ and some that those would match as wildcards, every type and source, dates missing,
 * past, due soon and later, files (some with later revisions) and links, one or two actions each.
 */
void fillRegister(Store &store)
{
    const QStringList actions{u"A1"_qs, u"A2"_qs, u"B3"_qs, u"C2"_qs, u"C4"_qs, u"D1"_qs, u"D2"_qs, u"E2"_qs, u"E5"_qs};
    const QStringList words{u"Policy review"_qs,  u"board MINUTES extract"_qs, u"Penetration test"_qs,
                            u"access Control"_qs, u"Risk register"_qs,         u"Supplier assurance"_qs,
                            u"Incident log"_qs};
    const QList<EvidenceType> types = allEvidenceTypes();
    const QList<EvidenceSource> sources = allEvidenceSources();
    const QDate today = fixedToday();
    Transaction transaction(store.database());
    for (int i = 0; i < kItems; ++i) {
        EvidenceInput input;
        input.title = u"%1 %2"_qs.arg(words.at(i % words.size())).arg(i % 37);
        if (i % 101 == 0)
            input.title = u"Budget 100% spent"_qs;
        else if (i % 103 == 0)
            input.title = u"Budget 1000 spent"_qs;
        else if (i % 107 == 0)
            input.title = u"plan_b"_qs;
        else if (i % 109 == 0)
            input.title = u"planXb"_qs;
        input.type = types.at(i % types.size());
        input.source = sources.at((i / 3) % sources.size());
        if (i % 5 != 0)
            input.effective = today.addDays(-(i % 500));
        if (i % 7 != 0) {
            input.reviewBy = today.addDays((i * 37) % 700 - 200);
            if (input.effective.isValid() && input.reviewBy < input.effective)
                input.reviewBy = input.effective;
        }
        input.actionIds = {actions.at(i % actions.size())};
        if (i % 4 == 0 && actions.at((i * 5 + 3) % actions.size()) != input.actionIds.constFirst())
            input.actionIds << actions.at((i * 5 + 3) % actions.size());
        if (i % 3 == 0) {
            input.isFile = true;
            input.fileName = u"Scan-%1.PDF"_qs.arg(i);
            input.content = u"content %1"_qs.arg(i).toUtf8();
        } else {
            input.url = u"https://intranet.example/doc/%1"_qs.arg(i);
        }
        const qint64 id = store.addEvidence(input);
        if (input.isFile && i % 30 == 0)
            store.replaceEvidenceFile(id, u"Scan-%1-v2.PDF"_qs.arg(i), u"content %1 v2"_qs.arg(i).toUtf8());
        if (input.isFile && i % 60 == 0)
            store.replaceEvidenceFile(id, u"Scan-%1-v3.PDF"_qs.arg(i), u"content %1 v3"_qs.arg(i).toUtf8());
    }
    transaction.commit();
}

/** The rank of each kind by its label, as the register orders its type and source columns. */
template<typename Kind>
int labelRank(Kind kind, const QList<Kind> &kinds, QString (*label)(Kind))
{
    QStringList labels;
    for (Kind each : kinds)
        labels << label(each);
    std::sort(labels.begin(), labels.end());
    return int(labels.indexOf(label(kind)));
}

/** What a column sorts by, worked out in C++ from the whole item (as Store::evidenceWindow documents it). */
QVariant sortKey(const Evidence &e, EvidenceQuery::Sort sort)
{
    switch (sort) {
    case EvidenceQuery::Sort::Id:
        return {};
    case EvidenceQuery::Sort::Title:
        return e.title;
    case EvidenceQuery::Sort::Actions:
        return *std::min_element(e.actionIds.begin(), e.actionIds.end());
    case EvidenceQuery::Sort::Type:
        return labelRank(e.type, allEvidenceTypes(), evidenceTypeLabel);
    case EvidenceQuery::Sort::Source:
        return labelRank(e.source, allEvidenceSources(), evidenceSourceLabel);
    case EvidenceQuery::Sort::Effective:
        return e.effective.isValid() ? e.effective.toString(Qt::ISODate) : QString(u""_qs);
    case EvidenceQuery::Sort::ReviewBy:
        return e.reviewBy.isValid() ? e.reviewBy.toString(Qt::ISODate) : u"~ never"_qs; // after every date
    case EvidenceQuery::Sort::Status:
        return int(evidenceStatus(e.reviewBy, fixedToday()));
    case EvidenceQuery::Sort::Hash:
        return e.isFile() ? e.sha256 : QString(u""_qs);
    case EvidenceQuery::Sort::Kind:
        return e.isFile() ? e.revision : INT_MAX;
    }
    return {};
}

bool keyLess(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::Int)
        return a.toInt() < b.toInt();
    return a.toString() < b.toString();
}

/** Every item's id in @p query's order, sorted and filtered in C++. */
QList<qint64> expectedIds(QList<Evidence> items, const EvidenceQuery &query,
                          const std::function<bool(const Evidence &)> &shown = {})
{
    if (shown)
        items.removeIf([&shown](const Evidence &e) { return !shown(e); });
    std::sort(items.begin(), items.end(), [&query](const Evidence &a, const Evidence &b) {
        const QVariant ka = sortKey(a, query.sort);
        const QVariant kb = sortKey(b, query.sort);
        const bool less = keyLess(ka, kb) || (!keyLess(kb, ka) && a.id < b.id);
        const bool greater = keyLess(kb, ka) || (!keyLess(ka, kb) && b.id < a.id);
        return query.order == Qt::AscendingOrder ? less : greater;
    });
    QList<qint64> ids;
    for (const Evidence &e : items)
        ids << e.id;
    return ids;
}

/** Whether @p term is in what the register shows of @p e (or its whole SHA-256), ignoring case. */
bool mentions(const Evidence &e, const QString &term)
{
    const QStringList fields{e.title,
                             e.fileName,
                             e.url,
                             e.sha256,
                             e.actionIds.join(u'\n'),
                             evidenceTypeLabel(e.type),
                             evidenceSourceLabel(e.source)};
    return std::any_of(fields.cbegin(), fields.cend(),
                       [&term](const QString &field) { return field.contains(term, Qt::CaseInsensitive); });
}

QList<qint64> idsOf(const QList<Evidence> &items)
{
    QList<qint64> ids;
    for (const Evidence &e : items)
        ids << e.id;
    return ids;
}

/** Every row of @p model, read through evidenceAt (a block at a time). */
QList<qint64> modelIds(const EvidenceModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Evidence *item = model.evidenceAt(row);
        ids << (item ? item->id : -1);
    }
    return ids;
}

class EvidenceWindow : public WorkspaceTestBase {
protected:
    void SetUp() override
    {
        fillRegister(store);
        all = store.evidence();
        ASSERT_EQ(all.size(), kItems);
    }
    QList<Evidence> all;
};

const QList<QPair<EvidenceModel::Column, EvidenceQuery::Sort>> kColumns{
    {EvidenceModel::TitleColumn, EvidenceQuery::Sort::Title},
    {EvidenceModel::ActionsColumn, EvidenceQuery::Sort::Actions},
    {EvidenceModel::TypeColumn, EvidenceQuery::Sort::Type},
    {EvidenceModel::SourceColumn, EvidenceQuery::Sort::Source},
    {EvidenceModel::EffectiveColumn, EvidenceQuery::Sort::Effective},
    {EvidenceModel::ReviewByColumn, EvidenceQuery::Sort::ReviewBy},
    {EvidenceModel::StatusColumn, EvidenceQuery::Sort::Status},
    {EvidenceModel::HashColumn, EvidenceQuery::Sort::Hash},
    {EvidenceModel::KindColumn, EvidenceQuery::Sort::Kind},
};

} // namespace

TEST_F(EvidenceWindow, TheModelCountsInSqlAndReadsOnlyTheBlocksShown)
{
    EvidenceModel model(workspace.get());
    EXPECT_EQ(model.rowCount(), kItems);
    EXPECT_EQ(model.heldRowCount(), EvidenceModel::kBlockRows); // counted, and the first screen's block read
    const QList<qint64> byId = expectedIds(all, {});
    EXPECT_EQ(model.index(0, EvidenceModel::TitleColumn).data(EvidenceIdRole).toLongLong(), byId.at(0));
    EXPECT_EQ(model.index(EvidenceModel::kBlockRows - 1, 0).data(EvidenceIdRole).toLongLong(),
              byId.at(EvidenceModel::kBlockRows - 1));
    EXPECT_EQ(model.heldRowCount(), EvidenceModel::kBlockRows); // nothing more for the rows of that block
    const Evidence *last = model.evidenceAt(kItems - 1);
    ASSERT_NE(last, nullptr);
    EXPECT_EQ(last->id, byId.constLast());
    EXPECT_FALSE(last->actionIds.isEmpty()); // each row with its actions
    EXPECT_EQ(model.heldRowCount(), EvidenceModel::kBlockRows + kItems % EvidenceModel::kBlockRows);
    EXPECT_EQ(model.evidenceAt(kItems), nullptr);

    // A row deep down is found in SQL without reading the rows above it.
    model.reload();
    EXPECT_EQ(model.rowOfEvidence(byId.at(kItems - 300)), kItems - 300);
    EXPECT_EQ(model.heldRowCount(), EvidenceModel::kBlockRows);
    EXPECT_EQ(model.rowOfEvidence(-5), -1);

    // The tester follows the resets of a search, a status and a sort.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.sort(EvidenceModel::TitleColumn, Qt::DescendingOrder);
    EXPECT_EQ(model.sortColumn(), int(EvidenceModel::TitleColumn));
    model.setSearch(u"  minutes "_qs);
    EXPECT_EQ(model.query().search, u"minutes"_qs);
    model.setStatusFilter(EvidenceStatus::Expired);
    EXPECT_GT(model.rowCount(), 0);
    EXPECT_LT(model.rowCount(), kItems);
    EXPECT_EQ(model.rowCount(), store.evidenceCount(model.query()));
    for (int row = 0; row < model.rowCount(); ++row)
        EXPECT_EQ(model.index(row, 0).data(EvidenceStatusRole).toInt(), int(EvidenceStatus::Expired));

    // A change read again: the new item is counted.
    model.setSearch(u"e"_qs); // more than a block: counted apart
    EXPECT_GT(model.rowCount(), EvidenceModel::kBlockRows);
    EXPECT_EQ(model.rowCount(), store.evidenceCount(model.query()));
    model.setSearch({});
    model.setStatusFilter(std::nullopt);
    EvidenceInput link;
    link.title = u"Q4 dashboard"_qs;
    link.url = u"https://intranet.example/q4"_qs;
    link.actionIds = {u"E2"_qs};
    const qint64 added = workspace->addEvidence(link);
    EXPECT_EQ(model.rowCount(), kItems + 1);
    EXPECT_GE(model.rowOfEvidence(added), 0);
}

TEST_F(EvidenceWindow, SortingByEveryColumnMatchesASortOfEveryItem)
{
    EvidenceModel model(workspace.get());
    for (const auto &[column, sort] : kColumns) {
        for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
            SCOPED_TRACE(testing::Message() << "column " << int(column) << (order ? " descending" : " ascending"));
            EvidenceQuery query;
            query.sort = sort;
            query.order = order;
            query.asOf = fixedToday();
            const QList<qint64> expected = expectedIds(all, query);
            model.sort(column, order);
            ASSERT_EQ(model.rowCount(), kItems);
            EXPECT_EQ(modelIds(model), expected);
            // Windows that straddle the blocks, and the last one, short.
            EXPECT_EQ(idsOf(store.evidenceWindow(query, 250, 300)), expected.mid(250, 300));
            EXPECT_EQ(idsOf(store.evidenceWindow(query, kItems - 7, 100)), expected.mid(kItems - 7));
            // Each item's row, the first, the last and some deep down.
            for (int row : {0, 1, 37, 256, 511, 800, kItems - 2, kItems - 1})
                EXPECT_EQ(store.evidenceRowOf(query, expected.at(row)), row) << "row " << row;
        }
    }
    // -1: back to the order of ids.
    model.sort(-1, Qt::AscendingOrder);
    EXPECT_EQ(model.sortColumn(), -1);
    EXPECT_EQ(modelIds(model), expectedIds(all, {}));
}

TEST_F(EvidenceWindow, SearchIgnoresCaseFindsLabelsAndActionsAndTakesWildcardsLiterally)
{
    const QString someHash =
        std::find_if(all.cbegin(), all.cend(), [](const Evidence &e) { return e.isFile(); })->sha256.mid(20, 10);
    const QStringList terms{u"minutes"_qs,        // titles in upper case, and the Board minutes type's label
                            u"MINUTES"_qs,        // the same, typed in capitals
                            u"scan-12"_qs,        // file names
                            u"c4"_qs,             // an action id, in lower case
                            u"internal audit"_qs, // a source's label
                            u"100%"_qs,           // % is not a wildcard ("Budget 1000 spent" is not found)
                            u"plan_b"_qs,         // nor is _ ("planXb" is not found)
                            u"!"_qs,              // the escape character itself: nothing has one
                            u"doc/7"_qs,          // links
                            someHash,             // a part of a SHA-256
                            someHash.toUpper()};
    for (const QString &term : terms) {
        SCOPED_TRACE(term.toStdString());
        EvidenceQuery query;
        query.search = term;
        const QList<qint64> expected =
            expectedIds(all, query, [&term](const Evidence &e) { return mentions(e, term); });
        if (term != u"!"_qs) {
            EXPECT_FALSE(expected.isEmpty()) << "the register has something to find";
        }
        EXPECT_EQ(store.evidenceCount(query), expected.size());
        EXPECT_EQ(idsOf(store.evidenceWindow(query, 0, kItems)), expected);
        // In an order an index holds, too (a search sorts what it finds instead of walking the index).
        query.sort = EvidenceQuery::Sort::ReviewBy;
        query.order = Qt::DescendingOrder;
        query.asOf = fixedToday();
        const QList<qint64> byReview =
            expectedIds(all, query, [&term](const Evidence &e) { return mentions(e, term); });
        EXPECT_EQ(idsOf(store.evidenceWindow(query, 0, kItems)), byReview);
        if (!byReview.isEmpty()) {
            EXPECT_EQ(store.evidenceRowOf(query, byReview.constLast()), byReview.size() - 1);
        }
    }
    EvidenceQuery percent;
    percent.search = u"100%"_qs;
    for (const Evidence &e : store.evidenceWindow(percent, 0, kItems))
        EXPECT_EQ(e.title, u"Budget 100% spent"_qs);
}

TEST_F(EvidenceWindow, StatusOnTheDateAndTheActionNarrowWithTheSearch)
{
    for (EvidenceStatus status : {EvidenceStatus::Current, EvidenceStatus::Expiring, EvidenceStatus::Expired}) {
        SCOPED_TRACE(evidenceStatusLabel(status).toStdString());
        EvidenceQuery query;
        query.status = status;
        query.asOf = fixedToday();
        query.sort = EvidenceQuery::Sort::ReviewBy;
        const QList<qint64> expected = expectedIds(
            all, query, [status](const Evidence &e) { return evidenceStatus(e.reviewBy, fixedToday()) == status; });
        EXPECT_FALSE(expected.isEmpty());
        EXPECT_EQ(store.evidenceCount(query), expected.size());
        EXPECT_EQ(idsOf(store.evidenceWindow(query, 0, kItems)), expected);
        EXPECT_EQ(store.evidenceRowOf(query, expected.constLast()), expected.size() - 1);
    }
    // Status on another day: a later date finds more expired.
    EvidenceQuery later;
    later.status = EvidenceStatus::Expired;
    later.asOf = fixedToday().addDays(60);
    EvidenceQuery now = later;
    now.asOf = fixedToday();
    EXPECT_GT(store.evidenceCount(later), store.evidenceCount(now));

    // One action's items, counted from the kept totals.
    EvidenceQuery ofAction;
    ofAction.actionId = u"C4"_qs;
    const QList<qint64> ofC4 =
        expectedIds(all, ofAction, [](const Evidence &e) { return e.actionIds.contains(u"C4"_qs); });
    EXPECT_EQ(store.evidenceCount(ofAction), ofC4.size());
    EXPECT_EQ(idsOf(store.evidenceWindow(ofAction, 0, kItems)), ofC4);
    ofAction.actionId = u"-"_qs; // the action editor with no action
    EXPECT_EQ(store.evidenceCount(ofAction), 0);
    EXPECT_TRUE(store.evidenceWindow(ofAction, 0, kItems).isEmpty());

    // All three at once.
    EvidenceQuery narrow;
    narrow.actionId = u"C4"_qs;
    narrow.status = EvidenceStatus::Expired;
    narrow.search = u"REGISTER"_qs;
    narrow.asOf = fixedToday();
    narrow.sort = EvidenceQuery::Sort::Title;
    const QList<qint64> expected = expectedIds(all, narrow, [](const Evidence &e) {
        return e.actionIds.contains(u"C4"_qs) && evidenceStatus(e.reviewBy, fixedToday()) == EvidenceStatus::Expired
               && mentions(e, u"register"_qs);
    });
    ASSERT_FALSE(expected.isEmpty());
    EXPECT_EQ(idsOf(store.evidenceWindow(narrow, 0, kItems)), expected);
    EXPECT_EQ(store.evidenceRowOf(narrow, expected.constLast()), expected.size() - 1);
    // An item the query does not show has no row.
    const auto hidden =
        std::find_if(all.cbegin(), all.cend(), [&expected](const Evidence &e) { return !expected.contains(e.id); });
    EXPECT_EQ(store.evidenceRowOf(narrow, hidden->id), -1);
}
