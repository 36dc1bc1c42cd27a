#include "core/storage/sql.h"

#include <QDate>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlResult>

#include <libpq-fe.h>

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace quorum {

namespace {

// Statements and the database's own words are for developers (QT_LOGGING_RULES="quorum.sql.debug=true"),
// never for the message a person reads.
Q_LOGGING_CATEGORY(lcSql, "quorum.sql", QtWarningMsg)

// SQLite primary result codes (the driver may report extended codes; the low byte is the primary).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;
constexpr int kSqliteConstraint = 19;
constexpr int kSqliteNotADb = 26;

} // namespace

namespace {

/** PostgreSQL's words for a failure, by the class and code of its SQLSTATE (PostgreSQL manual, appendix A). */
Error classifyPostgresError(const QSqlError &error, const QString &context)
{
    const QString state = error.nativeErrorCode();
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    qCDebug(lcSql) << "server error" << state << detail << "in" << context;
    // libpq reports a lost or refused connection without an SQLSTATE, as a connection error.
    if (state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01") || state == QLatin1String("57P02")
        || state == QLatin1String("57P03") || (state.isEmpty() && error.type() == QSqlError::ConnectionError))
        return disconnectedError(detail);
    if (state.startsWith(QLatin1String("23")))
        return Error(Error::Kind::Conflict,
                     QStringLiteral("The change contradicts what is already recorded (for example a name that is "
                                    "already used, or something that another record still needs), so nothing was "
                                    "saved."));
    if (state == QLatin1String("40001") || state == QLatin1String("40P01") || state == QLatin1String("55P03"))
        return Error(Error::Kind::Busy, QStringLiteral("Someone else's change to the same records was being saved at "
                                                       "the same moment; nothing was changed. Try again."));
    if (state == QLatin1String("25006"))
        return Error(Error::Kind::ReadOnly, QStringLiteral("The database server accepts only reading just now (it may "
                                                           "be a standby); nothing was changed."));
    if (state == QLatin1String("42501")) {
        // The server's own first line says what was refused ("permission denied for table person", or the
        // sign-off function's sentence): worth showing, and it holds no data.
        QString what = detail.section(QLatin1Char('\n'), 0, 0).trimmed();
        static const QRegularExpression severity(QStringLiteral("^(ERROR|FATAL):\\s*"));
        what.remove(severity);
        return Error(Error::Kind::NotPermitted,
                     QStringLiteral("The database server does not let your account do this%1; nothing was changed. "
                                    "Ask the record's administrator for a role that may.")
                         .arg(what.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(what)));
    }
    if (state.startsWith(QLatin1String("53")))
        return Error(Error::Kind::Full, QStringLiteral("The database server is out of space or memory; nothing was "
                                                       "changed. Ask its administrator, then try again."));
    if (state == QLatin1String("XX001") || state == QLatin1String("XX002"))
        return Error(Error::Kind::Corrupt,
                     QStringLiteral("The database server reports damaged data; ask its administrator to "
                                    "restore it from a backup."));
    return Error(Error::Kind::Storage,
                 QStringLiteral("The database server could not carry this out (error %1); nothing was changed. Try "
                                "again; if it happens again, check the database with 'quorum-cli verify'.")
                     .arg(state.isEmpty() ? QStringLiteral("unknown") : state));
}

} // namespace

namespace {

/** libpq's connection under Qt's PostgreSQL driver; null for any other driver. */
PGconn *libpqConnection(const QSqlDriver *driver)
{
    if (!driver)
        return nullptr;
    const QVariant handle = driver->handle();
    // Qt 6.4 names the type by libpq's struct (pg_conn*); Qt's documentation by its typedef (PGconn*).
    if (qstrcmp(handle.typeName(), "pg_conn*") != 0 && qstrcmp(handle.typeName(), "PGconn*") != 0)
        return nullptr;
    return *static_cast<PGconn *const *>(handle.constData());
}

bool connectionLost(const QSqlDriver *driver)
{
    PGconn *connection = libpqConnection(driver);
    return connection && PQstatus(connection) == CONNECTION_BAD;
}

/**
 * After a statement failed without an SQLSTATE (every error of the server's own has one): whether the
 * connection is gone. A server that went away while a statement was being sent leaves libpq's state good
 * until it next reads; reading what is waiting (never blocking) lets it find the end of the connection.
 */
bool connectionLostAfter(const QSqlDriver *driver, const QSqlError &error)
{
    PGconn *connection = libpqConnection(driver);
    if (!connection)
        return false;
    if (PQstatus(connection) == CONNECTION_OK && error.nativeErrorCode().isEmpty())
        PQconsumeInput(connection);
    return PQstatus(connection) == CONNECTION_BAD;
}

} // namespace

namespace {

Q_LOGGING_CATEGORY(lcServerNotices, "quorum.server", QtWarningMsg)

/** The server's notices and warnings go to a logging category, not straight to standard error (libpq's way). */
void logServerNotice(void *, const char *message)
{
    qCInfo(lcServerNotices) << QString::fromUtf8(message).trimmed();
}

} // namespace

void routeServerNotices(const QSqlDatabase &db)
{
    if (PGconn *connection = libpqConnection(db.driver()))
        PQsetNoticeProcessor(connection, logServerNotice, nullptr);
}

bool serverConnectionLost(const QSqlDatabase &db)
{
    return connectionLost(db.driver());
}

bool serverConnectionLostAfter(const QSqlDatabase &db, const QSqlError &error)
{
    return connectionLostAfter(db.driver(), error);
}

qint64 serverBackendPid(const QSqlDatabase &db)
{
    PGconn *connection = libpqConnection(db.driver());
    return connection ? PQbackendPID(connection) : 0;
}

Error disconnectedError(const QString &detail)
{
    // A statement on a connection already known lost has no words of libpq's: the sentence stands alone.
    const QString reason = detail.simplified();
    return Error(
        Error::Kind::Disconnected,
        reason.isEmpty()
            ? QStringLiteral("The connection to the database server is lost; nothing was changed.")
            : QStringLiteral("The connection to the database server was lost (%1); nothing was changed.").arg(reason));
}

bool isDriverNote(QtMsgType type, const QString &message)
{
    return type == QtWarningMsg && message.startsWith(QLatin1String("Unable to free statement"));
}

namespace {

QtMessageHandler g_handlerBeforeDriverNotes = nullptr;

void withoutDriverNotes(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (isDriverNote(type, message))
        return;
    if (g_handlerBeforeDriverNotes)
        g_handlerBeforeDriverNotes(type, context, message);
}

} // namespace

void leaveOutDriverNotes()
{
    g_handlerBeforeDriverNotes = qInstallMessageHandler(withoutDriverNotes);
}

QString scramVerifier(const QSqlDatabase &db, const QString &login, const QString &password)
{
    PGconn *connection = libpqConnection(db.driver());
    if (!connection)
        throw Error(Error::Kind::InvalidInput, QStringLiteral("A password is set for a login of a server."));
    char *verifier =
        PQencryptPasswordConn(connection, password.toUtf8().constData(), login.toUtf8().constData(), "scram-sha-256");
    if (!verifier)
        throw Error(Error::Kind::Storage, QStringLiteral("The password could not be prepared for the server: %1")
                                              .arg(QString::fromUtf8(PQerrorMessage(connection)).trimmed()));
    const QString result = QString::fromLatin1(verifier);
    PQfreemem(verifier);
    return result;
}

SqlDialect::Engine engineOf(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL") ? SqlDialect::Engine::Postgres : SqlDialect::Engine::Sqlite;
}

Error classifySqlError(const QSqlError &error, const QString &context, SqlDialect::Engine engine)
{
    if (engine == SqlDialect::Engine::Postgres)
        return classifyPostgresError(error, context);
    bool ok = false;
    const int native = error.nativeErrorCode().toInt(&ok);
    const int primary = ok ? (native & 0xff) : -1;
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    switch (primary) {
    case kSqliteBusy:
    case kSqliteLocked:
        return Error(Error::Kind::Busy, QStringLiteral("The database is locked by another program (%1); "
                                                       "close the other program or try again.")
                                            .arg(detail));
    case kSqliteReadOnly:
        return Error(Error::Kind::ReadOnly,
                     QStringLiteral("The database cannot be written (%1); check the permissions of the file and "
                                    "its folder, or save a copy elsewhere.")
                         .arg(detail));
    case kSqliteFull:
        return Error(
            Error::Kind::Full,
            QStringLiteral("The disk is full (%1); nothing was changed. Free some space and try again.").arg(detail));
    case kSqliteCorrupt:
    case kSqliteNotADb:
        return Error(Error::Kind::Corrupt,
                     QStringLiteral("The database file is damaged (%1); restore it from a backup.").arg(detail));
    case kSqliteCantOpen:
    case kSqliteIoErr:
        return Error(Error::Kind::CannotOpen,
                     QStringLiteral("The database file cannot be read or written (%1).").arg(detail));
    case kSqliteConstraint:
        qCDebug(lcSql) << "constraint failed:" << detail << "in" << context;
        return Error(Error::Kind::Conflict,
                     QStringLiteral("The change contradicts what is already recorded (for example a name that is "
                                    "already used, or something that another record still needs), so nothing was "
                                    "saved."));
    default:
        qCDebug(lcSql) << "database error:" << detail << "in" << context;
        return Error(Error::Kind::Storage,
                     QStringLiteral("The database could not carry this out (error %1); nothing was changed. Try "
                                    "again; if it happens again, check the database with 'quorum-cli verify'.")
                         .arg(ok ? QString::number(native) : QStringLiteral("unknown")));
    }
}

namespace {

/** An idle prepared statement, with what keeping it costs and when it was last used. */
struct KeptStatement {
    QString sql;
    QSqlQuery query;
    qint64 bytes = 0; ///< the rows of its last result, still held until its next use
    quint64 lastUse = 0;
};

/** The idle prepared statements of one connection. */
struct KeptStatements {
    std::vector<KeptStatement> idle;
    qint64 bytes = 0;
    quint64 session = 0; ///< which keeping this is: a statement of an earlier session is never given back
    quint64 uses = 0;
};

// Each connection is used by one thread only; the lock guards the map of connections, which Database objects
// on several threads (a read-ahead, a listener) change.
std::mutex g_keptMutex;
std::map<QString, KeptStatements> g_kept;
quint64 g_lastSession = 0;

// Bounds on what is kept: a few of each statement (a statement used inside a read of the same one needs a
// second), a few hundred in all and a few megabytes of held rows, the least recently used going first; and
// only results small enough that keeping their rows costs little.
constexpr int kKeptPerStatement = 2;
constexpr size_t kKeptPerConnection = 300;
constexpr qint64 kKeptBytesPerConnection = 4 * 1024 * 1024;
constexpr int kKeptRowsAtMost = 64;
constexpr qint64 kKeptBytesAtMost = 64 * 1024;

/** The bytes of the result @p query holds; -1 when it is too large to keep (or not a PostgreSQL result). */
qint64 keptResultBytes(const QSqlQuery &query)
{
    const QVariant handle = query.result() ? query.result()->handle() : QVariant();
    if (qstrcmp(handle.typeName(), "PGresult*") != 0 && qstrcmp(handle.typeName(), "pg_result*") != 0)
        return -1;
    const PGresult *result = *static_cast<PGresult *const *>(handle.constData());
    if (!result)
        return 0;
    const int rows = PQntuples(result);
    if (rows > kKeptRowsAtMost)
        return -1;
    qint64 bytes = 0;
    const int columns = PQnfields(result);
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column)
            bytes += PQgetlength(result, row, column);
    }
    return bytes <= kKeptBytesAtMost ? bytes : -1;
}

/** An idle prepared statement of @p sql on @p connectionName, when its statements are kept and one is idle. */
std::optional<QSqlQuery> takeKept(const QString &connectionName, const QString &sql, quint64 *session)
{
    const std::lock_guard<std::mutex> lock(g_keptMutex);
    const auto connection = g_kept.find(connectionName);
    *session = connection != g_kept.end() ? connection->second.session : 0;
    if (connection == g_kept.end())
        return std::nullopt;
    std::vector<KeptStatement> &idle = connection->second.idle;
    const auto found =
        std::find_if(idle.begin(), idle.end(), [&sql](const KeptStatement &kept) { return kept.sql == sql; });
    if (found == idle.end())
        return std::nullopt;
    QSqlQuery query = std::move(found->query);
    connection->second.bytes -= found->bytes;
    idle.erase(found);
    return query;
}

/**
 * Keeps @p query for the next use of @p sql, making room by dropping the least recently used; what is
 * dropped goes to @p dropped, to be destroyed (a round trip each) outside the lock.
 */
void giveBackKept(const QString &connectionName, quint64 session, const QString &sql, QSqlQuery &query, qint64 bytes,
                  std::vector<QSqlQuery> &dropped)
{
    const std::lock_guard<std::mutex> lock(g_keptMutex);
    const auto connection = g_kept.find(connectionName);
    if (connection == g_kept.end() || connection->second.session != session)
        return;
    KeptStatements &kept = connection->second;
    const auto same = std::count_if(kept.idle.cbegin(), kept.idle.cend(),
                                    [&sql](const KeptStatement &statement) { return statement.sql == sql; });
    if (same >= kKeptPerStatement)
        return;
    while (!kept.idle.empty()
           && (kept.idle.size() >= kKeptPerConnection || kept.bytes + bytes > kKeptBytesPerConnection)) {
        const auto oldest =
            std::min_element(kept.idle.begin(), kept.idle.end(),
                             [](const KeptStatement &a, const KeptStatement &b) { return a.lastUse < b.lastUse; });
        kept.bytes -= oldest->bytes;
        dropped.push_back(std::move(oldest->query));
        kept.idle.erase(oldest);
    }
    kept.idle.push_back({sql, std::move(query), bytes, ++kept.uses});
    kept.bytes += bytes;
}

} // namespace

void keepPreparedStatements(const QString &connectionName)
{
    const std::lock_guard<std::mutex> lock(g_keptMutex);
    const auto [connection, added] = g_kept.try_emplace(connectionName);
    if (added)
        connection->second.session = ++g_lastSession;
}

void forgetPreparedStatements(const QString &connectionName, const std::function<void()> &endSession)
{
    KeptStatements dropped;
    {
        const std::lock_guard<std::mutex> lock(g_keptMutex);
        const auto connection = g_kept.find(connectionName);
        if (connection != g_kept.end()) {
            dropped = std::move(connection->second);
            g_kept.erase(connection);
        }
    }
    // The session frees its statements as it ends: ended first, nothing is freed one round trip at a time
    // (Qt's driver then only notes that it could not free them).
    if (endSession)
        endSession();
}

SqlQuery::SqlQuery(const QSqlDatabase &db, const QString &sql)
    : m_query(db)
    , m_sql(sql)
    , m_engine(engineOf(db))
{
    if (m_engine == SqlDialect::Engine::Postgres) {
        std::optional<QSqlQuery> prepared = takeKept(db.connectionName(), sql, &m_keptSession);
        if (m_keptSession != 0)
            m_connectionName = db.connectionName();
        if (prepared) {
            m_query = std::move(*prepared);
            // What the last use bound is not this use's: a value left unbound is NULL, as on a fresh statement.
            const qsizetype bound = m_query.boundValues().size();
            for (qsizetype i = 0; i < bound; ++i)
                m_query.bindValue(int(i), QVariant());
            return;
        }
    }
    // Forward-only reads rows as they come on SQLite. Qt's PostgreSQL driver reads them so (single-row mode)
    // only while no other statement runs on the connection, and the Store reads one list while it asks
    // another (a review's items while reading reviews): there the result is read whole.
    m_query.setForwardOnly(m_engine == SqlDialect::Engine::Sqlite);
    if (!m_query.prepare(sql))
        throw failure();
}

SqlQuery::~SqlQuery()
{
    // Not kept: a connection whose statements are not kept, a lost one, a statement that failed (it may be gone
    // from the session, or describe a table changed since), a large result.
    if (m_connectionName.isEmpty() || m_failed || connectionLost(m_query.driver()))
        return;
    const qint64 bytes = keptResultBytes(m_query);
    if (bytes < 0)
        return;
    std::vector<QSqlQuery> dropped;
    try {
        m_query.finish();
        giveBackKept(m_connectionName, m_keptSession, m_sql, m_query, bytes, dropped);
    } catch (...) {
        // Out of memory or a lock that failed: the statement is simply not kept.
    }
}

SqlQuery &SqlQuery::bind(const QString &placeholder, const QVariant &value)
{
    // A null QString or QByteArray inside a valid variant means "empty text" or "no bytes" here (an empty
    // blob read back from the file comes as a null QByteArray); SQL NULL is asked for explicitly with a
    // null variant (see nullIfEmpty), so NOT NULL columns never see a stray NULL.
    if (!value.isNull() && value.typeId() == QMetaType::QString && value.toString().isNull()) {
        m_query.bindValue(placeholder, QStringLiteral(""));
        return *this;
    }
    if (!value.isNull() && value.typeId() == QMetaType::QByteArray && value.toByteArray().isNull()) {
        m_query.bindValue(placeholder, QByteArray("", 0));
        return *this;
    }
    m_query.bindValue(placeholder, value);
    return *this;
}

SqlQuery &SqlQuery::exec()
{
    if (!m_query.exec()) {
        m_failed = true;
        throw failure();
    }
    return *this;
}

bool SqlQuery::next()
{
    if (m_query.next())
        return true;
    if (m_query.lastError().type() != QSqlError::NoError) {
        m_failed = true;
        throw failure();
    }
    return false;
}

Error SqlQuery::failure() const
{
    // libpq reports a server that went away mid-statement without an SQLSTATE; its connection state tells.
    if (m_engine == SqlDialect::Engine::Postgres && connectionLostAfter(m_query.driver(), m_query.lastError())) {
        const QSqlError error = m_query.lastError();
        return disconnectedError(error.databaseText().isEmpty() ? error.text() : error.databaseText());
    }
    return classifySqlError(m_query.lastError(), m_sql.simplified().left(120), m_engine);
}

QVariant SqlQuery::scalar()
{
    exec();
    if (!next())
        return {};
    return m_query.value(0);
}

qint64 insertRow(const QSqlDatabase &db, const QString &table, qint64 id, const ColumnValues &values)
{
    QStringList columns;
    QStringList placeholders;
    if (id > 0) {
        columns << QStringLiteral("id");
        placeholders << QStringLiteral(":id");
    }
    for (qsizetype i = 0; i < values.size(); ++i) {
        columns << values[i].first;
        placeholders << QStringLiteral(":v%1").arg(i);
    }
    SqlQuery insert(db, QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) RETURNING id")
                            .arg(table, columns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", "))));
    if (id > 0)
        insert.bind(QStringLiteral(":id"), id);
    for (qsizetype i = 0; i < values.size(); ++i)
        insert.bind(QStringLiteral(":v%1").arg(i), values[i].second);
    const qint64 key = insert.scalar().toLongLong();
    if (id > 0 && engineOf(db) == SqlDialect::Engine::Postgres) {
        // Only forwards: another client may have taken larger keys meanwhile.
        SqlQuery(db, QStringLiteral("SELECT setval(pg_get_serial_sequence(:table, 'id'), :key) WHERE :key2 > "
                                    "COALESCE(pg_sequence_last_value(pg_get_serial_sequence(:table2, 'id')), 0)"))
            .bind(QStringLiteral(":table"), table)
            .bind(QStringLiteral(":key"), id)
            .bind(QStringLiteral(":key2"), id)
            .bind(QStringLiteral(":table2"), table)
            .exec();
    }
    return key;
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(text);
}

QVariant isoDateOrNull(const QDate &date)
{
    return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant(QMetaType(QMetaType::QString));
}

} // namespace quorum
