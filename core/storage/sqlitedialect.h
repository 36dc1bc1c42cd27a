#pragma once

#include "core/storage/sqldialect.h"

#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <atomic>

namespace quorum {

/**
 * Everything in Quorum that only SQLite understands lives here: the file header probe, PRAGMAs
 * (application id, schema version, WAL, foreign keys, busy timeout), the write-transaction opener,
 * the type names that differ between engines, triggers, integrity checks and the online backup.
 * What both engines have is its SqlDialect (PostgresDialect is the other); what only a file has (the
 * probe, PRAGMAs, attach, the online backup) is static. The rest of the SQL in Quorum is portable.
 */
class SqliteDialect final : public SqlDialect {
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
        bool walMode = false; ///< the header says write-ahead log (every file Quorum has written)
        QString failure;      ///< set when SQLite could not read the file (damaged)
    };

    /** Whether probe() runs SQLite's quick_check, or leaves it to a BackgroundIntegrityCheck. */
    enum class QuickCheck { Run, Skip };

    /**
     * Files up to this size get SQLite's quick_check when probed (about 0.6 ms of CPU per MB, so a
     * quarter of a second at most); larger ones are checked by `quorum-cli verify`, and damage found on
     * a later read is still reported as Corrupt. See "Damaged files" in docs/design.md.
     */
    static constexpr qint64 kQuickCheckMaxBytes = 256LL * 1024 * 1024;

    /**
     * Looks at @p path read-only: header, application id, schema version, and for a Quorum file up to
     * kQuickCheckMaxBytes SQLite's quick_check, so a damaged file is refused before anything is written.
     */
    static Probe probe(const QString &path, QuickCheck quickCheck = QuickCheck::Run);

    /**
     * SQLite's quick_check of @p path on a read-only connection of its own (usable from any thread):
     * an empty string when the file is sound, larger than kQuickCheckMaxBytes or locked by another
     * program throughout the busy timeout, else what is damaged. Setting @p stop (read while the check
     * runs) ends it early; the result is then meaningless and the caller must ignore it.
     */
    static QString quickCheck(const QString &path, const std::atomic<bool> *stop = nullptr);

    /**
     * True when @p path must be treated as read-only: this user cannot write it, or its permission bits
     * let nobody write it (so a file or folder marked read-only is respected even by root, who could).
     */
    static bool isReadOnlyPath(const QString &path);

    /**
     * Points @p db at @p path for reading only, as an immutable file: for a database in a folder where
     * SQLite cannot create its -wal and -shm files. Nothing is created beside the file or written to it.
     */
    static void setImmutableSource(QSqlDatabase &db, const QString &path);

    /** How long a statement waits for another program's lock before failing Busy, by default. */
    static constexpr int kDefaultBusyTimeoutMs = 5000;

    /** Applies the per-connection settings (foreign keys, busy timeout, WAL where possible). */
    static void configure(const QSqlDatabase &db, bool readOnly);

    /** Sets how long statements on @p db wait for another program's lock before failing Busy. */
    static void setBusyTimeout(const QSqlDatabase &db, int milliseconds);

    static int userVersion(const QSqlDatabase &db);
    static void setUserVersion(const QSqlDatabase &db, int version);
    static void setApplicationId(const QSqlDatabase &db);

    // The SqlDialect of SQLite: the schema version is PRAGMA user_version, the mark the application id.
    Engine engine() const override { return Engine::Sqlite; }
    int schemaVersion(const QSqlDatabase &db) const override { return userVersion(db); }
    void setSchemaVersion(const QSqlDatabase &db, int version) const override { setUserVersion(db, version); }
    void markAsQuorum(const QSqlDatabase &db) const override { setApplicationId(db); }

    /** Starts a write transaction that takes the write lock at once, so a busy database fails early. */
    QString beginWrite(const QSqlDatabase &db) const override;
    void commit(const QSqlDatabase &db) const override;
    void rollback(const QSqlDatabase &db) const override;

    /** Replaces the engine-specific placeholders in portable DDL: {PK} and {BLOB}. */
    QString ddl(QString statement) const override;

    /** Triggers that make the audit trail append-only and signed reviews immutable. */
    QStringList guardTriggers() const override;
    QStringList changeNoticeTriggers() const override;
    QStringList serverIdentityObjects(const QString &schema) const override;
    /**
     * Triggers that keep evidence_tally (each action's number of evidence links, and under the empty
     * subject the number of evidence items) equal to a count, whatever writes the tables.
     */
    QStringList evidenceTallyTriggers() const override;
    QStringList linkDueDateTriggers() const override;
    QString titleIsAscii() const override;
    QString titleInAsciiFoldOrder() const override;

    /** PRAGMA integrity_check; returns "ok" or the first problems SQLite reports. */
    static QString integrityCheck(const QSqlDatabase &db);

    /** Copies the open database to @p target with SQLite's online backup API. Throws Error. */
    static void backup(const QSqlDatabase &db, const QString &target);

    /** A column of a table as the schema declares it. */
    struct Column {
        QString name;
        QString type; ///< the declared type, upper case ("INTEGER", "TEXT", "BLOB", ...)
    };

    /** The tables of the schema (not SQLite's own), each after the tables its foreign keys reference. */
    static QStringList tables(const QSqlDatabase &db);

    /** The columns of @p table in declaration order; @p schema names an attached database. */
    static QList<Column> columns(const QSqlDatabase &db, const QString &table, const QString &schema = {});

    /** The schema's triggers: name and the statement that creates it (to suspend them while restoring). */
    static QList<QPair<QString, QString>> triggers(const QSqlDatabase &db);

    /** Checks foreign keys at commit rather than per statement, for the rest of the open transaction. */
    static void deferForeignKeys(const QSqlDatabase &db);

    /** Rows that break a foreign key, as "table row N refers to a missing parent row" (empty when none). */
    static QStringList foreignKeyProblems(const QSqlDatabase &db);

    /** Attaches another database file under @p alias (outside any transaction). Throws Error. */
    static void attach(const QSqlDatabase &db, const QString &path, const QString &alias);
    static void detach(const QSqlDatabase &db, const QString &alias);

    /** An identifier quoted for SQL ("name"), for table and column names read from the schema. */
    static QString quoted(const QString &identifier);
};

} // namespace quorum
