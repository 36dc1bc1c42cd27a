#include "integritycheck.h"

#include "sqlitedialect.h"

#include <QThread>

namespace quorum {

BackgroundIntegrityCheck::BackgroundIntegrityCheck(const QString &path)
    : m_thread(QThread::create([this, path] {
        const QString failure = SqliteDialect::quickCheck(path);
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_failure = failure;
            m_finished = true;
        }
        m_done.notify_all();
        Q_EMIT finished(failure);
    }))
{
}

void BackgroundIntegrityCheck::start() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_started)
        return;
    m_started = true;
    // Normal priority: at idle priority (SCHED_IDLE on Linux) a busy machine could keep a write, or
    // closing the file, waiting on the check for as long as it stays busy.
    m_thread->start();
}

bool BackgroundIntegrityCheck::isStarted() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_started;
}

BackgroundIntegrityCheck::~BackgroundIntegrityCheck()
{
    m_thread->wait(); // at once when never started
}

bool BackgroundIntegrityCheck::isFinished() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_finished;
}

QString BackgroundIntegrityCheck::failure() const
{
    start();
    std::unique_lock<std::mutex> lock(m_mutex);
    m_done.wait(lock, [this] { return m_finished; });
    return m_failure;
}

} // namespace quorum
