#include "core/models/evidencemodel.h"

#include "core/domain/plaintext.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"

#include <QColor>
#include <QLocale>

namespace quorum {

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
    if (m_actionFilter == actionId)
        return;
    m_actionFilter = actionId;
    reload();
}

void EvidenceModel::reload()
{
    const QList<Evidence> rows = m_workspace->store().evidenceOfAction(m_actionFilter);
    m_loaded = true;
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int EvidenceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EvidenceModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Evidence *EvidenceModel::evidenceAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int EvidenceModel::rowOfEvidence(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].id == id)
            return row;
    }
    return -1;
}

QVariant EvidenceModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Evidence &e = m_rows[index.row()];
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
