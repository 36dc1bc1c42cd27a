// Hostile input through the Store: SQL metacharacters in every text field are stored and read back
// literally, oversized text is refused without writing anything, and stored file names that try to leave
// the folder they are saved to cannot.
#include "core/domain/boardrecords.h"
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/filenames.h"
#include "core/interchange/actionimport.h"
#include "core/interchange/csv.h"
#include "core/storage/sql.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** SQL and format metacharacters: quotes, comments, statement ends, LIKE wildcards, placeholders. */
QString hostile(const QString &what)
{
    return what + u" Robert'); DROP TABLE person;-- \"x\" %_ \\ /* */ ?1 :name @p $1 %1 ' OR '1'='1"_qs;
}

qint64 auditRows(const Store &store)
{
    return SqlQuery(store.database().connection(), u"SELECT count(*) FROM audit"_qs).scalar().toLongLong();
}

} // namespace

TEST(HostileInput, SqlMetacharactersInEveryTextFieldRoundTripLiterally)
{
    auto db = createDatabase(true);
    Store &store = *db->store;
    const int tablesBefore =
        SqlQuery(db->database->connection(), u"SELECT count(*) FROM sqlite_master WHERE type = 'table'"_qs)
            .scalar()
            .toInt();

    store.setOrganisation({hostile(u"Organisation"_qs), hostile(u"OFFICIAL"_qs).left(60)});
    const qint64 director = store.addPerson({0, hostile(u"Director"_qs), hostile(u"Role"_qs), true, true});
    store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::NotApplicable)},
                                      {AssessmentField::Justification, hostile(u"Justification"_qs)},
                                      {AssessmentField::Commentary, hostile(u"Commentary\nsecond line"_qs)},
                                      {AssessmentField::Director, director}});
    EvidenceInput file;
    file.title = hostile(u"Evidence"_qs);
    file.isFile = true;
    // Everything up to a / or \ is a folder, and the Store keeps only the name: no slashes here.
    const QString fileName = u"file Robert'); DROP TABLE evidence;-- \"x\" %_ ?1 :name @p $1 %1 ' OR '1'='1.pdf"_qs;
    file.fileName = fileName;
    file.content = "bytes";
    file.actionIds = {u"A1"_qs};
    const qint64 fileId = store.addEvidence(file);
    EvidenceInput link;
    link.title = hostile(u"Link"_qs);
    link.url = u"https://example.org/search?q=%27);DROP%20TABLE%20evidence;--&x='a'&y=1%3D1"_qs;
    link.actionIds = {u"A2"_qs};
    const qint64 linkId = store.addEvidence(link);
    const qint64 review = store.createReview(hostile(u"Review"_qs), fixedToday(), hostile(u"Decisions"_qs));
    store.signReview(review, director, hostile(u"Minute"_qs));
    Metric metric;
    metric.name = hostile(u"Metric"_qs);
    metric.unit = u"%'--"_qs;
    metric.greenThreshold = 90;
    metric.amberThreshold = 80;
    metric.actionIds = {u"E2"_qs};
    const qint64 metricId = store.addMetric(metric);
    store.addReading({0, metricId, fixedToday(), 85, hostile(u"Note"_qs)});
    BoardEvent event;
    event.occurredOn = fixedToday().addDays(-10);
    event.title = hostile(u"Exercise"_qs);
    event.summary = hostile(u"Summary"_qs);
    event.stakeholders = hostile(u"Stakeholders"_qs);
    event.lessons = hostile(u"Lessons"_qs);
    event.followUps = hostile(u"Follow-ups"_qs);
    event.actionIds = {u"D2"_qs};
    const qint64 eventId = store.addEvent(event);
    const qint64 training =
        store.addTraining({0, director, hostile(u"Course"_qs), fixedToday().addDays(-5), fixedToday().addYears(1)});

    db->reopen();
    Store &again = *db->store;
    EXPECT_EQ(again.organisation().name, hostile(u"Organisation"_qs));
    EXPECT_EQ(again.organisation().marking, hostile(u"OFFICIAL"_qs).left(60).trimmed());
    const auto person = again.person(director);
    ASSERT_TRUE(person);
    EXPECT_EQ(person->name, hostile(u"Director"_qs));
    EXPECT_EQ(person->role, hostile(u"Role"_qs));
    EXPECT_EQ(again.personByName(hostile(u"Director"_qs)).id, director);
    const Assessment a1 = again.assessment(u"A1"_qs);
    EXPECT_EQ(a1.justification, hostile(u"Justification"_qs));
    EXPECT_EQ(a1.commentary, hostile(u"Commentary\nsecond line"_qs));
    EXPECT_EQ(again.evidenceItem(fileId)->title, hostile(u"Evidence"_qs));
    EXPECT_EQ(again.evidenceItem(fileId)->fileName, fileName);
    EXPECT_EQ(again.evidenceItem(linkId)->url, link.url);
    const Review stored = again.reviewNamed(hostile(u"Review"_qs));
    EXPECT_EQ(stored.decisions, hostile(u"Decisions"_qs));
    EXPECT_EQ(stored.minuteRef, hostile(u"Minute"_qs));
    EXPECT_EQ(again.metricByName(hostile(u"Metric"_qs)).unit, u"%'--"_qs);
    EXPECT_EQ(again.latestReading(metricId)->note, hostile(u"Note"_qs));
    const auto storedEvent = again.event(eventId);
    ASSERT_TRUE(storedEvent);
    EXPECT_EQ(storedEvent->title, hostile(u"Exercise"_qs));
    EXPECT_EQ(storedEvent->summary, hostile(u"Summary"_qs));
    EXPECT_EQ(storedEvent->stakeholders, hostile(u"Stakeholders"_qs));
    EXPECT_EQ(storedEvent->lessons, hostile(u"Lessons"_qs));
    EXPECT_EQ(storedEvent->followUps, hostile(u"Follow-ups"_qs));
    EXPECT_EQ(again.trainingRecord(training)->course, hostile(u"Course"_qs));

    // The audit trail holds the same text, is searchable for it literally (no LIKE wildcards), and verifies.
    AuditFilter filter;
    filter.search = u"%_ \\"_qs;
    EXPECT_FALSE(again.auditEntries(filter).isEmpty());
    filter.search = u"DROP TABLE person;--"_qs;
    EXPECT_FALSE(again.auditEntries(filter).isEmpty());
    filter.search = u"%nothing like this%"_qs;
    EXPECT_TRUE(again.auditEntries(filter).isEmpty());
    EXPECT_TRUE(again.verifyAuditChain().ok);
    EXPECT_EQ(SqlQuery(db->database->connection(), u"SELECT count(*) FROM sqlite_master WHERE type = 'table'"_qs)
                  .scalar()
                  .toInt(),
              tablesBefore);
    EXPECT_EQ(db->database->integrityCheck(), u"ok"_qs);
}

TEST(HostileInput, TenMegabytesOfCommentaryAreRefusedAndNothingIsWritten)
{
    auto db = createDatabase(true);
    const Assessment before = db->store->assessment(u"A1"_qs);
    const qint64 audit = auditRows(*db->store);
    const QString huge(10 * 1024 * 1024, u'x');
    try {
        db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, huge},
                                               {AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)}});
        FAIL() << "10 MB of commentary were accepted";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::InvalidInput);
        EXPECT_TRUE(error.message().contains(u"commentary"_qs)) << error.message().toStdString();
        EXPECT_TRUE(error.message().contains(QString::number(Store::kMaxCommentaryChars)))
            << error.message().toStdString();
    }
    EXPECT_EQ(db->store->assessment(u"A1"_qs).commentary, before.commentary);
    EXPECT_EQ(db->store->assessment(u"A1"_qs).rating, before.rating);
    EXPECT_EQ(auditRows(*db->store), audit);

    // The same commentary in a spreadsheet is reported on its row and changes nothing.
    const QByteArray csv = "id,commentary\r\nA1," + huge.toUtf8() + "\r\n";
    const ActionImportPlan plan = ActionImport::check(*db->store, Csv::read(csv, u"huge.csv"_qs));
    ASSERT_FALSE(plan.isClean());
    EXPECT_TRUE(plan.errors.constFirst().text().contains(u"line 2"_qs))
        << plan.errors.constFirst().text().toStdString();
    EXPECT_THROW(ActionImport::apply(*db->store, plan), Error);
    EXPECT_EQ(db->store->assessment(u"A1"_qs).commentary, before.commentary);
    EXPECT_EQ(auditRows(*db->store), audit);
}

TEST(HostileInput, StoredFileNamesCannotLeaveTheFolderTheyAreSavedTo)
{
    auto db = createDatabase();
    TempFolder target;
    const QString root = QFileInfo(target.root()).canonicalFilePath();
    // Through the Store, folders are taken off the name it keeps.
    EvidenceInput input;
    input.title = u"Minutes"_qs;
    input.isFile = true;
    input.fileName = u"../../../../tmp/evil.sh"_qs;
    input.content = "#!/bin/sh\n";
    input.actionIds = {u"A1"_qs};
    const qint64 id = db->store->addEvidence(input);
    EXPECT_EQ(db->store->evidenceItem(id)->fileName, u"evil.sh"_qs);

    // A name written behind Quorum's back (or restored from a doctored backup) is made safe on save.
    const QStringList names{u"../../outside.txt"_qs,
                            u"..\\..\\outside.txt"_qs,
                            u"/etc/cron.d/quorum"_qs,
                            u"sub/dir/../../../x.txt"_qs,
                            u"..."_qs,
                            u"~/.bashrc"_qs,
                            u"file:///etc/passwd"_qs,
                            u"%2e%2e%2fx.txt"_qs,
                            u"a\u2028b.txt"_qs};
    for (const QString &name : names) {
        SCOPED_TRACE(name.toStdString());
        SqlQuery(db->database->connection(), u"UPDATE evidence SET file_name = :name WHERE id = :id"_qs)
            .bind(u":name"_qs, name)
            .bind(u":id"_qs, id)
            .exec();
        const QString stored = db->store->evidenceItem(id)->fileName;
        EXPECT_EQ(stored, name);
        const QString written = writeNewFileIn(target.root(), stored, db->store->evidenceContent(id));
        EXPECT_EQ(QFileInfo(written).absolutePath(), root);
        EXPECT_EQ(QFileInfo(QFileInfo(written).canonicalFilePath()).absolutePath(), root);
        EXPECT_FALSE(QFileInfo(written).fileName().startsWith(u'.'));
    }
    EXPECT_EQ(QDir(target.root()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), names.size());
}
