// Storage faults: a full disk, a read-only file or folder, another process holding the lock, and several
// Quorum processes writing the same file. Each change is refused with the right Error kind and a message a
// person can act on, nothing partial is written, and the next change works once the cause is gone.
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "faultedits.h"
#include "faultprocess.h"
#include "testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include <unistd.h>

using namespace quorum;
using namespace quorum::test;

namespace {

qint64 auditRows(const Store &store)
{
    return SqlQuery(store.database().connection(), u"SELECT count(*) FROM audit"_qs).scalar().toLongLong();
}

/** Restores a folder's permissions when the test ends, so the temporary folder can be removed. */
class WritableAgain {
public:
    explicit WritableAgain(QString path)
        : m_path(std::move(path))
    {
    }
    ~WritableAgain() { QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner); }
    WritableAgain(const WritableAgain &) = delete;
    WritableAgain &operator=(const WritableAgain &) = delete;

private:
    QString m_path;
};

} // namespace

TEST(DiskFull, ALargeFileIsRefusedAsFullAndNothingIsWritten)
{
    auto db = createDatabase(true);
    QSqlDatabase connection = db->database->connection();
    const qint64 pages = SqlQuery(connection, u"PRAGMA page_count"_qs).scalar().toLongLong();
    const qsizetype evidenceBefore = db->store->evidence().size();
    const qint64 auditBefore = auditRows(*db->store);
    // The "disk" has room for 8 more pages (32 KB); the file needs about 500.
    SqlQuery(connection, u"PRAGMA max_page_count = %1"_qs.arg(pages + 8)).exec();

    EvidenceInput input;
    input.title = u"Penetration test report"_qs;
    input.isFile = true;
    input.fileName = u"pentest.pdf"_qs;
    input.content = QByteArray(2 * 1024 * 1024, 'x');
    input.actionIds = {u"A1"_qs};
    const Error error = errorOf([&] { db->store->addEvidence(input); });
    EXPECT_EQ(error.kind(), Error::Kind::Full) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(u"full"_qs)) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(u"nothing was changed"_qs)) << error.message().toStdString();

    EXPECT_EQ(db->store->evidence().size(), evidenceBefore);
    EXPECT_EQ(auditRows(*db->store), auditBefore);
    EXPECT_EQ(SqlQuery(connection, u"SELECT count(*) FROM blob WHERE size = %1"_qs.arg(input.content.size()))
                  .scalar()
                  .toInt(),
              0);
    EXPECT_EQ(db->database->integrityCheck(), u"ok"_qs);

    // Space again: the next change works, and so does the file.
    SqlQuery(connection, u"PRAGMA max_page_count = 1073741823"_qs).exec();
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"After the disk was freed"_qs}});
    const qint64 id = db->store->addEvidence(input);
    EXPECT_EQ(db->store->evidenceContent(id), input.content);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);
    connection = QSqlDatabase(); // let go of the connection before it is closed
    db->reopen();
    EXPECT_EQ(db->store->assessment(u"A1"_qs).commentary, u"After the disk was freed"_qs);
}

TEST(ReadOnly, AFileMarkedReadOnlyOpensForReadingAndRefusesChangesEvenForRoot)
{
    auto db = createDatabase(true);
    db->close();
    const QString path = db->path;
    QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadUser | QFile::ReadGroup | QFile::ReadOther);
    const QByteArray before = fileSha256(path);
    {
        auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
        EXPECT_TRUE(database->isReadOnly());
        Store store(*database, fixedClock());
        EXPECT_EQ(store.actionStates().size(), 36); // the Code's 22 and the Software Security Code's 14
        EXPECT_TRUE(store.verifyAuditChain().ok);
        const Error error = errorOf([&] { store.addPerson({0, u"New Person"_qs, u"Role"_qs, false, true}); });
        EXPECT_EQ(error.kind(), Error::Kind::ReadOnly);
        EXPECT_TRUE(error.message().contains(u"read-only"_qs)) << error.message().toStdString();
        EXPECT_TRUE(error.message().contains(u"Save a copy"_qs)) << error.message().toStdString();
    }
    EXPECT_EQ(fileSha256(path), before);
    // Made writable again, it takes changes as before.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    db->reopen();
    EXPECT_FALSE(db->database->isReadOnly());
    db->store->addPerson({0, u"New Person"_qs, u"Role"_qs, false, true});
}

TEST(ReadOnly, AFileInAReadOnlyFolderOpensForReadingWithoutWritingBesideIt)
{
    auto db = createDatabase(true);
    const qsizetype people = db->store->people().size();
    db->close();
    const QString folder = db->folder.root();
    const QString path = db->path;
    const QByteArray before = fileSha256(path);
    ASSERT_FALSE(QFile::exists(path + u"-wal"_qs)) << "the database was not closed cleanly";
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                      | QFile::ReadOther | QFile::ExeOther);
    WritableAgain restore(folder);
    {
        auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
        EXPECT_TRUE(database->isReadOnly());
        Store store(*database, fixedClock());
        EXPECT_EQ(store.people().size(), people);
        EXPECT_TRUE(store.verifyAuditChain().ok);
        EXPECT_TRUE(store.verifyEvidence().isEmpty());
        const Error error = errorOf([&] {
            store.updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"cannot be saved"_qs}});
        });
        EXPECT_EQ(error.kind(), Error::Kind::ReadOnly);
    }
    EXPECT_EQ(fileSha256(path), before);
    const QStringList beside = QDir(folder).entryList(QDir::Files);
    EXPECT_EQ(beside, QStringList{QFileInfo(path).fileName()}) << beside.join(u", "_qs).toStdString();

    // The same with the operating system refusing the writes: quorum-cli as an unprivileged user.
    if (::geteuid() != 0)
        return; // this test already ran as an unprivileged user above
    const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_qs);
    if (setpriv.isEmpty())
        return;
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                                      | QFile::ReadOther | QFile::ExeOther);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther | QFile::WriteOther);
    auto asNobody = [&](const QStringList &arguments) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QUORUM_NOW"_qs, fixedToday().toString(Qt::ISODate));
        environment.insert(u"HOME"_qs, folder);
        process.setProcessEnvironment(environment);
        process.start(setpriv, QStringList{u"--reuid=65534"_qs, u"--regid=65534"_qs, u"--clear-groups"_qs,
                                           QStringLiteral(QUORUM_CLI_PATH), u"--db"_qs, path}
                                   + arguments);
        process.waitForFinished(60000);
        return std::make_pair(process.exitCode(), QString::fromUtf8(process.readAllStandardError()));
    };
    const auto probe = asNobody({u"--version"_qs});
    if (probe.first != 0)
        return; // the build folder is not reachable by an unprivileged user here
    const auto status = asNobody({u"status"_qs});
    EXPECT_EQ(status.first, 0) << status.second.toStdString();
    const auto set = asNobody({u"set"_qs, u"A1"_qs, u"--comment"_qs, u"cannot be saved"_qs});
    EXPECT_EQ(set.first, 3) << set.second.toStdString();
    EXPECT_TRUE(set.second.contains(u"read-only"_qs)) << set.second.toStdString();
    EXPECT_EQ(fileSha256(path), before);
}

TEST(Locked, AnEditWaitsForAnotherProcessesLockThenFailsBusyAndWorksOnceItIsGone)
{
    auto db = createDatabase(true);
    db->database->setBusyTimeout(300);
    const ActionState before = db->store->actionState(u"A1"_qs);
    const qint64 auditBefore = auditRows(*db->store);

    FaultHelper other({u"hold"_qs, db->path});
    ASSERT_EQ(other.readLine(), u"holding"_qs) << other.errorOutput().toStdString();
    QElapsedTimer waited;
    waited.start();
    const Error error = errorOf([&] {
        db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"Mine"_qs}});
    });
    EXPECT_EQ(error.kind(), Error::Kind::Busy) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(u"locked by another program"_qs)) << error.message().toStdString();
    EXPECT_TRUE(error.message().contains(u"try again"_qs)) << error.message().toStdString();
    EXPECT_GE(waited.elapsed(), 250) << "the busy timeout was not honoured";
    // Reading still works while the other process writes (WAL), and shows nothing of either change.
    EXPECT_EQ(db->store->assessment(u"A1"_qs).commentary, before.assessment.commentary);
    EXPECT_EQ(auditRows(*db->store), auditBefore);

    other.writeLine(u"rollback"_qs);
    EXPECT_EQ(other.readLine(), u"done"_qs);
    EXPECT_EQ(other.finish(), 0);
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"Mine"_qs}});
    EXPECT_EQ(db->store->assessment(u"A1"_qs).commentary, u"Mine"_qs);
    EXPECT_NE(db->store->assessment(u"B1"_qs).commentary, u"held by another process"_qs);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);
}

TEST(Concurrency, AnAppendWaitingForAnotherWriterLinksToTheRowThatWriterCommitted)
{
    // The other process has appended an audit row in an open write transaction. Our change must wait for
    // it (BEGIN IMMEDIATE) and read the chain's last row only then, inside its own transaction; reading it
    // before would link our row to the same predecessor as theirs and fork the chain.
    auto db = createDatabase(true);
    FaultHelper other({u"hold"_qs, db->path});
    ASSERT_EQ(other.readLine(), u"holding"_qs) << other.errorOutput().toStdString();
    other.writeLine(u"commit-after 300"_qs);
    QElapsedTimer waited;
    waited.start();
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"Ours"_qs}});
    EXPECT_GE(waited.elapsed(), 200) << "our change did not wait for the other writer";
    EXPECT_EQ(other.readLine(), u"done"_qs);
    EXPECT_EQ(other.finish(), 0);

    const QList<AuditEntry> entries = db->store->auditEntries();
    ASSERT_GE(entries.size(), 2);
    const AuditEntry &theirs = entries[entries.size() - 2];
    const AuditEntry &ours = entries.constLast();
    EXPECT_EQ(theirs.record.newValue, u"held by another process"_qs);
    EXPECT_EQ(ours.record.newValue, u"Ours"_qs);
    EXPECT_EQ(ours.prevHash, theirs.hash);
    const ChainCheck chain = db->store->verifyAuditChain();
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
}

TEST(Concurrency, ThreeProcessesEditingAtOnceLoseNothingAndKeepOneChain)
{
    auto db = createDatabase();
    constexpr int kEach = 30;
    FaultHelper first({u"edit"_qs, db->path, u"100000"_qs, QString::number(kEach)});
    FaultHelper second({u"edit"_qs, db->path, u"200000"_qs, QString::number(kEach)});
    // And this process at the same time.
    for (qint64 n = 300000; n < 300000 + kEach; ++n)
        fault::applyEdit(*db->store, n);
    EXPECT_EQ(first.finish(), 0) << first.errorOutput().toStdString();
    EXPECT_EQ(second.finish(), 0) << second.errorOutput().toStdString();

    for (const qint64 base : {100000, 200000, 300000}) {
        for (qint64 n = base; n < base + kEach; ++n)
            EXPECT_TRUE(fault::checkEdit(*db->store, n).isEmpty()) << fault::checkEdit(*db->store, n).toStdString();
    }
    const ChainCheck chain = db->store->verifyAuditChain();
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    EXPECT_EQ(db->database->integrityCheck(), u"ok"_qs);
}

TEST(Concurrency, TwoQuorumCliSetCommandsAtOnceBothLand)
{
    auto db = createDatabase(true);
    db->close();
    QList<QProcess *> processes;
    for (const QString &action : {u"A1"_qs, u"A2"_qs, u"B1"_qs, u"B2"_qs}) {
        auto *process = new QProcess;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QUORUM_NOW"_qs, fixedToday().toString(Qt::ISODate));
        process->setProcessEnvironment(environment);
        process->start(QStringLiteral(QUORUM_CLI_PATH),
                       {u"--db"_qs, db->path, u"set"_qs, action, u"--comment"_qs, u"Set at once: "_qs + action});
        processes << process;
    }
    for (QProcess *process : std::as_const(processes)) {
        EXPECT_TRUE(process->waitForFinished(60000));
        EXPECT_EQ(process->exitCode(), 0) << process->readAllStandardError().toStdString();
        delete process;
    }
    db->reopen();
    for (const QString &action : {u"A1"_qs, u"A2"_qs, u"B1"_qs, u"B2"_qs})
        EXPECT_EQ(db->store->assessment(action).commentary, u"Set at once: "_qs + action);
    EXPECT_TRUE(db->store->verifyAuditChain().ok);
}
