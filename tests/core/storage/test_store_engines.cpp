#include "core/domain/catalogue.h"
#include "core/samples/demodata.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"
#include "everychange.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QScopeGuard>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

// The Store is written once for both engines: the same intent methods, run on a file and on the throwaway
// PostgreSQL server, must leave the same record, row for row, and the same audit trail, hash for hash.

namespace {

/** Every audit row as text: its id, time, who, what and both hashes. */
QStringList auditRows(const QSqlDatabase &db)
{
    SqlQuery query(db, u"SELECT id, at, actor, acting_as, entity, entity_id, field, old_value, new_value, "
                       "prev_hash, hash FROM audit ORDER BY id"_qs);
    query.exec();
    QStringList rows;
    while (query.next()) {
        QStringList fields;
        for (int column = 0; column < 11; ++column)
            fields << query.value(column).toString();
        rows << fields.join(u'|');
    }
    return rows;
}

} // namespace

TEST(StoreOnBothEngines, TheDemoOrganisationIsTheSameRecordRowForRowAndHashForHash)
{
    // Opening writes the catalogue's audit row at the time QUORUM_NOW pins, as the CLI's tests do.
    qputenv("QUORUM_NOW", "2026-06-15T12:00:00Z");
    const auto restore = qScopeGuard([] { qunsetenv("QUORUM_NOW"); });
    const auto file = createDatabase();
    TestPostgresDatabase server;
    const auto serverDatabase = Database::openServer(ServerConnection::parse(server.connectionString()),
                                                     Database::Mode::CreateNew, Catalogue::builtIn());
    Store serverStore(*serverDatabase, fixedClock());
    DemoData::populate(*file->store, fixedToday());
    DemoData::populate(serverStore, fixedToday());

    const QStringList fileState = recordState(file->database->connection());
    EXPECT_GT(fileState.size(), 200);
    const QStringList serverState = recordState(serverDatabase->connection());
    ASSERT_EQ(serverState.size(), fileState.size());
    for (qsizetype row = 0; row < fileState.size(); ++row)
        ASSERT_EQ(serverState[row].toStdString(), fileState[row].toStdString());
    // The trail is the same but for who: a file keeps the name the client gave ("demo"), a server names the
    // login (migration 8's stamp), and so each row's hash, and the next row's link to it, differ too.
    const auto withoutWho = [](const QString &row) {
        QStringList fields = row.split(u'|');
        fields[2].clear();
        fields[9].clear();
        fields[10].clear();
        return fields.join(u'|');
    };
    const QStringList fileTrail = auditRows(file->database->connection());
    const QStringList serverTrail = auditRows(serverDatabase->connection());
    const QString login = ServerConnection::parse(server.connectionString()).value(u"user"_qs);
    ASSERT_EQ(serverTrail.size(), fileTrail.size());
    for (qsizetype row = 0; row < fileTrail.size(); ++row) {
        ASSERT_EQ(withoutWho(serverTrail[row]).toStdString(), withoutWho(fileTrail[row]).toStdString())
            << "audit row " << row + 1;
        ASSERT_EQ(serverTrail[row].section(u'|', 2, 2), login) << "audit row " << row + 1;
    }
    const ChainCheck chain = AuditTrail::verify(serverDatabase->connection());
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    EXPECT_EQ(chain.rows, fileTrail.size());
}
