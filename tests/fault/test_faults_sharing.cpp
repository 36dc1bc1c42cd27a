// One file, two processes on one machine (issue 13, item 1): the desktop app's workspace holds the file
// while quorum-cli opens and closes it. Nothing in the app's process may open the database by other means
// than SQLite (that releases SQLite's POSIX locks, after which the CLI deletes the -wal file under the
// app), and a connection whose -wal file was deleted under it refuses to write instead of losing changes.
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/interchange/actionimport.h"
#include "core/interchange/jsonbackup.h"
#include "core/storage/database.h"
#include "core/storage/helddatabasefiles.h"
#include "core/workspace/workspace.h"
#include "everychange.h"
#include "testsupport.h"

#include <QDateTime>
#include <QFile>
#include <QUndoStack>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace quorum;
using namespace quorum::test;

namespace {

class SharedFile : public ::testing::Test {
protected:
    TempFolder folder;
    QString path = folder.path(u"org.quorum"_qs);
    std::unique_ptr<Workspace> workspace = Workspace::open(path, true, Catalogue::builtIn(), fixedClock());

    FileIdentity wal() const { return FileIdentity::of(path + u"-wal"_qs); }

    ProcessResult cli(const QStringList &arguments) const { return runCli(QStringList{u"--db"_qs, path} + arguments); }

    QStringList peopleInFile()
    {
        workspace.reset();
        auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
        Store store(*database, fixedClock());
        QStringList names;
        for (const Person &person : store.people())
            names << person.name;
        return names;
    }
};

TEST_F(SharedFile, EveryWayThisProcessCouldOpenTheDatabaseIsRefusedOrGoesThroughSqlite)
{
    workspace->addPerson({0, u"App First"_qs, u"CISO"_qs, false, true});
    const FileIdentity walBefore = wal();
    ASSERT_TRUE(walBefore.exists);

    // File > Open of the same file, and every other probe: SQLite's own connection, never a plain read.
    Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn()).reset();
    // A person choosing the database, its working files, a hard link or a symbolic link to it as evidence,
    // as a spreadsheet or backup to read, or as the target of an export or a copy.
    ASSERT_EQ(
        ::link(QFile::encodeName(path).constData(), QFile::encodeName(folder.path(u"hard.quorum"_qs)).constData()), 0);
    ASSERT_TRUE(QFile::link(path, folder.path(u"soft.quorum"_qs)));
    for (const QString &candidate :
         {path, path + u"-wal"_qs, path + u"-shm"_qs, folder.path(u"hard.quorum"_qs), folder.path(u"soft.quorum"_qs)}) {
        SCOPED_TRACE(candidate.toStdString());
        EXPECT_TRUE(HeldDatabaseFiles::isHeld(candidate));
        const Error evidence = errorOf([&] { evidenceInputFromFile(candidate); });
        EXPECT_EQ(evidence.kind(), Error::Kind::InvalidInput);
        EXPECT_TRUE(evidence.message().contains(u"is the Quorum database that is open now"_qs))
            << evidence.message().toStdString();
        const auto refusedAsHeld = [](const Error &error) {
            return error.kind() == Error::Kind::InvalidInput
                   && error.message().contains(u"is the Quorum database that is open now"_qs);
        };
        EXPECT_TRUE(refusedAsHeld(errorOf([&] { JsonBackup::read(candidate); })));
        EXPECT_TRUE(refusedAsHeld(errorOf([&] { ActionImport::check(workspace->store(), candidate); })));
        EXPECT_TRUE(
            refusedAsHeld(errorOf([&] { JsonBackup::write(workspace->database(), candidate, fixedClock().now()); })));
        if (candidate != path) { // the database itself is refused as its own copy before the guard is asked
            EXPECT_TRUE(refusedAsHeld(errorOf([&] { workspace->database().saveCopy(candidate); })));
        }
        // Opening a working file or another name of the open database as a database of its own.
        if (candidate != path && candidate != folder.path(u"soft.quorum"_qs)) {
            const Error opened =
                errorOf([&] { Database::open(candidate, Database::Mode::OpenExisting, Catalogue::builtIn()).reset(); });
            EXPECT_EQ(opened.kind(), Error::Kind::NotQuorum);
            EXPECT_TRUE(opened.message().contains(u"working file of the database that is open now"_qs))
                << opened.message().toStdString();
        }
    }
    EXPECT_FALSE(HeldDatabaseFiles::isHeld(folder.path(u"other.quorum"_qs)));

    // Another process opens and closes the file: it must not believe it is the last user.
    ASSERT_EQ(cli({u"evidence"_qs, u"list"_qs}).exitCode, 0);
    EXPECT_EQ(wal(), walBefore) << "the -wal file was deleted or replaced under the open workspace";
    workspace->addPerson({0, u"App Second"_qs, u"Auditor"_qs, false, true});
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"CLI Person"_qs, u"--role"_qs, u"Secretary"_qs}).exitCode, 0);
    EXPECT_EQ(wal(), walBefore);
    const QStringList people = peopleInFile();
    for (const QString &name : {u"App First"_qs, u"App Second"_qs, u"CLI Person"_qs})
        EXPECT_TRUE(people.contains(name))
            << name.toStdString() << " lost; the file has " << people.join(u", "_qs).toStdString();
    EXPECT_EQ(cli({u"verify"_qs}).exitCode, 0);
}

TEST_F(SharedFile, ConnectionWhoseWalWasDeletedUnderItRefusesToWrite)
{
    workspace->addPerson({0, u"App First"_qs, u"CISO"_qs, false, true});
    const FileIdentity walBefore = wal();
    ASSERT_TRUE(walBefore.exists);
    // Code outside Quorum's guard opening and closing the file in this process (a plug-in, a platform file
    // dialog): the process's locks on it are gone, so the next program to close it deletes the -wal file.
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    }
    ASSERT_EQ(cli({u"people"_qs, u"add"_qs, u"CLI Person"_qs, u"--role"_qs, u"Secretary"_qs}).exitCode, 0);
    ASSERT_NE(wal(), walBefore) << "the reproduction did not delete the -wal file; this test proves nothing";

    const qint64 auditRows = workspace->store().auditRowCount();
    const Error refused = errorOf([&] { workspace->addPerson({0, u"App Lost"_qs, u"Auditor"_qs, false, true}); });
    EXPECT_EQ(refused.kind(), Error::Kind::Storage);
    EXPECT_TRUE(refused.message().contains(u"org.quorum-wal"_qs)) << refused.message().toStdString();
    EXPECT_TRUE(refused.message().contains(u"open the database again"_qs)) << refused.message().toStdString();
    EXPECT_EQ(workspace->store().auditRowCount(), auditRows);
    EXPECT_EQ(workspace->undoStack()->count(), 1);

    const QStringList people = peopleInFile();
    EXPECT_TRUE(people.contains(u"App First"_qs));
    EXPECT_TRUE(people.contains(u"CLI Person"_qs));
    EXPECT_FALSE(people.contains(u"App Lost"_qs));
    EXPECT_EQ(cli({u"verify"_qs}).exitCode, 0);
}

TEST_F(SharedFile, EveryKindOfChangeWhileAnotherProcessWritesAndReads)
{
    const FileIdentity walBefore = wal();
    ASSERT_TRUE(walBefore.exists);
    const QList<WorkspaceStep> steps = everyKindOfChange(folder.root()); // evidence files beside the database
    const QStringList reads[] = {{u"status"_qs},
                                 {u"evidence"_qs, u"list"_qs},
                                 {u"people"_qs, u"list"_qs},
                                 {u"log"_qs, u"--limit"_qs, u"5"_qs},
                                 {u"attention"_qs}};
    QStringList cliPeople;
    int n = 0;
    for (const WorkspaceStep &step : steps) {
        SCOPED_TRACE(step.name.toStdString());
        step.apply(*workspace);
        ASSERT_EQ(wal(), walBefore);
        const ProcessResult read = cli(reads[n % std::size(reads)]);
        ASSERT_EQ(read.exitCode, 0) << read.err.toStdString();
        const QString name = u"CLI Person %1"_qs.arg(++n);
        const ProcessResult write = cli({u"people"_qs, u"add"_qs, name, u"--role"_qs, u"Auditor"_qs});
        ASSERT_EQ(write.exitCode, 0) << write.err.toStdString();
        cliPeople << name;
        ASSERT_EQ(wal(), walBefore);
        if (n % 4 == 0) { // undo and redo, a copy and a backup, also beside the database
            workspace->undoStack()->undo();
            workspace->undoStack()->redo();
            workspace->database().saveCopy(folder.path(u"copy-%1.quorum"_qs.arg(n)));
            JsonBackup::write(workspace->database(), folder.path(u"backup-%1.json"_qs.arg(n)), fixedClock().now());
            ASSERT_EQ(wal(), walBefore);
        }
    }
    // What the app's connection sees now (its own changes and the CLI's) is what the file keeps.
    const QStringList seen = recordState(workspace->database().connection());
    const QStringList kept = [&] {
        workspace.reset();
        auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
        return recordState(database->connection());
    }();
    EXPECT_EQ(seen, kept);
    for (const QString &name : std::as_const(cliPeople))
        EXPECT_TRUE(kept.join(u'\n').contains(name)) << name.toStdString() << " was acknowledged and lost";
    const ProcessResult verify = cli({u"verify"_qs});
    EXPECT_EQ(verify.exitCode, 0) << verify.out.toStdString() << verify.err.toStdString();
}

} // namespace
