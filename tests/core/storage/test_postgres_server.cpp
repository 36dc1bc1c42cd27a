#include "postgresserver.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <gtest/gtest.h>

using namespace quorum::test;

// The throwaway server that the suites on both engines will run against (tests/tools/pgcluster.sh): these
// tests prove that it is PostgreSQL 15, that Qt's driver reaches it over its unix socket, and that text and
// bytes travel through bound values unchanged.

TEST(PostgresServer, IsVersion15OnAUnixSocket)
{
    TestPostgresDatabase database;
    {
        QSqlDatabase db = openPostgres(database.server(), database.name(), u"version"_qs);
        QSqlQuery query(db);
        ASSERT_TRUE(query.exec(u"SELECT current_setting('server_version_num')::int, "
                               "current_setting('listen_addresses'), inet_server_addr() IS NULL"_qs));
        ASSERT_TRUE(query.next());
        EXPECT_EQ(query.value(0).toInt() / 10000, 15);
        EXPECT_EQ(query.value(1).toString(), QString()); // nothing listens on the network
        EXPECT_TRUE(query.value(2).toBool());            // this connection came through the socket
    }
    QSqlDatabase::removeDatabase(u"version"_qs);
}

TEST(PostgresServer, TextAndBytesTravelThroughBoundValuesUnchanged)
{
    TestPostgresDatabase database;
    {
        QSqlDatabase db = openPostgres(database.server(), database.name(), u"binding"_qs);
        QSqlQuery query(db);
        ASSERT_TRUE(
            query.exec(u"CREATE TABLE item (id bigint PRIMARY KEY, title text NOT NULL, content bytea NOT NULL)"_qs));
        QByteArray everyByte;
        for (int value = 0; value < 256; ++value)
            everyByte.append(char(value));
        const QString hostile = u"Robert'); DROP TABLE item; -- \u00ABd\u00E9j\u00E0 vu\u00BB $1 :title \\x00"_qs;
        ASSERT_TRUE(query.prepare(u"INSERT INTO item (id, title, content) VALUES (:id, :title, :content)"_qs));
        query.bindValue(u":id"_qs, QVariant::fromValue<qint64>(1));
        query.bindValue(u":title"_qs, hostile);
        query.bindValue(u":content"_qs, everyByte);
        ASSERT_TRUE(query.exec());
        ASSERT_TRUE(query.exec(u"SELECT title, content, octet_length(content) FROM item WHERE id = 1"_qs));
        ASSERT_TRUE(query.next());
        EXPECT_EQ(query.value(0).toString(), hostile);
        EXPECT_EQ(query.value(1).toByteArray(), everyByte);
        EXPECT_EQ(query.value(2).toInt(), 256);
    }
    QSqlDatabase::removeDatabase(u"binding"_qs);
}

TEST(PostgresServer, EachTestDatabaseIsEmptyAndItsOwn)
{
    TestPostgresDatabase first;
    TestPostgresDatabase second;
    EXPECT_NE(first.name(), second.name());
    {
        QSqlDatabase a = openPostgres(first.server(), first.name(), u"first"_qs);
        QSqlDatabase b = openPostgres(second.server(), second.name(), u"second"_qs);
        QSqlQuery inFirst(a);
        ASSERT_TRUE(inFirst.exec(u"CREATE TABLE only_here (id int)"_qs));
        QSqlQuery inSecond(b);
        ASSERT_TRUE(inSecond.exec(u"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"_qs));
        ASSERT_TRUE(inSecond.next());
        EXPECT_EQ(inSecond.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(u"first"_qs);
    QSqlDatabase::removeDatabase(u"second"_qs);
}
