#include "core/models/peoplemodel.h"

#include "core/models/roles.h"
#include "core/workspace/workspace.h"

#include <QColor>

namespace quorum {

TrainingStanding trainingStanding(const Person &person, const QList<TrainingRecord> &records, const QDate &today,
                                  QDate *validUntil)
{
    if (!person.board)
        return TrainingStanding::NotRequired;
    // The rule itself is trainingStatus() in domain.h, shared with the C3 attention item.
    if (validUntil) {
        QDate latest;
        bool forever = false;
        for (const TrainingRecord &record : records) {
            if (record.completed > today)
                continue;
            if (!record.validUntil.isValid())
                forever = true;
            else if (!latest.isValid() || record.validUntil > latest)
                latest = record.validUntil;
        }
        *validUntil = forever ? QDate() : latest;
    }
    switch (trainingStatus(records, today)) {
    case TrainingStatus::Current:
        return TrainingStanding::Current;
    case TrainingStatus::Expired:
        return TrainingStanding::Expired;
    case TrainingStatus::Missing:
        return TrainingStanding::Missing;
    }
    return TrainingStanding::Missing;
}

PeopleModel::PeopleModel(Workspace *workspace, QObject *parent)
    : QAbstractTableModel(parent)
    , m_workspace(workspace)
{
    reload();
    connect(workspace, &Workspace::peopleChanged, this, &PeopleModel::reload);
    connect(workspace, &Workspace::trainingChanged, this, &PeopleModel::reload);
    // Training lapses as the date moves on: any change after midnight reads the standings again.
    connect(workspace, &Workspace::dataChanged, this, [this] {
        if (m_workspace->store().clock().today() != m_loadedOn)
            reload();
    });
}

void PeopleModel::reload()
{
    const Store &store = m_workspace->store();
    const QDate today = store.clock().today();
    m_loadedOn = today;
    QHash<qint64, QList<TrainingRecord>> training;
    for (const TrainingRecord &record : store.training())
        training[record.personId].append(record);
    QList<Row> rows;
    for (const Person &person : store.people()) {
        Row row;
        row.person = person;
        row.standing = trainingStanding(person, training.value(person.id), today, &row.validUntil);
        rows.append(row);
    }
    if (rows.size() == m_rows.size()) {
        bool sameIds = true;
        for (qsizetype i = 0; i < rows.size() && sameIds; ++i)
            sameIds = rows[i].person.id == m_rows[i].person.id;
        if (sameIds) {
            m_rows = rows;
            if (!m_rows.isEmpty())
                Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
            return;
        }
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int PeopleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PeopleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const Person *PeopleModel::personAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row].person : nullptr;
}

int PeopleModel::rowOfPerson(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].person.id == id)
            return row;
    }
    return -1;
}

QVariant PeopleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows[index.row()];
    const Person &person = row.person;
    switch (role) {
    case PersonIdRole:
        return QVariant::fromValue(person.id);
    case IsBoardRole:
        return person.board;
    case Qt::ForegroundRole:
        if (index.column() == TrainingColumn
            && (row.standing == TrainingStanding::Missing || row.standing == TrainingStanding::Expired))
            return QColor(0xB0, 0x1E, 0x1E);
        if (!person.active)
            return QColor(Qt::gray);
        return {};
    case Qt::DisplayRole:
    case SortRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return person.name;
    case RoleColumn:
        return person.role;
    case KindColumn:
        return person.board ? tr("Board member") : tr("Executive");
    case ActiveColumn:
        return person.active ? tr("Active") : tr("Inactive");
    case TrainingColumn:
        switch (row.standing) {
        case TrainingStanding::NotRequired:
            return role == SortRole ? QVariant(3) : QVariant(QString());
        case TrainingStanding::Missing:
            return role == SortRole ? QVariant(0) : QVariant(tr("Missing"));
        case TrainingStanding::Expired:
            return role == SortRole ? QVariant(1)
                                    : QVariant(tr("Expired %1").arg(row.validUntil.toString(Qt::ISODate)));
        case TrainingStanding::Current:
            return role == SortRole ? QVariant(2)
                   : row.validUntil.isValid()
                       ? QVariant(tr("Current until %1").arg(row.validUntil.toString(Qt::ISODate)))
                       : QVariant(tr("Current"));
        }
        return {};
    default:
        return {};
    }
}

QVariant PeopleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case RoleColumn:
        return tr("Role");
    case KindColumn:
        return tr("Board or executive");
    case ActiveColumn:
        return tr("Status");
    case TrainingColumn:
        return tr("Cyber training (C3)");
    default:
        return {};
    }
}

} // namespace quorum
