#include "core/storage/changelistener.h"

#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/sqldialect.h"

#include <QLoggingCategory>
#include <QSqlError>

namespace quorum {

namespace {

Q_LOGGING_CATEGORY(lcNotices, "quorum.notices")

} // namespace

ChangeListener::ChangeListener(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    if (!database.isServer())
        return;
    const QSqlDatabase db = database.connection();
    QSqlDriver *driver = db.driver();
    // Listening first, then reading where the trail ends: a change committed in between is then both
    // heard and after the row read, never missed.
    m_listening = driver->subscribeToNotification(QLatin1String(SqlDialect::kChangeChannel));
    if (!m_listening) {
        qCWarning(lcNotices) << "cannot listen for changes:" << driver->lastError().text();
        return;
    }
    m_lastSeen = AuditTrail::rowCount(db);
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &channel, QSqlDriver::NotificationSource source, const QVariant &) {
                noticeArrived(channel, source);
            });
}

ChangeListener::~ChangeListener()
{
    if (m_listening)
        m_database.connection().driver()->unsubscribeFromNotification(QLatin1String(SqlDialect::kChangeChannel));
}

void ChangeListener::noticeArrived(const QString &channel, QSqlDriver::NotificationSource source)
{
    // This client's own changes were announced to it as they were made (the workspace's signals).
    if (channel != QLatin1String(SqlDialect::kChangeChannel) || source == QSqlDriver::SelfSource)
        return;
    // On a lost connection the driver takes every notice for another session's (its own session id is then
    // 0); what others did is read once the connection is back (resume()).
    if (!m_database.isConnected())
        return;
    try {
        catchUp();
    } catch (const Error &error) {
        // A connection lost meanwhile: the rows are read at the next notice, or when it is back.
        qCWarning(lcNotices) << "cannot read the changes just made:" << error.message();
    }
}

void ChangeListener::resume()
{
    if (!m_database.isServer())
        return;
    const QSqlDatabase db = m_database.connection();
    QSqlDriver *driver = db.driver();
    if (!driver->subscribedToNotifications().contains(QLatin1String(SqlDialect::kChangeChannel)))
        m_listening = driver->subscribeToNotification(QLatin1String(SqlDialect::kChangeChannel));
    m_lastSeen = qMin(m_lastSeen, AuditTrail::rowCount(db));
    catchUp();
}

void ChangeListener::catchUp()
{
    AuditFilter filter;
    filter.afterId = m_lastSeen;
    QList<AuditEntry> entries = AuditTrail::entries(m_database.connection(), filter);
    if (entries.isEmpty())
        return;
    m_lastSeen = entries.last().id;
    // This client's own changes were announced as they were made; they come back here only because the
    // trail is read from the last row seen, after someone else's notice.
    entries.removeIf([this](const AuditEntry &entry) { return m_database.takeOwnAuditRow(entry.id); });
    if (!entries.isEmpty())
        Q_EMIT changed(entries);
}

} // namespace quorum
