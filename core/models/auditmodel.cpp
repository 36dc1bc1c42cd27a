#include "core/models/auditmodel.h"

#include "core/domain/plaintext.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"
namespace quorum {

AuditModel::AuditModel(Workspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    reload();
    connect(workspace, &Workspace::dataChanged, this, &AuditModel::takeNewRows);
}

void AuditModel::setFilter(const AuditFilter &filter)
{
    m_filter = filter;
    reload();
}

QList<AuditEntry> AuditModel::load(int count, qint64 beforeId) const
{
    AuditFilter filter = m_filter;
    filter.limit = count;
    filter.beforeId = beforeId;
    QList<AuditEntry> entries = m_workspace->store().auditEntries(filter);
    std::reverse(entries.begin(), entries.end());
    return entries;
}

void AuditModel::reload()
{
    const int count = std::max<int>(kPageSize, int(m_rows.size()));
    const QList<AuditEntry> rows = load(count);
    beginResetModel();
    m_rows = rows;
    m_exhausted = rows.size() < count;
    endResetModel();
}

void AuditModel::takeNewRows()
{
    // The trail only grows (undo writes rows too): what is new goes on top, and the rows shown stay as
    // they are, instead of reading the newest page again after every edit. An action filter also matches
    // older rows of evidence newly linked to the action, so it reads everything again.
    if (m_rows.isEmpty() || !m_filter.actionId.isEmpty()) {
        reload();
        return;
    }
    AuditFilter filter = m_filter;
    filter.afterId = m_rows.constFirst().id;
    filter.limit = kPageSize;
    QList<AuditEntry> added = m_workspace->store().auditEntries(filter);
    if (added.isEmpty())
        return;
    if (added.size() >= kPageSize) { // a large import: start from the newest page again
        reload();
        return;
    }
    std::reverse(added.begin(), added.end());
    beginInsertRows({}, 0, int(added.size()) - 1);
    m_rows = added + m_rows;
    endInsertRows();
}

bool AuditModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void AuditModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_exhausted)
        return;
    // Only the next page: the rows older than the last one shown (keyset paging), so scrolling down a trail of
    // millions of rows reads each row once instead of every row above it again.
    const QList<AuditEntry> rows = load(kPageSize, m_rows.isEmpty() ? 0 : m_rows.constLast().id);
    m_exhausted = rows.size() < kPageSize;
    if (rows.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size()) - 1);
    m_rows += rows;
    endInsertRows();
}

int AuditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AuditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const AuditEntry *AuditModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

QVariant AuditModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AuditEntry &entry = m_rows[index.row()];
    if (role == AuditIdRole)
        return QVariant::fromValue(entry.id);
    if (role == Qt::ToolTipRole) {
        if (index.column() == BeforeColumn)
            return plainForRichText(entry.record.oldValue);
        if (index.column() == AfterColumn)
            return plainForRichText(entry.record.newValue);
        if (index.column() == TimeColumn)
            return tr("Row %1, hash %2").arg(entry.id).arg(entry.hash.left(16));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    auto oneLine = [](QString text) {
        text.replace(u'\n', u' ');
        return text.size() > 160 ? text.left(157) + QStringLiteral("...") : text;
    };
    switch (index.column()) {
    case TimeColumn:
        return entry.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case WhoColumn:
        return entry.record.actingAs.isEmpty() ? entry.record.actor
                                               : tr("%1 (as %2)").arg(entry.record.actor, entry.record.actingAs);
    case SubjectColumn:
        return QStringLiteral("%1 %2").arg(entry.record.entity, entry.record.entityId);
    case FieldColumn:
        return entry.record.field;
    case BeforeColumn:
        return oneLine(entry.record.oldValue);
    case AfterColumn:
        return oneLine(entry.record.newValue);
    default:
        return {};
    }
}

QVariant AuditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case SubjectColumn:
        return tr("What");
    case FieldColumn:
        return tr("Field");
    case BeforeColumn:
        return tr("Before");
    case AfterColumn:
        return tr("After");
    default:
        return {};
    }
}

} // namespace quorum
