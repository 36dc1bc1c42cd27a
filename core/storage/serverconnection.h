#pragma once

#include "core/domain/error.h"

#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace quorum {

/**
 * Where a shared Quorum record lives: a PostgreSQL database, named as libpq names one, either by a URI
 * ("postgresql://board@db.example/quorum?sslmode=verify-full") or by keywords ("host=/run/postgresql
 * dbname=quorum"). libpq's own parser (PQconninfoParse) reads it, so every form and option libpq knows
 * (several hosts, target_session_attrs, sslrootcert, application_name) works as it does in psql. The
 * password, when one is written into it, is kept for connecting and never shown.
 */
class ServerConnection {
public:
    ServerConnection() = default;

    /** Whether @p text names a server rather than a file: a postgresql:// URI or a keyword string. */
    static bool isServer(const QString &text);
    /** Parses @p text with libpq; throws InvalidInput with libpq's reason when it is not a connection. */
    static ServerConnection parse(const QString &text);

    /** @p value quoted as libpq reads a keyword string's values: in single quotes, \\ and ' escaped. */
    static QString quoted(QString value);
    /** Every option given, keyword and value, in libpq's order (the password included). */
    const QList<QPair<QString, QString>> &options() const { return m_options; }
    /** The value of a keyword (host, port, dbname, user, ...); empty when not given. */
    QString value(const QString &keyword) const;
    /** "postgresql://user@host:port/dbname", for messages, titles and recent lists: never a password. */
    QString displayName() const;
    /** Points a QPSQL connection at the server, with every option given (the password included). */
    void applyTo(QSqlDatabase &db) const;
    /**
     * The connection as a libpq keyword string with every option but the password: what a recent-servers
     * list or a settings file may keep, and parse() reads back.
     */
    QString withoutPassword() const;
    /**
     * The connection as a libpq keyword string with every option, the password included: for libpq itself
     * only (PQping, PQconnectdb), never for keeping or showing.
     */
    QString connectionString() const;
    /** This connection with @p password (replacing any written into it), for a password typed at a prompt. */
    ServerConnection withPassword(const QString &password) const;
    /** Whether a password is written into the connection itself (not PGPASSWORD or ~/.pgpass). */
    bool hasPassword() const { return !value(QStringLiteral("password")).isEmpty(); }
    /**
     * Asks the server, through libpq, whether connecting fails for want of a password: true when the
     * server asks for one and neither this connection, PGPASSWORD nor ~/.pgpass gave one. For after a
     * refused connection only: it connects once more.
     */
    bool serverWantsPassword() const;
    /**
     * Whether the server accepts connections now (PQping), without signing in; waits at most
     * @p timeoutSeconds for a host that does not answer. Safe to call on any thread.
     */
    bool answers(int timeoutSeconds) const;

private:
    QList<QPair<QString, QString>> m_options; ///< keyword and value, as libpq parsed them, only those set
};

/**
 * Connecting failed because the server asks for a password that nothing supplied. An Error of kind
 * CannotOpen, so the CLI exits 3 as for any refused connection; the desktop app catches it to ask for the
 * password and try again.
 */
class PasswordRequired : public Error {
public:
    explicit PasswordRequired(QString message)
        : Error(Kind::CannotOpen, std::move(message))
    {
    }
};

} // namespace quorum
