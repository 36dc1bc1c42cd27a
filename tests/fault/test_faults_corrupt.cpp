// Damaged files: each is refused or reported precisely (the Error kind, a message that says what to do),
// and the attempt never changes a byte of the file.
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "core/workspace/workspace.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QUuid>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace quorum;
using namespace quorum::test;

namespace {

/** The Error that opening @p path throws; Storage with an empty message when it opens. */
Error openError(const QString &path)
{
    try {
        Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    } catch (const Error &error) {
        return error;
    }
    return Error(Error::Kind::Storage, QString());
}

/** A closed demo database, its file name and its page size. */
struct DamagedCopy {
    std::unique_ptr<TestDatabase> db;
    QString path;
    int pageSize = 4096;
};

DamagedCopy demoFile()
{
    DamagedCopy copy;
    copy.db = createDatabase(true);
    copy.pageSize = SqlQuery(copy.db->database->connection(), u"PRAGMA page_size"_qs).scalar().toInt();
    copy.db->close();
    copy.path = copy.db->path;
    return copy;
}

void expectRefusedAsDamaged(const QString &path)
{
    const QByteArray before = fileSha256(path);
    const Error error = openError(path);
    EXPECT_EQ(error.kind(), Error::Kind::Corrupt) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(u"damaged"_qs)) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(u"restore it from a backup"_qs)) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(QFileInfo(path).fileName())) << error.message().toStdString();
    EXPECT_EQ(fileSha256(path), before) << "opening changed the damaged file";

    const ProcessResult cli = runCli({u"--db"_qs, path, u"status"_qs});
    EXPECT_EQ(cli.exitCode, 3) << cli.err.toStdString();
    EXPECT_TRUE(cli.err.contains(u"damaged"_qs)) << cli.err.toStdString();
    const ProcessResult verify = runCli({u"--db"_qs, path, u"verify"_qs});
    EXPECT_NE(verify.exitCode, 0) << verify.out.toStdString();
    EXPECT_EQ(fileSha256(path), before) << "quorum-cli changed the damaged file";

    // The desktop app's start-up checks in the background, started once its window is painted: the damage
    // is reported when found, with no change asked for.
    try {
        auto started = Workspace::open(path, false, Catalogue::builtIn(), fixedClock(), nullptr,
                                       Database::IntegrityCheck::InBackground);
        QSignalSpy failed(started.get(), &Workspace::integrityFailed);
        started->startIntegrityCheck();
        ASSERT_TRUE(failed.wait(30000)) << "the background check reported nothing";
        EXPECT_TRUE(failed.constFirst().constFirst().toString().contains(u"damaged"_qs));
    } catch (const Error &refusal) {
        EXPECT_EQ(refusal.kind(), Error::Kind::Corrupt) << refusal.message().toStdString();
    }
    EXPECT_EQ(fileSha256(path), before) << "the background check changed the file";

    // A change asked for before the check has started starts it, waits for it and is refused; the damage
    // is reported too, and no change is written meanwhile or after.
    std::unique_ptr<Workspace> workspace;
    try {
        workspace = Workspace::open(path, false, Catalogue::builtIn(), fixedClock(), nullptr,
                                    Database::IntegrityCheck::InBackground);
    } catch (const Error &refusal) {
        // Damage that the first reads of opening reach is refused at once, as before.
        EXPECT_EQ(refusal.kind(), Error::Kind::Corrupt) << refusal.message().toStdString();
    }
    if (workspace) {
        QSignalSpy failed(workspace.get(), &Workspace::integrityFailed);
        try {
            workspace->setRating(u"A1"_qs, Rating::Substantial, u"a change to a damaged file"_qs);
            ADD_FAILURE() << "a change was written to a damaged file";
        } catch (const Error &refusal) {
            EXPECT_EQ(refusal.kind(), Error::Kind::Corrupt) << refusal.message().toStdString();
            EXPECT_TRUE(refusal.message().contains(u"restore it from a backup"_qs)) << refusal.message().toStdString();
        }
        ASSERT_TRUE(failed.count() == 1 || failed.wait(30000)) << "the background check reported nothing";
        EXPECT_EQ(failed.count(), 1);
        EXPECT_TRUE(failed.constFirst().constFirst().toString().contains(u"damaged"_qs));
        workspace.reset();
    }
    EXPECT_EQ(fileSha256(path), before) << "the background check let a change through";
}

} // namespace

TEST(Corruption, ADatabaseCutInHalfIsRefusedUntouched)
{
    DamagedCopy copy = demoFile();
    QFile file(copy.path);
    ASSERT_TRUE(file.resize(QFileInfo(copy.path).size() / 2));
    expectRefusedAsDamaged(copy.path);
}

TEST(Corruption, GarbageOverAPageInTheMiddleIsRefusedUntouched)
{
    DamagedCopy copy = demoFile();
    const qint64 pages = QFileInfo(copy.path).size() / copy.pageSize;
    ASSERT_GT(pages, 8);
    std::mt19937 random(7);
    QByteArray garbage(copy.pageSize, '\0');
    for (char &byte : garbage)
        byte = static_cast<char>(random() & 0xff);
    QFile file(copy.path);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_TRUE(file.seek((pages / 2) * copy.pageSize));
    ASSERT_EQ(file.write(garbage), garbage.size());
    file.close();
    expectRefusedAsDamaged(copy.path);
}

TEST(Corruption, AFileThatIsNotSqliteIsRefusedUntouched)
{
    TempFolder folder;
    const QString path = folder.path(u"x.sqlite"_qs);
    writeFile(path, QByteArray("%PDF-1.7\n") + QByteArray(20000, '\x01'));
    const QByteArray before = fileSha256(path);
    const Error error = openError(path);
    EXPECT_EQ(error.kind(), Error::Kind::NotQuorum);
    EXPECT_TRUE(error.message().contains(u"not a Quorum database"_qs)) << error.message().toStdString();
    const ProcessResult cli = runCli({u"--db"_qs, path, u"status"_qs});
    EXPECT_EQ(cli.exitCode, 3);
    EXPECT_TRUE(cli.err.contains(u"not a Quorum database"_qs)) << cli.err.toStdString();
    EXPECT_EQ(fileSha256(path), before);
}

TEST(Corruption, AnAlteredEvidenceFileIsNamedByVerifyAndRefusedOnRead)
{
    auto db = createDatabase(true);
    const QList<Evidence> evidence = db->store->evidence();
    auto file = std::find_if(evidence.cbegin(), evidence.cend(), [](const Evidence &e) { return e.isFile(); });
    ASSERT_NE(file, evidence.cend());
    const Evidence target = *file;
    db->close();
    // Change one byte of the stored file behind Quorum's back (as someone with the file could).
    rawSql(db->path, {u"UPDATE blob SET data = CAST('altered' AS BLOB) || substr(data, 8) WHERE sha256 = '%1'"_qs.arg(
                         target.sha256)});
    const QByteArray before = fileSha256(db->path);

    const ProcessResult verify = runCli({u"--db"_qs, db->path, u"verify"_qs});
    EXPECT_EQ(verify.exitCode, 1) << verify.out.toStdString();
    EXPECT_TRUE(verify.out.contains(target.title)) << verify.out.toStdString();
    EXPECT_TRUE(verify.out.contains(QString::number(target.id))) << verify.out.toStdString();
    EXPECT_TRUE(verify.err.contains(target.title) || verify.err.contains(QString::number(target.id)))
        << verify.err.toStdString();
    EXPECT_EQ(fileSha256(db->path), before) << "verify changed the file";

    db->reopen();
    try {
        db->store->evidenceContent(target.id);
        FAIL() << "an altered file was handed out";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::Corrupt);
        EXPECT_TRUE(error.message().contains(QString::number(target.id))) << error.message().toStdString();
    }
}

TEST(Corruption, AReadThatReachesADamagedPageFailsAsCorruptInsteadOfEndingEarly)
{
    // Files over SqliteDialect::kQuickCheckMaxBytes are not checked at open; their damage shows on read.
    DamagedCopy copy = demoFile();
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, name);
        db.setDatabaseName(copy.path);
        ASSERT_TRUE(db.open());
        // The last leaf page of the audit trail, in key order: the first rows read fine, then this one.
        const int page = SqlQuery(db, u"SELECT pageno FROM dbstat WHERE name = 'audit' AND pagetype = 'leaf' "
                                      "ORDER BY path DESC LIMIT 1"_qs)
                             .scalar()
                             .toInt();
        const int leaves =
            SqlQuery(db, u"SELECT count(*) FROM dbstat WHERE name = 'audit' AND pagetype = 'leaf'"_qs).scalar().toInt();
        ASSERT_GT(leaves, 1);
        db.close();
        QFile file(copy.path);
        ASSERT_TRUE(file.open(QIODevice::ReadWrite));
        ASSERT_TRUE(file.seek(qint64(page - 1) * copy.pageSize));
        ASSERT_EQ(file.write(QByteArray(copy.pageSize, '\x5A')), copy.pageSize);
        file.close();

        ASSERT_TRUE(db.open());
        int rows = 0;
        try {
            SqlQuery query(db, u"SELECT id FROM audit ORDER BY id"_qs);
            query.exec();
            while (query.next())
                ++rows;
            ADD_FAILURE() << "read " << rows << " rows and stopped as if that were all";
        } catch (const Error &error) {
            EXPECT_EQ(error.kind(), Error::Kind::Corrupt) << error.message().toStdString();
            EXPECT_TRUE(error.message().contains(u"restore it from a backup"_qs)) << error.message().toStdString();
        }
        EXPECT_GT(rows, 0);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    expectRefusedAsDamaged(copy.path);
}
