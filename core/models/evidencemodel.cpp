#include "core/models/evidencemodel.h"

#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"

#include <QColor>
#include <QLocale>
#include <QLoggingCategory>

#include <algorithm>
#include <iterator>

namespace quorum {

namespace {

Q_LOGGING_CATEGORY(lcEvidenceModel, "quorum.models.evidence", QtWarningMsg)

/** The order of each column, in the order of the Column enum. */
constexpr EvidenceQuery::Sort kColumnSorts[] = {
    EvidenceQuery::Sort::Title,  EvidenceQuery::Sort::Actions,   EvidenceQuery::Sort::Type,
    EvidenceQuery::Sort::Source, EvidenceQuery::Sort::Effective, EvidenceQuery::Sort::ReviewBy,
    EvidenceQuery::Sort::Status, EvidenceQuery::Sort::Hash,      EvidenceQuery::Sort::Kind,
};
static_assert(std::size(kColumnSorts) == EvidenceModel::ColumnCount);

} // namespace

EvidenceModel::EvidenceModel(Workspace *workspace, QObject *parent, InitialLoad load)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    if (load == InitialLoad::Now)
        reload();
    // Rows not read yet are read fresh when first needed: nothing to update until then.
    connect(workspace, &Workspace::evidenceChanged, this, [this] {
        if (m_loaded)
            reload();
    });
}

void EvidenceModel::ensureLoaded()
{
    if (!m_loaded)
        reload();
}

void EvidenceModel::setActionFilter(const QString &actionId)
{
    if (m_query.actionId == actionId)
        return;
    m_query.actionId = actionId;
    reload();
}

void EvidenceModel::setSearch(const QString &text)
{
    const QString search = text.trimmed();
    if (m_query.search == search)
        return;
    m_query.search = search;
    if (m_loaded)
        reload();
}

void EvidenceModel::setStatusFilter(std::optional<EvidenceStatus> status)
{
    if (m_query.status == status)
        return;
    m_query.status = status;
    if (m_loaded)
        reload();
}

void EvidenceModel::clearSearchAndStatus()
{
    if (m_query.search.isEmpty() && !m_query.status)
        return;
    m_query.search.clear();
    m_query.status.reset();
    if (m_loaded)
        reload();
}

int EvidenceModel::sortColumn() const
{
    const auto *found = std::find(std::begin(kColumnSorts), std::end(kColumnSorts), m_query.sort);
    return found == std::end(kColumnSorts) ? -1 : int(found - std::begin(kColumnSorts));
}

void EvidenceModel::sort(int column, Qt::SortOrder order)
{
    const EvidenceQuery::Sort sort =
        column >= 0 && column < ColumnCount ? kColumnSorts[column] : EvidenceQuery::Sort::Id;
    if (m_query.sort == sort && m_query.order == order)
        return;
    m_query.sort = sort;
    m_query.order = order;
    if (m_loaded)
        reload();
}

void EvidenceModel::reload()
{
    // Status is worked out on today's date, in the filter and the sort as in each row's status.
    m_query.asOf = m_workspace->store().clock().today();
    // The first screen's block first: when it is not full, it is every row, and counting them would read the
    // table once more for nothing (a search that finds a few items of 200,000 reads it once instead of twice).
    Block first;
    first.rows = m_workspace->store().evidenceWindow(m_query, 0, kBlockRows);
    const int count =
        first.rows.size() < kBlockRows ? int(first.rows.size()) : m_workspace->store().evidenceCount(m_query);
    m_loaded = true;
    beginResetModel();
    m_count = count;
    m_blocks.clear();
    first.lastUse = ++m_uses;
    m_blocks.insert(0, std::move(first));
    endResetModel();
}

const EvidenceModel::Block &EvidenceModel::block(int index) const
{
    auto found = m_blocks.find(index);
    if (found == m_blocks.end()) {
        if (m_blocks.size() >= kCachedBlocks) {
            auto oldest = std::min_element(m_blocks.begin(), m_blocks.end(),
                                           [](const Block &a, const Block &b) { return a.lastUse < b.lastUse; });
            m_blocks.erase(oldest);
        }
        Block read;
        try {
            read.rows = m_workspace->store().evidenceWindow(m_query, index * kBlockRows, kBlockRows);
        } catch (const Error &error) {
            // Asked for while painting: there is nobody to tell but the log. The rows stay empty until the next
            // reload (a change, a reconnect), rather than asking again for every cell.
            qCWarning(lcEvidenceModel) << "could not read evidence rows:" << error.message();
        }
        found = m_blocks.insert(index, std::move(read));
    }
    found->lastUse = ++m_uses;
    return *found;
}

int EvidenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int EvidenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Evidence *EvidenceModel::evidenceAt(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const Block &held = block(row / kBlockRows);
    const int at = row % kBlockRows;
    return at < held.rows.size() ? &held.rows.at(at) : nullptr;
}

int EvidenceModel::rowOfEvidence(qint64 id) const
{
    for (auto it = m_blocks.cbegin(); it != m_blocks.cend(); ++it) {
        for (qsizetype at = 0; at < it->rows.size(); ++at) {
            if (it->rows.at(at).id == id)
                return it.key() * kBlockRows + int(at);
        }
    }
    // Every row is held (a search that found a few): not shown, without asking.
    if (!m_loaded || (m_count <= kBlockRows && m_blocks.contains(0)))
        return -1;
    try {
        const int row = m_workspace->store().evidenceRowOf(m_query, id);
        return row < m_count ? row : -1;
    } catch (const Error &error) {
        qCWarning(lcEvidenceModel) << "could not find an evidence row:" << error.message();
        return -1;
    }
}

int EvidenceModel::heldRowCount() const
{
    int rows = 0;
    for (const Block &held : m_blocks)
        rows += int(held.rows.size());
    return rows;
}

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_count || index.column() >= ColumnCount)
        return {};
    const Evidence *item = evidenceAt(index.row());
    if (item == nullptr)
        return {};
    const Evidence &e = *item;
    const EvidenceStatus status = evidenceStatus(e.reviewBy, m_workspace->store().clock().today());
    switch (role) {
    case EvidenceIdRole:
        return QVariant::fromValue(e.id);
    case EvidenceStatusRole:
        return int(status);
    case SearchTextRole:
        return QStringList{e.title,
                           e.actionIds.join(u' '),
                           evidenceTypeLabel(e.type),
                           evidenceSourceLabel(e.source),
                           e.fileName,
                           e.url,
                           e.sha256}
            .join(u' ');
    case Qt::ToolTipRole:
        if (index.column() == HashColumn)
            return e.sha256;
        if (index.column() == KindColumn)
            return plainForRichText(
                e.isFile()
                    ? tr("%1, %2, revision %3").arg(e.fileName, QLocale().formattedDataSize(e.size)).arg(e.revision)
                    : e.url);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn && status == EvidenceStatus::Expired)
            return QColor(0xB0, 0x1E, 0x1E);
        if (index.column() == StatusColumn && status == EvidenceStatus::Expiring)
            return QColor(0x8A, 0x5A, 0x00);
        return {};
    case SortRole:
        switch (index.column()) {
        case EffectiveColumn:
            return e.effective.isValid() ? e.effective.toString(Qt::ISODate) : QString();
        case ReviewByColumn:
            return e.reviewBy.isValid() ? e.reviewBy.toString(Qt::ISODate) : QStringLiteral("9999");
        case StatusColumn:
            return int(status);
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case TitleColumn:
        return e.title;
    case ActionsColumn:
        return e.actionIds.join(QStringLiteral(", "));
    case TypeColumn:
        return evidenceTypeLabel(e.type);
    case SourceColumn:
        return evidenceSourceLabel(e.source);
    case EffectiveColumn:
        return e.effective.isValid() ? e.effective.toString(Qt::ISODate) : QString();
    case ReviewByColumn:
        return e.reviewBy.isValid() ? e.reviewBy.toString(Qt::ISODate) : tr("no expiry");
    case StatusColumn:
        return evidenceStatusLabel(status);
    case HashColumn:
        return e.isFile() ? e.sha256.left(12) : QString();
    case KindColumn:
        return e.isFile() ? (e.revision > 1 ? tr("File (rev. %1)").arg(e.revision) : tr("File")) : tr("Link");
    default:
        return {};
    }
}

QVariant EvidenceModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case ActionsColumn:
        return tr("Actions");
    case TypeColumn:
        return tr("Type");
    case SourceColumn:
        return tr("Source");
    case EffectiveColumn:
        return tr("Effective");
    case ReviewByColumn:
        return tr("Review by");
    case StatusColumn:
        return tr("Status");
    case HashColumn:
        return tr("SHA-256");
    case KindColumn:
        return tr("Kind");
    default:
        return {};
    }
}

Qt::ItemFlags EvidenceModel::flags(const QModelIndex &index) const
{
    return QAbstractTableModel::flags(index) | Qt::ItemIsDropEnabled;
}

QStringList EvidenceModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

Qt::DropActions EvidenceModel::supportedDropActions() const
{
    return Qt::CopyAction;
}

} // namespace quorum
