#include "core/domain/error.h"
#include "core/rules/boardrules.h"
#include "testsupport.h"

#include <QSet>

#include <gtest/gtest.h>

#include <limits>

using namespace quorum;
using namespace quorum::test;

namespace {

QList<AuditEntry> auditOf(const Store &store, const QString &entity)
{
    AuditFilter filter;
    filter.entity = entity;
    return store.auditEntries(filter);
}

} // namespace

TEST(Metrics, AddValidatesAndAudits)
{
    auto db = createDatabase();
    Store &store = *db->store;
    const qint64 id =
        store.addMetric(metricOf(u"  Phishing click rate "_qs, false, 5, 8, {u"c4"_qs, u"E2"_qs, u"C4"_qs}));
    const Metric stored = *store.metric(id);
    EXPECT_EQ(stored.name, u"Phishing click rate"_qs);
    EXPECT_FALSE(stored.higherIsBetter);
    EXPECT_EQ(stored.greenThreshold, 5);
    EXPECT_EQ(stored.amberThreshold, 8);
    EXPECT_EQ(stored.actionIds, (QStringList{u"C4"_qs, u"E2"_qs})); // canonical, catalogue order, no repeats
    EXPECT_EQ(store.metrics().size(), 1);

    QString message;
    EXPECT_EQ(kindOf([&] { store.addMetric(metricOf(u"PHISHING CLICK RATE"_qs, false, 5, 8)); }),
              Error::Kind::Conflict);
    EXPECT_EQ(kindOf([&] { store.addMetric(metricOf(u"Backwards"_qs, true, 80, 90)); }, &message),
              Error::Kind::InvalidInput);
    EXPECT_TRUE(message.contains(u"swap them"_qs)) << message.toStdString();
    EXPECT_EQ(kindOf([&] { store.addMetric(metricOf(u"Backwards"_qs, false, 9, 3)); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { store.addMetric(metricOf(u"No actions"_qs, true, 9, 3, {})); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { store.addMetric(metricOf(u"Bad action"_qs, true, 9, 3, {u"Q7"_qs})); }),
              Error::Kind::NotFound);
    EXPECT_EQ(kindOf([&] { store.addMetric(metricOf(u" "_qs, true, 9, 3)); }), Error::Kind::InvalidInput);
    EXPECT_EQ(store.metrics().size(), 1);

    const QList<AuditEntry> entries = auditOf(store, u"metric"_qs);
    ASSERT_EQ(entries.size(), 1);
    EXPECT_EQ(entries.first().record.field, u"added"_qs);
    EXPECT_TRUE(entries.first().record.newValue.contains(u"lower is better"_qs));
    EXPECT_TRUE(entries.first().record.newValue.contains(u"C4, E2"_qs));
}

TEST(Metrics, UpdateChangesAndAuditsOnlyWhatChanged)
{
    auto db = createDatabase();
    Store &store = *db->store;
    const qint64 id = store.addMetric(metricOf(u"Patching"_qs, true, 95, 90));
    Metric changed = *store.metric(id);
    changed.name = u"Critical patching"_qs;
    changed.amberThreshold = 85;
    changed.actionIds = {u"A1"_qs, u"E2"_qs};
    store.updateMetric(changed);
    EXPECT_EQ(*store.metric(id), changed);
    const QList<AuditEntry> entries = auditOf(store, u"metric"_qs);
    ASSERT_EQ(entries.size(), 4);
    EXPECT_EQ(entries[1].record.field, u"name"_qs);
    EXPECT_EQ(entries[2].record.field, u"amber threshold"_qs);
    EXPECT_EQ(entries[2].record.oldValue, u"90"_qs);
    EXPECT_EQ(entries[2].record.newValue, u"85"_qs);
    EXPECT_EQ(entries[3].record.field, u"actions"_qs);

    store.updateMetric(changed); // nothing changed: nothing written
    EXPECT_EQ(auditOf(store, u"metric"_qs).size(), 4);
    changed.higherIsBetter = false; // 95/85 is the wrong order for lower-is-better
    EXPECT_EQ(kindOf([&] { store.updateMetric(changed); }), Error::Kind::InvalidInput);
    changed.id = 9999;
    EXPECT_EQ(kindOf([&] { store.updateMetric(changed); }), Error::Kind::NotFound);
}

TEST(Metrics, ReadingsLatestByDateAndRemovalTakesThemAlong)
{
    auto db = createDatabase();
    Store &store = *db->store;
    const QDate today = fixedToday();
    const qint64 id = store.addMetric(metricOf(u"Patching"_qs, true, 95, 90));
    EXPECT_FALSE(store.latestReading(id).has_value());
    const qint64 later = store.addReading({0, id, today.addDays(-1), 96, u"After the sprint"_qs});
    store.addReading({0, id, today.addDays(-30), 88, {}}); // recorded later, but taken earlier
    EXPECT_EQ(store.latestReading(id)->id, later);
    // As of an earlier date (a board pack of an earlier review): the latest reading taken by then.
    EXPECT_EQ(store.latestReading(id, today.addDays(-2))->value, 88);
    EXPECT_EQ(store.latestReading(id, today.addDays(-1))->id, later);
    EXPECT_FALSE(store.latestReading(id, today.addDays(-31)).has_value());
    const QList<MetricReading> readings = store.readings(id);
    ASSERT_EQ(readings.size(), 2);
    EXPECT_EQ(readings.first().value, 88);
    EXPECT_EQ(readings.last().note, u"After the sprint"_qs);

    QString message;
    EXPECT_EQ(kindOf(
                  [&] {
                      store.addReading({0, id, today.addDays(1), 90, {}});
                  },
                  &message),
              Error::Kind::InvalidInput);
    EXPECT_TRUE(message.contains(u"after today"_qs)) << message.toStdString();
    EXPECT_EQ(kindOf([&] { store.addReading({0, id, QDate(), 90, {}}); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] {
                  store.addReading({0, id, today, std::numeric_limits<double>::quiet_NaN(), {}});
              }),
              Error::Kind::InvalidInput);
    EXPECT_EQ(kindOf([&] { store.addReading({0, 9999, today, 90, {}}); }), Error::Kind::NotFound);
    EXPECT_TRUE(store.addReading({0, id, today, 91, {}}) > 0); // today itself is fine

    store.removeReading(later);
    EXPECT_FALSE(store.reading(later).has_value());
    EXPECT_EQ(store.readings(id).size(), 2);

    store.removeMetric(id);
    EXPECT_FALSE(store.metric(id).has_value());
    EXPECT_TRUE(store.readings(id).isEmpty());
    const QList<AuditEntry> entries = auditOf(store, u"metric"_qs);
    ASSERT_EQ(entries.size(), 6); // added, three readings, one reading removed, metric removed
    EXPECT_EQ(entries[1].record.newValue, today.addDays(-1).toString(Qt::ISODate) + u": 96 % (After the sprint)"_qs);
    EXPECT_EQ(entries[4].record.oldValue, today.addDays(-1).toString(Qt::ISODate) + u": 96 % (After the sprint)"_qs);
    EXPECT_TRUE(entries[4].record.newValue.isEmpty());
    EXPECT_EQ(entries[5].record.field, u"removed"_qs);
    EXPECT_TRUE(entries[5].record.oldValue.contains(u"2 reading(s)"_qs));
}

TEST(Metrics, UnknownNameListsTheClosest)
{
    auto db = createDatabase();
    QString message;
    EXPECT_EQ(kindOf([&] { db->store->metricByName(u"Patching"_qs); }, &message), Error::Kind::NotFound);
    EXPECT_TRUE(message.contains(u"metric add"_qs));
    db->store->addMetric(metricOf(u"Critical patching"_qs, true, 95, 90));
    db->store->addMetric(metricOf(u"Phishing click rate"_qs, false, 5, 8));
    EXPECT_EQ(db->store->metricByName(u"critical PATCHING"_qs).name, u"Critical patching"_qs);
    EXPECT_EQ(kindOf([&] { db->store->metricByName(u"patching"_qs); }, &message), Error::Kind::NotFound);
    EXPECT_TRUE(message.contains(u"closest: Critical patching"_qs)) << message.toStdString();
}

TEST(Metrics, TheDemoHasEightWithQuarterlyReadingsAndOneOutsideTolerance)
{
    auto db = createDatabase(true);
    const QList<Metric> metrics = db->store->metrics();
    ASSERT_EQ(metrics.size(), 8);
    int red = 0;
    QSet<QString> actions;
    for (const Metric &metric : metrics) {
        const QList<MetricReading> readings = db->store->readings(metric.id);
        ASSERT_EQ(readings.size(), 6) << metric.name.toStdString();
        EXPECT_GE(readings.first().takenOn.daysTo(readings.last().takenOn), 420);
        for (qsizetype i = 1; i < readings.size(); ++i) {
            EXPECT_GE(readings[i - 1].takenOn.daysTo(readings[i].takenOn), 80);
            EXPECT_LE(readings[i - 1].takenOn.daysTo(readings[i].takenOn), 100);
        }
        red += metricStatus(metric, db->store->latestReading(metric.id)) == MetricStatus::Red ? 1 : 0;
        for (const QString &action : metric.actionIds)
            actions.insert(action);
    }
    EXPECT_EQ(red, 1);
    for (const QString &action : {u"E2"_qs, u"C4"_qs, u"A4"_qs, u"D1"_qs})
        EXPECT_TRUE(actions.contains(action)) << action.toStdString();
}

TEST(Events, AddUpdateRemoveWithActionsAndAudit)
{
    auto db = createDatabase();
    Store &store = *db->store;
    const QDate today = fixedToday();
    BoardEvent input;
    input.kind = BoardEvent::Kind::Incident;
    input.occurredOn = today.addDays(-20);
    input.title = u"Invoice fraud attempt"_qs;
    input.summary = u"Altered bank details\nstopped by call-back"_qs;
    input.stakeholders = u"Finance"_qs;
    input.lessons = u"Call-back works"_qs;
    input.followUps = u"Brief suppliers"_qs;
    input.actionIds = {u"d4"_qs, u"A5"_qs};
    const qint64 id = store.addEvent(input);
    BoardEvent stored = *store.event(id);
    EXPECT_EQ(stored.kind, BoardEvent::Kind::Incident);
    EXPECT_EQ(stored.summary, u"Altered bank details\nstopped by call-back"_qs);
    EXPECT_EQ(stored.actionIds, (QStringList{u"A5"_qs, u"D4"_qs}));

    BoardEvent earlier;
    earlier.occurredOn = today.addMonths(-10);
    earlier.title = u"Ransomware tabletop"_qs;
    const qint64 exerciseId = store.addEvent(earlier);
    const QList<BoardEvent> events = store.events();
    ASSERT_EQ(events.size(), 2);
    EXPECT_EQ(events.first().id, exerciseId); // oldest first
    EXPECT_EQ(events.first().kind, BoardEvent::Kind::Exercise);
    EXPECT_TRUE(events.first().actionIds.isEmpty());

    stored.lessons = u"Call-back works; extend it"_qs;
    stored.actionIds = {u"D4"_qs};
    store.updateEvent(stored);
    EXPECT_EQ(*store.event(id), stored);

    QString message;
    BoardEvent bad = stored;
    bad.occurredOn = today.addDays(1);
    EXPECT_EQ(kindOf([&] { store.updateEvent(bad); }, &message), Error::Kind::InvalidInput);
    EXPECT_TRUE(message.contains(u"after today"_qs)) << message.toStdString();
    bad = stored;
    bad.title = u"  "_qs;
    EXPECT_EQ(kindOf([&] { store.addEvent(bad); }), Error::Kind::InvalidInput);
    bad = stored;
    bad.actionIds = {u"Z1"_qs};
    EXPECT_EQ(kindOf([&] { store.addEvent(bad); }), Error::Kind::NotFound);
    bad = stored;
    bad.occurredOn = QDate();
    EXPECT_EQ(kindOf([&] { store.addEvent(bad); }), Error::Kind::InvalidInput);

    store.removeEvent(id);
    EXPECT_FALSE(store.event(id).has_value());
    EXPECT_EQ(kindOf([&] { store.removeEvent(id); }), Error::Kind::NotFound);

    const QList<AuditEntry> entries = auditOf(store, u"event"_qs);
    QStringList fields;
    for (const AuditEntry &entry : entries)
        fields << entry.record.field;
    EXPECT_EQ(fields,
              (QStringList{u"added"_qs, u"actions"_qs, u"added"_qs, u"lessons"_qs, u"actions"_qs, u"removed"_qs}));
    EXPECT_TRUE(entries.first().record.newValue.contains(u"Incident on "_qs));
}

TEST(Events, KindWords)
{
    EXPECT_EQ(boardEventKindKey(BoardEvent::Kind::Exercise), u"exercise"_qs);
    EXPECT_EQ(boardEventKindKey(BoardEvent::Kind::Incident), u"incident"_qs);
    EXPECT_EQ(boardEventKindFromKey(u" Incident "_qs), BoardEvent::Kind::Incident);
    EXPECT_FALSE(boardEventKindFromKey(u"drill"_qs).has_value());
}

TEST(Events, TheDemoHasTwoExercisesAndTwoIncidentsWithLessons)
{
    auto db = createDatabase(true);
    int exercises = 0;
    int incidents = 0;
    QDate lastExercise;
    for (const BoardEvent &event : db->store->events()) {
        if (event.kind == BoardEvent::Kind::Exercise) {
            ++exercises;
            lastExercise = event.occurredOn;
        } else {
            ++incidents;
            EXPECT_FALSE(event.lessons.isEmpty());
        }
    }
    EXPECT_EQ(exercises, 2);
    EXPECT_EQ(incidents, 2);
    EXPECT_GE(lastExercise, fixedToday().addMonths(-11));
    EXPECT_LE(lastExercise, fixedToday().addMonths(-9));
}
