#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

class QThread;

namespace quorum {

/**
 * SQLite's quick_check of one database file, run on a read-only connection and a thread of its own. The
 * desktop app opens its file with this instead of checking first, and starts the check once its window is
 * painted, so a large file is checked (about a tenth of a second at 80 MB) while the person reads the
 * dashboard rather than while the window is built: run beside start-up, it took a core and memory
 * bandwidth the window needed. Database never writes before the check has passed: its first write
 * transaction starts the check if nothing has yet, waits for the result and throws Corrupt when the file
 * is damaged. finished() is emitted on the checking thread; connect it with a receiver context and Qt
 * delivers it on the receiver's thread. The destructor interrupts a check that is running (closing the file,
 * quitting the app, must not wait for it) and waits only for the thread to stop: an interrupted check
 * reports interrupted(), never damage, since it did not finish reading the file.
 */
class BackgroundIntegrityCheck : public QObject {
    Q_OBJECT

public:
    /** Prepares the check of @p path; start() or failure() starts it. */
    explicit BackgroundIntegrityCheck(const QString &path);
    ~BackgroundIntegrityCheck() override;
    BackgroundIntegrityCheck(const BackgroundIntegrityCheck &) = delete;
    BackgroundIntegrityCheck &operator=(const BackgroundIntegrityCheck &) = delete;

    /** Starts the check on its thread, unless it has started already. */
    void start() const;
    /** True once start() or failure() has started the check. */
    bool isStarted() const;
    /** True once the check is over (failure() then returns at once). */
    bool isFinished() const;
    /**
     * Starts the check if need be and waits for it: an empty string when the file is sound, else SQLite's
     * words for the damage.
     */
    QString failure() const;
    /**
     * Ends a running check early and waits for its thread; failure() then returns an empty string (an
     * interrupted check found nothing), so call it only when the file is being closed.
     */
    void interrupt();
    /** True when interrupt() ended the check before it had read the whole file. */
    bool wasInterrupted() const;

Q_SIGNALS:
    /** The check is over; @p failure is empty when the file is sound. Not emitted when interrupted. */
    void finished(const QString &failure);
    /** interrupt() ended the check before it had finished (emitted on the checking thread). */
    void interrupted();

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_done;
    mutable bool m_started = false;
    bool m_finished = false;
    bool m_interrupted = false;
    std::atomic<bool> m_stop{false};
    QString m_failure;
    std::unique_ptr<QThread> m_thread; // last: started once the members above exist
};

} // namespace quorum
