#include "testsupport.h"

#include "core/domain/catalogue.h"
#include "core/interchange/jsonbackup.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <gtest/gtest.h>

#include <iostream>
#include <list>

using namespace quorum;
using namespace quorum::test;

namespace {

/** Every row of every table of a server database, each as PostgreSQL's text of it (types and all), sorted. */
QMap<QString, QList<QStringList>> dumpServer(const QString &location)
{
    QMap<QString, QList<QStringList>> result;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        ServerConnection::parse(location).applyTo(db);
        EXPECT_TRUE(db.open());
        QSqlQuery tables(db);
        EXPECT_TRUE(tables.exec(u"SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                "current_schema() ORDER BY 1"_qs));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString &table : std::as_const(names)) {
            QSqlQuery rows(db);
            EXPECT_TRUE(rows.exec(u"SELECT t::text FROM \"%1\" t ORDER BY 1 COLLATE \"C\""_qs.arg(table)));
            QList<QStringList> &list = result[table];
            while (rows.next())
                list.append({rows.value(0).toString()});
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

/** Every row of every table of a record, with each value's type, read outside Quorum. */
QMap<QString, QList<QStringList>> dump(const QString &path)
{
    if (ServerConnection::isServer(path))
        return dumpServer(path);
    QMap<QString, QList<QStringList>> result;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        EXPECT_TRUE(db.open());
        QSqlQuery tables(db);
        EXPECT_TRUE(tables.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_qs));
        QStringList names;
        while (tables.next())
            names << tables.value(0).toString();
        for (const QString &table : std::as_const(names)) {
            QSqlQuery columns(db);
            EXPECT_TRUE(columns.exec(u"SELECT name FROM pragma_table_info('%1')"_qs.arg(table)));
            QStringList selected;
            while (columns.next())
                selected << u"quote(\"%1\"), typeof(\"%1\")"_qs.arg(columns.value(0).toString());
            QSqlQuery rows(db);
            // The counts kept by triggers are in the order things happened, which a restore recounts.
            const QString order = table == u"evidence_tally"_qs ? u"subject"_qs : u"rowid"_qs;
            EXPECT_TRUE(rows.exec(u"SELECT %1 FROM \"%2\" ORDER BY %3"_qs.arg(selected.join(u", "_qs), table, order)));
            QList<QStringList> &list = result[table];
            while (rows.next()) {
                QStringList row;
                for (int i = 0; i < selected.size() * 2; ++i)
                    row << rows.value(i).toString();
                list.append(row);
            }
        }
        QSqlQuery version(db);
        EXPECT_TRUE(version.exec(u"PRAGMA user_version"_qs) && version.next());
        result[u"(user_version)"_qs] = {{version.value(0).toString()}};
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    return QJsonDocument::fromJson(file.readAll()).object();
}

void writeJson(const QString &path, const QJsonObject &object)
{
    writeFile(path, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

class Backup : public ::testing::Test {
protected:
    std::unique_ptr<TestDatabase> source = createDatabase(true);
    TempFolder folder;
    QString json = folder.path(u"backup.json"_qs);

    void SetUp() override
    {
        QUORUM_FILE_ONLY("JSON backups are of files; a server's record is copied with quorum-cli copy or pg_dump, "
                         "and CliServer's tests prove a server refuses them");
        // A signed review, so that restoring must get past the triggers that protect it.
        if (SqlQuery(source->database->connection(), u"SELECT count(*) FROM review WHERE signed_at IS NOT NULL"_qs)
                .scalar()
                .toInt()
            == 0) {
            SqlQuery(source->database->connection(),
                     u"UPDATE review SET signed_at = '2026-01-20T10:00:00.000Z', signed_by = "
                     "(SELECT min(id) FROM person WHERE is_board = 1) WHERE id = (SELECT min(id) FROM review)"_qs)
                .exec();
        }
        JsonBackup::write(*source->database, json, fixedClock().now());
    }

    std::list<TestLocation> places; // of the records the test makes beside the source

    /** A new empty record (a file or a server database, as the source); its location in @p location. */
    std::unique_ptr<Database> freshDatabase(QString *location = nullptr, const QString &name = u"restored.quorum"_qs)
    {
        const TestLocation &place = places.emplace_back(name);
        if (location)
            *location = place.location();
        return openTestRecord(place.location(), Database::Mode::CreateNew);
    }

    /** Restoring @p file into a new database fails; returns the message and checks nothing was left behind.
     */
    QString refused(const QString &file)
    {
        QString path;
        auto target = freshDatabase(&path, u"refused.quorum"_qs);
        const auto before = dump(path);
        QString message;
        try {
            JsonBackup::restore(JsonBackup::read(file), *target);
            ADD_FAILURE() << "restored " << file.toStdString();
        } catch (const Error &error) {
            message = error.message();
        }
        target.reset();
        EXPECT_EQ(dump(path), before) << message.toStdString();
        QFile::remove(path);
        return message;
    }
};

} // namespace

TEST_F(Backup, RestoresAnIdenticalDatabase)
{
    QString path;
    auto target = freshDatabase(&path);
    QElapsedTimer timer;
    timer.start();
    const BackupFile backup = JsonBackup::read(json);
    EXPECT_EQ(backup.info.schemaVersion, Database::currentSchemaVersion());
    EXPECT_EQ(backup.info.catalogueVersion, Catalogue::builtIn().version());
    EXPECT_EQ(backup.info.organisation, source->store->organisation().name);
    EXPECT_FALSE(backup.tables.contains(u"principle"_qs));
    EXPECT_TRUE(JsonBackup::isEmpty(*target));
    JsonBackup::restore(backup, *target);
    const qint64 elapsed = timer.elapsed();
    EXPECT_FALSE(JsonBackup::isEmpty(*target));
    target.reset();
    source->close();

    const auto expected = dump(source->path);
    const auto actual = dump(path);
    ASSERT_EQ(expected.keys(), actual.keys());
    for (auto it = expected.constBegin(); it != expected.constEnd(); ++it) {
        const QList<QStringList> &rows = actual[it.key()];
        ASSERT_EQ(rows.size(), it.value().size()) << it.key().toStdString();
        for (qsizetype r = 0; r < rows.size(); ++r)
            EXPECT_EQ(rows[r], it.value()[r]) << it.key().toStdString() << " row " << r;
    }
    EXPECT_GT(actual[u"audit"_qs].size(), 100);
    EXPECT_GT(actual[u"blob"_qs].size(), 10);

    auto reopened = openTestRecord(path, Database::Mode::OpenExisting);
    Store store(*reopened, fixedClock());
    const ChainCheck chain = store.verifyAuditChain();
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    EXPECT_TRUE(store.verifyEvidence().isEmpty());
    EXPECT_EQ(reopened->integrityCheck(), u"ok"_qs);
    std::cout << "[ measure  ] demo backup " << QFileInfo(json).size() << " bytes, read and restored in " << elapsed
              << " ms\n";
}

TEST_F(Backup, TheFileDescribesItself)
{
    const QJsonObject root = readJson(json);
    EXPECT_EQ(root.value(u"format"_qs).toString(), u"quorum-backup"_qs);
    EXPECT_EQ(root.value(u"formatVersion"_qs).toInt(), 1);
    EXPECT_EQ(root.value(u"quorumSchemaVersion"_qs).toInt(), Database::currentSchemaVersion());
    EXPECT_EQ(root.value(u"catalogue"_qs).toObject().value(u"actions"_qs).toArray().size(), 22);
    const QJsonObject tables = root.value(u"tables"_qs).toObject();
    for (const QString &table : {u"organisation"_qs, u"person"_qs, u"assessment"_qs, u"evidence"_qs, u"blob"_qs,
                                 u"evidence_revision"_qs, u"training"_qs, u"review"_qs, u"review_item"_qs, u"metric"_qs,
                                 u"metric_reading"_qs, u"event"_qs, u"audit"_qs, u"meta"_qs})
        EXPECT_TRUE(tables.contains(table)) << table.toStdString();
    const QJsonObject blob = tables.value(u"blob"_qs).toArray().first().toObject();
    const QByteArray data =
        QByteArray::fromBase64(blob.value(u"data"_qs).toObject().value(u"base64"_qs).toString().toLatin1());
    EXPECT_EQ(data.size(), blob.value(u"size"_qs).toInteger());
    const QJsonObject audit = tables.value(u"audit"_qs).toArray().first().toObject();
    EXPECT_EQ(audit.value(u"prev_hash"_qs).toString(), u"genesis"_qs);
    EXPECT_EQ(audit.value(u"hash"_qs).toString().size(), 64);
}

TEST_F(Backup, RefusesADatabaseThatIsNotEmpty)
{
    auto target = freshDatabase();
    Store store(*target, fixedClock());
    Person person;
    person.name = u"Already Here"_qs;
    person.role = u"Chair"_qs;
    store.addPerson(person);
    try {
        JsonBackup::restore(JsonBackup::read(json), *target);
        ADD_FAILURE() << "restored over records";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::Conflict);
        EXPECT_TRUE(error.message().contains(u"already holds records"_qs));
    }
    EXPECT_EQ(store.people().size(), 1);
}

TEST_F(Backup, RefusesNewerOrForeignFiles)
{
    QJsonObject root = readJson(json);
    const QString file = folder.path(u"edited.json"_qs);

    QJsonObject newer = root;
    newer.insert(u"quorumSchemaVersion"_qs, Database::currentSchemaVersion() + 1);
    writeJson(file, newer);
    EXPECT_TRUE(refused(file).contains(u"Install the newer Quorum"_qs));

    QJsonObject format = root;
    format.insert(u"formatVersion"_qs, 2);
    writeJson(file, format);
    EXPECT_TRUE(refused(file).contains(u"backup format 2"_qs));

    QJsonObject catalogue = root;
    QJsonObject catalogueObject = catalogue.value(u"catalogue"_qs).toObject();
    QJsonArray ids = catalogueObject.value(u"actions"_qs).toArray();
    ids.append(u"F1"_qs);
    catalogueObject.insert(u"actions"_qs, ids);
    catalogue.insert(u"catalogue"_qs, catalogueObject);
    writeJson(file, catalogue);
    EXPECT_TRUE(refused(file).contains(u"action \"F1\", which this version of Quorum does not know"_qs));

    QJsonObject laterCatalogue = root;
    catalogueObject = root.value(u"catalogue"_qs).toObject();
    catalogueObject.insert(u"version"_qs, Catalogue::builtIn().version() + 1);
    laterCatalogue.insert(u"catalogue"_qs, catalogueObject);
    writeJson(file, laterCatalogue);
    EXPECT_TRUE(refused(file).contains(u"version %1 of the catalogue"_qs.arg(Catalogue::builtIn().version() + 1)));

    QJsonObject unknownTable = root;
    QJsonObject tables = unknownTable.value(u"tables"_qs).toObject();
    tables.insert(u"mystery"_qs, QJsonArray{QJsonObject{{u"a"_qs, 1}}});
    unknownTable.insert(u"tables"_qs, tables);
    writeJson(file, unknownTable);
    EXPECT_TRUE(refused(file).contains(u"table \"mystery\""_qs));

    QJsonObject unknownColumn = root;
    tables = root.value(u"tables"_qs).toObject();
    QJsonArray people = tables.value(u"person"_qs).toArray();
    QJsonObject first = people.first().toObject();
    first.insert(u"shoe_size"_qs, 9);
    people.replace(0, first);
    tables.insert(u"person"_qs, people);
    unknownColumn.insert(u"tables"_qs, tables);
    writeJson(file, unknownColumn);
    EXPECT_TRUE(refused(file).contains(u"column \"shoe_size\""_qs));

    writeFile(file, "{\"format\": \"quorum-backup\", ");
    EXPECT_TRUE(refused(file).contains(u"malformed at line 1"_qs));
    writeFile(file, "[1, 2]");
    EXPECT_TRUE(refused(file).contains(u"not a Quorum backup"_qs));
    writeFile(file, "{\"format\": \"something-else\"}");
    EXPECT_TRUE(refused(file).contains(u"not a Quorum backup"_qs));
}

TEST_F(Backup, RefusesABackupChangedAfterItWasWritten)
{
    const QJsonObject root = readJson(json);
    const QString file = folder.path(u"tampered.json"_qs);

    // An audit row edited: the chain no longer verifies.
    QJsonObject tables = root.value(u"tables"_qs).toObject();
    QJsonArray audit = tables.value(u"audit"_qs).toArray();
    QJsonObject row = audit.at(5).toObject();
    row.insert(u"new_value"_qs, u"something else"_qs);
    audit.replace(5, row);
    tables.insert(u"audit"_qs, audit);
    QJsonObject edited = root;
    edited.insert(u"tables"_qs, tables);
    writeJson(file, edited);
    EXPECT_TRUE(refused(file).contains(u"audit trail in the backup does not verify (row 6 was altered"_qs));

    // An evidence file's bytes changed: its SHA-256 no longer matches.
    tables = root.value(u"tables"_qs).toObject();
    QJsonArray blobs = tables.value(u"blob"_qs).toArray();
    QJsonObject blob = blobs.first().toObject();
    blob.insert(u"data"_qs, QJsonObject{{u"base64"_qs, QString::fromLatin1(QByteArray("forged").toBase64())}});
    blobs.replace(0, blob);
    tables.insert(u"blob"_qs, blobs);
    edited = root;
    edited.insert(u"tables"_qs, tables);
    writeJson(file, edited);
    EXPECT_TRUE(refused(file).contains(u"does not match its SHA-256"_qs));

    // A link to an action that does not exist.
    tables = root.value(u"tables"_qs).toObject();
    QJsonArray links = tables.value(u"evidence_action"_qs).toArray();
    QJsonObject link = links.first().toObject();
    link.insert(u"action_id"_qs, u"Q7"_qs);
    links.replace(0, link);
    tables.insert(u"evidence_action"_qs, links);
    edited = root;
    edited.insert(u"tables"_qs, tables);
    writeJson(file, edited);
    EXPECT_TRUE(refused(file).contains(u"action \"Q7\""_qs));

    // A row pointing at a person who is not in the backup.
    tables = root.value(u"tables"_qs).toObject();
    QJsonArray training = tables.value(u"training"_qs).toArray();
    QJsonObject record = training.first().toObject();
    record.insert(u"person_id"_qs, 9999);
    training.replace(0, record);
    tables.insert(u"training"_qs, training);
    edited = root;
    edited.insert(u"tables"_qs, tables);
    writeJson(file, edited);
    const QString orphan = refused(file);
    EXPECT_TRUE(orphan.contains(u"training row"_qs)) << orphan.toStdString();
}

TEST_F(Backup, VerifyTouchesNoOtherFile)
{
    const QStringList before = QDir(folder.root()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    JsonBackup::verify(JsonBackup::read(json));
    EXPECT_EQ(QDir(folder.root()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), before);
}
