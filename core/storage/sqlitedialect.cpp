#include "core/storage/sqlitedialect.h"

#include "core/domain/error.h"
#include "core/storage/helddatabasefiles.h"
#include "core/storage/sql.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QUuid>

#include <functional>

#include <sqlite3.h>

namespace quorum {

namespace {

/** A throw-away read-only connection that never creates or changes the file. */
class ProbeConnection {
public:
    explicit ProbeConnection(const QString &path)
        : m_name(QStringLiteral("quorum-probe-%1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        // In a read-only folder SQLite cannot create the -shm file a WAL database needs to be read.
        if (SqliteDialect::isReadOnlyPath(QFileInfo(path).absolutePath()))
            SqliteDialect::setImmutableSource(db, path);
        m_open = db.open();
    }
    ~ProbeConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    ProbeConnection(const ProbeConnection &) = delete;
    ProbeConnection &operator=(const ProbeConnection &) = delete;

    bool isOpen() const { return m_open; }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
    bool m_open = false;
};

sqlite3 *nativeHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

void execPragma(const QSqlDatabase &db, const QString &pragma)
{
    // PRAGMAs take no bound parameters; every caller passes a constant or a formatted integer.
    SqlQuery(db, pragma).exec();
}

/** Reads the first column of the first row of @p sql; on failure keeps SQLite's words in @p failure. */
QVariant readFirst(const QSqlDatabase &db, const QString &sql, QString &failure)
{
    if (!failure.isEmpty())
        return {};
    QSqlQuery query(db);
    if (query.exec(sql) && query.next())
        return query.value(0);
    failure = query.lastError().databaseText();
    if (failure.isEmpty())
        failure = QStringLiteral("%1 gave no answer").arg(sql);
    return {};
}

/**
 * SQLite's quick_check: empty when the file is sound, else what is damaged. A lock held by another
 * program is not damage: the file is left unchecked, and damage still shows as Corrupt on the read that
 * meets it.
 */
QString runQuickCheck(const QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (query.exec(QStringLiteral("PRAGMA quick_check(1)")) && query.next()) {
        const QString result = query.value(0).toString();
        return result == QStringLiteral("ok") ? QString() : result;
    }
    if (classifySqlError(query.lastError(), QString()).kind() == Error::Kind::Busy)
        return {};
    return query.lastError().databaseText().isEmpty() ? query.lastError().text() : query.lastError().databaseText();
}

} // namespace

SqliteDialect::Probe SqliteDialect::probe(const QString &path, QuickCheck quickCheck)
{
    Probe result;
    QFileInfo info(path);
    result.exists = info.exists();
    if (!result.exists)
        return result;
    // A file that this process already holds through SQLite is not read with QFile: closing that
    // descriptor would release the open connection's locks (see HeldDatabaseFiles). It is an SQLite
    // file, and SQLite itself says whether it is in WAL mode.
    const bool held = HeldDatabaseFiles::isHeld(path);
    result.empty = info.size() == 0;
    if (held) {
        result.isSqlite = !result.empty;
    } else {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.failure = file.errorString();
            return result;
        }
        const QByteArray header = file.read(100);
        static const QByteArray magic("SQLite format 3\0", 16);
        result.isSqlite = header.size() == 100 && header.startsWith(magic);
        file.close();
        // Bytes 18 and 19: the file format versions for writing and reading, both 2 in WAL mode.
        result.walMode = result.isSqlite && header.at(18) == 2 && header.at(19) == 2;
    }
    if (!result.isSqlite)
        return result;

    ProbeConnection probe(path);
    if (!probe.isOpen()) {
        result.failure = probe.db().lastError().text();
        return result;
    }
    // Plain QSqlQuery, not SqlQuery: a failure is kept in SQLite's words, and the caller's message says
    // what it means for the person.
    const QSqlDatabase db = probe.db();
    if (held)
        result.walMode =
            readFirst(db, QStringLiteral("PRAGMA journal_mode"), result.failure).toString() == QStringLiteral("wal");
    result.applicationId = readFirst(db, QStringLiteral("PRAGMA application_id"), result.failure).toInt();
    result.userVersion = readFirst(db, QStringLiteral("PRAGMA user_version"), result.failure).toInt();
    result.tableCount =
        readFirst(db, QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type = 'table'"), result.failure)
            .toInt();
    // A page damaged anywhere (a file cut short, garbage over a page) shows now, not on some later read.
    if (quickCheck == QuickCheck::Run && result.failure.isEmpty() && result.applicationId == kApplicationId
        && info.size() <= kQuickCheckMaxBytes)
        result.failure = runQuickCheck(db);
    return result;
}

QString SqliteDialect::quickCheck(const QString &path, const std::atomic<bool> *stop)
{
    if (QFileInfo(path).size() > kQuickCheckMaxBytes)
        return {};
    ProbeConnection probe(path);
    if (!probe.isOpen())
        return probe.db().lastError().text();
    sqlite3 *handle = stop ? nativeHandle(probe.db()) : nullptr;
    if (handle) {
        // Asked every thousand virtual-machine steps; a non-zero answer ends the statement (SQLITE_INTERRUPT).
        // A flag read on the checking thread, unlike sqlite3_interrupt, needs no handle shared across threads.
        sqlite3_progress_handler(
            handle, 1000,
            [](void *flag) -> int { return static_cast<const std::atomic<bool> *>(flag)->load() ? 1 : 0; },
            const_cast<std::atomic<bool> *>(stop));
    }
    const QString failure = runQuickCheck(probe.db());
    if (handle)
        sqlite3_progress_handler(handle, 0, nullptr, nullptr);
    return failure;
}

bool SqliteDialect::isReadOnlyPath(const QString &path)
{
    const QFileInfo info(path);
    constexpr QFile::Permissions anyWrite = QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther;
    return !info.isWritable() || !(info.permissions() & anyWrite);
}

void SqliteDialect::setImmutableSource(QSqlDatabase &db, const QString &path)
{
    // immutable=1: no locks, no -wal or -shm, never a write; safe because nothing can write beside it.
    db.setDatabaseName(QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?immutable=1"));
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
}

void SqliteDialect::setBusyTimeout(const QSqlDatabase &db, int milliseconds)
{
    execPragma(db, QStringLiteral("PRAGMA busy_timeout = %1").arg(std::max(0, milliseconds)));
}

void SqliteDialect::configure(const QSqlDatabase &db, bool readOnly)
{
    execPragma(db, QStringLiteral("PRAGMA foreign_keys = ON"));
    // A file from elsewhere may carry triggers or views of its own: they may only use harmless functions.
    execPragma(db, QStringLiteral("PRAGMA trusted_schema = OFF"));
    setBusyTimeout(db, kDefaultBusyTimeoutMs);
    if (!readOnly) {
        // WAL lets readers carry on while one writer commits; it needs a writable folder for the
        // -wal and -shm files, so a failure here leaves the default rollback journal in place.
        try {
            execPragma(db, QStringLiteral("PRAGMA journal_mode = WAL"));
            execPragma(db, QStringLiteral("PRAGMA synchronous = NORMAL"));
        } catch (const Error &) {
        }
    }
}

int SqliteDialect::userVersion(const QSqlDatabase &db)
{
    return SqlQuery(db, QStringLiteral("PRAGMA user_version")).scalar().toInt();
}

void SqliteDialect::setUserVersion(const QSqlDatabase &db, int version)
{
    execPragma(db, QStringLiteral("PRAGMA user_version = %1").arg(version));
}

void SqliteDialect::setApplicationId(const QSqlDatabase &db)
{
    execPragma(db, QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId));
}

QString SqliteDialect::beginWrite(const QSqlDatabase &db) const
{
    SqlQuery(db, QStringLiteral("BEGIN IMMEDIATE")).exec();
    return {};
}

void SqliteDialect::commit(const QSqlDatabase &db) const
{
    SqlQuery(db, QStringLiteral("COMMIT")).exec();
}

void SqliteDialect::rollback(const QSqlDatabase &db) const
{
    // Rolling back after a failed statement must not throw again: SQLite may have rolled back already.
    QSqlQuery query(db);
    query.exec(QStringLiteral("ROLLBACK"));
}

QString SqliteDialect::ddl(QString statement) const
{
    statement.replace(QStringLiteral("{PK}"), QStringLiteral("INTEGER PRIMARY KEY"));
    statement.replace(QStringLiteral("{BLOB}"), QStringLiteral("BLOB"));
    return statement;
}

QStringList SqliteDialect::changeNoticeTriggers() const
{
    return {}; // one file, one writer at a time on one machine: nobody to tell over a connection
}

QStringList SqliteDialect::serverIdentityObjects(const QString & /*schema*/) const
{
    return {}; // a file has no logins: its trail names the operating-system user
}

QStringList SqliteDialect::guardTriggers() const
{
    return {
        QStringLiteral("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
                       "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
        QStringLiteral("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
                       "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"),
        QStringLiteral("CREATE TRIGGER review_signed_no_update BEFORE UPDATE ON review "
                       "WHEN OLD.signed_at IS NOT NULL "
                       "BEGIN SELECT RAISE(ABORT, 'a signed-off board review cannot be changed'); END"),
        QStringLiteral("CREATE TRIGGER review_signed_no_delete BEFORE DELETE ON review "
                       "WHEN OLD.signed_at IS NOT NULL "
                       "BEGIN SELECT RAISE(ABORT, 'a signed-off board review cannot be deleted'); END"),
        QStringLiteral("CREATE TRIGGER review_item_signed_no_insert BEFORE INSERT ON review_item "
                       "WHEN (SELECT signed_at FROM review WHERE id = NEW.review_id) IS NOT NULL "
                       "BEGIN SELECT RAISE(ABORT, 'a signed-off board review cannot be changed'); END"),
        QStringLiteral("CREATE TRIGGER review_item_signed_no_update BEFORE UPDATE ON review_item "
                       "WHEN (SELECT signed_at FROM review WHERE id = OLD.review_id) IS NOT NULL "
                       "BEGIN SELECT RAISE(ABORT, 'a signed-off board review cannot be changed'); END"),
        QStringLiteral("CREATE TRIGGER review_item_signed_no_delete BEFORE DELETE ON review_item "
                       "WHEN (SELECT signed_at FROM review WHERE id = OLD.review_id) IS NOT NULL "
                       "BEGIN SELECT RAISE(ABORT, 'a signed-off board review cannot be changed'); END"),
    };
}

QStringList SqliteDialect::evidenceTallyTriggers() const
{
    // Foreign-key cascades (an item's links going with it) fire these too.
    const QString add = QStringLiteral("INSERT INTO evidence_tally (subject, n) VALUES (%1, 1) "
                                       "ON CONFLICT (subject) DO UPDATE SET n = n + 1");
    // A count that reaches nought goes, so the table holds just what a recount gives (recountEvidenceTally).
    const QString remove = QStringLiteral("UPDATE evidence_tally SET n = n - 1 WHERE subject = %1; "
                                          "DELETE FROM evidence_tally WHERE subject = %1 AND n <= 0");
    return {
        QStringLiteral("CREATE TRIGGER evidence_tally_item_added AFTER INSERT ON evidence BEGIN %1; END")
            .arg(add.arg(QStringLiteral("''"))),
        QStringLiteral("CREATE TRIGGER evidence_tally_item_removed AFTER DELETE ON evidence BEGIN %1; END")
            .arg(remove.arg(QStringLiteral("''"))),
        QStringLiteral("CREATE TRIGGER evidence_tally_link_added AFTER INSERT ON evidence_action BEGIN %1; END")
            .arg(add.arg(QStringLiteral("NEW.action_id"))),
        QStringLiteral("CREATE TRIGGER evidence_tally_link_removed AFTER DELETE ON evidence_action BEGIN %1; END")
            .arg(remove.arg(QStringLiteral("OLD.action_id"))),
        QStringLiteral("CREATE TRIGGER evidence_tally_link_moved AFTER UPDATE OF action_id ON evidence_action "
                       "BEGIN %1; %2; END")
            .arg(remove.arg(QStringLiteral("OLD.action_id")), add.arg(QStringLiteral("NEW.action_id"))),
    };
}

QStringList SqliteDialect::linkDueDateTriggers() const
{
    // SQLite's BEFORE triggers cannot set NEW: a new link takes its date just after it goes in.
    return {
        QStringLiteral(
            "CREATE TRIGGER evidence_action_due_added AFTER INSERT ON evidence_action BEGIN "
            "UPDATE evidence_action SET review_by = (SELECT review_by FROM evidence WHERE id = NEW.evidence_id) "
            "WHERE evidence_id = NEW.evidence_id AND action_id = NEW.action_id; END"),
        QStringLiteral("CREATE TRIGGER evidence_due_changed AFTER UPDATE OF review_by ON evidence BEGIN "
                       "UPDATE evidence_action SET review_by = NEW.review_by WHERE evidence_id = NEW.id; END"),
    };
}

QString SqliteDialect::titleIsAscii() const
{
    return QStringLiteral("length(title) = length(CAST(title AS BLOB))");
}

QString SqliteDialect::titleInAsciiFoldOrder() const
{
    return QStringLiteral("title COLLATE NOCASE");
}

QString SqliteDialect::integrityCheck(const QSqlDatabase &db)
{
    SqlQuery query(db, QStringLiteral("PRAGMA integrity_check(20)"));
    query.exec();
    QStringList problems;
    while (query.next())
        problems << query.value(0).toString();
    return problems.join(QStringLiteral("; "));
}

void SqliteDialect::backup(const QSqlDatabase &db, const QString &target)
{
    sqlite3 *source = nativeHandle(db);
    if (!source)
        throw Error(
            Error::Kind::Storage,
            QStringLiteral(
                "Save a Copy is not available in this installation of Quorum (its database driver is missing)."));
    if (QFileInfo::exists(target) && !QFile::remove(target))
        throw Error(Error::Kind::ReadOnly, QStringLiteral("Cannot replace %1; choose another name.").arg(target));
    sqlite3 *destination = nullptr;
    const QByteArray targetPath = QFile::encodeName(target);
    int rc = sqlite3_open_v2(targetPath.constData(), &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    if (rc == SQLITE_OK) {
        sqlite3_backup *backup = sqlite3_backup_init(destination, "main", source, "main");
        if (backup) {
            // Copy in steps so a busy writer elsewhere does not starve the copy.
            do {
                rc = sqlite3_backup_step(backup, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(20);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(backup);
            if (rc == SQLITE_DONE)
                rc = SQLITE_OK;
        } else {
            rc = sqlite3_errcode(destination);
        }
    }
    const QString message = destination ? QString::fromUtf8(sqlite3_errmsg(destination)) : QString();
    sqlite3_close(destination);
    if (rc != SQLITE_OK) {
        QFile::remove(target);
        throw Error(Error::Kind::Storage, QStringLiteral("Could not save a copy to %1: %2").arg(target, message));
    }
}

QString SqliteDialect::quoted(const QString &identifier)
{
    QString escaped = identifier;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QStringList SqliteDialect::tables(const QSqlDatabase &db)
{
    SqlQuery list(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                     "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid"));
    list.exec();
    QStringList declared;
    while (list.next())
        declared << list.value(0).toString();
    QHash<QString, QStringList> parents;
    for (const QString &table : std::as_const(declared)) {
        SqlQuery keys(db, QStringLiteral("SELECT \"table\" FROM pragma_foreign_key_list(:table)"));
        keys.bind(QStringLiteral(":table"), table).exec();
        while (keys.next()) {
            const QString parent = keys.value(0).toString();
            if (parent != table && declared.contains(parent))
                parents[table] << parent;
        }
    }
    // Creation order already puts parents first; this makes sure of it whatever later migrations did.
    QStringList ordered;
    std::function<void(const QString &, int)> visit = [&](const QString &table, int depth) {
        if (ordered.contains(table) || depth > declared.size())
            return;
        for (const QString &parent : parents.value(table))
            visit(parent, depth + 1);
        if (!ordered.contains(table))
            ordered << table;
    };
    for (const QString &table : std::as_const(declared))
        visit(table, 0);
    return ordered;
}

QList<SqliteDialect::Column> SqliteDialect::columns(const QSqlDatabase &db, const QString &table, const QString &schema)
{
    SqlQuery q(db, schema.isEmpty() ? QStringLiteral("SELECT name, type FROM pragma_table_info(:table) ORDER BY cid")
                                    : QStringLiteral("SELECT name, type FROM pragma_table_info(:table, :schema) "
                                                     "ORDER BY cid"));
    q.bind(QStringLiteral(":table"), table);
    if (!schema.isEmpty())
        q.bind(QStringLiteral(":schema"), schema);
    q.exec();
    QList<Column> result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString().toUpper()});
    return result;
}

QList<QPair<QString, QString>> SqliteDialect::triggers(const QSqlDatabase &db)
{
    SqlQuery q(db, QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid"));
    q.exec();
    QList<QPair<QString, QString>> result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString()});
    return result;
}

void SqliteDialect::deferForeignKeys(const QSqlDatabase &db)
{
    execPragma(db, QStringLiteral("PRAGMA defer_foreign_keys = ON"));
}

QStringList SqliteDialect::foreignKeyProblems(const QSqlDatabase &db)
{
    SqlQuery q(db, QStringLiteral("PRAGMA main.foreign_key_check"));
    q.exec();
    QStringList problems;
    while (q.next() && problems.size() < 20)
        problems << QStringLiteral("%1 row %2 refers to a %3 row that does not exist")
                        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    return problems;
}

void SqliteDialect::attach(const QSqlDatabase &db, const QString &path, const QString &alias)
{
    SqlQuery(db, QStringLiteral("ATTACH DATABASE :path AS %1").arg(quoted(alias)))
        .bind(QStringLiteral(":path"), path)
        .exec();
}

void SqliteDialect::detach(const QSqlDatabase &db, const QString &alias)
{
    QSqlQuery query(db);
    query.exec(QStringLiteral("DETACH DATABASE %1").arg(quoted(alias)));
}

} // namespace quorum
