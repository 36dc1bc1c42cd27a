#include "ui/pages/actionspage.h"

#include "core/domain/catalogue.h"
#include "core/models/actionsmodel.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"
#include "ui/pages/actioneditor.h"
#include "ui/widgets/filterproxies.h"
#include "ui/widgets/ragdelegate.h"
#include "ui/widgets/ratingdelegate.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <iterator>

namespace quorum {

ActionsPage::ActionsPage(Workspace *workspace, EvidenceActions *evidenceActions, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new ActionsModel(workspace, this))
    , m_principleFilter(new PrincipleFilterProxy(this))
    , m_ratingFilter(new RatingFilterProxy(this))
    , m_ownerFilter(new OwnerFilterProxy(this))
    , m_attentionFilter(new AttentionFilterProxy(this))
    , m_search(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_editor(new ActionEditor(workspace, evidenceActions, this))
    , m_searchEdit(new QLineEdit(this))
    , m_principleCombo(new QComboBox(this))
    , m_ratingCombo(new QComboBox(this))
    , m_ownerCombo(new QComboBox(this))
    , m_attentionOnly(new QCheckBox(tr("Needs &attention only"), this))
{
    // model -> principle -> rating -> owner -> attention -> search and sort
    m_principleFilter->setSourceModel(m_model);
    m_ratingFilter->setSourceModel(m_principleFilter);
    m_ownerFilter->setSourceModel(m_ratingFilter);
    m_attentionFilter->setSourceModel(m_ownerFilter);
    m_search->setSourceModel(m_attentionFilter);
    m_search->setSortRole(SortRole);
    m_search->setFilterRole(SearchTextRole);
    m_search->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setRecursiveFilteringEnabled(true);

    refillPrinciples();
    connect(workspace, &Workspace::frameworksChanged, this, &ActionsPage::refillPrinciples);
    m_ratingCombo->addItem(tr("Any rating"));
    for (Rating rating : allRatings())
        m_ratingCombo->addItem(ratingLabel(rating), QVariant::fromValue(rating));
    refillOwners();
    m_searchEdit->setObjectName(QStringLiteral("actionSearch"));
    m_principleCombo->setObjectName(QStringLiteral("principleFilter"));
    m_ratingCombo->setObjectName(QStringLiteral("ratingFilter"));
    m_ownerCombo->setObjectName(QStringLiteral("ownerFilter"));
    m_searchEdit->setPlaceholderText(tr("Search actions, owners, commentary (Ctrl+F)"));
    m_searchEdit->setClearButtonEnabled(true);

    connect(m_searchEdit, &QLineEdit::textChanged, m_search, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_principleCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_principleFilter->setPrincipleId(m_principleCombo->currentData().toString()); });
    connect(m_ratingCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant chosen = m_ratingCombo->currentData();
        m_ratingFilter->setRating(chosen.isValid() ? std::optional<Rating>(chosen.value<Rating>()) : std::nullopt);
    });
    connect(m_ownerCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant chosen = m_ownerCombo->currentData();
        m_ownerFilter->setOwnerId(chosen.isValid() ? std::optional<qint64>(chosen.toLongLong()) : std::nullopt);
    });
    connect(m_attentionOnly, &QCheckBox::toggled, m_attentionFilter, &AttentionFilterProxy::setAttentionOnly);
    connect(workspace, &Workspace::peopleChanged, this, &ActionsPage::refillOwners);
    connect(workspace, &Workspace::peopleChanged, this, &ActionsPage::fitOwnerColumn);
    connect(workspace, &Workspace::assessmentChanged, this, &ActionsPage::fitOwnerColumn);
    connect(workspace, &Workspace::frameworksChanged, this, &ActionsPage::fitOwnerColumn);

    m_view->setModel(m_search);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ActionsModel::IdColumn, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setUniformRowHeights(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Ratings are edited in place, unless the file is read-only (then the editor says why).
    m_view->setEditTriggers(workspace->isReadOnly()
                                ? QAbstractItemView::NoEditTriggers
                                : QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    auto *ratingDelegate = new RatingDelegate(this);
    m_view->setItemDelegateForColumn(ActionsModel::RatingColumn, ratingDelegate);
    m_view->setItemDelegateForColumn(ActionsModel::TargetColumn, ratingDelegate);
    m_view->setItemDelegateForColumn(ActionsModel::RagColumn, new RagDelegate(this));
    m_view->expandAll();
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    m_view->setIndentation(14);
    const int widths[] = {60, 190, 105, 105, 88, 88, 92, 60, 54, 88, 62, 76};
    static_assert(std::size(widths) == ActionsModel::ColumnCount, "a width for every column");
    for (int column = 0; column < ActionsModel::ColumnCount; ++column)
        header->resizeSection(column, widths[column]);
    // The title takes the width the other columns leave (never less than kTitleMinimumWidth); the owner
    // column fits its names within limits (refitted when people change), so a wide window shows whole titles
    // rather than a wide column of short names.
    m_view->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int column) {
        if (column != ActionsModel::TitleColumn)
            fitTitleColumn();
    });
    fitOwnerColumn();
    // Director, next review and maturity are in the editor; any column can be shown from the header's menu (the
    // maturity column only while the organisation tracks maturity). Shown from the start, any of them would make
    // the list scroll sideways in a 1366-pixel window.
    header->hideSection(ActionsModel::DirectorColumn);
    header->hideSection(ActionsModel::NextReviewColumn);
    header->hideSection(ActionsModel::MaturityColumn);
    connect(workspace, &Workspace::organisationChanged, this, &ActionsPage::followMaturityTracking);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &point) {
        QMenu menu(this);
        const bool maturityTracked = m_workspace->organisation().trackMaturity;
        for (int column = 1; column < ActionsModel::ColumnCount; ++column) {
            if (column == ActionsModel::MaturityColumn && !maturityTracked)
                continue;
            QAction *toggle = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!header->isSectionHidden(column));
            connect(toggle, &QAction::toggled, header, [this, header, column](bool on) {
                header->setSectionHidden(column, !on);
                if (on && column == ActionsModel::MaturityColumn)
                    fitMaturityColumn();
            });
        }
        menu.exec(header->mapToGlobal(point));
    });
    connect(m_model, &ActionsModel::editFailed, this, &ActionsPage::statusMessage);
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_search)}) {
        connect(model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
        connect(model, &QAbstractItemModel::layoutChanged, m_view, &QTreeView::expandAll);
        connect(model, &QAbstractItemModel::rowsInserted, m_view, &QTreeView::expandAll);
    }
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString id = current.siblingAtColumn(0).data(ActionIdRole).toString();
                if (!id.isEmpty())
                    m_editor->setActionId(id);
            });
    connect(m_editor, &ActionEditor::actionLinkActivated, this, &ActionsPage::showAction);

    // Filters shrink with the list (their long entries show in full when opened), so the editor beside keeps
    // its width in a 1024-pixel window.
    for (QComboBox *combo : {m_principleCombo, m_ratingCombo, m_ownerCombo}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(6);
        connect(combo, &QComboBox::currentTextChanged, combo, &QComboBox::setToolTip);
        combo->setToolTip(combo->currentText());
    }
    auto *search = new QHBoxLayout;
    search->addWidget(m_searchEdit, 1);
    search->addWidget(m_attentionOnly);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_principleCombo, 2);
    filters->addWidget(m_ratingCombo, 1);
    filters->addWidget(m_ownerCombo, 1);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(search);
    leftLayout->addLayout(filters);
    leftLayout->addWidget(m_view, 1);

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("actionsSplitter"));
    splitter->addWidget(left);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({1000, 380});
    splitter->setChildrenCollapsible(false);
    m_view->setMinimumWidth(220);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(splitter, 1);

    showAction(QStringLiteral("A1"));
}

void ActionsPage::refillPrinciples()
{
    // The groups of every framework followed, each framework's under its name when there are several.
    const QVariant current = m_principleCombo->currentData();
    QSignalBlocker block(m_principleCombo);
    m_principleCombo->clear();
    m_principleCombo->addItem(tr("All principles"), QString());
    const QList<Framework> followed = m_workspace->followedFrameworks();
    QString group;
    for (const ActionState &state : m_workspace->actionStates()) {
        if (state.principleId == group)
            continue;
        group = state.principleId;
        const QString number =
            state.framework == Catalogue::codeKey() ? state.principleId : state.principleId.section(u':', 1);
        QString label = QStringLiteral("%1  %2").arg(number, state.principleTitle);
        if (followed.size() > 1) {
            for (const Framework &framework : followed) {
                if (framework.key == state.framework)
                    label = QStringLiteral("%1: %2").arg(framework.shortName, label);
            }
        }
        m_principleCombo->addItem(label, state.principleId);
    }
    const int index = m_principleCombo->findData(current);
    m_principleCombo->setCurrentIndex(index >= 0 ? index : 0);
    m_principleFilter->setPrincipleId(m_principleCombo->currentData().toString());
}

void ActionsPage::followMaturityTracking()
{
    // Nothing of maturity shows while the organisation does not track it, even a column shown before.
    QHeaderView *header = m_view->header();
    if (m_workspace->organisation().trackMaturity || header->isSectionHidden(ActionsModel::MaturityColumn))
        return;
    header->hideSection(ActionsModel::MaturityColumn);
    fitTitleColumn();
}

void ActionsPage::fitMaturityColumn()
{
    QHeaderView *header = m_view->header();
    header->resizeSection(
        ActionsModel::MaturityColumn,
        std::max(static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(ActionsModel::MaturityColumn),
                 header->sectionSizeHint(ActionsModel::MaturityColumn)));
}

void ActionsPage::refillOwners()
{
    const QVariant current = m_ownerCombo->currentData();
    QSignalBlocker block(m_ownerCombo);
    m_ownerCombo->clear();
    m_ownerCombo->addItem(tr("Any owner"));
    m_ownerCombo->addItem(tr("No owner"), QVariant::fromValue<qint64>(0));
    for (const Person &person : m_workspace->store().people())
        m_ownerCombo->addItem(person.name, QVariant::fromValue(person.id));
    const int index = m_ownerCombo->findData(current);
    m_ownerCombo->setCurrentIndex(index >= 0 ? index : 0);
}

bool ActionsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitTitleColumn();
    return QWidget::eventFilter(watched, event);
}

void ActionsPage::fitTitleColumn()
{
    QHeaderView *header = m_view->header();
    int others = 0;
    for (int column = 0; column < ActionsModel::ColumnCount; ++column) {
        if (column != ActionsModel::TitleColumn && !header->isSectionHidden(column))
            others += header->sectionSize(column);
    }
    header->resizeSection(ActionsModel::TitleColumn,
                          std::max(kTitleMinimumWidth, m_view->viewport()->width() - others));
}

void ActionsPage::fitOwnerColumn()
{
    QHeaderView *header = m_view->header();
    const int wanted =
        std::max(static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(ActionsModel::OwnerColumn),
                 header->sectionSizeHint(ActionsModel::OwnerColumn));
    header->resizeSection(ActionsModel::OwnerColumn, std::clamp(wanted, 80, kOwnerColumnMaximumWidth));
}

QModelIndex ActionsPage::viewIndexOf(const QString &actionId) const
{
    QModelIndex index = m_model->indexOfAction(actionId);
    for (const QAbstractProxyModel *proxy : {static_cast<const QAbstractProxyModel *>(m_principleFilter),
                                             static_cast<const QAbstractProxyModel *>(m_ratingFilter),
                                             static_cast<const QAbstractProxyModel *>(m_ownerFilter),
                                             static_cast<const QAbstractProxyModel *>(m_attentionFilter),
                                             static_cast<const QAbstractProxyModel *>(m_search)})
        index = proxy->mapFromSource(index);
    return index;
}

void ActionsPage::showAction(const QString &actionId)
{
    QModelIndex index = viewIndexOf(actionId);
    if (!index.isValid()) {
        // A filter hides it: clear the filters rather than fail to show what was asked for.
        m_searchEdit->clear();
        m_principleCombo->setCurrentIndex(0);
        m_ratingCombo->setCurrentIndex(0);
        m_ownerCombo->setCurrentIndex(0);
        m_attentionOnly->setChecked(false);
        index = viewIndexOf(actionId);
    }
    if (!index.isValid())
        return;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    m_editor->setActionId(index.siblingAtColumn(0).data(ActionIdRole).toString());
}

void ActionsPage::focusSearch()
{
    m_searchEdit->setFocus();
    m_searchEdit->selectAll();
}

void ActionsPage::setAttentionOnly(bool only)
{
    m_attentionOnly->setChecked(only);
}

} // namespace quorum
