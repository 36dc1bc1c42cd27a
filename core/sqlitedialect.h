#pragma once

#include <QSqlDatabase>
#include <QString>

namespace quorum {

/**
 * Everything in Quorum that only SQLite understands lives here: the file header probe, PRAGMAs
 * (application id, schema version, WAL, foreign keys, busy timeout), the write-transaction opener,
 * the type names that differ between engines, triggers, integrity checks and the online backup.
 * A later PostgreSQL mode provides the same operations in its own class; the rest of the SQL in
 * Quorum is portable.
 */
class SqliteDialect {
public:
    /** Quorum's SQLite application id ("QUOR"): tells our files from other SQLite files. */
    static constexpr qint32 kApplicationId = 0x51554F52;

    /** What a read-only look at a file found, without changing a byte of it. */
    struct Probe {
        bool exists = false;
        bool empty = false;
        bool isSqlite = false;
        qint32 applicationId = 0;
        int userVersion = 0;
        int tableCount = 0;
        QString failure; ///< set when SQLite could not read the file (damaged)
    };

    static Probe probe(const QString &path);

    /** Applies the per-connection settings (foreign keys, busy timeout, WAL where possible). */
    static void configure(const QSqlDatabase &db, bool readOnly);

    static int userVersion(const QSqlDatabase &db);
    static void setUserVersion(const QSqlDatabase &db, int version);
    static void setApplicationId(const QSqlDatabase &db);

    /** Starts a write transaction that takes the write lock at once, so a busy database fails early. */
    static void beginWrite(const QSqlDatabase &db);
    static void commit(const QSqlDatabase &db);
    static void rollback(const QSqlDatabase &db);

    /** Replaces the engine-specific placeholders in portable DDL: {PK} and {BLOB}. */
    static QString ddl(QString statement);

    /** Triggers that make the audit trail append-only and signed reviews immutable. */
    static QStringList guardTriggers();

    /** PRAGMA integrity_check; returns "ok" or the first problems SQLite reports. */
    static QString integrityCheck(const QSqlDatabase &db);

    /** Copies the open database to @p target with SQLite's online backup API. Throws Error. */
    static void backup(const QSqlDatabase &db, const QString &target);
};

} // namespace quorum
