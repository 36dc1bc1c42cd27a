#pragma once

#include <QObject>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>

class QThread;

namespace quorum {

/**
 * SQLite's quick_check of one database file, run on a read-only connection and a thread of its own. The
 * desktop app opens its file with this instead of checking first, so a large file is checked on a second
 * core while the window is built and painted (about a tenth of a second at 80 MB). Database never writes
 * before the check has passed: its first write transaction waits for the result and throws Corrupt when
 * the file is damaged. finished() is emitted on the checking thread; connect it with a receiver context and Qt
 * delivers it on the receiver's thread. The destructor waits for the check.
 */
class BackgroundIntegrityCheck : public QObject {
    Q_OBJECT

public:
    /** Starts checking @p path at once. */
    explicit BackgroundIntegrityCheck(const QString &path);
    ~BackgroundIntegrityCheck() override;
    BackgroundIntegrityCheck(const BackgroundIntegrityCheck &) = delete;
    BackgroundIntegrityCheck &operator=(const BackgroundIntegrityCheck &) = delete;

    /** True once the check is over (failure() then returns at once). */
    bool isFinished() const;
    /** Waits for the check: an empty string when the file is sound, else SQLite's words for the damage. */
    QString failure() const;

Q_SIGNALS:
    /** The check is over; @p failure is empty when the file is sound. */
    void finished(const QString &failure);

private:
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_done;
    bool m_finished = false;
    QString m_failure;
    std::unique_ptr<QThread> m_thread; // last: started once the members above exist
};

} // namespace quorum
