#include "actionspage.h"

#include "models/actionsmodel.h"
#include "models/roles.h"
#include "ragdelegate.h"
#include "ratingdelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace quorum {

ActionsPage::ActionsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_model(new ActionsModel(workspace, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_search(new QLineEdit(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_proxy->setFilterRole(SearchTextRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setRecursiveFilteringEnabled(true);

    m_search->setPlaceholderText(tr("Search actions, owners, commentary (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ActionsModel::IdColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::SelectedClicked);
    auto *ratingDelegate = new RatingDelegate(this);
    m_view->setItemDelegateForColumn(ActionsModel::RatingColumn, ratingDelegate);
    m_view->setItemDelegateForColumn(ActionsModel::TargetColumn, ratingDelegate);
    m_view->setItemDelegateForColumn(ActionsModel::RagColumn, new RagDelegate(this));
    m_view->expandAll();
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(ActionsModel::IdColumn, 70);
    header->resizeSection(ActionsModel::TitleColumn, 300);
    header->resizeSection(ActionsModel::OwnerColumn, 140);
    header->resizeSection(ActionsModel::DirectorColumn, 140);
    header->resizeSection(ActionsModel::RatingColumn, 120);
    header->resizeSection(ActionsModel::TargetColumn, 110);
    header->resizeSection(ActionsModel::RagColumn, 150);
    header->resizeSection(ActionsModel::EvidenceColumn, 70);
    header->resizeSection(ActionsModel::ExpiredColumn, 65);
    header->resizeSection(ActionsModel::NextReviewColumn, 95);
    header->resizeSection(ActionsModel::TrendColumn, 75);
    connect(m_model, &ActionsModel::editFailed, this, &ActionsPage::statusMessage);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *title = new QLabel(tr("<b>Principles and actions</b> &mdash; double-click a rating or target to change it"),
                             this);
    layout->addWidget(title);
    layout->addWidget(m_search);
    layout->addWidget(m_view, 1);
}

void ActionsPage::showAction(const QString &actionId)
{
    const QModelIndex source = m_model->indexOfAction(actionId);
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

} // namespace quorum
