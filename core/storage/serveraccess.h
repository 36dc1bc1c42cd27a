#pragma once

#include "core/domain/access.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace quorum {

class Store;

/** One login that holds roles of a record: who, which, and the person of the People register they are. */
struct AccessMember {
    QString login;
    QList<AccessRole> roles;
    QString person;        ///< the linked person's name; empty when none is linked
    bool canSignIn = true; ///< false for a role that cannot log in (a group added by hand)
};

/**
 * Access by role on a server (issue 16): the record's five group roles (director, ciso, secretary, auditor,
 * admin) and a NOLOGIN owner role, named from a prefix recorded in the record (table quorum_access), with
 * the grants per table and column, row-level security and the sign-off function that make the server refuse
 * what a role may not do. Nothing here is a client-side check: the client only asks what the server allows
 * (session) to show it. Every change is one transaction with its audit rows; role and login names reach SQL
 * only through the server's own quote_ident. docs/server.md "Who may do what" has the matrix.
 */
class ServerAccess {
public:
    /** Works on @p store's record (a server's; refused with InvalidInput for a file). */
    explicit ServerAccess(Store &store);

    /** The prefix of the record's roles, or nothing when access by role is not set up. */
    static std::optional<QString> prefixOf(const QSqlDatabase &db);
    /** "quorum_" and the database's name, made a valid prefix. */
    static QString defaultPrefix(const QSqlDatabase &db);
    /** The group role's name for @p role under @p prefix: "quorum_acme_ciso". */
    static QString groupRole(const QString &prefix, AccessRole role);
    /** The NOLOGIN role that owns the record's tables: "quorum_acme_owner". */
    static QString ownerRole(const QString &prefix);
    /**
     * Grants every role what the matrix gives it on every table. Idempotent; run by enable() and after each
     * migration of a record with access by role, so that a table added later is covered too.
     */
    static void applyGrants(const QSqlDatabase &db, const QString &prefix);
    /** Whether the login of @p db may create roles (CREATEROLE or superuser), as enable() needs. */
    static bool mayCreateRoles(const QSqlDatabase &db);

    /**
     * Sets up access by role: creates the roles under @p prefix (a letter, then letters, digits and _; at most
     * 40), gives the tables, their sequences and functions to the owner role, grants and row-level security,
     * and makes the signed-in login the first admin. Refused when already set up, when a role of that name
     * exists (Conflict), or when the login may not create roles (NotPermitted).
     */
    void enable(const QString &prefix);
    /**
     * Gives @p login @p role (creating the login, without a password, when it does not exist) and, when
     * @p person is given, links that person of the People register to the login. Refuses a superuser or a
     * login with BYPASSRLS (the server would hold it to no role) and a role that cannot sign in.
     */
    void grant(const QString &login, AccessRole role, const QString &person = {});
    /**
     * Gives @p login, which must hold a role of this record and be an ordinary login, the password
     * @p password: hashed with SCRAM-SHA-256 on this side (scramVerifier), so the server and its log never
     * see it, and never kept by Quorum. Needs a login that may create roles. The trail says that it was set.
     */
    void setPassword(const QString &login, const QString &password);
    /** Takes @p role from @p login; NotFound when they do not hold it. */
    void revoke(const QString &login, AccessRole role);
    /** Who holds which of the record's roles, by login. */
    QList<AccessMember> members() const;
    /** What the signed-in login may do in @p db's record; for a file, an unenforced, empty one. */
    static SessionAccess session(const QSqlDatabase &db);

private:
    QString requirePrefix() const;
    void auditAccess(const QString &login, const QStringList &before, const QStringList &after);
    QStringList rolesHeldBy(const QString &login, const QString &prefix) const;

    Store &m_store;
};

/**
 * While it lives, the session acts as the record's owner role (SET ROLE), for a migration or a catalogue
 * upgrade of a record with access by role; does nothing for a file or a record without roles. Throws
 * NotPermitted, naming the admin role, when the login is not one of the record's admins.
 */
class ActingAsRecordOwner {
public:
    explicit ActingAsRecordOwner(const QSqlDatabase &db);
    ~ActingAsRecordOwner();
    ActingAsRecordOwner(const ActingAsRecordOwner &) = delete;
    ActingAsRecordOwner &operator=(const ActingAsRecordOwner &) = delete;

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

} // namespace quorum
