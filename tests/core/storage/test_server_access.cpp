#include "core/domain/access.h"
#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/interchange/frameworklibrary.h"
#include "core/samples/demodata.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/serveraccess.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/storage/sqldialect.h"
#include "core/storage/store.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QSqlError>
#include <QSqlQuery>

#include <gtest/gtest.h>

#include <memory>

using namespace quorum;
using namespace quorum::test;

// Access by role on a server (issue 16): what each role may write is decided by the server. These tests
// connect as each role with a plain SQL connection, not through Quorum, and try every kind of write.

namespace {

const QDateTime kNow(QDate(2026, 6, 15), QTime(12, 0), Qt::UTC);

/** A demo record on its own database of the test server, with access by role on and one login per role. */
class ServerAccessTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        database = Database::openServer(ServerConnection::parse(server.connectionString()), Database::Mode::CreateNew,
                                        Catalogue::builtIn());
        store = std::make_unique<Store>(*database, Clock(kNow));
        DemoData::populate(*store, kNow.date());
        unsignedReview = store->createReview(u"Access test review"_qs, kNow.date());
        ServerAccess(*store).enable(QString());
        prefix = ServerAccess::prefixOf(database->connection()).value_or(QString());
    }

    void TearDown() override
    {
        for (const QString &name : std::as_const(openConnections))
            QSqlDatabase::removeDatabase(name);
    }

    /** A login of this test's own (roles belong to the whole server): "<database>_<word>". */
    QString login(const QString &word) const { return server.name() + u"_"_qs + word; }

    /** The connection string as @p user. */
    QString connectionAs(const QString &user) const
    {
        return u"host=%1 user=%2 dbname=%3"_qs.arg(server.server().socketDir, user, server.name());
    }

    /** A plain SQL connection as @p user, as any program on the network could open. */
    QSqlDatabase plainConnection(const QString &user)
    {
        PostgresServer as = server.server();
        as.user = user;
        const QString name = u"plain-%1"_qs.arg(user);
        openConnections << name;
        return openPostgres(as, server.name(), name);
    }

    qint64 personId(const QString &name) const
    {
        for (const Person &person : store->people()) {
            if (person.name == name)
                return person.id;
        }
        ADD_FAILURE() << "no person " << name.toStdString();
        return 0;
    }

    TestPostgresDatabase server;
    std::unique_ptr<Database> database;
    std::unique_ptr<Store> store;
    qint64 unsignedReview = 0;
    QString prefix;
    QStringList openConnections;
};

/** What one statement did: carried out (changing rows), refused by the server, or something else. */
enum class Outcome { Done, Refused, FailedOtherwise };

/**
 * Runs @p statement in a transaction that is rolled back, so the next try starts from the same record. A write
 * refused for the role is SQLSTATE 42501, or (row-level security) a change that reaches no row.
 */
Outcome attempt(QSqlDatabase &db, const QString &statement, QString *why)
{
    QSqlQuery begin(db);
    begin.exec(u"BEGIN"_qs);
    QSqlQuery query(db);
    Outcome outcome = Outcome::Done;
    if (!query.exec(statement)) {
        *why = query.lastError().nativeErrorCode() + u" "_qs + query.lastError().databaseText();
        outcome = query.lastError().nativeErrorCode() == u"42501"_qs ? Outcome::Refused : Outcome::FailedOtherwise;
    } else if (query.isSelect() ? false : query.numRowsAffected() == 0) {
        *why = u"no row changed"_qs;
        outcome = Outcome::Refused;
    }
    QSqlQuery rollback(db);
    rollback.exec(u"ROLLBACK"_qs);
    return outcome;
}

} // namespace

TEST_F(ServerAccessTest, EachRoleMayWriteOnlyWhatTheMatrixGivesItAndTheServerRefusesEveryOtherWrite)
{
    ASSERT_FALSE(prefix.isEmpty());
    const qint64 helen = personId(u"Helen Marsh"_qs);
    const qint64 david = personId(u"David Okafor"_qs);
    ServerAccess access(*store);
    access.grant(login(u"director"_qs), AccessRole::Director, u"Helen Marsh"_qs);
    access.grant(login(u"ciso"_qs), AccessRole::Ciso, u"Claire Dunmore"_qs);
    access.grant(login(u"secretary"_qs), AccessRole::Secretary);
    access.grant(login(u"auditor"_qs), AccessRole::Auditor);
    access.grant(login(u"admin"_qs), AccessRole::Admin);
    const QString auditRow = u"INSERT INTO audit (id, at, actor, acting_as, entity, entity_id, field, old_value, "
                             "new_value, prev_hash, hash) VALUES (1, '2026-06-15', 'x', '', 'assessment', 'A1', "
                             "'rating', NULL, 'x', 'x', 'x')"_qs;

    using R = AccessRole;
    struct Write {
        const char *what;
        QString sql;
        QList<AccessRole> allowed;
    };
    const QList<Write> writes{
        {"rate an assessment", u"UPDATE assessment SET rating = 'limited' WHERE action_id = 'A1'"_qs, {R::Ciso}},
        {"move an assessment to another action",
         u"UPDATE assessment SET action_id = 'Z9' WHERE action_id = 'A1'"_qs,
         {}},
        {"add evidence",
         u"INSERT INTO evidence (title, type, source, url, created_at) VALUES ('t', 'policy', 'management', "
         "'https://example.org', '2026-06-15')"_qs,
         {R::Ciso}},
        {"remove evidence", u"DELETE FROM evidence WHERE id = (SELECT min(id) FROM evidence)"_qs, {R::Ciso}},
        {"store a file", u"INSERT INTO blob (sha256, size, data) VALUES ('ab', 1, '\\x00')"_qs, {R::Ciso}},
        {"record a metric reading",
         u"INSERT INTO metric_reading (metric_id, taken_on, value) SELECT min(id), '2026-06-15', 1 FROM metric"_qs,
         {R::Ciso}},
        {"record an incident",
         u"INSERT INTO event (kind, occurred_on, title) VALUES ('incident', '2026-06-15', 'x')"_qs,
         {R::Ciso}},
        {"create a board review",
         u"INSERT INTO review (name, meeting_date, created_at) VALUES ('x', '2026-06-15', '2026-06-15')"_qs,
         {R::Secretary}},
        {"create a board review already signed",
         u"INSERT INTO review (name, meeting_date, created_at, signed_by, signed_at) VALUES ('x', '2026-06-15', "
         "'2026-06-15', %1, '2026-06-15T12:00:00.000Z')"_qs.arg(helen),
         {}},
        {"record decisions sought",
         u"UPDATE review SET decisions = 'x' WHERE id = %1"_qs.arg(unsignedReview),
         {R::Secretary}},
        {"write a signature without the sign-off function",
         u"UPDATE review SET signed_by = %1, signed_at = '2026-06-15' WHERE id = %2"_qs.arg(helen).arg(unsignedReview),
         {}},
        {"sign off as oneself",
         u"SELECT quorum_sign_off(%1, %2, '2026-06-15T12:00:00.000Z', NULL, NULL)"_qs.arg(unsignedReview).arg(helen),
         {R::Director, R::Secretary}},
        {"sign off as another director",
         u"SELECT quorum_sign_off(%1, %2, '2026-06-15T12:00:00.000Z', NULL, NULL)"_qs.arg(unsignedReview).arg(david),
         {R::Secretary}},
        {"rename the organisation", u"UPDATE organisation SET name = 'x'"_qs, {R::Secretary}},
        {"add a person", u"INSERT INTO person (name, role, is_board) VALUES ('x', 'y', 0)"_qs, {R::Secretary}},
        {"add a person already linked to a login",
         u"INSERT INTO person (name, role, is_board, login) VALUES ('x', 'y', 0, 'x')"_qs,
         {}},
        {"link a person to a login", u"UPDATE person SET login = 'x' WHERE id = %1"_qs.arg(david), {R::Admin}},
        {"record one's own training",
         u"INSERT INTO training (person_id, course, completed) VALUES (%1, 'c', '2026-06-15')"_qs.arg(helen),
         {R::Director, R::Secretary}},
        {"record another director's training",
         u"INSERT INTO training (person_id, course, completed) VALUES (%1, 'c', '2026-06-15')"_qs.arg(david),
         {R::Secretary}},
        {"change another director's training",
         u"UPDATE training SET course = 'x' WHERE person_id = %1"_qs.arg(david),
         {R::Secretary}},
        {"write a row of the trail", auditRow, {R::Director, R::Ciso, R::Secretary, R::Admin}},
        {"rewrite the trail", u"UPDATE audit SET actor = 'x' WHERE id = 1"_qs, {}},
        {"delete the trail", u"DELETE FROM audit"_qs, {}},
        {"turn off the trail's stamp", u"ALTER TABLE audit DISABLE TRIGGER audit_stamp"_qs, {}},
        {"change the catalogue", u"UPDATE action SET text = 'x' WHERE id = 'A1'"_qs, {}},
        // Which frameworks the organisation follows, its role and their owners are the secretary's; their wording and
        // items are the owner's, as the built-in catalogue's are (an admin imports a library as the owner).
        {"follow a framework",
         u"UPDATE framework SET enabled = 1, row_version = row_version + 1 WHERE key = 'ssc'"_qs,
         {R::Secretary}},
        {"name a framework's owner",
         u"UPDATE framework SET owner_id = %1 WHERE key = 'ssc'"_qs.arg(helen),
         {R::Secretary}},
        {"reword a framework", u"UPDATE framework SET title = 'x' WHERE key = 'ssc'"_qs, {}},
        {"add an item to a framework",
         u"INSERT INTO action (id, principle_id, position, short_title, text, framework, reference) VALUES "
         "('ssc:9.9', 'ssc:1', 99, 'x', 'x', 'ssc', '9.9')"_qs,
         {}},
        {"change the schema version", u"UPDATE quorum_schema SET version = 99"_qs, {}},
        {"change the roles' prefix", u"UPDATE quorum_access SET role_prefix = 'x'"_qs, {}},
        {"drop a table", u"DROP TABLE event_action"_qs, {}},
        {"create a table", u"CREATE TABLE intruder (x int)"_qs, {}},
    };
    store.reset();
    database.reset(); // nothing of Quorum's own is connected while the roles try

    int checked = 0;
    for (const AccessRole role : allAccessRoles()) {
        QSqlDatabase db = plainConnection(login(accessRoleWord(role)));
        for (const Write &write : writes) {
            QString why;
            const Outcome outcome = attempt(db, write.sql, &why);
            const bool allowed = write.allowed.contains(role);
            if (allowed)
                EXPECT_EQ(outcome, Outcome::Done)
                    << accessRoleWord(role).toStdString() << " may " << write.what << ": " << why.toStdString();
            else
                EXPECT_EQ(outcome, Outcome::Refused)
                    << accessRoleWord(role).toStdString() << " may not " << write.what << ", and the server "
                    << (outcome == Outcome::Done ? "let it" : "failed otherwise: ") << why.toStdString();
            ++checked;
        }
        // Everyone reads everything, the trail and stored files included.
        for (const QString &table : {u"audit"_qs, u"blob"_qs, u"person"_qs, u"training"_qs, u"review"_qs}) {
            QSqlQuery read(db);
            EXPECT_TRUE(read.exec(u"SELECT count(*) FROM %1"_qs.arg(table)))
                << accessRoleWord(role).toStdString() << " reads " << table.toStdString();
        }
    }
    EXPECT_EQ(checked, writes.size() * allAccessRoles().size());
}

TEST_F(ServerAccessTest, NoLoginOwnsTheRecordIsASuperuserOrBypassesRowSecurity)
{
    ServerAccess(*store).grant(login(u"ciso"_qs), AccessRole::Ciso);
    QSqlDatabase db = database->connection();
    const QString owner = ServerAccess::ownerRole(prefix);
    // Every table and function of the record belongs to the owner role, which cannot sign in.
    EXPECT_EQ(SqlQuery(db, u"SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE "
                           "c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'S') AND "
                           "r.rolname <> CAST(:owner AS text)"_qs)
                  .bind(u":owner"_qs, owner)
                  .scalar()
                  .toInt(),
              0);
    EXPECT_EQ(SqlQuery(db, u"SELECT count(*) FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner WHERE "
                           "p.pronamespace = current_schema()::regnamespace AND r.rolname <> CAST(:owner AS text)"_qs)
                  .bind(u":owner"_qs, owner)
                  .scalar()
                  .toInt(),
              0);
    QStringList roles{owner};
    for (const AccessRole role : allAccessRoles())
        roles << ServerAccess::groupRole(prefix, role);
    for (const QString &role : std::as_const(roles)) {
        SqlQuery attributes(db, u"SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE "
                                "rolname = :name"_qs);
        attributes.bind(u":name"_qs, role).exec();
        ASSERT_TRUE(attributes.next()) << role.toStdString();
        for (int column = 0; column < 4; ++column)
            EXPECT_FALSE(attributes.value(column).toBool()) << role.toStdString() << " column " << column;
    }
    // Only the sign-off function runs as its owner, with a search path of its own, and not for everyone.
    EXPECT_EQ(SqlQuery(db, u"SELECT string_agg(proname, ',') FROM pg_proc WHERE pronamespace = "
                           "current_schema()::regnamespace AND prosecdef"_qs)
                  .scalar()
                  .toString(),
              u"quorum_sign_off"_qs);
    EXPECT_TRUE(SqlQuery(db, u"SELECT proconfig::text LIKE '%search_path%' FROM pg_proc WHERE proname = "
                             "'quorum_sign_off'"_qs)
                    .scalar()
                    .toBool());
    EXPECT_FALSE(
        SqlQuery(db, u"SELECT has_function_privilege('public', 'quorum_sign_off(bigint, bigint, text, text, text)', "
                     "'EXECUTE')"_qs)
            .scalar()
            .toBool());
    // A superuser is not given a role: the server would hold it to none.
    try {
        ServerAccess(*store).grant(server.server().user, AccessRole::Director);
        FAIL() << "a superuser was given a role";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::InvalidInput);
        EXPECT_TRUE(error.message().contains(u"superuser"_qs)) << error.message().toStdString();
    }
}

TEST_F(ServerAccessTest, TheTrailNamesTheLoginWhateverTheClientClaimsAndItsChainCannotBeForked)
{
    ServerAccess(*store).grant(login(u"ciso"_qs), AccessRole::Ciso, u"Claire Dunmore"_qs);
    const qint64 rowsBefore = AuditTrail::rowCount(database->connection());

    // Through Quorum, claiming another operating-system user and acting as the Chair.
    {
        auto asCiso = Database::openServer(ServerConnection::parse(connectionAs(login(u"ciso"_qs))),
                                           Database::Mode::OpenExisting, Catalogue::builtIn());
        Store ciso(*asCiso, Clock(kNow));
        ciso.setActor(u"helen.marsh"_qs, u"Helen Marsh"_qs);
        ciso.updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, u"Seen by the ciso"_qs}});
    }
    AuditFilter newest;
    newest.limit = 1;
    const QList<AuditEntry> last = AuditTrail::entries(database->connection(), newest);
    ASSERT_EQ(last.size(), 1);
    EXPECT_EQ(last.constFirst().record.actor, login(u"ciso"_qs));
    EXPECT_EQ(last.constFirst().record.actingAs, u"Helen Marsh"_qs); // on whose behalf, beside the real login
    EXPECT_EQ(last.constFirst().id, rowsBefore + 1);

    // By hand, with a plain connection: another's name, an id and a link of its own, a made-up hash.
    QSqlDatabase plain = plainConnection(login(u"ciso"_qs));
    QSqlQuery forged(plain);
    ASSERT_TRUE(
        forged.exec(u"INSERT INTO audit (id, at, actor, acting_as, entity, entity_id, field, old_value, "
                    "new_value, prev_hash, hash) VALUES (1, '2020-01-01T00:00:00.000Z', '%1', '', "
                    "'assessment', 'A1', 'rating', NULL, 'substantial', 'genesis', 'forged') RETURNING id"_qs.arg(
                        login(u"director"_qs))))
        << forged.lastError().text().toStdString();
    const QList<AuditEntry> stamped = AuditTrail::entries(database->connection(), newest);
    ASSERT_EQ(stamped.size(), 1);
    EXPECT_EQ(stamped.constFirst().id, rowsBefore + 2);
    EXPECT_EQ(stamped.constFirst().record.actor, login(u"ciso"_qs));
    EXPECT_EQ(stamped.constFirst().prevHash, last.constFirst().hash);
    const ChainCheck chain = AuditTrail::verify(database->connection());
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    EXPECT_EQ(chain.rows, rowsBefore + 2);
}

TEST_F(ServerAccessTest, RolesAreGivenTakenAndListedByTheServerAndEachChangeIsInTheTrail)
{
    ServerAccess access(*store);
    const QString director = login(u"director"_qs);
    access.grant(director, AccessRole::Director, u"helen marsh"_qs);
    access.grant(director, AccessRole::Auditor);
    QList<AccessMember> members = access.members();
    ASSERT_EQ(members.size(), 2); // the login that turned access on is its first admin
    const auto find = [&members](const QString &login) -> const AccessMember * {
        for (const AccessMember &member : members) {
            if (member.login == login)
                return &member;
        }
        return nullptr;
    };
    ASSERT_NE(find(director), nullptr);
    EXPECT_EQ(find(director)->roles, (QList<AccessRole>{AccessRole::Director, AccessRole::Auditor}));
    EXPECT_EQ(find(director)->person, u"Helen Marsh"_qs);
    ASSERT_NE(find(server.server().user), nullptr);
    EXPECT_EQ(find(server.server().user)->roles, QList<AccessRole>{AccessRole::Admin});

    // What a session of that login may do, as the server says.
    {
        auto asDirector = Database::openServer(ServerConnection::parse(connectionAs(director)),
                                               Database::Mode::OpenExisting, Catalogue::builtIn());
        const SessionAccess me = ServerAccess::session(asDirector->connection());
        EXPECT_EQ(me.login, director);
        EXPECT_TRUE(me.enforced);
        EXPECT_FALSE(me.unrestricted);
        EXPECT_FALSE(me.mayCreateRoles);
        EXPECT_EQ(me.roles, (QList<AccessRole>{AccessRole::Director, AccessRole::Auditor}));
        EXPECT_TRUE(me.may(Capability::SignOffReviews));
        EXPECT_FALSE(me.may(Capability::EditAssessments));
        EXPECT_TRUE(me.whyNot(Capability::EditAssessments).contains(u"CISO"_qs));
    }

    access.revoke(director, AccessRole::Auditor);
    members = access.members();
    ASSERT_NE(find(director), nullptr);
    EXPECT_EQ(find(director)->roles, QList<AccessRole>{AccessRole::Director});

    AuditFilter filter;
    filter.entity = u"access"_qs;
    QStringList changes;
    for (const AuditEntry &entry : AuditTrail::entries(database->connection(), filter))
        changes << entry.record.entityId + u": "_qs + entry.record.oldValue + u" -> "_qs + entry.record.newValue;
    EXPECT_EQ(changes,
              (QStringList{prefix + u": "_qs + u" -> on, roles %1_*; %2 is admin"_qs.arg(prefix, server.server().user),
                           director + u":  -> director"_qs, director + u": director -> director, auditor"_qs,
                           director + u": director, auditor -> director"_qs}));
    filter.entity = u"person"_qs;
    filter.entityId = u"Helen Marsh"_qs;
    const QList<AuditEntry> link = AuditTrail::entries(database->connection(), filter);
    ASSERT_FALSE(link.isEmpty());
    EXPECT_EQ(link.constLast().record.field, u"login"_qs);
    EXPECT_EQ(link.constLast().record.newValue, director);
}

TEST_F(ServerAccessTest, WrongGrantsAreRefusedWithAReasonAndChangeNothing)
{
    ServerAccess access(*store);
    const QString director = login(u"director"_qs);
    access.grant(director, AccessRole::Director, u"Helen Marsh"_qs);
    const QByteArray before = recordFingerprint(server.connectionString());
    const auto expectRefused = [&](const std::function<void()> &change, Error::Kind kind, const QString &words) {
        try {
            change();
            ADD_FAILURE() << "not refused: " << words.toStdString();
        } catch (const Error &error) {
            EXPECT_EQ(error.kind(), kind) << error.message().toStdString();
            EXPECT_TRUE(error.message().contains(words)) << error.message().toStdString();
        }
    };
    expectRefused([&] { access.enable(QString()); }, Error::Kind::Conflict, u"already on"_qs);
    expectRefused([&] { access.grant(u"pg_monitor"_qs, AccessRole::Auditor); }, Error::Kind::InvalidInput,
                  u"not a login name"_qs);
    expectRefused([&] { access.grant(u"x\"; DROP TABLE audit; --"_qs, AccessRole::Auditor); },
                  Error::Kind::InvalidInput, u"not a login name"_qs);
    expectRefused([&] { access.grant(ServerAccess::groupRole(prefix, AccessRole::Ciso), AccessRole::Auditor); },
                  Error::Kind::InvalidInput, u"own roles"_qs);
    expectRefused([&] { access.grant(login(u"other"_qs), AccessRole::Director, u"Nobody Known"_qs); },
                  Error::Kind::NotFound, u"Nobody Known"_qs);
    expectRefused([&] { access.grant(login(u"other"_qs), AccessRole::Director, u"Helen Marsh"_qs); },
                  Error::Kind::Conflict, u"already linked"_qs);
    expectRefused([&] { access.grant(director, AccessRole::Director, u"David Okafor"_qs); }, Error::Kind::Conflict,
                  u"already linked"_qs);
    expectRefused([&] { access.revoke(director, AccessRole::Ciso); }, Error::Kind::NotFound, u"does not hold"_qs);
    EXPECT_EQ(recordFingerprint(server.connectionString()), before);

    // A login that may not create roles cannot turn access on, and another record may not reuse the prefix.
    TestPostgresDatabase other;
    auto otherRecord = Database::openServer(ServerConnection::parse(other.connectionString()),
                                            Database::Mode::CreateNew, Catalogue::builtIn());
    Store otherStore(*otherRecord, Clock(kNow));
    expectRefused([&] { ServerAccess(otherStore).enable(prefix); }, Error::Kind::Conflict, u"already has a role"_qs);
    expectRefused([&] { ServerAccess(otherStore).enable(u"Not A Prefix"_qs); }, Error::Kind::InvalidInput,
                  u"cannot name"_qs);
    expectRefused([&] { ServerAccess(otherStore).grant(director, AccessRole::Ciso); }, Error::Kind::InvalidInput,
                  u"not set up"_qs);
    // The director may read and write that record's tables (access by role is off there), not create roles.
    rawSql(other.connectionString(), {u"GRANT ALL ON ALL TABLES IN SCHEMA public TO %1"_qs.arg(director)});
    // The director may read and write that record's tables (access by role is off there), not create roles.
    rawSql(other.connectionString(), {u"GRANT ALL ON ALL TABLES IN SCHEMA public TO %1"_qs.arg(director)});
    auto asDirector = Database::openServer(
        ServerConnection::parse(u"host=%1 user=%2 dbname=%3"_qs.arg(other.server().socketDir, director, other.name())),
        Database::Mode::OpenExisting, Catalogue::builtIn());
    Store directorStore(*asDirector, Clock(kNow));
    expectRefused([&] { ServerAccess(directorStore).enable(u"quorum_never"_qs); }, Error::Kind::NotPermitted,
                  u"may not create roles"_qs);
}

TEST_F(ServerAccessTest, OnlyAnAdminActsAsTheOwnerToUpgradeTheRecord)
{
    ServerAccess access(*store);
    access.grant(login(u"director"_qs), AccessRole::Director);
    access.grant(login(u"admin"_qs), AccessRole::Admin);
    {
        QSqlDatabase director = plainConnection(login(u"director"_qs));
        try {
            ActingAsRecordOwner owner(director);
            FAIL() << "a director acted as the owner";
        } catch (const Error &error) {
            EXPECT_EQ(error.kind(), Error::Kind::NotPermitted);
            EXPECT_TRUE(error.message().contains(ServerAccess::groupRole(prefix, AccessRole::Admin)));
        }
    }
    QSqlDatabase admin = plainConnection(login(u"admin"_qs));
    {
        ActingAsRecordOwner owner(admin);
        EXPECT_EQ(SqlQuery(admin, u"SELECT current_user"_qs).scalar().toString(), ServerAccess::ownerRole(prefix));
        EXPECT_EQ(SqlQuery(admin, u"SELECT session_user"_qs).scalar().toString(), login(u"admin"_qs));
    }
    EXPECT_EQ(SqlQuery(admin, u"SELECT current_user"_qs).scalar().toString(), login(u"admin"_qs));
    // An admin edits no data by default.
    QString why;
    EXPECT_EQ(attempt(admin, u"UPDATE assessment SET rating = 'none' WHERE action_id = 'A1'"_qs, &why),
              Outcome::Refused);
}

TEST(ServerAccessOnAFile, IsRefusedWithAReasonAndAFileSessionIsUnrestricted)
{
    TempFolder folder;
    auto database = Database::open(folder.path(u"record.quorum"_qs), Database::Mode::CreateNew, Catalogue::builtIn());
    Store store(*database, Clock(kNow));
    try {
        ServerAccess access(store);
        FAIL() << "access by role was offered for a file";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::InvalidInput);
        EXPECT_TRUE(error.message().contains(u"server"_qs));
    }
    const SessionAccess session = ServerAccess::session(database->connection());
    EXPECT_FALSE(session.enforced);
    EXPECT_TRUE(session.login.isEmpty());
    EXPECT_TRUE(session.may(Capability::Administer));
    EXPECT_TRUE(session.whyNot(Capability::EditAssessments).isEmpty());
    EXPECT_FALSE(ServerAccess::prefixOf(database->connection()).has_value());
}

TEST_F(ServerAccessTest, APasswordIsSentHashedWithScramAndNeverKeptOrWrittenInTheTrail)
{
    ServerAccess access(*store);
    const QString director = login(u"director"_qs);
    const QString secret = u"correct horse battery staple"_qs;
    access.grant(director, AccessRole::Director);
    access.setPassword(director, secret);
    QSqlDatabase db = database->connection();
    const QString stored = SqlQuery(db, u"SELECT rolpassword FROM pg_authid WHERE rolname = :login"_qs)
                               .bind(u":login"_qs, director)
                               .scalar()
                               .toString();
    EXPECT_TRUE(stored.startsWith(u"SCRAM-SHA-256$4096:"_qs)) << stored.toStdString();
    EXPECT_FALSE(stored.contains(secret));
    AuditFilter newest;
    newest.limit = 1;
    const AuditEntry last = AuditTrail::entries(db, newest).constFirst();
    EXPECT_EQ(last.record.entity + u" "_qs + last.record.entityId + u" "_qs + last.record.field + u" "_qs
                  + last.record.newValue,
              u"access %1 password set"_qs.arg(director));
    // Set again, it is a new hash (a new salt), and the old one is gone.
    access.setPassword(director, secret);
    EXPECT_NE(SqlQuery(db, u"SELECT rolpassword FROM pg_authid WHERE rolname = :login"_qs)
                  .bind(u":login"_qs, director)
                  .scalar()
                  .toString(),
              stored);

    const auto kind = [&](const std::function<void()> &change) {
        try {
            change();
        } catch (const Error &error) {
            EXPECT_FALSE(error.message().contains(secret));
            return error.kind();
        }
        return Error::Kind::Storage;
    };
    EXPECT_EQ(kind([&] { access.setPassword(login(u"nobody"_qs), secret); }), Error::Kind::NotFound);
    EXPECT_EQ(kind([&] { access.setPassword(director, QString()); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kind([&] { access.setPassword(director, QString(1001, u'x')); }), Error::Kind::InvalidInput);
    EXPECT_EQ(kind([&] { access.setPassword(server.server().user, secret); }), Error::Kind::InvalidInput);
    // Anyone may set their own password; only a login that may create roles sets another's.
    access.grant(login(u"ciso"_qs), AccessRole::Ciso);
    auto asDirector = Database::openServer(ServerConnection::parse(connectionAs(director)),
                                           Database::Mode::OpenExisting, Catalogue::builtIn());
    Store directorStore(*asDirector, Clock(kNow));
    EXPECT_EQ(kind([&] { ServerAccess(directorStore).setPassword(login(u"ciso"_qs), u"theirs now"_qs); }),
              Error::Kind::NotPermitted);
    const QString before = SqlQuery(db, u"SELECT rolpassword FROM pg_authid WHERE rolname = :login"_qs)
                               .bind(u":login"_qs, director)
                               .scalar()
                               .toString();
    ServerAccess(directorStore).setPassword(director, u"mine now"_qs);
    EXPECT_NE(SqlQuery(db, u"SELECT rolpassword FROM pg_authid WHERE rolname = :login"_qs)
                  .bind(u":login"_qs, director)
                  .scalar()
                  .toString(),
              before);
}

TEST_F(ServerAccessTest, EachRoleThroughQuorumMayMakeOnlyItsOwnChangesAndARefusalChangesNothing)
{
    const qint64 helen = personId(u"Helen Marsh"_qs);
    const qint64 david = personId(u"David Okafor"_qs);
    const qint64 metric = store->metrics().constFirst().id;
    ServerAccess access(*store);
    access.grant(login(u"director"_qs), AccessRole::Director, u"Helen Marsh"_qs);
    access.grant(login(u"ciso"_qs), AccessRole::Ciso);
    access.grant(login(u"secretary"_qs), AccessRole::Secretary);
    access.grant(login(u"auditor"_qs), AccessRole::Auditor);
    access.grant(login(u"admin"_qs), AccessRole::Admin);
    access.grant(login(u"newcomer"_qs), AccessRole::Director); // an existing login an admin gives a role to
    // A signature is final: each role signs a review of its own.
    QMap<AccessRole, QPair<qint64, qint64>> reviews;
    for (const AccessRole role : allAccessRoles())
        reviews.insert(role, {store->createReview(u"Own sign-off %1"_qs.arg(accessRoleWord(role)), kNow.date()),
                              store->createReview(u"Other sign-off %1"_qs.arg(accessRoleWord(role)), kNow.date())});

    using R = AccessRole;
    struct Change {
        const char *what;
        std::function<void(Store &, AccessRole)> make;
        QList<AccessRole> allowed;
    };
    int serial = 0;
    const QList<Change> changes{
        {"rate an assessment",
         [](Store &s, R) {
             // Always a change: the other of two ratings.
             const Rating now = s.assessment(u"A1"_qs).rating;
             const Rating next = now == Rating::NoAssurance ? Rating::Limited : Rating::NoAssurance;
             s.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(next)}});
         },
         {R::Ciso}},
        {"add evidence",
         [&serial](Store &s, R) {
             EvidenceInput link;
             link.title = u"Policy %1"_qs.arg(++serial);
             link.url = u"https://intranet.example/policy"_qs;
             link.actionIds = {u"A1"_qs};
             s.addEvidence(link);
         },
         {R::Ciso}},
        {"record a metric reading",
         [metric](Store &s, R) {
             s.addReading({0, metric, kNow.date(), 42, {}});
         },
         {R::Ciso}},
        {"record an incident",
         [&serial](Store &s, R) {
             BoardEvent incident;
             incident.kind = BoardEvent::Kind::Incident;
             incident.occurredOn = kNow.date();
             incident.title = u"Incident %1"_qs.arg(++serial);
             s.addEvent(incident);
         },
         {R::Ciso}},
        {"create a board review",
         [&serial](Store &s, R) { s.createReview(u"Review %1"_qs.arg(++serial), kNow.date()); },
         {R::Secretary}},
        {"record decisions sought",
         [&reviews](Store &s, R role) { s.setReviewDecisions(reviews.value(role).first, u"Approve the plan"_qs); },
         {R::Secretary}},
        {"sign off as the Chair",
         [&reviews, helen](Store &s, R role) { s.signReview(reviews.value(role).first, helen, u"M1"_qs); },
         {R::Director, R::Secretary}},
        {"sign off as another director",
         [&reviews, david](Store &s, R role) { s.signReview(reviews.value(role).second, david, u"M2"_qs); },
         {R::Secretary}},
        {"rename the organisation",
         [&serial](Store &s, R) {
             Organisation organisation = s.organisation();
             organisation.name = u"Renamed %1"_qs.arg(++serial);
             s.setOrganisation(organisation);
         },
         {R::Secretary}},
        {"add a person",
         [&serial](Store &s, R) {
             s.addPerson({0, u"Newcomer %1"_qs.arg(++serial), u"Observer"_qs, false, true});
         },
         {R::Secretary}},
        {"record the Chair's own training",
         [helen](Store &s, R) {
             s.addTraining({0, helen, u"Board briefing"_qs, kNow.date(), {}});
         },
         {R::Director, R::Secretary}},
        {"record another director's training",
         [david](Store &s, R) {
             s.addTraining({0, david, u"Board briefing"_qs, kNow.date(), {}});
         },
         {R::Secretary}},
        {"give a role",
         [this](Store &s, R) { ServerAccess(s).grant(login(u"newcomer"_qs), AccessRole::Auditor); },
         {R::Admin}},
        {"follow or leave a framework",
         [](Store &s, R) {
             Framework ssc = s.framework(u"ssc"_qs);
             ssc.enabled = !ssc.enabled;
             s.updateFramework(ssc);
         },
         {R::Secretary}},
        {"import a framework from a library file",
         [](Store &s, R) {
             s.importFramework(FrameworkLibrary::read(dataPath(u"frameworks/harbour-baseline-v1.yaml"_qs)));
         },
         {R::Admin}},
    };
    store.reset();
    database.reset();

    for (const AccessRole role : allAccessRoles()) {
        auto as = Database::openServer(ServerConnection::parse(connectionAs(login(accessRoleWord(role)))),
                                       Database::Mode::OpenExisting, Catalogue::builtIn());
        Store roleStore(*as, Clock(kNow));
        for (const Change &change : changes) {
            const QByteArray before = recordFingerprint(server.connectionString());
            std::optional<Error::Kind> refused;
            QString why;
            try {
                change.make(roleStore, role);
            } catch (const Error &error) {
                refused = error.kind();
                why = error.message();
            }
            const QByteArray after = recordFingerprint(server.connectionString());
            const bool changed = after != before;
            const std::string who = accessRoleWord(role).toStdString() + " " + change.what;
            if (change.allowed.contains(role)) {
                EXPECT_FALSE(refused.has_value()) << who << ": " << why.toStdString();
                EXPECT_TRUE(changed) << who;
            } else {
                EXPECT_EQ(refused, Error::Kind::NotPermitted) << who << ": " << why.toStdString();
                EXPECT_FALSE(changed) << who << " changed the record although refused";
            }
        }
    }
    const auto check = Database::openServer(ServerConnection::parse(server.connectionString()),
                                            Database::Mode::OpenExisting, Catalogue::builtIn());
    const ChainCheck chain = AuditTrail::verify(check->connection());
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
}

TEST_F(ServerAccessTest, AHostileDirectorWithPlainSqlForgesNothingAndTheChainStaysIntact)
{
    const qint64 david = personId(u"David Okafor"_qs);
    const qint64 signedReview = store->createReview(u"Signed before"_qs, kNow.date());
    store->signReview(signedReview, david, u"M9"_qs);
    ServerAccess(*store).grant(login(u"director"_qs), AccessRole::Director, u"Helen Marsh"_qs);
    const qint64 rowsBefore = AuditTrail::rowCount(database->connection());
    QSqlDatabase db = plainConnection(login(u"director"_qs));
    const auto refused = [&db](const QString &statement) {
        QString why;
        const Outcome outcome = attempt(db, statement, &why);
        EXPECT_NE(outcome, Outcome::Done) << statement.toStdString();
        return why;
    };
    // Alter a signed review, rewrite or empty the trail, drop or switch off a trigger, sign as someone else.
    refused(u"UPDATE review SET decisions = 'rewritten' WHERE id = %1"_qs.arg(signedReview));
    refused(u"UPDATE review SET signed_by = NULL, signed_at = NULL WHERE id = %1"_qs.arg(signedReview));
    refused(u"DELETE FROM review WHERE id = %1"_qs.arg(signedReview));
    refused(u"UPDATE audit SET new_value = 'nothing happened'"_qs);
    refused(u"DELETE FROM audit WHERE id > 1"_qs);
    refused(u"TRUNCATE audit"_qs);
    refused(u"DROP TRIGGER audit_stamp ON audit"_qs);
    refused(u"DROP TRIGGER audit_append_only ON audit"_qs);
    refused(u"ALTER TABLE audit DISABLE TRIGGER ALL"_qs);
    refused(
        u"SELECT quorum_sign_off(%1, %2, '2026-06-15T12:00:00.000Z', 'M1', NULL)"_qs.arg(unsignedReview).arg(david));
    refused(u"SET ROLE %1"_qs.arg(ServerAccess::ownerRole(prefix)));
    refused(u"CREATE FUNCTION quorum_sign_off(bigint) RETURNS bigint LANGUAGE sql AS 'SELECT 1'"_qs);
    // Its own temporary tables do not stand in for the record's: not for the roles' prefix, nor the
    // person linked to a login, nor the trail's newest row.
    const qint64 helen = personId(u"Helen Marsh"_qs);
    for (const QString &decoy :
         {u"CREATE TEMP TABLE quorum_access (role_prefix text); INSERT INTO quorum_access VALUES (NULL)"_qs,
          u"CREATE TEMP TABLE person (id bigint, name text, login text, is_board bigint, active bigint); "
          "INSERT INTO person VALUES (%1, 'David Okafor', session_user, 1, 1)"_qs.arg(david)}) {
        QSqlQuery make(db);
        for (const QString &statement : decoy.split(u"; "_qs))
            ASSERT_TRUE(make.exec(statement)) << make.lastError().text().toStdString();
        refused(u"SELECT quorum_sign_off(%1, %2, '2026-06-15T12:00:00.000Z', 'M1', NULL)"_qs.arg(unsignedReview)
                    .arg(david));
        QSqlQuery drop(db);
        drop.exec(u"DISCARD TEMP"_qs);
    }
    // Signing as themselves, but outside the rules: no time, before the meeting, or for a non-director.
    refused(u"SELECT quorum_sign_off(%1, %2, NULL, 'M1', NULL)"_qs.arg(unsignedReview).arg(helen));
    refused(
        u"SELECT quorum_sign_off(%1, %2, '2020-01-01T00:00:00.000Z', 'M1', NULL)"_qs.arg(unsignedReview).arg(helen));
    refused(u"SELECT quorum_sign_off(%1, %2, 'whenever', 'M1', NULL)"_qs.arg(unsignedReview).arg(helen));
    {
        QSqlQuery decoy(db);
        ASSERT_TRUE(decoy.exec(u"CREATE TEMP TABLE audit (id bigint, hash text)"_qs));
        ASSERT_TRUE(decoy.exec(u"INSERT INTO audit VALUES (999999, 'not the chain')"_qs));
    }
    // A forged row of the trail is written as what it is: this login's.
    QSqlQuery forged(db);
    ASSERT_TRUE(forged.exec(u"INSERT INTO public.audit (id, at, actor, acting_as, entity, entity_id, field, old_value, "
                            "new_value, prev_hash, hash) VALUES (7, '2026-06-15T12:00:00.000Z', 'Helen Marsh', "
                            "'Helen Marsh', 'review', 'Signed before', 'signed off', NULL, 'by Helen Marsh', "
                            "'x', 'y')"_qs))
        << forged.lastError().text().toStdString();
    AuditFilter newest;
    newest.limit = 1;
    const AuditEntry last = AuditTrail::entries(database->connection(), newest).constFirst();
    EXPECT_EQ(last.record.actor, login(u"director"_qs));
    EXPECT_EQ(last.id, rowsBefore + 1);
    const ChainCheck chain = AuditTrail::verify(database->connection());
    EXPECT_TRUE(chain.ok) << chain.problem.toStdString();
    const auto review = store->review(signedReview);
    ASSERT_TRUE(review.has_value());
    EXPECT_TRUE(review->isSigned());
    EXPECT_EQ(review->decisions, QString());
}

TEST(ServerAccessByADatabaseOwner, ALoginThatMayCreateRolesAndOwnsTheDatabaseButIsNoSuperuserTurnsItOn)
{
    // As docs/server.md recommends: the record's administrator is not the server's superuser.
    TestPostgresDatabase server;
    const QString dba = server.name() + u"_dba"_qs;
    rawSql(server.connectionString(),
           {u"CREATE ROLE %1 LOGIN CREATEROLE"_qs.arg(dba), u"ALTER DATABASE %1 OWNER TO %2"_qs.arg(server.name(), dba),
            u"ALTER SCHEMA public OWNER TO %1"_qs.arg(dba)});
    const QString asDba = u"host=%1 user=%2 dbname=%3"_qs.arg(server.server().socketDir, dba, server.name());
    {
        auto database =
            Database::openServer(ServerConnection::parse(asDba), Database::Mode::CreateNew, Catalogue::builtIn());
        Store store(*database, Clock(kNow));
        DemoData::populate(store, kNow.date());
        ServerAccess access(store);
        access.enable(QString());
        access.grant(server.name() + u"_ciso"_qs, AccessRole::Ciso);
        access.setPassword(server.name() + u"_ciso"_qs, u"a good long password"_qs);
        EXPECT_EQ(access.members().size(), 2);
        const SessionAccess me = ServerAccess::session(database->connection());
        EXPECT_TRUE(me.holds(AccessRole::Admin));
        EXPECT_FALSE(me.unrestricted);
        EXPECT_TRUE(me.mayCreateRoles);
        // The record's administrator edits no data by default.
        EXPECT_THROW(
            store.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}}), Error);
    }
    // The CISO it made may rate, and reopening as the administrator (no upgrade due) works.
    auto asCiso = Database::openServer(
        ServerConnection::parse(u"host=%1 user=%2_ciso dbname=%2"_qs.arg(server.server().socketDir, server.name())),
        Database::Mode::OpenExisting, Catalogue::builtIn());
    Store ciso(*asCiso, Clock(kNow));
    ciso.updateAssessment(u"A1"_qs, {{AssessmentField::Rating, QVariant::fromValue(Rating::Limited)}});
    EXPECT_EQ(ciso.assessment(u"A1"_qs).rating, Rating::Limited);
    auto again =
        Database::openServer(ServerConnection::parse(asDba), Database::Mode::OpenExisting, Catalogue::builtIn());
    EXPECT_TRUE(AuditTrail::verify(again->connection()).ok);
}

TEST_F(ServerAccessTest, AnUpgradeOnOpeningIsMadeAsTheOwnerByAnAdminAndRefusedToAnyoneElse)
{
    ServerAccess access(*store);
    access.grant(login(u"director"_qs), AccessRole::Director);
    access.grant(login(u"admin"_qs), AccessRole::Admin);
    // As when a newer Quorum, with a newer catalogue, first opens the record.
    rawSql(server.connectionString(), {u"UPDATE meta SET value = '0' WHERE key = 'catalogue_version'"_qs,
                                       u"UPDATE framework SET version = 0 WHERE key = 'cgc'"_qs});
    const QByteArray before = recordFingerprint(server.connectionString());
    try {
        Database::openServer(ServerConnection::parse(connectionAs(login(u"director"_qs))), Database::Mode::OpenExisting,
                             Catalogue::builtIn());
        FAIL() << "a director upgraded the record";
    } catch (const Error &error) {
        EXPECT_EQ(error.kind(), Error::Kind::NotPermitted);
        EXPECT_TRUE(error.message().contains(ServerAccess::groupRole(prefix, AccessRole::Admin)))
            << error.message().toStdString();
    }
    EXPECT_EQ(recordFingerprint(server.connectionString()), before);
    auto asAdmin = Database::openServer(ServerConnection::parse(connectionAs(login(u"admin"_qs))),
                                        Database::Mode::OpenExisting, Catalogue::builtIn());
    EXPECT_EQ(asAdmin->catalogueVersion(), Catalogue::builtIn().version());
    // Back to the admin's own rights afterwards: it edits no data.
    EXPECT_EQ(SqlQuery(asAdmin->connection(), u"SELECT current_user"_qs).scalar().toString(), login(u"admin"_qs));
    // And the director opens the upgraded record.
    EXPECT_NO_THROW(Database::openServer(ServerConnection::parse(connectionAs(login(u"director"_qs))),
                                         Database::Mode::OpenExisting, Catalogue::builtIn()));
}
