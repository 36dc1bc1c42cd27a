#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/integritycheck.h"
#include "core/storage/migrations.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/storage/sqlitedialect.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlQuery>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

Error::Kind openFailure(const QString &path)
{
    try {
        openTestRecord(path, Database::Mode::OpenExisting);
    } catch (const Error &error) {
        return error.kind();
    }
    return Error::Kind::Storage; // opened: not expected by callers
}

QString openMessage(const QString &path)
{
    try {
        openTestRecord(path, Database::Mode::OpenExisting);
    } catch (const Error &error) {
        return error.message();
    }
    return {};
}

} // namespace

TEST(Database, CreatesAtTheCurrentSchemaWithOurApplicationId)
{
    auto db = createDatabase();
    if (testsOnServer()) {
        SqlQuery schema(db->database->connection(), u"SELECT application, version FROM quorum_schema"_qs);
        schema.exec();
        ASSERT_TRUE(schema.next());
        EXPECT_EQ(schema.value(0).toString(), u"Quorum"_qs);
        EXPECT_EQ(schema.value(1).toInt(), Database::currentSchemaVersion());
    } else {
        const auto probe = SqliteDialect::probe(db->path);
        EXPECT_TRUE(probe.isSqlite);
        EXPECT_EQ(probe.applicationId, SqliteDialect::kApplicationId);
        EXPECT_EQ(probe.userVersion, Database::currentSchemaVersion());
    }
    EXPECT_EQ(db->database->catalogueVersion(), Catalogue::builtIn().version());
    EXPECT_EQ(db->store->actionStates().size(), 22);
    EXPECT_EQ(db->database->integrityCheck(), u"ok"_qs);
}

TEST(Database, CreateRefusesAnExistingFile)
{
    QUORUM_FILE_ONLY("an existing file that is not a record");
    TempFolder folder;
    const QString path = folder.path(u"exists.quorum"_qs);
    writeFile(path, "precious");
    EXPECT_THROW(Database::open(path, Database::Mode::CreateNew, Catalogue::builtIn()), Error);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("precious"));
}

TEST(Database, CreateInAMissingFolderFailsCleanly)
{
    QUORUM_FILE_ONLY("folders");
    TempFolder folder;
    const QString path = folder.path(u"no/such/folder/x.quorum"_qs);
    try {
        Database::open(path, Database::Mode::CreateNew, Catalogue::builtIn());
        FAIL() << "created in a missing folder";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::CannotOpen);
    }
    EXPECT_FALSE(QFile::exists(path));
}

TEST(Database, MissingFileIsReportedNotCreated)
{
    QUORUM_FILE_ONLY("a missing file (DatabaseOnServer covers a missing server database)");
    TempFolder folder;
    const QString path = folder.path(u"missing.quorum"_qs);
    EXPECT_EQ(openFailure(path), Error::Kind::CannotOpen);
    EXPECT_FALSE(QFile::exists(path));
}

TEST(Database, ForeignFileIsRefusedAndUntouched)
{
    QUORUM_FILE_ONLY("a file of another kind (DatabaseOnServer covers another program's database)");
    TempFolder folder;
    const QString path = folder.path(u"notes.sqlite"_qs);
    writeFile(path, QByteArray("This is a text file, not a database.\n").repeated(200));
    const QByteArray before = fileSha256(path);
    EXPECT_EQ(openFailure(path), Error::Kind::NotQuorum);
    EXPECT_TRUE(openMessage(path).contains(u"not a Quorum database"_qs));
    EXPECT_EQ(fileSha256(path), before);
}

TEST(Database, EmptyFileIsRefusedAndUntouched)
{
    QUORUM_FILE_ONLY("an empty file");
    TempFolder folder;
    const QString path = folder.path(u"empty.quorum"_qs);
    writeFile(path, QByteArray());
    EXPECT_EQ(openFailure(path), Error::Kind::NotQuorum);
    EXPECT_EQ(QFileInfo(path).size(), 0);
}

TEST(Database, AnotherProgramsSqliteDatabaseIsRefusedAndUntouched)
{
    QUORUM_FILE_ONLY("another program's SQLite file (DatabaseOnServer covers its server twin)");
    TempFolder folder;
    const QString path = folder.path(u"other.db"_qs);
    rawSql(path, {u"CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)"_qs,
                  u"INSERT INTO photos (name) VALUES ('holiday')"_qs});
    const QByteArray before = fileSha256(path);
    EXPECT_EQ(openFailure(path), Error::Kind::NotQuorum);
    EXPECT_TRUE(openMessage(path).contains(u"another program"_qs));
    EXPECT_EQ(fileSha256(path), before);
}

TEST(Database, EmptySqliteFileIsNotAdopted)
{
    QUORUM_FILE_ONLY("an empty SQLite file");
    TempFolder folder;
    const QString path = folder.path(u"blank.db"_qs);
    rawSql(path, {u"PRAGMA user_version = 0"_qs, u"VACUUM"_qs});
    const QByteArray before = fileSha256(path);
    EXPECT_EQ(openFailure(path), Error::Kind::NotQuorum);
    EXPECT_EQ(fileSha256(path), before);
}

TEST(Database, NewerSchemaIsRefusedAndUntouched)
{
    auto db = createDatabase();
    db->close();
    const QString newer = QString::number(Database::currentSchemaVersion() + 1);
    rawSql(db->path,
           {engineSql(db->path, u"PRAGMA user_version = "_qs, u"UPDATE quorum_schema SET version = "_qs) + newer});
    const QByteArray before = recordFingerprint(db->path);
    ASSERT_FALSE(before.isEmpty());
    EXPECT_EQ(openFailure(db->path), Error::Kind::TooNew);
    EXPECT_TRUE(openMessage(db->path).contains(u"newer version of Quorum"_qs));
    EXPECT_EQ(recordFingerprint(db->path), before);
}

TEST(Database, DamagedHeaderIsRefusedAndUntouched)
{
    QUORUM_FILE_ONLY("a file's header (a damaged server database is the server's to refuse)");
    auto db = createDatabase(true);
    db->close();
    const QString path = db->path;
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    // Keep the magic but wreck the rest of the first page (page size, schema root).
    for (int i = 16; i < 4096 && i < bytes.size(); ++i)
        bytes[i] = char(0xA5);
    file.seek(0);
    file.write(bytes);
    file.close();
    const QByteArray before = fileSha256(path);
    const Error::Kind kind = openFailure(path);
    EXPECT_TRUE(kind == Error::Kind::Corrupt || kind == Error::Kind::NotQuorum || kind == Error::Kind::CannotOpen)
        << int(kind);
    EXPECT_EQ(fileSha256(path), before);
}

TEST(Database, FixturesOfEveryEarlierVersionMigrateAndKeepTheirData)
{
    QUORUM_FILE_ONLY("the fixtures are files of earlier versions; a server starts at the current schema");
    const QDir fixtures(dataPath(u"fixtures"_qs));
    const QStringList files = fixtures.entryList({u"schema-v*.quorum"_qs}, QDir::Files, QDir::Name);
    ASSERT_FALSE(files.isEmpty()) << "no fixture databases in tests/data/fixtures";
    for (const QString &name : files) {
        SCOPED_TRACE(name.toStdString());
        TempFolder folder;
        const QString copy = folder.path(name);
        ASSERT_TRUE(QFile::copy(fixtures.filePath(name), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        auto database = Database::open(copy, Database::Mode::OpenExisting, Catalogue::builtIn());
        EXPECT_EQ(SqliteDialect::userVersion(database->connection()), Database::currentSchemaVersion());
        EXPECT_EQ(database->schemaVersion(), Database::currentSchemaVersion());
        Store store(*database, fixedClock());
        // Every fixture was made with: Ada Lovelace (board), Alan Turing (exec), A1 reasonable owned by Alan.
        EXPECT_EQ(store.personByName(u"Ada Lovelace"_qs).board, true);
        const ActionState a1 = store.actionState(u"A1"_qs);
        EXPECT_EQ(a1.assessment.rating, Rating::Reasonable);
        EXPECT_EQ(a1.ownerName, u"Alan Turing"_qs);
        EXPECT_EQ(a1.assessment.commentary, u"Fixture commentary"_qs);
        EXPECT_TRUE(store.verifyAuditChain().ok);
        EXPECT_EQ(database->integrityCheck(), u"ok"_qs);
    }
}

TEST(Database, AFileThatMustBeUpgradedIsCheckedBeforeTheUpgradeEvenInTheBackground)
{
    QUORUM_FILE_ONLY("the background integrity check of a file");
    // Upgrading writes to the file, so the check that could run in the background runs first.
    const QDir fixtures(dataPath(u"fixtures"_qs));
    TempFolder folder;
    const QString copy = folder.path(u"v1.quorum"_qs);
    ASSERT_TRUE(QFile::copy(fixtures.filePath(u"schema-v1.quorum"_qs), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    auto database = Database::open(copy, Database::Mode::OpenExisting, Catalogue::builtIn(),
                                   Database::IntegrityCheck::InBackground);
    ASSERT_NE(database->backgroundIntegrityCheck(), nullptr);
    EXPECT_TRUE(database->backgroundIntegrityCheck()->isFinished());
    EXPECT_EQ(SqliteDialect::userVersion(database->connection()), Database::currentSchemaVersion());
}

TEST(Database, AReadOnlyFileWithoutTheReadingIndexesStillOpensForReading)
{
    QUORUM_FILE_ONLY("read-only files of earlier versions");
    // Versions 2 and 3 only speed reading up (indexes, kept counts): a read-only file from before them is read
    // as it is, slower, and left unchanged.
    for (const int version : {1, 2}) {
        SCOPED_TRACE(version);
        const QDir fixtures(dataPath(u"fixtures"_qs));
        TempFolder folder;
        const QString copy = folder.path(u"old.quorum"_qs);
        ASSERT_TRUE(QFile::copy(fixtures.filePath(u"schema-v%1.quorum"_qs.arg(version)), copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        const QByteArray before = fileSha256(copy);
        EXPECT_FALSE(needsUpgradeToRead(version));
        {
            auto database = Database::open(copy, Database::Mode::OpenExisting, Catalogue::builtIn());
            EXPECT_TRUE(database->isReadOnly());
            EXPECT_EQ(SqliteDialect::userVersion(database->connection()), version);
            EXPECT_EQ(database->schemaVersion(), version);
            Store store(*database, fixedClock());
            EXPECT_EQ(store.actionState(u"A1"_qs).ownerName, u"Alan Turing"_qs);
            EXPECT_EQ(store.evidenceSummary(fixedToday()).counts.current, 0);
        }
        EXPECT_EQ(fileSha256(copy), before);
    }
}

TEST(Database, UpgradingToKeptEvidenceCountsCountsWhatTheFileHolds)
{
    QUORUM_FILE_ONLY("a file of version 2 made by hand; a server starts at the current schema");
    // A file from before version 3 gets its tally from the evidence it holds, then keeps it up to date.
    auto db = createDatabase(true);
    auto tally = [&] {
        QMap<QString, int> result;
        QSqlQuery q(db->database->connection());
        EXPECT_TRUE(q.exec(u"SELECT subject, n FROM evidence_tally WHERE n > 0"_qs));
        while (q.next())
            result.insert(q.value(0).toString(), q.value(1).toInt());
        return result;
    };
    auto counted = [&] {
        QMap<QString, int> result;
        QSqlQuery q(db->database->connection());
        EXPECT_TRUE(q.exec(u"SELECT action_id, count(*) FROM evidence_action GROUP BY action_id "
                           "UNION ALL SELECT '', count(*) FROM evidence"_qs));
        while (q.next()) {
            if (q.value(1).toInt() > 0)
                result.insert(q.value(0).toString(), q.value(1).toInt());
        }
        return result;
    };
    EXPECT_EQ(tally(), counted());
    EXPECT_GT(counted().value(QString()), 0) << "the demo organisation has evidence";
    const EvidenceSummary keptSummary = db->store->evidenceSummary(fixedToday());
    EXPECT_GT(keptSummary.counts.expired, 0);
    db->close();
    QStringList asVersion2;
    for (const QString &trigger :
         {u"item_added"_qs, u"item_removed"_qs, u"link_added"_qs, u"link_removed"_qs, u"link_moved"_qs})
        asVersion2 << u"DROP TRIGGER evidence_tally_%1"_qs.arg(trigger);
    asVersion2 << u"DROP TABLE evidence_tally"_qs << u"ALTER TABLE assessment DROP COLUMN row_version"_qs;
    for (const QString &table :
         {u"organisation"_qs, u"person"_qs, u"evidence"_qs, u"training"_qs, u"metric"_qs, u"event"_qs})
        asVersion2 << u"ALTER TABLE %1 DROP COLUMN row_version"_qs.arg(table);
    asVersion2 << u"DROP TABLE blob_chunk"_qs << u"DROP INDEX person_login"_qs
               << u"ALTER TABLE person DROP COLUMN login"_qs;
    // Schema 9's frameworks: the Code alone, without its framework columns.
    asVersion2 << u"DELETE FROM assessment WHERE action_id LIKE 'ssc:%'"_qs
               << u"DELETE FROM action WHERE framework <> 'cgc'"_qs
               << u"DELETE FROM principle WHERE framework <> 'cgc'"_qs << u"DROP TABLE framework"_qs
               << u"DROP INDEX action_by_framework"_qs;
    for (const QString &column : {u"framework"_qs, u"reference"_qs, u"path"_qs, u"urn"_qs})
        asVersion2 << u"ALTER TABLE action DROP COLUMN %1"_qs.arg(column);
    for (const QString &column : {u"framework"_qs, u"reference"_qs, u"introduction"_qs, u"urn"_qs})
        asVersion2 << u"ALTER TABLE principle DROP COLUMN %1"_qs.arg(column);
    // Schema 10's maturity.
    asVersion2 << u"ALTER TABLE organisation DROP COLUMN track_maturity"_qs;
    for (const QString &column :
         {u"maturity"_qs, u"maturity_target"_qs, u"maturity_assessed"_qs, u"maturity_assessor"_qs})
        asVersion2 << u"ALTER TABLE assessment DROP COLUMN %1"_qs.arg(column);
    for (const QString &column : {u"maturity"_qs, u"maturity_target"_qs})
        asVersion2 << u"ALTER TABLE review_item DROP COLUMN %1"_qs.arg(column);
    // Schema 11's review-by dates on the links and its newest-first index; schema 12's index on titles.
    asVersion2 << u"DROP TRIGGER evidence_action_due_added"_qs << u"DROP TRIGGER evidence_due_changed"_qs
               << u"DROP INDEX evidence_action_due"_qs << u"DROP INDEX evidence_newest"_qs
               << u"DROP INDEX evidence_by_title"_qs << u"ALTER TABLE evidence_action DROP COLUMN review_by"_qs;
    // Schema 13's indexes in the attention list's order.
    asVersion2 << u"DROP INDEX evidence_attention_order"_qs << u"DROP INDEX evidence_other_titles_due"_qs;
    asVersion2 << u"PRAGMA user_version = 2"_qs;
    rawSql(db->path, asVersion2);
    // Read-only, such a file is not upgraded: its summary is counted from the register, and agrees.
    {
        const QString copy = db->folder.path(u"read-only.quorum"_qs);
        ASSERT_TRUE(QFile::copy(db->path, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther);
        auto readOnly = Database::open(copy, Database::Mode::OpenExisting, Catalogue::builtIn());
        ASSERT_TRUE(readOnly->isReadOnly());
        EXPECT_EQ(SqliteDialect::userVersion(readOnly->connection()), 2);
        const EvidenceSummary recounted = Store(*readOnly, fixedClock()).evidenceSummary(fixedToday());
        EXPECT_EQ(recounted.counts.current, keptSummary.counts.current);
        EXPECT_EQ(recounted.counts.expired, keptSummary.counts.expired);
        EXPECT_EQ(recounted.counts.currentByAction, keptSummary.counts.currentByAction);
        EXPECT_EQ(recounted.counts.expiredByAction, keptSummary.counts.expiredByAction);
        // Its first expired items are found without schema 13's indexes, and are the same.
        ASSERT_EQ(recounted.expired.size(), keptSummary.expired.size());
        for (qsizetype i = 0; i < recounted.expired.size(); ++i)
            EXPECT_EQ(recounted.expired[i].id, keptSummary.expired[i].id) << i;
        EXPECT_FALSE(Store(*readOnly, fixedClock()).verifyEvidenceTally().has_value());
        // Nor has it the assessments' versions (schema 4): each reads as version 1.
        const QList<ActionState> states = Store(*readOnly, fixedClock()).actionStates();
        ASSERT_EQ(states.size(), 22);
        EXPECT_EQ(states.first().assessment.version, 1);
        // Nor the other records' (schema 6): each reads as version 1 too.
        const QList<Person> people = Store(*readOnly, fixedClock()).people();
        ASSERT_FALSE(people.isEmpty());
        EXPECT_EQ(people.first().version, 1);
        EXPECT_EQ(Store(*readOnly, fixedClock()).organisation().version, 1);
    }
    db->reopen();
    EXPECT_EQ(SqliteDialect::userVersion(db->database->connection()), Database::currentSchemaVersion());
    EXPECT_EQ(tally(), counted());
    EXPECT_EQ(db->store->verifyEvidenceTally(), std::optional<QStringList>(QStringList()));
    // Removing an item takes its links with it (a cascade), and both counts follow.
    SqlQuery(db->database->connection(),
             u"DELETE FROM evidence WHERE id = (SELECT min(evidence_id) FROM evidence_action)"_qs)
        .exec();
    EXPECT_EQ(tally(), counted());
}

TEST(Database, MigrationsAreNumberedInOrder)
{
    QUORUM_FILE_ONLY("the list of migrations is the same for both engines");
    int expected = 1;
    for (const Migration &step : migrations())
        EXPECT_EQ(step.version, expected++);
}

TEST(Database, NewerCatalogueUpdatesWordingButNotAssessments)
{
    auto db = createDatabase();
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)},
                                           {AssessmentField::Commentary, u"Kept"_qs}});
    db->close();
    const QString path = db->path;

    QFile file(u":/frameworks/cyber-governance-code.json"_qs);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    root.insert(u"catalogueVersion"_qs, Catalogue::builtIn().version() + 1);
    QJsonArray principles = root.value(u"principles"_qs).toArray();
    QJsonObject first = principles[0].toObject();
    QJsonArray actions = first.value(u"actions"_qs).toArray();
    QJsonObject a1 = actions[0].toObject();
    a1.insert(u"text"_qs, u"Revised wording of A1."_qs);
    actions[0] = a1;
    first.insert(u"actions"_qs, actions);
    principles[0] = first;
    root.insert(u"principles"_qs, principles);
    const Catalogue newer = Catalogue::fromJson(QJsonDocument(root).toJson(), u"newer.json"_qs);

    auto database = openTestRecord(path, Database::Mode::OpenExisting, newer);
    Store store(*database, fixedClock());
    const ActionState state = store.actionState(u"A1"_qs);
    EXPECT_EQ(state.text, u"Revised wording of A1."_qs);
    EXPECT_EQ(state.assessment.rating, Rating::Substantial);
    EXPECT_EQ(state.assessment.commentary, u"Kept"_qs);
    EXPECT_EQ(database->catalogueVersion(), newer.version());
    EXPECT_TRUE(store.verifyAuditChain().ok);
}

TEST(Database, ReadOnlyFileOpensForReadingAndRefusesChanges)
{
    QUORUM_FILE_ONLY("file permissions (on a server, the server's grants decide)");
    auto db = createDatabase(true);
    db->close();
    const QString path = db->path;
    // No write permission for anyone: Quorum opens it read-only, even as root (who could write it).
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadUser);
    auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    EXPECT_TRUE(database->isReadOnly());
    Store store(*database, fixedClock());
    // The demo follows the Code's 22 actions and the Software Security Code's 14 principles.
    EXPECT_EQ(store.actionStates().size(), 36);
    try {
        store.addPerson({0, u"New Person"_qs, u"Role"_qs, false, true});
        FAIL() << "wrote to a read-only file";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::ReadOnly);
    }
}

TEST(Database, AReaderSeesWhatTheOpenFileHoldsAndWritesNothing)
{
    QUORUM_FILE_ONLY("a second read-only connection to a file (Database::openReader)");
    auto db = createDatabase(true);
    db->store->addPerson({0, u"Written First"_qs, u"Role"_qs, false, true});
    const QByteArray before = fileSha256(db->path);
    auto reader = Database::openReader(db->path);
    EXPECT_TRUE(reader->isReadOnly());
    Store store(*reader, fixedClock());
    EXPECT_EQ(store.people().size(), db->store->people().size());
    EXPECT_EQ(store.evidenceSummary(fixedToday()).counts.current,
              db->store->evidenceSummary(fixedToday()).counts.current);
    try {
        store.addPerson({0, u"Written By The Reader"_qs, u"Role"_qs, false, true});
        FAIL() << "a reader wrote to the file";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::ReadOnly);
    }
    reader.reset();
    EXPECT_EQ(fileSha256(db->path), before);
}

TEST(Database, TheSchemaVersionIsReadOncePerSessionAndAReaderReadsItsOwn)
{
    auto db = createDatabase();
    EXPECT_EQ(db->database->schemaVersion(), Database::currentSchemaVersion());
    // A reader (the window's read-ahead) reads the record's version itself.
    auto reader = testsOnServer() ? Database::openServerReader(ServerConnection::parse(db->path))
                                  : Database::openReader(db->path);
    EXPECT_EQ(reader->schemaVersion(), Database::currentSchemaVersion());
    reader.reset();
    // Once per session: what the features were switched on by stays as opened, while a new session reads the
    // version again (here one from a newer Quorum, which it refuses).
    rawSql(db->path,
           {engineSql(db->path, u"PRAGMA user_version = 99"_qs, u"UPDATE quorum_schema SET version = 99"_qs)});
    EXPECT_EQ(db->database->schemaVersion(), Database::currentSchemaVersion());
    EXPECT_EQ(db->store->actionStates().size(), 22);
    EXPECT_EQ(openFailure(db->path), Error::Kind::TooNew);
}

TEST(Database, AnUpgradeFromAVersionReadBeforeAnotherProgramUpgradedTakesNoStepTwice)
{
    // Two programs opening one record that needs an upgrade both read the old version; the second to take the
    // writer's lock finds each step taken, and skips it instead of failing on what the first one made.
    auto db = createDatabase(true);
    const int people = int(db->store->people().size());
    EXPECT_EQ(migrate(db->database->connection(), std::numeric_limits<int>::max(), 5),
              Database::currentSchemaVersion());
    EXPECT_EQ(db->store->people().size(), people);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);
}

TEST(Database, AReaderOfAMissingFileFailsAndCreatesNothing)
{
    QUORUM_FILE_ONLY("Database::openReader reads files");
    TempFolder folder;
    const QString path = folder.path(u"missing.quorum"_qs);
    EXPECT_THROW(Database::openReader(path), Error);
    EXPECT_FALSE(QFileInfo::exists(path));
}

TEST(Database, SaveCopyMakesAnIdenticalOpenableDatabase)
{
    auto db = createDatabase(true);
    const QString copy = db->folder.path(u"copy.quorum"_qs);
    if (testsOnServer()) {
        // A server's record is copied by RecordCopy (quorum-cli copy; CliServer's tests), never as a file.
        EXPECT_EQ(kindOf([&] { db->database->saveCopy(copy); }), Error::Kind::InvalidInput);
        EXPECT_FALSE(QFile::exists(copy));
        return;
    }
    db->database->saveCopy(copy);
    auto database = Database::open(copy, Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*database, fixedClock());
    EXPECT_EQ(store.people().size(), db->store->people().size());
    EXPECT_EQ(store.evidence().size(), db->store->evidence().size());
    EXPECT_TRUE(store.verifyAuditChain().ok);
    EXPECT_EQ(store.auditEntries().size(), db->store->auditEntries().size());
}

TEST(Transactions, AFailureInsideAChangeRollsEverythingBack)
{
    auto db = createDatabase(true);
    const ActionState before = db->store->actionState(u"A2"_qs);
    const qsizetype auditRows = db->store->auditEntries().size();
    // Make the audit append fail after the assessment row has been updated in the same transaction.
    rawSql(db->path, failAuditInserts(db->path));
    EXPECT_THROW(
        db->store->updateAssessment(u"A2"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Substantial)},
                                               {AssessmentField::Commentary, u"should vanish"_qs}}),
        Error);
    rawSql(db->path, stopFailingAuditInserts(db->path));
    const ActionState after = db->store->actionState(u"A2"_qs);
    EXPECT_EQ(after.assessment.rating, before.assessment.rating);
    EXPECT_EQ(after.assessment.commentary, before.assessment.commentary);
    EXPECT_EQ(db->store->auditEntries().size(), auditRows);
    // And the connection is usable again.
    db->store->updateAssessment(u"A2"_qs, {{AssessmentField::Commentary, u"works"_qs}});
    EXPECT_EQ(db->store->actionState(u"A2"_qs).assessment.commentary, u"works"_qs);
}

TEST(Transactions, AnAbandonedInnerGuardRollsBackTheOuterOne)
{
    auto db = createDatabase();
    const QSqlDatabase connection = db->database->connection();
    {
        Transaction outer(*db->database);
        SqlQuery(connection, u"UPDATE organisation SET name = 'Changed' WHERE id = 1"_qs).exec();
        {
            Transaction inner(*db->database);
            // inner is abandoned without commit()
        }
        EXPECT_THROW(outer.commit(), Error);
    }
    EXPECT_NE(db->store->organisation().name, u"Changed"_qs);
}

TEST(Transactions, TheAuditTrailIsAppendOnlyInsideTheDatabase)
{
    auto db = createDatabase(true);
    EXPECT_THROW(SqlQuery(db->database->connection(), u"UPDATE audit SET actor = 'mallory' WHERE id = 2"_qs).exec(),
                 Error);
    EXPECT_THROW(SqlQuery(db->database->connection(), u"DELETE FROM audit WHERE id = 2"_qs).exec(), Error);
}

TEST(Database, RefreshingTheLinksReviewDatesMendsEveryLinkThatDiffersAnEmptyDateIncluded)
{
    // A restore writes links as a file gives them, then sets their dates from their evidence: a date that
    // differs is mended, and so is an empty one where the evidence has none (it would count as expired).
    auto db = createDatabase(true);
    const QSqlDatabase connection = db->database->connection();
    const auto scalar = [&](const QString &sql) { return SqlQuery(connection, sql).scalar(); };
    const qint64 undated = scalar(u"SELECT min(evidence_id) FROM evidence_action"_qs).toLongLong();
    const qint64 misdated = scalar(u"SELECT max(evidence_id) FROM evidence_action"_qs).toLongLong();
    ASSERT_NE(undated, misdated);
    SqlQuery(connection, u"UPDATE evidence SET review_by = NULL WHERE id = :id"_qs).bind(u":id"_qs, undated).exec();
    SqlQuery(connection, u"UPDATE evidence_action SET review_by = '' WHERE evidence_id = :id"_qs)
        .bind(u":id"_qs, undated)
        .exec();
    SqlQuery(connection, u"UPDATE evidence_action SET review_by = '1999-01-01' WHERE evidence_id = :id"_qs)
        .bind(u":id"_qs, misdated)
        .exec();
    const QString differing =
        u"SELECT count(*) FROM evidence_action ea JOIN evidence e ON e.id = ea.evidence_id "
        "WHERE NOT ((ea.review_by IS NULL AND e.review_by IS NULL) OR ea.review_by = e.review_by)"_qs;
    ASSERT_GE(scalar(differing).toInt(), 2);
    refreshLinkDueDates(connection);
    EXPECT_EQ(scalar(differing).toInt(), 0);
    EXPECT_TRUE(SqlQuery(connection, u"SELECT review_by FROM evidence_action WHERE evidence_id = :id"_qs)
                    .bind(u":id"_qs, undated)
                    .scalar()
                    .isNull());
}
