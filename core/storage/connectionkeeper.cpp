#include "core/storage/connectionkeeper.h"

#include "core/domain/error.h"

#include <QThread>

namespace quorum {

namespace {

constexpr int kWatchIntervalMs = 250;
/** How long an attempt waits for a host that does not answer at all (a network gone, a machine off). */
constexpr int kPingTimeoutSeconds = 5;

} // namespace

ConnectionKeeper::ConnectionKeeper(Database &database, QObject *parent)
    : QObject(parent)
    , m_database(database)
{
    if (!database.isServer())
        return;
    m_watch.setInterval(kWatchIntervalMs);
    connect(&m_watch, &QTimer::timeout, this, &ConnectionKeeper::check);
    m_watch.start();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ConnectionKeeper::attempt);
}

ConnectionKeeper::~ConnectionKeeper()
{
    // A ping under way holds no reference to this object, only to its own copy of the connection and answer.
    if (m_ping) {
        disconnect(m_ping, nullptr, this, nullptr);
        m_ping->wait();
        delete m_ping;
    }
}

void ConnectionKeeper::check()
{
    if (m_connected && !m_database.isConnected())
        connectionLost(tr("The connection to %1 was lost: the server was stopped or restarted, or the network "
                          "to it went down.")
                           .arg(m_database.path()));
}

void ConnectionKeeper::connectionLost(const QString &reason)
{
    m_connected = false;
    m_delayMs = kFirstRetryMs;
    Q_EMIT lost(reason);
    scheduleAttempt();
}

void ConnectionKeeper::scheduleAttempt()
{
    m_retry.start(m_delayMs);
}

void ConnectionKeeper::retryNow()
{
    if (m_connected || m_ping)
        return;
    m_retry.stop();
    attempt();
}

void ConnectionKeeper::attempt()
{
    if (m_connected || m_ping)
        return;
    const ServerConnection server = m_database.serverConnection();
    auto answer = std::make_shared<std::atomic<bool>>(false);
    m_pingAnswer = answer;
    m_ping = QThread::create([server, answer] { answer->store(server.answers(kPingTimeoutSeconds)); });
    connect(m_ping, &QThread::finished, this, [this] {
        const bool answers = m_pingAnswer->load();
        m_ping->deleteLater();
        m_ping = nullptr;
        pingAnswered(answers);
    });
    m_ping->start();
}

void ConnectionKeeper::pingAnswered(bool answers)
{
    if (!answers) {
        attemptFailedWith(tr("%1 does not answer.").arg(m_database.path()));
        return;
    }
    Database::InterruptedChange interrupted = Database::InterruptedChange::None;
    try {
        interrupted = m_database.reconnect();
    } catch (const Error &error) {
        attemptFailedWith(error.message());
        return;
    }
    m_connected = true;
    m_delayMs = kFirstRetryMs;
    try {
        Q_EMIT restored(interrupted);
    } catch (const Error &error) {
        // The views reading afresh found the server gone again: start over, rather than let it into the event loop.
        if (!m_database.isConnected())
            connectionLost(error.message());
        else
            qWarning("quorum: reading the record again after reconnecting failed: %s", error.what());
    }
}

void ConnectionKeeper::attemptFailedWith(const QString &reason)
{
    m_delayMs = qMin(m_delayMs * 2, kLongestRetryMs);
    Q_EMIT attemptFailed(reason, m_delayMs);
    scheduleAttempt();
}

} // namespace quorum
