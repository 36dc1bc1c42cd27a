#pragma once

#include "core/domain/domain.h"

#include <QAbstractTableModel>

namespace quorum {

class Workspace;

/** C3 training standing of one person on a given day. */
enum class TrainingStanding { Current, Expired, Missing, NotRequired };

/** A person's training standing: trainingStatus() for directors; executives are not required to train by C3. */
TrainingStanding trainingStanding(const Person &person, const QList<TrainingRecord> &records, const QDate &today,
                                  QDate *validUntil = nullptr);

/**
 * Board members and executives, one row each, with the standing of each director's cyber training
 * (action C3): current, expired or missing. Refreshes when people or training change.
 */
class PeopleModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, RoleColumn, KindColumn, ActiveColumn, TrainingColumn, ColumnCount };

    explicit PeopleModel(Workspace *workspace, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const Person *personAt(int row) const;
    int rowOfPerson(qint64 id) const;
    void reload();

private:
    struct Row {
        Person person;
        TrainingStanding standing = TrainingStanding::NotRequired;
        QDate validUntil;
    };
    Workspace *m_workspace;
    QList<Row> m_rows;
    QDate m_loadedOn; ///< the day the standings were worked out for
};

} // namespace quorum
