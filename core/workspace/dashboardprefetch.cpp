#include "core/workspace/dashboardprefetch.h"

#include "core/domain/error.h"
#include "core/storage/database.h"

#include <QThread>

namespace quorum {

DashboardPrefetch::DashboardPrefetch(const QString &path, const Clock &clock)
    : m_asOf(clock.today())
    , m_thread(QThread::create([this, path, clock] {
        std::optional<EvidenceSummary> evidence;
        std::optional<AttentionParts> attention;
        try {
            const std::unique_ptr<Database> reader = Database::openReader(path);
            const Store store(*reader, clock);
            evidence = store.evidenceSummary(m_asOf);
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                m_evidence = evidence;
                m_evidenceDone = true;
            }
            m_ready.notify_all();
            const QList<ActionState> states = store.actionStates(evidence->counts);
            AttentionParts parts;
            for (int source = 0; source < kAttentionSourceCount; ++source)
                parts[size_t(source)] =
                    Attention::computeSource(AttentionSource(source), store, m_asOf, *evidence, states);
            attention = std::move(parts);
        } catch (const std::exception &) {
            // Error, or out of memory: left empty, the caller reads for itself and reports what stopped it.
        }
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_attention = std::move(attention);
            m_evidenceDone = true;
            m_finished = true;
        }
        m_ready.notify_all();
    }))
{
    m_thread->start();
}

DashboardPrefetch::~DashboardPrefetch()
{
    m_thread->wait();
}

void DashboardPrefetch::waitUntilRead() const
{
    m_thread->wait();
}

std::optional<EvidenceSummary> DashboardPrefetch::takeEvidence()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_ready.wait(lock, [this] { return m_evidenceDone; });
    return std::exchange(m_evidence, std::nullopt);
}

std::optional<AttentionParts> DashboardPrefetch::takeAttention()
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_ready.wait(lock, [this] { return m_finished; });
    return std::exchange(m_attention, std::nullopt);
}

} // namespace quorum
