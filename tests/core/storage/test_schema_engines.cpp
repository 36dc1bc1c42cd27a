#include "core/domain/error.h"
#include "core/storage/migrations.h"
#include "core/storage/sql.h"
#include "core/storage/sqldialect.h"
#include "core/storage/sqlitedialect.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QSqlQuery>

#include <gtest/gtest.h>

#include <memory>
#include <optional>

using namespace quorum;
using namespace quorum::test;

namespace quorum {

/** The engine's name in a failing test's message. */
void PrintTo(SqlDialect::Engine engine, std::ostream *out)
{
    *out << (engine == SqlDialect::Engine::Sqlite ? "SQLite" : "PostgreSQL");
}

} // namespace quorum

// The schema is written once and built by the same numbered migrations on both engines (docs/design.md,
// "Two engines"): these tests build it on an empty SQLite file and an empty PostgreSQL database and check
// that the tables, the guards and the evidence tally behave the same on both.

namespace {

using Engine = SqlDialect::Engine;

/** An empty database on one engine, open on a connection of its own. */
class EngineDatabase {
public:
    explicit EngineDatabase(Engine engine)
        : m_name(u"engine-%1"_qs.arg(s_count++))
    {
        if (engine == Engine::Sqlite) {
            m_db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, m_name);
            m_db.setDatabaseName(m_folder.path(u"schema.quorum"_qs));
            if (!m_db.open())
                throw std::runtime_error("cannot create the SQLite file");
            SqliteDialect::configure(m_db, false);
        } else {
            m_server = std::make_unique<TestPostgresDatabase>();
            m_db = openPostgres(m_server->server(), m_server->name(), m_name);
        }
    }
    ~EngineDatabase()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    EngineDatabase(const EngineDatabase &) = delete;
    EngineDatabase &operator=(const EngineDatabase &) = delete;

    const QSqlDatabase &db() const { return m_db; }

    /** The tables of the schema, sorted, each with its columns in declaration order. */
    QStringList tablesAndColumns() const
    {
        const bool sqlite = m_db.driverName() == u"QSQLITE"_qs;
        SqlQuery query(m_db, sqlite ? u"SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                                      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid"_qs
                                    : u"SELECT table_name, column_name FROM information_schema.columns "
                                      "WHERE table_schema = 'public' AND table_name <> 'quorum_schema' "
                                      "ORDER BY table_name, ordinal_position"_qs);
        query.exec();
        QStringList result;
        while (query.next())
            result << query.value(0).toString() + u'.' + query.value(1).toString();
        return result;
    }

private:
    static inline int s_count = 0;
    QString m_name;
    TempFolder m_folder;
    std::unique_ptr<TestPostgresDatabase> m_server;
    QSqlDatabase m_db;
};

/** Runs one statement with its values bound; the kind of its refusal, or none when it succeeded. */
std::optional<Error::Kind> refusalOf(const QSqlDatabase &db, const QString &sql,
                                     const QList<QPair<QString, QVariant>> &values = {})
{
    try {
        SqlQuery query(db, sql);
        for (const auto &[name, value] : values)
            query.bind(name, value);
        query.exec();
    } catch (const Error &error) {
        return error.kind();
    }
    return std::nullopt;
}

void exec(const QSqlDatabase &db, const QString &sql, const QList<QPair<QString, QVariant>> &values = {})
{
    const std::optional<Error::Kind> refusal = refusalOf(db, sql, values);
    ASSERT_FALSE(refusal) << sql.toStdString() << " was refused";
}

constexpr Error::Kind kConflict = Error::Kind::Conflict;

QMap<QString, int> tally(const QSqlDatabase &db)
{
    SqlQuery query(db, u"SELECT subject, n FROM evidence_tally"_qs);
    query.exec();
    QMap<QString, int> result;
    while (query.next())
        result.insert(query.value(0).toString(), query.value(1).toInt());
    return result;
}

class SchemaOnEachEngine : public ::testing::TestWithParam<Engine> {};

} // namespace

TEST_P(SchemaOnEachEngine, MigrationsBuildTheLatestVersionOnceAndMarkTheDatabase)
{
    EngineDatabase database(GetParam());
    const SqlDialect &dialect = SqlDialect::of(database.db());
    EXPECT_EQ(dialect.engine(), GetParam());
    EXPECT_EQ(dialect.schemaVersion(database.db()), 0); // an empty database is not yet Quorum's
    migrate(database.db());
    EXPECT_EQ(dialect.schemaVersion(database.db()), migrations().last().version);
    const QStringList tables = database.tablesAndColumns();
    migrate(database.db()); // nothing left to do
    EXPECT_EQ(database.tablesAndColumns(), tables);
}

TEST_P(SchemaOnEachEngine, MigrationsStopAtTheVersionAsked)
{
    EngineDatabase database(GetParam());
    migrate(database.db(), 2);
    EXPECT_EQ(SqlDialect::of(database.db()).schemaVersion(database.db()), 2);
    EXPECT_FALSE(database.tablesAndColumns().contains(u"evidence_tally.n"_qs));
    migrate(database.db());
    EXPECT_TRUE(database.tablesAndColumns().contains(u"evidence_tally.n"_qs));
}

TEST_P(SchemaOnEachEngine, TheAuditTrailRefusesUpdatesAndDeletes)
{
    EngineDatabase database(GetParam());
    const QSqlDatabase &db = database.db();
    migrate(db);
    exec(db,
         u"INSERT INTO audit (at, actor, entity, entity_id, field, prev_hash, hash) "
         "VALUES (:at, 'Helen', 'person', '1', 'name', '', 'h1')"_qs,
         {{u":at"_qs, u"2026-06-15T12:00:00.000Z"_qs}});
    // A file keeps the name the client gave; a server names the login (migration 8's stamp).
    const QString actor = SqlQuery(db, u"SELECT actor FROM audit"_qs).scalar().toString();
    EXPECT_EQ(actor, GetParam() == SqlDialect::Engine::Sqlite
                         ? u"Helen"_qs
                         : SqlQuery(db, u"SELECT session_user"_qs).scalar().toString());
    // The trigger's refusal reads as a conflict on both engines, as the Store's own checks do.
    EXPECT_EQ(refusalOf(db, u"UPDATE audit SET actor = 'Mallory'"_qs), kConflict);
    EXPECT_EQ(refusalOf(db, u"DELETE FROM audit"_qs), kConflict);
    EXPECT_EQ(SqlQuery(db, u"SELECT actor FROM audit"_qs).scalar().toString(), actor);
}

TEST_P(SchemaOnEachEngine, ASignedReviewAndItsItemsCannotBeChanged)
{
    EngineDatabase database(GetParam());
    const QSqlDatabase &db = database.db();
    migrate(db);
    exec(db, u"INSERT INTO review (id, name, meeting_date, created_at) VALUES (1, 'Open', '2026-06-01', 'x')"_qs);
    exec(db, u"INSERT INTO review (id, name, meeting_date, created_at, signed_at) "
             "VALUES (2, 'Signed', '2026-05-01', 'x', 'y')"_qs);
    const QString item = u"INSERT INTO review_item (review_id, action_id, rating, target, evidence_current, "
                         "evidence_expired) VALUES (:review, 'A1', 'limited', 'reasonable', 1, 0)"_qs;
    exec(db, item, {{u":review"_qs, 1}});
    EXPECT_EQ(refusalOf(db, item, {{u":review"_qs, 2}}), kConflict);
    EXPECT_EQ(refusalOf(db, u"UPDATE review SET decisions = 'later' WHERE id = 2"_qs), kConflict);
    EXPECT_EQ(refusalOf(db, u"DELETE FROM review WHERE id = 2"_qs), kConflict);
    EXPECT_EQ(SqlQuery(db, u"SELECT count(*) FROM review WHERE id = 2 AND decisions = ''"_qs).scalar().toInt(), 1);
    // The unsigned review stays open to change, items and all.
    exec(db, u"UPDATE review_item SET rating = 'substantial' WHERE review_id = 1"_qs);
    exec(db, u"DELETE FROM review WHERE id = 1"_qs);
    EXPECT_EQ(SqlQuery(db, u"SELECT count(*) FROM review_item"_qs).scalar().toInt(), 0);
}

TEST_P(SchemaOnEachEngine, TheEvidenceTallyFollowsEveryChangeOfItemsAndLinks)
{
    EngineDatabase database(GetParam());
    const QSqlDatabase &db = database.db();
    migrate(db);
    exec(db, u"INSERT INTO principle (id, position, title) VALUES ('A', 1, 'Risk')"_qs);
    for (const QString &action : {u"A1"_qs, u"A2"_qs, u"A3"_qs})
        exec(db,
             u"INSERT INTO action (id, principle_id, position, short_title, text) VALUES (:id, 'A', 1, 's', 't')"_qs,
             {{u":id"_qs, action}});
    const QString item = u"INSERT INTO evidence (id, title, type, source, url, created_at) "
                         "VALUES (:id, 'Risk register', 'other', 'management', 'https://intranet.example/r', 'x')"_qs;
    exec(db, item, {{u":id"_qs, 7}});
    exec(db, item, {{u":id"_qs, 8}});
    exec(db, u"INSERT INTO evidence_action (evidence_id, action_id) VALUES (7, 'A1'), (7, 'A2'), (8, 'A1')"_qs);
    EXPECT_EQ(tally(db), (QMap<QString, int>{{QString(), 2}, {u"A1"_qs, 2}, {u"A2"_qs, 1}}));
    exec(db, u"UPDATE evidence_action SET action_id = 'A3' WHERE action_id = 'A2'"_qs);
    EXPECT_EQ(tally(db), (QMap<QString, int>{{QString(), 2}, {u"A1"_qs, 2}, {u"A3"_qs, 1}}));
    exec(db, u"DELETE FROM evidence WHERE id = 8"_qs);
    EXPECT_EQ(tally(db), (QMap<QString, int>{{QString(), 1}, {u"A1"_qs, 1}, {u"A3"_qs, 1}}));
    exec(db, u"DELETE FROM evidence WHERE id = 7"_qs); // its links go with it, and their counts
    EXPECT_TRUE(tally(db).isEmpty());
}

namespace {

std::string engineName(const ::testing::TestParamInfo<Engine> &engine)
{
    return engine.param == Engine::Sqlite ? "SQLite" : "PostgreSQL";
}

} // namespace

INSTANTIATE_TEST_SUITE_P(Engines, SchemaOnEachEngine, ::testing::Values(Engine::Sqlite, Engine::Postgres), engineName);

TEST(SchemaEngines, BothEnginesHaveTheSameTablesAndColumns)
{
    EngineDatabase sqlite(Engine::Sqlite);
    EngineDatabase postgres(Engine::Postgres);
    migrate(sqlite.db());
    migrate(postgres.db());
    const QStringList tables = sqlite.tablesAndColumns();
    EXPECT_GT(tables.size(), 80);
    EXPECT_EQ(postgres.tablesAndColumns(), tables);
}

TEST(SchemaEngines, APostgresDatabaseOfAnotherProgramIsNotQuorums)
{
    EngineDatabase postgres(Engine::Postgres);
    SqlDialect::execDefinition(postgres.db(), u"CREATE TABLE invoices (id bigint PRIMARY KEY)"_qs);
    EXPECT_EQ(SqlDialect::of(postgres.db()).schemaVersion(postgres.db()), 0);
}
