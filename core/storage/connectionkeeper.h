#pragma once

#include "core/storage/database.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class QThread;

namespace quorum {

/**
 * Keeps the connection of a record on a server. It notices at once when the connection is lost (libpq's own
 * state, looked at four times a second without a round trip: the waiting change notices, or any statement,
 * find a server gone), then tries again by itself with back-off (half a second, doubling up to fifteen
 * seconds) until the server answers, reconnects (Database::reconnect) and says what became of a change whose
 * commit the loss cut off. Whether the server answers is asked on a thread of its own (PQping), so a window
 * never freezes waiting for a host that is down. For a file it does nothing.
 */
class ConnectionKeeper : public QObject {
    Q_OBJECT

public:
    explicit ConnectionKeeper(Database &database, QObject *parent = nullptr);
    ~ConnectionKeeper() override;

    bool isConnected() const { return m_connected; }
    /** Looks at the connection now (after an Error::Disconnected) rather than at the next look. */
    void check();
    /** While the connection is lost: tries again now rather than when the back-off says. */
    void retryNow();

    /** The first wait after a loss, and the longest between attempts. */
    static constexpr int kFirstRetryMs = 500;
    static constexpr int kLongestRetryMs = 15000;

Q_SIGNALS:
    /** The connection was lost; @p reason says how, in one sentence. */
    void lost(const QString &reason);
    /** An attempt failed (@p reason: the server's or libpq's words); the next comes in @p nextAttemptMs. */
    void attemptFailed(const QString &reason, int nextAttemptMs);
    /** Connected again; @p interrupted tells what became of a commit the loss cut off. */
    void restored(Database::InterruptedChange interrupted);

private:
    void connectionLost(const QString &reason);
    void scheduleAttempt();
    void attempt();
    void pingAnswered(bool answers);
    void attemptFailedWith(const QString &reason);

    Database &m_database;
    bool m_connected = true;
    int m_delayMs = kFirstRetryMs;
    QTimer m_watch;
    QTimer m_retry;
    QThread *m_ping = nullptr; ///< the PQping of the attempt under way, if any
    std::shared_ptr<std::atomic<bool>> m_pingAnswer;
};

} // namespace quorum
