#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace quorum {

/**
 * What differs between the two engines a Quorum record is kept in, SQLite (a file, the default) and
 * PostgreSQL (a shared server): the type names in the schema, how the schema version is kept, how a write
 * transaction starts, and the triggers that guard the audit trail, signed reviews and the evidence tally.
 * Everything else, the tables, the migrations and every statement of the Store, is written once in
 * portable SQL. One stateless dialect per engine; of() picks it from the connection's driver.
 */
class SqlDialect {
public:
    enum class Engine { Sqlite, Postgres };

    virtual ~SqlDialect() = default;

    /** The dialect of @p db's driver (QSQLITE or QPSQL); throws Error for any other driver. */
    static const SqlDialect &of(const QSqlDatabase &db);

    virtual Engine engine() const = 0;
    /**
     * Portable DDL made concrete: {PK} (a generated 64-bit key), {BLOB} (bytes), and on PostgreSQL
     * INTEGER as BIGINT and REAL as DOUBLE PRECISION, so a value means the same on both engines.
     */
    virtual QString ddl(QString statement) const = 0;
    /** The schema version the database is at; 0 for a database without Quorum's schema. */
    virtual int schemaVersion(const QSqlDatabase &db) const = 0;
    /** Records @p version, inside the transaction of the migration that reached it. */
    virtual void setSchemaVersion(const QSqlDatabase &db, int version) const = 0;
    /** Marks a new database as Quorum's, so that it is told from another program's (in migration 1). */
    virtual void markAsQuorum(const QSqlDatabase &db) const = 0;
    /**
     * Starts a write transaction. Returns the server's id of the transaction (PostgreSQL), by which a commit
     * cut off by a lost connection is later found to have happened or not; empty for a file.
     */
    virtual QString beginWrite(const QSqlDatabase &db) const = 0;
    virtual void commit(const QSqlDatabase &db) const = 0;
    /** Rolls back; never throws (the engine may have rolled back already after a failed statement). */
    virtual void rollback(const QSqlDatabase &db) const = 0;
    /** The triggers that make the audit trail append-only and signed reviews immutable. */
    virtual QStringList guardTriggers() const = 0;
    /** The triggers that keep evidence_tally equal to a count of the evidence and its links. */
    virtual QStringList evidenceTallyTriggers() const = 0;
    /** The triggers that keep each evidence link's review_by equal to its evidence's (schema 11). */
    virtual QStringList linkDueDateTriggers() const = 0;
    /**
     * True for a title of ASCII characters alone: SQL for the attention list's order (Store::expiredEvidence),
     * written exactly as the condition of the index on the other titles (schema 13), which the engine uses only
     * when the query says the same.
     */
    virtual QString titleIsAscii() const = 0;
    /**
     * A title folded to lower case in ASCII and ordered by its bytes: for titles of ASCII alone, the order of
     * QString::compare(Qt::CaseInsensitive), which the attention list uses. Written exactly as the expression of
     * the index in that order (schema 13).
     */
    virtual QString titleInAsciiFoldOrder() const = 0;
    /** Schema 13: indexes of the evidence in the attention list's order and of the titles not of ASCII alone. */
    QStringList attentionOrderIndexes() const;
    /**
     * The triggers that tell other clients of a committed change (PostgreSQL's NOTIFY on the channel
     * kChangeChannel, with the kind of record as its payload, never the data); none for a file.
     */
    virtual QStringList changeNoticeTriggers() const = 0;
    /**
     * What makes the server name who did a change (migration 8): a trigger that stamps every audit row with
     * the login (session_user), its place in the chain and its hash, and the sign-off function the roles of
     * ServerAccess allow, each with a search path of @p schema (the record's schema, quoted) and pg_temp last,
     * so that no session's own temporary tables stand in for the record's. None for a file, whose trail
     * names the operating-system user.
     */
    virtual QStringList serverIdentityObjects(const QString &schema) const = 0;

    /** The channel change notices go out on (LISTEN quorum_changes). */
    static constexpr const char *kChangeChannel = "quorum_changes";

    /**
     * Runs a statement that takes no values and cannot be prepared on every engine (PostgreSQL prepares only
     * queries and row changes: not CREATE, BEGIN or COMMIT). Throws a classified Error.
     */
    static void execDefinition(const QSqlDatabase &db, const QString &statement);
};

} // namespace quorum
