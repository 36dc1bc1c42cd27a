#pragma once

#include "core/storage/audit.h"

#include <QObject>
#include <QSqlDriver>

namespace quorum {

class Database;

/**
 * Hears of changes other clients commit to a record on a server: it LISTENs on the change channel
 * (SqlDialect::kChangeChannel) of the database's own connection, and when a notice arrives from another
 * session, reads the audit rows committed since it last looked and emits them. The notice itself names
 * only the kind of record changed, never the data; what changed is read through this client's own
 * connection. Notices are delivered by the event loop of the connection's thread. For a file it does
 * nothing (isListening() is false): nobody else writes through a connection to be heard.
 */
class ChangeListener : public QObject {
    Q_OBJECT

public:
    explicit ChangeListener(Database &database, QObject *parent = nullptr);
    ~ChangeListener() override;

    bool isListening() const { return m_listening; }
    /** The newest audit row seen; rows after it are reported next. */
    qint64 lastSeen() const { return m_lastSeen; }
    /** Reads and reports (changed()) the rows committed since lastSeen(), if any. Throws Error. */
    void catchUp();
    /**
     * After Database::reconnect(): listens again on the new session (a closed connection forgets what it
     * listened to) and reports what others committed meanwhile. Rows seen before that a failover lost (a
     * standby promoted without them) are no longer counted as seen. Throws Error.
     */
    void resume();

Q_SIGNALS:
    /** Rows others committed since the last report, oldest first (never this client's own). */
    void changed(const QList<AuditEntry> &entries);

private:
    void noticeArrived(const QString &channel, QSqlDriver::NotificationSource source);

    Database &m_database;
    qint64 m_lastSeen = 0;
    bool m_listening = false;
};

} // namespace quorum
