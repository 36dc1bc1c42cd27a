#pragma once

#include "core/storage/helddatabasefiles.h"
#include "core/storage/serverconnection.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace quorum {

class BackgroundIntegrityCheck;
class Catalogue;

/**
 * One open Quorum database file. Opening checks, before anything is written, that the file is SQLite,
 * that it is a Quorum database (its application id) and that its schema is not newer than this
 * program; any of those failing throws an Error and leaves the file byte-for-byte unchanged. Then it
 * brings the schema up to date with the numbered migrations and the stored catalogue text up to the
 * built-in catalogue's version. The object owns its QtSql connection (held by name, never shared) and
 * the transaction depth used by Transaction.
 */
class Database {
public:
    enum class Mode {
        OpenExisting, ///< the file must exist and be a Quorum database
        CreateNew,    ///< the file must not exist; a new empty database is made
        /**
         * As CreateNew, but with the schema only: not even the catalogue's wording or its audit row, so that
         * a whole record can be copied in exactly as it is (RecordCopy). Not a record to open until then.
         */
        CreateEmpty,
    };

    /** When SQLite's quick_check of an existing file runs (the other checks always run first). */
    enum class IntegrityCheck {
        BeforeOpening, ///< open() refuses a damaged file (the CLI, tests, File > Open)
        /**
         * open() prepares a BackgroundIntegrityCheck and returns; startIntegrityCheck() starts it (the
         * desktop app does once its window is painted), and so does the first write, which waits for it and
         * throws Corrupt if the file is damaged. A file that opening itself must write to (a schema upgrade,
         * the switch to WAL) is checked before it is opened, as with BeforeOpening.
         */
        InBackground,
    };

    /** Opens or creates; throws Error (CannotOpen, NotQuorum, TooNew, Corrupt, ReadOnly, Busy). */
    static std::unique_ptr<Database> open(const QString &path, Mode mode, const Catalogue &catalogue,
                                          IntegrityCheck integrityCheck = IntegrityCheck::BeforeOpening);
    /**
     * Opens, or with CreateNew creates, the Quorum record in a PostgreSQL database (the shared mode). As with
     * a file, nothing is written until the checks pass: creating needs a database without tables, and
     * opening refuses a database of another program (tables but no Quorum schema), one without a record
     * yet, and a schema from a newer Quorum. Then the schema is brought up to date and the catalogue
     * synchronised, as for a file. Throws Error (CannotOpen with the server's reason, NotQuorum, TooNew,
     * Conflict, InvalidInput).
     */
    static std::unique_ptr<Database> openServer(const ServerConnection &server, Mode mode, const Catalogue &catalogue);

    /**
     * A second, read-only connection to a file that open() has already opened (and so probed and brought
     * up to date; with IntegrityCheck::InBackground its quick_check may still be to come, and a damaged
     * page then fails the read, as on any connection), for reading on another thread: it must be used and
     * destroyed on the thread that made it. Nothing is checked or migrated, and every write throws
     * ReadOnly. Throws Error when the file cannot be opened.
     */
    static std::unique_ptr<Database> openReader(const QString &path);
    /**
     * A second session on the server of @p server, read-only, for reading on another thread as openReader()
     * does for a file (the record is already open and up to date on the first). Throws Error when it cannot
     * connect.
     */
    static std::unique_ptr<Database> openServerReader(const ServerConnection &server);

    /** Deletes a database file with its -wal, -shm and -journal files: one this program created and gave up. */
    static void removeFiles(const QString &path);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase connection() const;
    /**
     * The schema version of the record (SqlDialect::schemaVersion), read once per session: as opened and
     * upgraded, or when first asked for a connection that opens without upgrading (a read-only file, a
     * reader). Every feature check reads it, and on a server each reading was two statements.
     */
    int schemaVersion() const;
    /** The file's absolute path, or for a server its display name (ServerConnection::displayName). */
    const QString &path() const { return m_path; }
    /** True for a record on a PostgreSQL server, false for a file. */
    bool isServer() const { return m_server; }
    /** For a server, how it was reached (the password included, for reconnecting); empty for a file. */
    const ServerConnection &serverConnection() const { return m_serverConnection; }
    /**
     * For a server, whether the connection is still up as far as this client knows (no round trip: libpq's
     * own state, which turns bad as soon as a statement or a waiting notice finds the server gone); always
     * true for a file.
     */
    bool isConnected() const;

    /** What became of a change whose commit a lost connection cut off (CommitInterrupted). */
    enum class InterruptedChange {
        None,     ///< no commit was cut off
        Saved,    ///< it was committed before the connection went
        NotSaved, ///< it was not, and never will be
    };

    /**
     * Connects to the server again after the connection was lost (a restart, the network, a failover to a
     * standby that a multi-host connection finds), checks that it still holds this Quorum record, and says
     * what became of a change whose commit the loss cut off. Throws Error (Disconnected while the server does
     * not answer; NotQuorum or TooNew when the database is no longer this record).
     */
    InterruptedChange reconnect();

    /**
     * Whether the server committed transaction @p transactionId (from a CommitInterrupted), asked on a
     * connection of its own; a transaction still open in the old session @p backendPid is ended first, as it
     * can never be committed now. False when the server never saw it (a standby promoted without it).
     * Throws Error (Disconnected) when the server cannot be reached.
     */
    static bool transactionCommitted(const ServerConnection &server, const QString &transactionId, qint64 backendPid);

    /**
     * On a server, notes audit row @p id as appended by this connection in the open write transaction; once
     * the transaction commits, takeOwnAuditRow() recognises it (the change listener leaves this client's own
     * changes out of what others did). Nothing for a file.
     */
    void noteOwnAuditRow(qint64 id);
    /** True, once, for an audit row this connection committed (noteOwnAuditRow). */
    bool takeOwnAuditRow(qint64 id);

    /**
     * True when the file was opened for reading only: it or its folder cannot be written, or is marked
     * read-only (no write permission for anyone, respected even by root). Every change then throws ReadOnly.
     */
    bool isReadOnly() const { return m_readOnly; }

    /**
     * How long a change waits for another program's lock before failing with Error::Kind::Busy
     * (SqliteDialect::kDefaultBusyTimeoutMs unless set). Throws Error.
     */
    void setBusyTimeout(int milliseconds);

    /** The schema version this program writes. */
    static int currentSchemaVersion();

    /** The catalogue version whose text the database holds. */
    int catalogueVersion() const;

    /** Copies the whole database to @p target (an online backup). Throws Error. */
    void saveCopy(const QString &target) const;

    /** Full integrity check of the file; "ok" when sound. */
    QString integrityCheck() const;

    /** Starts the background check (IntegrityCheck::InBackground) if there is one and it has not started. */
    void startIntegrityCheck() const;

    /** The background check (IntegrityCheck::InBackground), started or not, else null. */
    const BackgroundIntegrityCheck *backgroundIntegrityCheck() const { return m_backgroundCheck.get(); }

    /**
     * Waits for a background integrity check, if there is one; throws Corrupt when it found damage.
     * Every write transaction calls this first.
     */
    void ensureIntact() const;

    /**
     * Throws Storage when the file this connection writes is no longer the one at its path: the -wal
     * file was deleted or replaced under it (another program believed it was the last user, which
     * happens when something in this process released SQLite's locks), or the database file itself was
     * moved or replaced. Writing then would go into a deleted file and be lost, so every write
     * transaction calls this first and refuses. Nothing happens for a read-only connection.
     */
    void ensureWorkingFilesIntact() const;

private:
    friend class Transaction;
    Database(QString path, QString connectionName, bool readOnly, bool server = false);

    void syncCatalogue(const Catalogue &catalogue);
    /** Remembers the identities of the file and its -wal file, for ensureWorkingFilesIntact(). */
    void rememberWorkingFiles();

    QString m_path;
    QString m_connectionName;
    bool m_readOnly = false;
    bool m_server = false;
    mutable int m_schemaVersion = -1; ///< -1 until read (schemaVersion)
    ServerConnection m_serverConnection;
    int m_transactionDepth = 0;
    bool m_rollbackOnly = false;
    std::unique_ptr<BackgroundIntegrityCheck> m_backgroundCheck;
    QString m_heldKey; ///< HeldDatabaseFiles::add's key, for remove()
    FileIdentity m_fileIdentity;
    FileIdentity m_walIdentity;
    QString m_walPath;                ///< beside the file itself (SQLite follows a symbolic link to it)
    QString m_transactionId;          ///< the server's id of the write transaction open now
    QString m_interruptedTransaction; ///< the id of one whose commit a lost connection cut off
    qint64 m_backendPid = 0;          ///< the server session of this connection, for ending what it left open
    QList<qint64> m_ownRowsPending;   ///< audit rows of the open write transaction (server only)
    QSet<qint64> m_ownRowsCommitted;  ///< this connection's committed audit rows, until the listener reads them
};

/**
 * The connection was lost while a change was being committed: the server may or may not have saved it.
 * Carries what Database::transactionCommitted needs to find out once the server answers again; the desktop
 * app's Database::reconnect() asks by itself.
 */
class CommitInterrupted : public Error {
public:
    CommitInterrupted(QString message, ServerConnection server, QString transactionId, qint64 backendPid)
        : Error(Kind::Disconnected, std::move(message))
        , m_server(std::move(server))
        , m_transactionId(std::move(transactionId))
        , m_backendPid(backendPid)
    {
    }
    const ServerConnection &server() const { return m_server; }
    const QString &transactionId() const { return m_transactionId; }
    qint64 backendPid() const { return m_backendPid; }

private:
    ServerConnection m_server;
    QString m_transactionId;
    qint64 m_backendPid;
};

/**
 * A write transaction that rolls back unless commit() is reached. Nested guards share the outermost
 * transaction: only the outermost commit writes, and an inner guard that is abandoned makes the whole
 * transaction roll back, so one intent method is always all-or-nothing.
 */
class Transaction {
public:
    explicit Transaction(Database &database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();

private:
    Database &m_database;
    bool m_done = false;
};

} // namespace quorum
