#include "core/storage/integritycheck.h"

#include "core/storage/sqlitedialect.h"

#include <QThread>

namespace quorum {

BackgroundIntegrityCheck::BackgroundIntegrityCheck(const QString &path)
    : m_thread(QThread::create([this, path] {
        QString failure = SqliteDialect::quickCheck(path, &m_stop);
        // Stopped part-way, SQLite answers "interrupted": not damage, and the file was not read to the end.
        const bool stopped = m_stop.load();
        if (stopped)
            failure.clear();
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_failure = failure;
            m_interrupted = stopped;
            m_finished = true;
        }
        m_done.notify_all();
        if (stopped)
            Q_EMIT interrupted();
        else
            Q_EMIT finished(failure);
    }))
{
}

void BackgroundIntegrityCheck::start() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_started || m_stop.load())
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
    interrupt();
}

void BackgroundIntegrityCheck::interrupt()
{
    {
        // Under the lock, so that start() either ran before (the thread is waited for) or starts nothing.
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stop.store(true);
    }
    m_thread->wait(); // at once when never started or already finished
}

bool BackgroundIntegrityCheck::wasInterrupted() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_interrupted;
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
    if (!m_started)
        return {}; // interrupted before it started: nothing will run
    m_done.wait(lock, [this] { return m_finished; });
    return m_failure;
}

} // namespace quorum
