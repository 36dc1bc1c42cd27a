#pragma once

#include "core/domain/clock.h"
#include "core/rules/attention.h"
#include "core/storage/serverconnection.h"
#include "core/storage/store.h"

#include <QDate>
#include <QList>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

class QThread;

namespace quorum {

/**
 * What the dashboard reads first, read ahead on a read-only connection and a thread of its own: one day's evidence
 * summary (Store::evidenceSummary), the actions' states read with its counts, then the attention items
 * (Attention::computeSource). On a large organisation these are the largest reads of start-up (counting tens of
 * thousands of pieces of evidence, listing the expired ones); the desktop app starts this as it opens a file or
 * connects to a server, so that they run on a second core, and on a server on a second session, while the window
 * is built (Workspace::prefetchDashboard). The window's own session reads the rest meanwhile (the frameworks, the
 * trend), so neither waits for the other. Each part can be taken as soon as it is read: the dashboard draws its
 * charts from the summary while the attention items are still being listed. What it reads is the record as it
 * stood when it read it: the Workspace takes it only when nothing changed before it was read, and drops it when
 * anything changes before it is taken. The destructor waits for the thread.
 */
class DashboardPrefetch {
public:
    /**
     * Starts reading, at once, as of @p clock's today, on the connection @p openReader makes on the reading thread
     * (Database::openReader of a file, Database::openServerReader of a server).
     */
    DashboardPrefetch(std::function<std::unique_ptr<Database>()> openReader, const Clock &clock);
    /**
     * For a server's record (@p location as Workspace::open takes it; null for a file), starts reading before it
     * is opened, so the server's second session and its reads overlap the opening. The reader reads only a record
     * at the schema this program writes (Database::currentSchemaVersion): one that the opening will upgrade, refuse
     * or find missing leaves it empty, and so does a server that wants a password it was not given; the caller
     * then reads for itself.
     */
    static std::unique_ptr<DashboardPrefetch> beforeOpening(const QString &location, const Clock &clock);
    ~DashboardPrefetch();
    DashboardPrefetch(const DashboardPrefetch &) = delete;
    DashboardPrefetch &operator=(const DashboardPrefetch &) = delete;

    QDate asOf() const { return m_asOf; }
    /** Waits until everything is read (or has failed), without taking it. */
    void waitUntilRead() const;

    // Each take waits for its part: it, or nothing when it could not be read (a lock, damage, a lost connection)
    // or was taken already, in which case the caller reads it itself and meets any error where it can report it.
    // Nothing is read after a part that failed.

    /** The evidence summary. */
    std::optional<EvidenceSummary> takeEvidence();
    /** Every action's state (Store::actionStates), read with that summary's counts. */
    std::optional<QList<ActionState>> takeActionStates();
    /** The attention items of every source (Attention::computeSource), computed from that summary. */
    std::optional<AttentionParts> takeAttention();
    /**
     * The audit trail's last id when the reading began (AuditTrail::rowCount), read before any part; -1 before
     * then, or when the reader could not connect. A change committed after it may or may not be in what was read.
     * It is meant for a part that a take returned: a part that failed is not there to compare.
     */
    qint64 auditMark() const;
    /** The server a read ahead of beforeOpening() connects to; empty for any other. */
    const ServerConnection &server() const { return m_server; }

private:
    /** The parts in the order they are read; a stage is done once its part is read, or will not be. */
    enum class Stage { Evidence, States, Attention, Count };
    /** Keeps @p part for the taking and marks @p stage done. */
    template<typename T>
    void publish(Stage stage, std::optional<T> &slot, T part);
    /** Waits until @p stage is done, then takes what @p slot holds. */
    template<typename T>
    std::optional<T> take(Stage stage, std::optional<T> &slot);

    QDate m_asOf;
    ServerConnection m_server;
    mutable std::mutex m_mutex;
    std::condition_variable m_ready;
    int m_stagesDone = 0; // how many of the stages, in order, are done
    qint64 m_auditMark = -1;
    std::optional<EvidenceSummary> m_evidence;
    std::optional<QList<ActionState>> m_states;
    std::optional<AttentionParts> m_attention;
    std::unique_ptr<QThread> m_thread; // last: started once the members above exist
};

} // namespace quorum
