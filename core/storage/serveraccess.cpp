#include "core/storage/serveraccess.h"

#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/sql.h"
#include "core/storage/store.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace quorum {

namespace {

bool onServer(const QSqlDatabase &db)
{
    return engineOf(db) == SqlDialect::Engine::Postgres;
}

/** @p name as an SQL identifier, quoted by the server itself (quote_ident), never by string pasting. */
QString quoted(const QSqlDatabase &db, const QString &name)
{
    return SqlQuery(db, QStringLiteral("SELECT quote_ident(CAST(:name AS text))"))
        .bind(QStringLiteral(":name"), name)
        .scalar()
        .toString();
}

void run(const QSqlDatabase &db, const QString &statement)
{
    SqlDialect::execDefinition(db, statement);
}

/** Runs every statement the server wrote (format('... %I ...')) as the rows of @p generator. */
void runGenerated(const QSqlDatabase &db, SqlQuery &generator)
{
    generator.exec();
    QStringList statements;
    while (generator.next())
        statements << generator.value(0).toString();
    for (const QString &statement : std::as_const(statements))
        run(db, statement);
}

bool tableExists(const QSqlDatabase &db, const QString &table)
{
    return SqlQuery(db, QStringLiteral("SELECT to_regclass(CAST(:table AS text)) IS NOT NULL"))
        .bind(QStringLiteral(":table"), table)
        .scalar()
        .toBool();
}

const QRegularExpression &validPrefix()
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z][a-z0-9_]{0,39}$"));
    return pattern;
}

} // namespace

ServerAccess::ServerAccess(Store &store)
    : m_store(store)
{
    if (!onServer(store.database().connection()))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("Access by role is for a record on a PostgreSQL server; a file is kept by whoever "
                                   "can open it."));
}

std::optional<QString> ServerAccess::prefixOf(const QSqlDatabase &db)
{
    if (!onServer(db) || !tableExists(db, QStringLiteral("quorum_access")))
        return std::nullopt;
    const QVariant prefix = SqlQuery(db, QStringLiteral("SELECT role_prefix FROM quorum_access")).scalar();
    if (!prefix.isValid() || prefix.isNull())
        return std::nullopt;
    return prefix.toString();
}

QString ServerAccess::defaultPrefix(const QSqlDatabase &db)
{
    QString name = SqlQuery(db, QStringLiteral("SELECT current_database()")).scalar().toString().toLower();
    static const QRegularExpression other(QStringLiteral("[^a-z0-9_]"));
    name.replace(other, QStringLiteral("_"));
    return QStringLiteral("quorum_%1").arg(name).left(40);
}

QString ServerAccess::groupRole(const QString &prefix, AccessRole role)
{
    return QStringLiteral("%1_%2").arg(prefix, accessRoleWord(role));
}

QString ServerAccess::ownerRole(const QString &prefix)
{
    return QStringLiteral("%1_owner").arg(prefix);
}

bool ServerAccess::mayCreateRoles(const QSqlDatabase &db)
{
    return onServer(db)
           && SqlQuery(db, QStringLiteral("SELECT rolcreaterole OR rolsuper FROM pg_roles "
                                          "WHERE rolname = session_user"))
                  .scalar()
                  .toBool();
}

void ServerAccess::applyGrants(const QSqlDatabase &db, const QString &prefix)
{
    const QString director = quoted(db, groupRole(prefix, AccessRole::Director));
    const QString ciso = quoted(db, groupRole(prefix, AccessRole::Ciso));
    const QString secretary = quoted(db, groupRole(prefix, AccessRole::Secretary));
    const QString auditor = quoted(db, groupRole(prefix, AccessRole::Auditor));
    const QString admin = quoted(db, groupRole(prefix, AccessRole::Admin));
    const QString schema = SqlQuery(db, QStringLiteral("SELECT quote_ident(current_schema())")).scalar().toString();
    const QString everyone = QStringList{director, ciso, secretary, auditor, admin}.join(QStringLiteral(", "));
    const QString writers = QStringList{director, ciso, secretary, admin}.join(QStringLiteral(", "));
    // The matrix of docs/server.md "Who may do what". Everyone reads everything, the trail and stored files
    // included; the auditor only reads. Columns are named where a role may change only part of a row: the
    // CISO never moves an assessment to another action, the secretary never links a person to a login, and
    // nobody writes a review's signature except through quorum_sign_off.
    const QStringList statements{
        QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA %1 FROM PUBLIC").arg(schema),
        QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(schema, everyone),
        QStringLiteral("GRANT SELECT ON ALL TABLES IN SCHEMA %1 TO %2").arg(schema, everyone),
        QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(schema, writers),
        QStringLiteral("GRANT INSERT ON audit TO %1").arg(writers),
        QStringLiteral("GRANT UPDATE (owner_id, director_id, rating, target, justification, commentary, "
                       "target_date, next_review, maturity, maturity_target, maturity_assessed, maturity_assessor, "
                       "updated_at, row_version) ON assessment TO %1")
            .arg(ciso),
        QStringLiteral("GRANT INSERT, UPDATE, DELETE ON evidence, evidence_revision, evidence_action, blob, "
                       "blob_chunk, evidence_tally, metric, metric_action, metric_reading, event, event_action "
                       "TO %1")
            .arg(ciso),
        // A review goes in unsigned: its signature columns are written by quorum_sign_off only.
        QStringLiteral("GRANT INSERT (id, name, meeting_date, created_at, decisions), DELETE ON review TO %1")
            .arg(secretary),
        QStringLiteral("GRANT INSERT, DELETE ON review_item TO %1").arg(secretary),
        QStringLiteral("GRANT UPDATE (name, meeting_date, decisions) ON review TO %1").arg(secretary),
        QStringLiteral("GRANT UPDATE ON review_item TO %1").arg(secretary),
        QStringLiteral("GRANT UPDATE (name, marking, track_maturity, row_version) ON organisation TO %1")
            .arg(secretary),
        // Which frameworks the organisation follows, its vendor role and who answers for each are its settings;
        // a framework's wording belongs to the owner, as the Code's does (an admin imports a library).
        QStringLiteral("GRANT UPDATE (enabled, vendor_role, owner_id, row_version) ON framework TO %1").arg(secretary),
        QStringLiteral("GRANT INSERT (id, name, role, is_board, active, row_version), DELETE ON person TO %1")
            .arg(secretary),
        QStringLiteral("GRANT UPDATE (name, role, is_board, active, row_version) ON person TO %1").arg(secretary),
        QStringLiteral("GRANT UPDATE (login) ON person TO %1").arg(admin),
        // Which rows of training a director may write is the row-level policy of enable().
        QStringLiteral("GRANT INSERT, UPDATE, DELETE ON training TO %1, %2").arg(secretary, director),
        QStringLiteral("GRANT EXECUTE ON FUNCTION quorum_sign_off(bigint, bigint, text, text, text) TO %1, %2")
            .arg(secretary, director),
    };
    for (const QString &statement : statements)
        run(db, statement);
}

void ServerAccess::enable(const QString &prefixInput)
{
    const QSqlDatabase db = m_store.database().connection();
    const QString prefix = prefixInput.trimmed().isEmpty() ? defaultPrefix(db) : prefixInput.trimmed();
    if (!validPrefix().match(prefix).hasMatch())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("\"%1\" cannot name the record's roles: a prefix is a lower-case letter, then up "
                                   "to 39 lower-case letters, digits and underscores.")
                        .arg(prefix));
    if (const auto existing = prefixOf(db))
        throw Error(
            Error::Kind::Conflict,
            QStringLiteral("Access by role is already on for this record, with the roles %1_*.").arg(*existing));
    const QString login = SqlQuery(db, QStringLiteral("SELECT session_user")).scalar().toString();
    if (!mayCreateRoles(db))
        throw Error(Error::Kind::NotPermitted,
                    QStringLiteral("%1 may not create roles: access by role is set up by a login with CREATEROLE "
                                   "that owns the database.")
                        .arg(login));
    QStringList names{ownerRole(prefix)};
    for (const AccessRole role : allAccessRoles())
        names << groupRole(prefix, role);
    for (const QString &name : std::as_const(names)) {
        if (SqlQuery(db, QStringLiteral("SELECT 1 FROM pg_roles WHERE rolname = :name"))
                .bind(QStringLiteral(":name"), name)
                .scalar()
                .isValid())
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("The server already has a role %1 (another record's?): choose another prefix.")
                            .arg(name));
    }

    Transaction transaction(m_store.database());
    const QString owner = quoted(db, ownerRole(prefix));
    const QString admin = quoted(db, groupRole(prefix, AccessRole::Admin));
    const QString director = quoted(db, groupRole(prefix, AccessRole::Director));
    const QString secretary = quoted(db, groupRole(prefix, AccessRole::Secretary));
    // The admin role holds the owner role without its privileges (NOINHERIT): an admin upgrades the schema
    // by SET ROLE (ActingAsRecordOwner) and otherwise edits no data. No login owns a table, so none
    // bypasses the grants or the row-level policies.
    run(db, QStringLiteral("CREATE ROLE %1 NOLOGIN").arg(owner));
    for (const AccessRole role : allAccessRoles())
        run(db, QStringLiteral("CREATE ROLE %1 NOLOGIN%2")
                    .arg(quoted(db, groupRole(prefix, role)),
                         role == AccessRole::Admin ? QStringLiteral(" NOINHERIT") : QString()));
    run(db, QStringLiteral("GRANT %1 TO %2").arg(owner, admin));
    for (const AccessRole role : allAccessRoles()) {
        if (role != AccessRole::Admin)
            run(db, QStringLiteral("GRANT %1 TO %2 WITH ADMIN OPTION").arg(quoted(db, groupRole(prefix, role)), admin));
    }
    run(db, QStringLiteral("GRANT %1 TO %2 WITH ADMIN OPTION").arg(admin, quoted(db, login)));

    run(db, QStringLiteral("CREATE TABLE quorum_access (role_prefix TEXT NOT NULL, only_row BOOLEAN PRIMARY KEY "
                           "DEFAULT TRUE CHECK (only_row))"));
    SqlQuery(db, QStringLiteral("INSERT INTO quorum_access (role_prefix) VALUES (:prefix)"))
        .bind(QStringLiteral(":prefix"), prefix)
        .exec();
    const QString schema = SqlQuery(db, QStringLiteral("SELECT quote_ident(current_schema())")).scalar().toString();
    run(db, QStringLiteral("GRANT USAGE, CREATE ON SCHEMA %1 TO %2").arg(schema, owner));
    // Grants and policies first, while this login still owns the tables (a login that is not a superuser
    // reaches the owner role's rights only by SET ROLE): they go with the tables to the owner role.
    applyGrants(db, prefix);
    // A director records only their own training: the rows of the person linked to their login.
    const QString own = QStringLiteral("person_id IN (SELECT id FROM person WHERE login = session_user)");
    run(db, QStringLiteral("ALTER TABLE training ENABLE ROW LEVEL SECURITY"));
    run(db, QStringLiteral("CREATE POLICY training_read ON training FOR SELECT USING (true)"));
    run(db, QStringLiteral("CREATE POLICY training_register ON training FOR ALL TO %1 USING (true) WITH CHECK (true)")
                .arg(secretary));
    run(db, QStringLiteral("CREATE POLICY training_own ON training FOR ALL TO %1 USING (%2) WITH CHECK (%2)")
                .arg(director, own));
    SqlQuery tables(db, QStringLiteral("SELECT format('ALTER TABLE %I.%I OWNER TO %I', n.nspname, c.relname, "
                                       "CAST(:owner AS text)) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                                       "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', "
                                       "'p', 'v', 'm')"));
    tables.bind(QStringLiteral(":owner"), ownerRole(prefix));
    runGenerated(db, tables);
    SqlQuery functions(db, QStringLiteral("SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, "
                                          "CAST(:owner AS text)) FROM pg_proc p JOIN pg_namespace n ON n.oid = "
                                          "p.pronamespace WHERE n.nspname = current_schema()"));
    functions.bind(QStringLiteral(":owner"), ownerRole(prefix));
    runGenerated(db, functions);
    AuditTrail::append(db,
                       AuditRecord{m_store.actor(), m_store.actingAs(), QStringLiteral("access"), prefix,
                                   QStringLiteral("access by role"), QString(),
                                   QStringLiteral("on, roles %1_*; %2 is admin").arg(prefix, login)},
                       m_store.clock().now());
    transaction.commit();
}

QString ServerAccess::requirePrefix() const
{
    const auto prefix = prefixOf(m_store.database().connection());
    if (!prefix)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Access by role is not set up for this record: an "
                                                              "administrator turns it on with \"access enable\"."));
    return *prefix;
}

QStringList ServerAccess::rolesHeldBy(const QString &login, const QString &prefix) const
{
    const QSqlDatabase db = m_store.database().connection();
    QStringList held;
    for (const AccessRole role : allAccessRoles()) {
        SqlQuery member(db, QStringLiteral("SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                                           "JOIN pg_roles r ON r.oid = m.member WHERE g.rolname = :group "
                                           "AND r.rolname = :login"));
        member.bind(QStringLiteral(":group"), groupRole(prefix, role)).bind(QStringLiteral(":login"), login);
        if (member.scalar().isValid())
            held << accessRoleWord(role);
    }
    return held;
}

void ServerAccess::auditAccess(const QString &login, const QStringList &before, const QStringList &after)
{
    AuditTrail::append(m_store.database().connection(),
                       AuditRecord{m_store.actor(), m_store.actingAs(), QStringLiteral("access"), login,
                                   QStringLiteral("roles"), before.join(QStringLiteral(", ")),
                                   after.join(QStringLiteral(", "))},
                       m_store.clock().now());
}

void ServerAccess::grant(const QString &loginInput, AccessRole role, const QString &personInput)
{
    const QSqlDatabase db = m_store.database().connection();
    const QString prefix = requirePrefix();
    const QString login = loginInput.trimmed();
    static const QRegularExpression validLogin(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,62}$"));
    if (!validLogin.match(login).hasMatch() || login.startsWith(QLatin1String("pg_"), Qt::CaseInsensitive))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("\"%1\" is not a login name Quorum gives roles to: up to 63 letters, digits and "
                                   "_ . @ -, not beginning with pg_.")
                        .arg(login));
    if (login.startsWith(prefix + QLatin1Char('_')))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is one of this record's own roles, not a person's login.").arg(login));
    SqlQuery existing(db, QStringLiteral("SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles "
                                         "WHERE rolname = :login"));
    existing.bind(QStringLiteral(":login"), login).exec();
    const bool exists = existing.next();
    if (exists && (existing.value(0).toBool() || existing.value(1).toBool()))
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is a superuser or bypasses row-level security: the server would hold it to "
                                   "no role. Give roles to an ordinary login.")
                        .arg(login));
    if (exists && !existing.value(2).toBool())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is a role that cannot sign in, not a person's login.").arg(login));

    std::optional<std::pair<qint64, QString>> person;
    if (!personInput.trimmed().isEmpty()) {
        SqlQuery find(db, QStringLiteral("SELECT id, name, login FROM person WHERE lower(name) = lower(:name)"));
        find.bind(QStringLiteral(":name"), personInput.trimmed()).exec();
        if (!find.next())
            throw Error(Error::Kind::NotFound,
                        QStringLiteral("No one called \"%1\" is in the People register.").arg(personInput.trimmed()));
        const QString linked = find.value(2).toString();
        if (!linked.isEmpty() && linked != login)
            throw Error(Error::Kind::Conflict, QStringLiteral("%1 is already linked to the login %2; revoke that "
                                                              "login's roles first.")
                                                   .arg(find.value(1).toString(), linked));
        person = std::make_pair(find.value(0).toLongLong(), find.value(1).toString());
        SqlQuery other(db, QStringLiteral("SELECT name FROM person WHERE login = :login AND id <> :id"));
        other.bind(QStringLiteral(":login"), login).bind(QStringLiteral(":id"), person->first);
        const QVariant otherName = other.scalar();
        if (otherName.isValid())
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("The login %1 is already linked to %2.").arg(login, otherName.toString()));
    }

    if (!exists && !mayCreateRoles(db))
        throw Error(Error::Kind::NotPermitted,
                    QStringLiteral("There is no login %1 yet, and creating one needs a login that may create roles "
                                   "(CREATEROLE); ask the server's administrator to create it first.")
                        .arg(login));
    Transaction transaction(m_store.database());
    const QStringList before = exists ? rolesHeldBy(login, prefix) : QStringList();
    if (!exists)
        run(db, QStringLiteral("CREATE ROLE %1 LOGIN").arg(quoted(db, login)));
    // An admin may make other admins: the admin role is given with its ADMIN OPTION.
    run(db, QStringLiteral("GRANT %1 TO %2%3")
                .arg(quoted(db, groupRole(prefix, role)), quoted(db, login),
                     role == AccessRole::Admin ? QStringLiteral(" WITH ADMIN OPTION") : QString()));
    const QStringList after = rolesHeldBy(login, prefix);
    if (after != before)
        auditAccess(login, before, after);
    if (person) {
        SqlQuery link(db, QStringLiteral("UPDATE person SET login = :login WHERE id = :id AND login IS DISTINCT FROM "
                                         ":login"));
        link.bind(QStringLiteral(":login"), login).bind(QStringLiteral(":id"), person->first).exec();
        if (link.rowsAffected() > 0)
            AuditTrail::append(db,
                               AuditRecord{m_store.actor(), m_store.actingAs(), QStringLiteral("person"),
                                           person->second, QStringLiteral("login"), QString(), login},
                               m_store.clock().now());
    }
    transaction.commit();
}

void ServerAccess::setPassword(const QString &loginInput, const QString &password)
{
    const QSqlDatabase db = m_store.database().connection();
    const QString prefix = requirePrefix();
    const QString login = loginInput.trimmed();
    if (rolesHeldBy(login, prefix).isEmpty())
        throw Error(Error::Kind::NotFound,
                    QStringLiteral("%1 holds no role of this record: give it one before its password.").arg(login));
    if (password.isEmpty())
        throw Error(Error::Kind::InvalidInput, QStringLiteral("The password is empty."));
    if (password.size() > 1000)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("The password is longer than 1000 characters."));
    if (SqlQuery(db, QStringLiteral("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = :login"))
            .bind(QStringLiteral(":login"), login)
            .scalar()
            .toBool())
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is a superuser: its password is the server administrator's to set.").arg(login));
    // Everyone may set their own password (an auditor too, who writes nothing to the trail); another login's
    // needs a login that may create roles, as PostgreSQL 15 has it.
    const bool own = SqlQuery(db, QStringLiteral("SELECT session_user = CAST(:login AS name)"))
                         .bind(QStringLiteral(":login"), login)
                         .scalar()
                         .toBool();
    if (!own && !mayCreateRoles(db))
        throw Error(Error::Kind::NotPermitted,
                    QStringLiteral("Setting another login's password needs a login that may create roles "
                                   "(CREATEROLE); ask the server's administrator, or let %1 set their own.")
                        .arg(login));
    const QString verifier = scramVerifier(db, login, password);
    Transaction transaction(m_store.database());
    SqlQuery statement(db, QStringLiteral("SELECT format('ALTER ROLE %I PASSWORD %L', CAST(:login AS text), "
                                          "CAST(:verifier AS text))"));
    statement.bind(QStringLiteral(":login"), login).bind(QStringLiteral(":verifier"), verifier);
    runGenerated(db, statement);
    // An administrator setting someone's password is in the trail; a person changing their own is not a
    // change to the record (the server's own log has it).
    if (!own)
        AuditTrail::append(db,
                           AuditRecord{m_store.actor(), m_store.actingAs(), QStringLiteral("access"), login,
                                       QStringLiteral("password"), QString(), QStringLiteral("set")},
                           m_store.clock().now());
    transaction.commit();
}

void ServerAccess::revoke(const QString &loginInput, AccessRole role)
{
    const QSqlDatabase db = m_store.database().connection();
    const QString prefix = requirePrefix();
    const QString login = loginInput.trimmed();
    Transaction transaction(m_store.database());
    const QStringList before = rolesHeldBy(login, prefix);
    if (!before.contains(accessRoleWord(role)))
        throw Error(Error::Kind::NotFound,
                    QStringLiteral("%1 does not hold the %2 role of this record.").arg(login, accessRoleWord(role)));
    run(db, QStringLiteral("REVOKE %1 FROM %2").arg(quoted(db, groupRole(prefix, role)), quoted(db, login)));
    auditAccess(login, before, rolesHeldBy(login, prefix));
    transaction.commit();
}

QList<AccessMember> ServerAccess::members() const
{
    const QSqlDatabase db = m_store.database().connection();
    const QString prefix = requirePrefix();
    QList<AccessMember> result;
    const auto memberOf = [&result](const QString &login) -> AccessMember & {
        for (AccessMember &member : result) {
            if (member.login == login)
                return member;
        }
        result.append(AccessMember{login, {}, {}, true});
        return result.last();
    };
    for (const AccessRole role : allAccessRoles()) {
        SqlQuery members(db, QStringLiteral("SELECT r.rolname, r.rolcanlogin FROM pg_auth_members m "
                                            "JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles r ON r.oid = m.member "
                                            "WHERE g.rolname = :group ORDER BY r.rolname"));
        members.bind(QStringLiteral(":group"), groupRole(prefix, role)).exec();
        while (members.next()) {
            // The admin role holds the others (to give them), and is not a person.
            if (members.value(0).toString().startsWith(prefix + QLatin1Char('_')))
                continue;
            AccessMember &member = memberOf(members.value(0).toString());
            member.roles << role;
            member.canSignIn = members.value(1).toBool();
        }
    }
    SqlQuery people(db, QStringLiteral("SELECT login, name FROM person WHERE login IS NOT NULL"));
    people.exec();
    while (people.next()) {
        for (AccessMember &member : result) {
            if (member.login == people.value(0).toString())
                member.person = people.value(1).toString();
        }
    }
    std::sort(result.begin(), result.end(),
              [](const AccessMember &a, const AccessMember &b) { return a.login < b.login; });
    return result;
}

SessionAccess ServerAccess::session(const QSqlDatabase &db)
{
    SessionAccess access;
    if (!onServer(db))
        return access;
    // Two round trips, as every window asks when it opens.
    SqlQuery who(db, QStringLiteral("SELECT session_user, rolsuper, to_regclass('quorum_access') IS NOT NULL, "
                                    "rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user"));
    who.exec();
    if (!who.next())
        return access;
    access.login = who.value(0).toString();
    access.unrestricted = who.value(1).toBool();
    access.mayCreateRoles = who.value(3).toBool();
    if (!who.value(2).toBool())
        return access;
    // USAGE, not MEMBER: an admin is a member of every role (to give it) but holds none of their rights
    // unless they take one on purpose (SET ROLE, which the trail still names them for); and the owner's
    // rights reach a login only by inheritance, which an admin's membership of it does not give.
    QStringList held;
    for (const AccessRole role : allAccessRoles())
        held << QStringLiteral("pg_has_role(session_user, role_prefix || '_%1', 'USAGE')").arg(accessRoleWord(role));
    SqlQuery roles(db, QStringLiteral("SELECT pg_has_role(session_user, role_prefix || '_owner', 'USAGE'), %1 "
                                      "FROM quorum_access")
                           .arg(held.join(QStringLiteral(", "))));
    roles.exec();
    if (!roles.next())
        return access;
    access.enforced = true;
    access.unrestricted = access.unrestricted || roles.value(0).toBool();
    int column = 1;
    for (const AccessRole role : allAccessRoles()) {
        if (roles.value(column++).toBool())
            access.roles << role;
    }
    return access;
}

ActingAsRecordOwner::ActingAsRecordOwner(const QSqlDatabase &db)
    : m_db(db)
{
    const auto prefix = ServerAccess::prefixOf(db);
    if (!prefix)
        return;
    const QString owner = ServerAccess::ownerRole(*prefix);
    if (!SqlQuery(db, QStringLiteral("SELECT pg_has_role(session_user, CAST(:owner AS text), 'MEMBER')"))
             .bind(QStringLiteral(":owner"), owner)
             .scalar()
             .toBool())
        throw Error(Error::Kind::NotPermitted,
                    QStringLiteral("This record needs upgrading for this version of Quorum, which only one of its "
                                   "administrators (role %1) may do: ask them to open it first.")
                        .arg(ServerAccess::groupRole(*prefix, AccessRole::Admin)));
    SqlDialect::execDefinition(db, QStringLiteral("SET ROLE %1").arg(quoted(db, owner)));
    m_active = true;
}

ActingAsRecordOwner::~ActingAsRecordOwner()
{
    if (!m_active)
        return;
    QSqlQuery reset(m_db);
    reset.exec(QStringLiteral("RESET ROLE"));
}

} // namespace quorum
