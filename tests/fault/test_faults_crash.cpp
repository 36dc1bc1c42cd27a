// Crash safety: a process editing the database is killed (SIGKILL) at random points; after every kill the
// file is sound, every edit the process reported as committed is there, and the audit chain verifies.
#include "core/domain/catalogue.h"
#include "core/storage/database.h"
#include "faultedits.h"
#include "faultprocess.h"
#include "testsupport.h"

#include <QElapsedTimer>

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

using namespace quorum;
using namespace quorum::test;

namespace {

/** The number in a "committed N" line, or -1. */
qint64 committedNumber(const QString &line)
{
    if (!line.startsWith(u"committed "_qs))
        return -1;
    bool ok = false;
    const qint64 n = line.mid(10).toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

TEST(CrashSafety, KillingAnEditingProcessNeverLosesACommittedEditOrDamagesTheFile)
{
    auto db = createDatabase();
    const QString path = db->path;
    db->close();

    constexpr int kKills = 60;
    std::mt19937 random(20260615); // seeded: the same kill points every run
    std::uniform_int_distribution<int> editsBeforeKill(1, 6);
    QList<qint64> allCommitted;
    qint64 next = 0;
    QElapsedTimer timer;
    timer.start();
    for (int round = 0; round < kKills; ++round) {
        SCOPED_TRACE(QStringLiteral("kill %1").arg(round + 1).toStdString());
        const int wanted = editsBeforeKill(random);
        QList<qint64> committed;
        {
            FaultHelper child({u"edit"_qs, path, QString::number(next), u"0"_qs});
            while (committed.size() < wanted) {
                const QString line = child.readLine();
                const qint64 n = committedNumber(line);
                ASSERT_GE(n, 0) << "the editing process stopped: " << line.toStdString() << " "
                                << child.errorOutput().toStdString();
                committed << n;
            }
            // It is already busy with the next edit: kill it there.
            child.kill();
            for (const QString &line : child.remainingLines()) {
                if (committedNumber(line) >= 0)
                    committed << committedNumber(line);
            }
        }
        // The edit in progress at the kill may or may not have landed; the next process skips its number.
        next = committed.constLast() + 2;
        allCommitted << committed;

        auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
        ASSERT_EQ(database->integrityCheck(), u"ok"_qs);
        Store store(*database, fault::clock());
        const ChainCheck chain = store.verifyAuditChain();
        ASSERT_TRUE(chain.ok) << chain.problem.toStdString();
        ASSERT_TRUE(store.verifyEvidence().isEmpty()) << "a stored file was left half-written";
        for (const qint64 n : std::as_const(committed)) {
            const QString missing = fault::checkEdit(store, n);
            ASSERT_TRUE(missing.isEmpty()) << missing.toStdString();
        }
    }

    // Once more at the end, every edit of every round.
    auto database = Database::open(path, Database::Mode::OpenExisting, Catalogue::builtIn());
    Store store(*database, fault::clock());
    for (const qint64 n : std::as_const(allCommitted))
        EXPECT_TRUE(fault::checkEdit(store, n).isEmpty()) << fault::checkEdit(store, n).toStdString();
    EXPECT_GE(allCommitted.size(), kKills);
    std::printf("%d kills, %lld committed edits checked, in %lld ms\n", kKills,
                static_cast<long long>(allCommitted.size()), static_cast<long long>(timer.elapsed()));
}
