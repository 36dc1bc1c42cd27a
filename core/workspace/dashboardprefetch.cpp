#include "core/workspace/dashboardprefetch.h"

#include "core/domain/error.h"
#include "core/storage/audit.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"

#include <QThread>

namespace quorum {

DashboardPrefetch::DashboardPrefetch(std::function<std::unique_ptr<Database>()> openReader, const Clock &clock)
    : m_asOf(clock.today())
    , m_thread(QThread::create([this, openReader = std::move(openReader), clock] {
        try {
            const std::unique_ptr<Database> reader = openReader();
            // Where the trail ended before anything was read: a change committed after it may or may not be in
            // what is read (Workspace compares it with where its own session found the trail ending).
            const qint64 auditMark = AuditTrail::rowCount(reader->connection());
            {
                const std::lock_guard<std::mutex> lock(m_mutex);
                m_auditMark = auditMark;
            }
            const Store store(*reader, clock);
            const EvidenceSummary evidence = store.evidenceSummary(m_asOf);
            publish(Stage::Evidence, m_evidence, evidence);
            const QList<ActionState> states = store.actionStates(evidence.counts);
            publish(Stage::States, m_states, states);
            AttentionParts parts;
            for (int source = 0; source < kAttentionSourceCount; ++source)
                parts[size_t(source)] =
                    Attention::computeSource(AttentionSource(source), store, m_asOf, evidence, states);
            publish(Stage::Attention, m_attention, std::move(parts));
        } catch (const std::exception &) {
            // Error, or out of memory: the parts not read are left empty, and the caller reads them for itself and
            // reports what stopped it.
        }
        {
            const std::lock_guard<std::mutex> lock(m_mutex);
            m_stagesDone = int(Stage::Count);
        }
        m_ready.notify_all();
    }))
{
    m_thread->start();
}

template<typename T>
void DashboardPrefetch::publish(Stage stage, std::optional<T> &slot, T part)
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        slot = std::move(part);
        m_stagesDone = int(stage) + 1;
    }
    m_ready.notify_all();
}

template<typename T>
std::optional<T> DashboardPrefetch::take(Stage stage, std::optional<T> &slot)
{
    std::unique_lock<std::mutex> lock(m_mutex);
    m_ready.wait(lock, [this, stage] { return m_stagesDone > int(stage); });
    return std::exchange(slot, std::nullopt);
}

std::unique_ptr<DashboardPrefetch> DashboardPrefetch::beforeOpening(const QString &location, const Clock &clock)
{
    // A file opens in 3 ms and is read ahead once open: a reader holding it before the opening has probed it would
    // change what the probe may read (HeldDatabaseFiles).
    if (!ServerConnection::isServer(location))
        return nullptr;
    ServerConnection server;
    try {
        server = ServerConnection::parse(location);
    } catch (const Error &) {
        return nullptr; // the opening says what is wrong with it
    }
    auto prefetch = std::make_unique<DashboardPrefetch>(
        [server] {
            std::unique_ptr<Database> reader = Database::openServerReader(server);
            // Only a record at the schema this program writes: one read before its opening may yet be upgraded.
            if (reader->schemaVersion() != Database::currentSchemaVersion())
                throw Error(Error::Kind::Storage, QStringLiteral("not at this program's schema"));
            return reader;
        },
        clock);
    prefetch->m_server = server;
    return prefetch;
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
    return take(Stage::Evidence, m_evidence);
}

std::optional<QList<ActionState>> DashboardPrefetch::takeActionStates()
{
    return take(Stage::States, m_states);
}

std::optional<AttentionParts> DashboardPrefetch::takeAttention()
{
    return take(Stage::Attention, m_attention);
}

qint64 DashboardPrefetch::auditMark() const
{
    const std::lock_guard<std::mutex> lock(m_mutex);
    return m_auditMark;
}

} // namespace quorum
