#include "core/storage/database.h"

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/cataloguewriter.h"
#include "core/storage/integritycheck.h"
#include "core/storage/migrations.h"
#include "core/storage/serveraccess.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "core/storage/sqlitedialect.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QUuid>

namespace quorum {

namespace {

QString displayPath(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

void removeDatabaseFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

Error damagedFile(const QString &path, const QString &detail)
{
    return Error(Error::Kind::Corrupt,
                 QStringLiteral("%1 is damaged and cannot be read (%2); restore it from a backup.")
                     .arg(displayPath(path), detail));
}

/** Refuses, with the reason, any existing file that is not an openable Quorum database. */
void checkExistingFile(const QString &path, const SqliteDialect::Probe &probe)
{
    const QString shown = displayPath(path);
    if (!probe.exists)
        throw Error(
            Error::Kind::CannotOpen,
            QStringLiteral("%1 does not exist; create it with 'quorum-cli --db %1 init' or File > New.").arg(shown));
    if (probe.empty)
        throw Error(Error::Kind::NotQuorum,
                    QStringLiteral("%1 is an empty file, not a Quorum database; it was left untouched.").arg(shown));
    if (!probe.isSqlite && !probe.failure.isEmpty())
        throw Error(Error::Kind::CannotOpen, QStringLiteral("%1 cannot be read: %2").arg(shown, probe.failure));
    if (!probe.isSqlite)
        throw Error(Error::Kind::NotQuorum,
                    QStringLiteral("%1 is not a Quorum database (it is another kind of file); it was left untouched.")
                        .arg(shown));
    if (!probe.failure.isEmpty())
        throw damagedFile(path, probe.failure);
    if (probe.applicationId != SqliteDialect::kApplicationId)
        throw Error(Error::Kind::NotQuorum,
                    QStringLiteral("%1 is a database of another program, not a Quorum database; it was "
                                   "left untouched.")
                        .arg(shown));
    if (probe.userVersion > Database::currentSchemaVersion())
        throw Error(Error::Kind::TooNew,
                    QStringLiteral("%1 was written by a newer version of Quorum (schema %2; this program reads up "
                                   "to %3); install the newer version to open it. The file was left untouched.")
                        .arg(shown)
                        .arg(probe.userVersion)
                        .arg(Database::currentSchemaVersion()));
}

/**
 * Refuses a server database that belongs to another program or to a newer Quorum; returns whether it holds a
 * Quorum record (false for an empty database, or a schema that a failed copy left without a record), and sets
 * @p schemaVersion to the version it read.
 */
bool checkServerDatabase(const QSqlDatabase &db, const QString &shown, int *schemaVersion = nullptr)
{
    const SqlDialect &dialect = SqlDialect::of(db);
    const int version = dialect.schemaVersion(db);
    if (schemaVersion)
        *schemaVersion = version;
    // Without Quorum's schema, tables of the current schema that are not its version row: a database of another
    // program. (Counted only then: information_schema costs a new server session 3 ms of every window's start.)
    if (version == 0
        && SqlQuery(db, QStringLiteral("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                       "current_schema() AND table_name <> 'quorum_schema'"))
                   .scalar()
                   .toInt()
               > 0)
        throw Error(Error::Kind::NotQuorum,
                    QStringLiteral("%1 holds the tables of another program, not a Quorum record; nothing was "
                                   "changed. Create an empty database for Quorum.")
                        .arg(shown));
    if (version > Database::currentSchemaVersion())
        throw Error(Error::Kind::TooNew,
                    QStringLiteral("%1 was written by a newer version of Quorum (schema %2; this program reads up to "
                                   "%3); install the newer version to open it. Nothing was changed.")
                        .arg(shown)
                        .arg(version)
                        .arg(Database::currentSchemaVersion()));
    // A schema with no audit row at all holds no record (every record has at least the catalogue's row):
    // what a copy that failed leaves behind, since each migration commits on its own. It may be created over.
    return version > 0 && AuditTrail::rowCount(db) > 0; // the last id: no count of the trail
}

/** A server that cannot be reached yet, in libpq's own words (on one line). */
Error cannotReachYet(const QString &shown, const QSqlError &failure)
{
    const QString reason = failure.databaseText().isEmpty() ? failure.text() : failure.databaseText();
    return Error(Error::Kind::Disconnected, QStringLiteral("Cannot reach %1 yet: %2").arg(shown, reason.simplified()));
}

/**
 * Whether transaction @p transactionId was committed, asked on @p db (a live connection to the server). A
 * transaction still open in the lost session @p backendPid (the server has not noticed the client is gone)
 * can never be committed now: that session is ended, and then the answer is final.
 */
bool committedOn(const QSqlDatabase &db, const QString &transactionId, qint64 backendPid)
{
    QString status;
    try {
        status = SqlQuery(db, QStringLiteral("SELECT pg_xact_status(CAST(:id AS xid8))"))
                     .bind(QStringLiteral(":id"), transactionId)
                     .scalar()
                     .toString();
    } catch (const Error &error) {
        // "transaction ID ... is in the future": a server that never saw it (a standby promoted without it).
        if (error.kind() == Error::Kind::Disconnected)
            throw;
        return false;
    }
    if (status != QLatin1String("in progress"))
        return status == QLatin1String("committed");
    // Only the session that began it can commit it; the pid is checked with the transaction, so another
    // session that took the same process id meanwhile is never touched. Waits up to 5 s for it to end.
    SqlQuery(db, QStringLiteral("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE pid = :pid AND "
                                "backend_xid = xid(CAST(:id AS xid8))"))
        .bind(QStringLiteral(":pid"), backendPid)
        .bind(QStringLiteral(":id"), transactionId)
        .exec();
    return SqlQuery(db, QStringLiteral("SELECT pg_xact_status(CAST(:id AS xid8))"))
               .bind(QStringLiteral(":id"), transactionId)
               .scalar()
               .toString()
           == QLatin1String("committed");
}

} // namespace

void Database::removeFiles(const QString &path)
{
    removeDatabaseFiles(QFileInfo(path).absoluteFilePath());
}

Database::Database(QString path, QString connectionName, bool readOnly, bool server)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
    , m_readOnly(readOnly)
    , m_server(server)
    , m_heldKey(server ? QString() : HeldDatabaseFiles::add(m_path))
{
}

Database::~Database()
{
    m_backgroundCheck.reset(); // interrupts it and waits for its thread: it reads the file
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        forgetPreparedStatements(m_connectionName, [&db] { db.close(); });
    }
    QSqlDatabase::removeDatabase(m_connectionName);
    if (!m_server)
        HeldDatabaseFiles::remove(m_heldKey);
}

int Database::currentSchemaVersion()
{
    return migrations().constLast().version;
}

std::unique_ptr<Database> Database::open(const QString &path, Mode mode, const Catalogue &catalogue,
                                         IntegrityCheck integrityCheck)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const bool creating = mode != Mode::OpenExisting;
    bool readOnly = false;
    bool immutable = false;
    bool checkInBackground = false;
    bool writesOnOpening = false;
    if (creating) {
        if (QFileInfo::exists(absolute))
            throw Error(Error::Kind::Conflict,
                        QStringLiteral("%1 already exists; Quorum never overwrites a file. Choose another name.")
                            .arg(displayPath(absolute)));
        const QFileInfo folder(QFileInfo(absolute).absolutePath());
        if (!folder.isDir())
            throw Error(Error::Kind::CannotOpen,
                        QStringLiteral("The folder %1 does not exist.").arg(displayPath(folder.filePath())));
        if (!folder.isWritable())
            throw Error(Error::Kind::ReadOnly, QStringLiteral("The folder %1 cannot be written; choose another folder.")
                                                   .arg(displayPath(folder.filePath())));
    } else {
        if (HeldDatabaseFiles::isHeldUnderAnotherName(absolute))
            throw Error(Error::Kind::NotQuorum,
                        QStringLiteral("%1 is a working file of the database that is open now (or another name "
                                       "for it), not a database to open; it was left untouched. Open the database "
                                       "file itself.")
                            .arg(displayPath(absolute)));
        checkInBackground = integrityCheck == IntegrityCheck::InBackground;
        const SqliteDialect::Probe probe = SqliteDialect::probe(
            absolute, checkInBackground ? SqliteDialect::QuickCheck::Skip : SqliteDialect::QuickCheck::Run);
        checkExistingFile(absolute, probe);
        // A folder that cannot be written holds no -wal or -shm file: the file is read as it is (immutable).
        immutable = SqliteDialect::isReadOnlyPath(QFileInfo(absolute).absolutePath());
        readOnly = immutable || SqliteDialect::isReadOnlyPath(absolute);
        // Upgrading the schema or switching the journal to WAL writes to the file as it opens.
        writesOnOpening = !readOnly && (probe.userVersion < currentSchemaVersion() || !probe.walMode);
        if (immutable && QFileInfo(absolute + QStringLiteral("-wal")).size() > 0)
            throw Error(Error::Kind::ReadOnly,
                        QStringLiteral("%1 has changes that were never merged into it (the %2-wal file beside it), "
                                       "and its folder cannot be written; open it once where the folder is "
                                       "writable, or copy the folder somewhere writable.")
                            .arg(displayPath(absolute), QFileInfo(absolute).fileName()));
        if (readOnly && needsUpgradeToRead(probe.userVersion))
            throw Error(Error::Kind::ReadOnly,
                        QStringLiteral("%1 was written by an older Quorum and must be upgraded, but the file is "
                                       "read-only; make it writable or open a copy.")
                            .arg(displayPath(absolute)));
    }

    const QString name = QStringLiteral("quorum-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    std::unique_ptr<Database> database(new Database(absolute, name, readOnly));
    if (checkInBackground) {
        database->m_backgroundCheck = std::make_unique<BackgroundIntegrityCheck>(absolute);
        if (writesOnOpening) // nothing is written to a file before its check has passed
            database->ensureIntact();
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(absolute);
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (immutable)
            SqliteDialect::setImmutableSource(db, absolute);
        if (!db.open()) {
            const Error error = classifySqlError(db.lastError(), QStringLiteral("opening %1").arg(absolute));
            database.reset();
            if (creating)
                removeDatabaseFiles(absolute);
            throw error;
        }
    }
    try {
        const QSqlDatabase db = database->connection();
        SqliteDialect::configure(db, readOnly);
        if (!readOnly) {
            database->m_schemaVersion = migrate(db);
            if (mode != Mode::CreateEmpty)
                database->syncCatalogue(catalogue);
            database->rememberWorkingFiles();
        }
    } catch (const Error &) {
        database.reset();
        if (creating)
            removeDatabaseFiles(absolute);
        throw;
    }
    return database;
}

namespace {

/** Makes the QPSQL connection @p name to @p server, or throws CannotOpen (PasswordRequired) in libpq's words. */
void connectToServer(const ServerConnection &server, const QString &name, const QString &shown)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    if (!db.isValid())
        throw Error(Error::Kind::CannotOpen, QStringLiteral("This installation of Quorum cannot reach PostgreSQL "
                                                            "servers: Qt's PostgreSQL driver (the package "
                                                            "libqt6sql6-psql) is missing."));
    server.applyTo(db);
    if (!db.open()) {
        // libpq's own words ("connection to server on socket ... failed: No such file or directory"), on one line.
        const QString reason =
            (db.lastError().databaseText().isEmpty() ? db.lastError().text() : db.lastError().databaseText())
                .simplified();
        if (server.serverWantsPassword())
            throw PasswordRequired(
                QStringLiteral("%1 asks for a password. Give it in PGPASSWORD or in ~/.pgpass (the desktop app "
                               "asks for it); Quorum never writes a password into its settings.")
                    .arg(shown));
        throw Error(Error::Kind::CannotOpen, QStringLiteral("Cannot connect to %1: %2").arg(shown, reason));
    }
}

} // namespace

std::unique_ptr<Database> Database::openServer(const ServerConnection &server, Mode mode, const Catalogue &catalogue)
{
    const QString shown = server.displayName();
    const QString name = QStringLiteral("quorum-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    std::unique_ptr<Database> database(new Database(shown, name, false, true));
    database->m_serverConnection = server;
    connectToServer(server, name, shown);
    // Kept from the first statement, one round trip each instead of three: the checks read only what no upgrade
    // changes the columns of. An upgrade starts from none kept, since it changes tables under what it prepares.
    keepPreparedStatements(name);
    const QSqlDatabase db = database->connection();
    int version = 0;
    const bool holdsRecord = checkServerDatabase(db, shown, &version);
    if (!holdsRecord && mode == Mode::OpenExisting)
        throw Error(Error::Kind::NotQuorum,
                    QStringLiteral("%1 holds no Quorum record yet; create one with 'quorum-cli --db \"%1\" init', or "
                                   "copy one there with 'quorum-cli copy FILE \"%1\"'.")
                        .arg(shown));
    if (holdsRecord && mode != Mode::OpenExisting)
        throw Error(Error::Kind::Conflict,
                    QStringLiteral("%1 already holds a Quorum record; Quorum never overwrites one.").arg(shown));
    database->m_backendPid = serverBackendPid(db);
    routeServerNotices(db);
    const bool upgrade = version != currentSchemaVersion();
    if (upgrade)
        forgetPreparedStatements(name);
    database->m_schemaVersion = migrate(db, std::numeric_limits<int>::max(), version);
    // Kept again once the schema is final: a statement prepared during an upgrade could describe old columns.
    if (upgrade)
        keepPreparedStatements(name);
    if (mode != Mode::CreateEmpty)
        database->syncCatalogue(catalogue);
    return database;
}

std::unique_ptr<Database> Database::openReader(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString name = QStringLiteral("quorum-reader-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    std::unique_ptr<Database> reader(new Database(absolute, name, true));
    QSqlError failure;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(absolute);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        // As open() reads a file whose folder cannot be written (no -shm file can be made there).
        if (SqliteDialect::isReadOnlyPath(QFileInfo(absolute).absolutePath()))
            SqliteDialect::setImmutableSource(db, absolute);
        if (!db.open())
            failure = db.lastError();
    }
    if (failure.isValid())
        throw classifySqlError(failure, QStringLiteral("opening %1").arg(absolute));
    SqliteDialect::configure(reader->connection(), true);
    return reader;
}

std::unique_ptr<Database> Database::openServerReader(const ServerConnection &server)
{
    const QString shown = server.displayName();
    const QString name = QStringLiteral("quorum-reader-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    std::unique_ptr<Database> reader(new Database(shown, name, true, true));
    reader->m_serverConnection = server;
    connectToServer(server, name, shown);
    SqlDialect::execDefinition(reader->connection(),
                               QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
    // A reader never upgrades the schema, so its statements may be kept from the start: each is then
    // prepared and executed, without the third round trip that deallocates it.
    keepPreparedStatements(name);
    return reader;
}

void Database::setBusyTimeout(int milliseconds)
{
    SqliteDialect::setBusyTimeout(connection(), milliseconds);
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

int Database::schemaVersion() const
{
    if (m_schemaVersion < 0) {
        const QSqlDatabase db = connection();
        m_schemaVersion = SqlDialect::of(db).schemaVersion(db);
    }
    return m_schemaVersion;
}

void Database::noteOwnAuditRow(qint64 id)
{
    if (m_server && m_transactionDepth > 0)
        m_ownRowsPending.append(id);
}

bool Database::takeOwnAuditRow(qint64 id)
{
    return m_ownRowsCommitted.remove(id);
}

bool Database::isConnected() const
{
    return !m_server || !serverConnectionLost(connection());
}

Database::InterruptedChange Database::reconnect()
{
    if (!m_server)
        return InterruptedChange::None;
    {
        // The same connection, closed and opened again: every QSqlDatabase handle to it stays valid, and the
        // statements prepared in the old session are gone with it.
        QSqlDatabase db = connection();
        forgetPreparedStatements(m_connectionName, [&db] { db.close(); });
        if (!db.open())
            throw cannotReachYet(m_path, db.lastError());
    }
    // Whatever was open went with the old session.
    m_transactionDepth = 0;
    m_rollbackOnly = false;
    m_transactionId.clear();
    m_schemaVersion = -1; // read again: the server may have been upgraded while away
    const QSqlDatabase db = connection();
    if (!checkServerDatabase(db, m_path))
        throw Error(Error::Kind::NotQuorum,
                    QStringLiteral("%1 answers again but no longer holds the Quorum record; ask its administrator.")
                        .arg(m_path));
    const qint64 lostSession = m_backendPid;
    m_backendPid = serverBackendPid(db);
    routeServerNotices(db);
    keepPreparedStatements(m_connectionName);
    if (m_interruptedTransaction.isEmpty())
        return InterruptedChange::None;
    const bool saved = committedOn(db, m_interruptedTransaction, lostSession);
    m_interruptedTransaction.clear();
    return saved ? InterruptedChange::Saved : InterruptedChange::NotSaved;
}

bool Database::transactionCommitted(const ServerConnection &server, const QString &transactionId, qint64 backendPid)
{
    const QString name = QStringLiteral("quorum-outcome-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    bool committed = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        server.applyTo(db);
        try {
            if (!db.open())
                throw cannotReachYet(server.displayName(), db.lastError());
            committed = committedOn(db, transactionId, backendPid);
        } catch (const Error &) {
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            throw;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return committed;
}

int Database::catalogueVersion() const
{
    return SqlQuery(connection(), QStringLiteral("SELECT value FROM meta WHERE key = :key"))
        .bind(QStringLiteral(":key"), QStringLiteral("catalogue_version"))
        .scalar()
        .toInt();
}

void Database::syncCatalogue(const Catalogue &code)
{
    const QSqlDatabase db = connection();
    // The built-in frameworks, with @p code in the Code's place (a test brings a newer one), each written when the
    // record holds an older version of it or none.
    QHash<QString, int> stored;
    SqlQuery versions(db, QStringLiteral("SELECT key, version FROM framework"));
    versions.exec();
    while (versions.next())
        stored.insert(versions.value(0).toString(), versions.value(1).toInt());
    QList<const Catalogue *> behind;
    for (const Catalogue *builtIn : Catalogue::builtIns()) {
        const Catalogue *catalogue = builtIn->key() == code.key() ? &code : builtIn;
        if (stored.value(catalogue->key()) < catalogue->version())
            behind << catalogue;
    }
    if (behind.isEmpty())
        return;

    // The catalogue owns the wording; the organisation owns its assessments. Updating the text of
    // principles and actions never touches an assessment, and a new action gets an empty one. With access by
    // role on a server, the wording belongs to the record's owner role, which only an admin may take.
    ActingAsRecordOwner asOwner(db);
    Transaction transaction(*this);
    for (const Catalogue *catalogue : std::as_const(behind)) {
        const CatalogueWrite written = writeCatalogue(db, *catalogue, false);
        if (catalogue->key() == code.key())
            SqlQuery(db, QStringLiteral("INSERT INTO meta (key, value) VALUES ('catalogue_version', :version) "
                                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"))
                .bind(QStringLiteral(":version"), QString::number(catalogue->version()))
                .exec();
        // QUORUM_NOW pins this row's time too, so a database made for a test or a demo reads in time order.
        AuditTrail::append(db,
                           AuditRecord{QStringLiteral("quorum"), QString(), QStringLiteral("catalogue"),
                                       catalogue->id(), QStringLiteral("version"),
                                       written.fromVersion > 0 ? QString::number(written.fromVersion) : QString(),
                                       QString::number(catalogue->version())},
                           Clock::fromEnvironment().now());
    }
    SqlQuery(db, QStringLiteral("INSERT INTO organisation (id, name, marking) VALUES (1, :name, :marking) "
                                "ON CONFLICT (id) DO NOTHING"))
        .bind(QStringLiteral(":name"), QStringLiteral("Unnamed organisation"))
        .bind(QStringLiteral(":marking"), QStringLiteral("OFFICIAL"))
        .exec();
    transaction.commit();
}

void Database::saveCopy(const QString &target) const
{
    if (m_server)
        throw Error(Error::Kind::InvalidInput,
                    QStringLiteral("%1 is a record on a server: its administrator copies it with pg_dump. Save a "
                                   "Copy makes a copy of a file.")
                        .arg(m_path));
    ensureIntact(); // a copy of a damaged file is no backup
    if (QFileInfo(target).absoluteFilePath() == m_path)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("Choose a different file for the copy."));
    HeldDatabaseFiles::refuseIfHeld(target, QStringLiteral("overwritten by a copy"));
    SqliteDialect::backup(connection(), target);
}

QString Database::integrityCheck() const
{
    // A server keeps its own pages whole (data checksums, pg_amcheck are its administrator's tools); what
    // Quorum checks of a server record is its audit chain and its tallies (quorum-cli verify).
    if (m_server)
        return QStringLiteral("ok");
    return SqliteDialect::integrityCheck(connection());
}

void Database::startIntegrityCheck() const
{
    if (m_backgroundCheck)
        m_backgroundCheck->start();
}

void Database::rememberWorkingFiles()
{
    // The -wal file exists from the first read in WAL mode, which opening has done, and stays while any
    // connection is open: only the last connection to close deletes it.
    const QString canonical = QFileInfo(m_path).canonicalFilePath();
    m_walPath = (canonical.isEmpty() ? m_path : canonical) + QStringLiteral("-wal");
    m_fileIdentity = FileIdentity::of(m_path);
    m_walIdentity = FileIdentity::of(m_walPath);
}

void Database::ensureWorkingFilesIntact() const
{
    if (m_readOnly || !m_fileIdentity.exists)
        return;
    const bool fileKept = FileIdentity::of(m_path) == m_fileIdentity;
    const bool walKept = !m_walIdentity.exists || FileIdentity::of(m_walPath) == m_walIdentity;
    if (fileKept && walKept)
        return;
    const QString name = QFileInfo(m_path).fileName();
    throw Error(Error::Kind::Storage,
                fileKept ? QStringLiteral("Another program deleted one of the working files of %1 (%2-wal) while "
                                          "Quorum had the database open, so this change was not saved: it would "
                                          "have been lost. Quit Quorum and open the database again to go on.")
                               .arg(displayPath(m_path), name)
                         : QStringLiteral("%1 was moved, deleted or replaced by another program while Quorum had it "
                                          "open, so this change was not saved: it would have been lost. Quit "
                                          "Quorum and open the database again to go on.")
                               .arg(displayPath(m_path)));
}

void Database::ensureIntact() const
{
    if (!m_backgroundCheck)
        return;
    const QString failure = m_backgroundCheck->failure();
    if (!failure.isEmpty())
        throw damagedFile(m_path, failure);
}

Transaction::Transaction(Database &database)
    : m_database(database)
{
    if (m_database.m_readOnly)
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("%1 is open read-only; nothing can be changed. Save a copy to edit it.")
                        .arg(displayPath(m_database.m_path)));
    if (m_database.m_transactionDepth == 0) {
        m_database.ensureIntact();
        m_database.ensureWorkingFilesIntact();
        // Refused at once, never queued for later: the person decides again once the server is back.
        if (!m_database.isConnected())
            throw Error(Error::Kind::Disconnected,
                        QStringLiteral("The connection to %1 is lost, so nothing can be changed until Quorum has "
                                       "connected again; nothing was changed.")
                            .arg(m_database.m_path));
        m_database.m_rollbackOnly = false;
        m_database.m_ownRowsPending.clear();
        m_database.m_transactionId = SqlDialect::of(m_database.connection()).beginWrite(m_database.connection());
    }
    ++m_database.m_transactionDepth;
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    m_database.m_rollbackOnly = true;
    if (--m_database.m_transactionDepth == 0)
        SqlDialect::of(m_database.connection()).rollback(m_database.connection());
}

void Transaction::commit()
{
    m_done = true;
    if (--m_database.m_transactionDepth > 0)
        return;
    const QSqlDatabase db = m_database.connection();
    if (m_database.m_rollbackOnly) {
        SqlDialect::of(db).rollback(db);
        throw Error(Error::Kind::Storage, QStringLiteral("A part of the change failed; nothing was saved."));
    }
    try {
        // Again just before the commit: the change was made after the first check, and a file deleted
        // meanwhile would take it with it.
        m_database.ensureWorkingFilesIntact();
        SqlDialect::of(db).commit(db);
        // Only now are they this client's changes for good: a rolled-back row's id goes to the next writer.
        for (const qint64 id : std::as_const(m_database.m_ownRowsPending))
            m_database.m_ownRowsCommitted.insert(id);
        m_database.m_ownRowsPending.clear();
    } catch (const Error &error) {
        if (error.kind() == Error::Kind::Disconnected && !m_database.m_transactionId.isEmpty()) {
            // The server may have committed before the connection went: that is asked once it answers again.
            m_database.m_interruptedTransaction = m_database.m_transactionId;
            throw CommitInterrupted(
                QStringLiteral("The connection to %1 was lost while this change was being saved, so whether it "
                               "was saved is not known yet; Quorum finds out as soon as the server answers again.")
                    .arg(m_database.m_path),
                m_database.m_serverConnection, m_database.m_transactionId, m_database.m_backendPid);
        }
        SqlDialect::of(db).rollback(db);
        throw;
    }
}

} // namespace quorum
