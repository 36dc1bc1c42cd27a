#pragma once

#include "core/domain/error.h"
#include "core/storage/sqldialect.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <functional>

namespace quorum {

/**
 * A prepared statement that throws a classified Error instead of returning false. Every statement in
 * Quorum goes through this class, so every value is bound and every failure carries the statement
 * and the driver's words.
 */
class SqlQuery {
public:
    /**
     * Prepares @p sql on @p db, or takes the same statement already prepared on that connection when its
     * prepared statements are kept (keepPreparedStatements).
     */
    SqlQuery(const QSqlDatabase &db, const QString &sql);
    /** Gives a kept connection's statement back for the next SqlQuery of the same text (never throws). */
    ~SqlQuery();
    SqlQuery(const SqlQuery &) = delete;
    SqlQuery &operator=(const SqlQuery &) = delete;

    SqlQuery &bind(const QString &placeholder, const QVariant &value);
    SqlQuery &exec();
    /**
     * Moves to the next row; false at the end. A row that cannot be read (a damaged page, a lock) throws
     * a classified Error instead of looking like the end of the results.
     */
    bool next();
    QVariant value(int index) const { return m_query.value(index); }
    QVariant value(const QString &name) const { return m_query.value(name); }
    qint64 lastInsertId() const { return m_query.lastInsertId().toLongLong(); }
    int rowsAffected() const { return m_query.numRowsAffected(); }

    /** Convenience: exec and return the first column of the first row (invalid if none). */
    QVariant scalar();

private:
    Error failure() const;

    QSqlQuery m_query;
    QString m_sql;
    QString m_connectionName;  ///< set when the connection's statements are kept
    quint64 m_keptSession = 0; ///< the keeping of m_connectionName this statement belongs to
    bool m_failed = false;     ///< a use failed: the statement is not kept
    SqlDialect::Engine m_engine;
};

/**
 * Keeps the prepared statements of the server connection @p connectionName between uses: a statement is
 * prepared once per session and then only executed, one round trip instead of three (Qt's PostgreSQL
 * driver prepares, executes and deallocates each statement). A statement whose result was large is not
 * kept (its rows would stay in memory). Database turns it on for its server connection from the opening's first
 * check, drops what it kept before an upgrade of the schema and turns it on again after, and calls
 * forgetPreparedStatements before the session ends (closed, reconnected).
 */
void keepPreparedStatements(const QString &connectionName);

/**
 * Drops what keepPreparedStatements kept for @p connectionName (nothing kept: nothing happens). @p endSession,
 * which closes the connection, runs before the kept statements are destroyed: the server frees them with the
 * session instead of one round trip each.
 */
void forgetPreparedStatements(const QString &connectionName, const std::function<void()> &endSession = {});

/**
 * Turns a driver error into an Error of the right kind (busy, read-only, full, corrupt, ...): by SQLite's
 * result code, or by PostgreSQL's SQLSTATE for @p engine Postgres. @p context (the statement) is logged for
 * developers, never shown.
 */
Error classifySqlError(const QSqlError &error, const QString &context,
                       SqlDialect::Engine engine = SqlDialect::Engine::Sqlite);

/**
 * True when @p db is a connection to a server that libpq knows to be lost (a statement or a waiting notice
 * found the server gone); no round trip. False for a file.
 */
bool serverConnectionLost(const QSqlDatabase &db);

/** As serverConnectionLost, after @p error: it first lets libpq read what the server left (never blocking). */
bool serverConnectionLostAfter(const QSqlDatabase &db, const QSqlError &error);

/**
 * Sends the server's notices and warnings on @p db's connection (a commit cut off, a session ended by the
 * administrator) to the logging category quorum.server instead of standard error. Once per connection.
 */
void routeServerNotices(const QSqlDatabase &db);

/** The server process (session) of @p db's connection; 0 for a file. */
qint64 serverBackendPid(const QSqlDatabase &db);

/** The error of a statement cut off by a lost server connection; @p detail is libpq's reason. */
Error disconnectedError(const QString &detail);

/**
 * True for Qt's PostgreSQL driver's note that it could not free a prepared statement: said when statements
 * outlive their session (closed or lost: the server freed them with it, see forgetPreparedStatements) or
 * were destroyed inside a failed transaction (they stay until the session ends). Noise to a person.
 */
bool isDriverNote(QtMsgType type, const QString &message);

/**
 * Installs, from main, a message handler that leaves out isDriverNote messages and passes everything else to
 * the handler installed before it.
 */
void leaveOutDriverNotes();

/** The engine of @p db's driver: PostgreSQL for QPSQL, SQLite otherwise (file-level code asks only SQLite). */
/**
 * The SCRAM-SHA-256 verifier of @p password for the login @p login, computed by libpq on this side of the
 * server connection @p db (PQencryptPasswordConn, as psql's \password does), so that the password itself is
 * never sent to the server or written to its log. Throws Error when @p db is not a server connection.
 */
QString scramVerifier(const QSqlDatabase &db, const QString &login, const QString &password);

SqlDialect::Engine engineOf(const QSqlDatabase &db);

/** The values of a row to insert, column by column (names are the code's own, never a person's text). */
using ColumnValues = QList<QPair<QString, QVariant>>;

/**
 * Inserts one row into @p table and returns its key, the same on both engines. With @p id 0 the engine
 * chooses the key (the id column is left out: PostgreSQL's identity refuses a NULL where SQLite reads it
 * as "choose"); a positive @p id puts a row back under its own key (an undone removal, a redo, a restore),
 * and on PostgreSQL the identity then moves past it, so the next chosen key does not collide. Throws Error.
 */
qint64 insertRow(const QSqlDatabase &db, const QString &table, qint64 id, const ColumnValues &values);

/** A nullable text value: null for an empty string. */
QVariant nullIfEmpty(const QString &text);

/** A nullable ISO date: null for an invalid date. */
QVariant isoDateOrNull(const QDate &date);

} // namespace quorum
