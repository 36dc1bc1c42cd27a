#include "ui/pages/evidencepage.h"

#include "core/models/evidencemodel.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"
#include "ui/pages/evidenceactions.h"
#include "ui/widgets/readonlyguard.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace quorum {

EvidencePage::EvidencePage(Workspace *workspace, EvidenceActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_actions(actions)
    , m_model(new EvidenceModel(workspace, this, EvidenceModel::InitialLoad::OnDemand))
    , m_view(new QTableView(this))
    , m_searchEdit(new QLineEdit(this))
    , m_searchDelay(new QTimer(this))
    , m_statusCombo(new QComboBox(this))
    , m_countLabel(new QLabel(this))
{
    setAcceptDrops(true);
    // The search, the status and the order are the model's query, answered in SQL (docs/design.md, "The evidence
    // register reads a window"): nothing filters or sorts the rows in memory.
    m_statusCombo->addItem(tr("Any status"));
    for (EvidenceStatus status : {EvidenceStatus::Current, EvidenceStatus::Expiring, EvidenceStatus::Expired})
        m_statusCombo->addItem(evidenceStatusLabel(status), QVariant::fromValue(status));
    connect(m_statusCombo, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant wanted = m_statusCombo->currentData();
        m_model->setStatusFilter(wanted.isValid() ? std::optional(wanted.value<EvidenceStatus>()) : std::nullopt);
    });
    m_searchEdit->setPlaceholderText(tr("Search titles, actions, files, hashes"));
    m_searchEdit->setClearButtonEnabled(true);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_searchEdit, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_searchEdit->text()); });
    m_countLabel->setObjectName(QStringLiteral("evidenceCount"));

    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(EvidenceModel::ReviewByColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(EvidenceModel::TitleColumn, QHeaderView::Stretch);
    header->resizeSection(EvidenceModel::ActionsColumn, 110);
    header->resizeSection(EvidenceModel::TypeColumn, 110);
    header->resizeSection(EvidenceModel::SourceColumn, 150);
    header->resizeSection(EvidenceModel::EffectiveColumn, 90);
    header->resizeSection(EvidenceModel::ReviewByColumn, 90);
    header->resizeSection(EvidenceModel::StatusColumn, 100);
    header->resizeSection(EvidenceModel::HashColumn, 110);

    auto idOf = [this] { return currentEvidenceId(); };
    auto *addFile = new QPushButton(tr("Add &files..."), this);
    auto *addLink = new QPushButton(tr("Add &link..."), this);
    auto *open = new QPushButton(tr("&Open"), this);
    auto *save = new QPushButton(tr("&Save a copy..."), this);
    auto *replace = new QPushButton(tr("New &revision..."), this);
    auto *edit = new QPushButton(tr("&Edit..."), this);
    auto *remove = new QPushButton(tr("Re&move"), this);
    connect(addFile, &QPushButton::clicked, this, [this] { m_actions->chooseAndAddFiles({}); });
    connect(addLink, &QPushButton::clicked, this, [this] { m_actions->addLink({}); });
    connect(open, &QPushButton::clicked, this, [this, idOf] { m_actions->open(idOf()); });
    connect(save, &QPushButton::clicked, this, [this, idOf] { m_actions->saveCopy(idOf()); });
    connect(replace, &QPushButton::clicked, this, [this, idOf] { m_actions->replaceFile(idOf()); });
    connect(edit, &QPushButton::clicked, this, [this, idOf] { m_actions->edit(idOf()); });
    connect(remove, &QPushButton::clicked, this, [this, idOf] { m_actions->remove(idOf()); });
    connect(m_view, &QTableView::doubleClicked, this, [this, idOf] { m_actions->open(idOf()); });
    auto updateButtons = [=, this] {
        const QModelIndex current = m_view->currentIndex();
        const Evidence *item = current.isValid() ? m_model->evidenceAt(current.row()) : nullptr;
        const bool selected = item != nullptr;
        const bool file = selected && item->isFile();
        open->setEnabled(selected);
        save->setEnabled(file);
        replace->setEnabled(file);
        edit->setEnabled(selected);
        remove->setEnabled(selected);
    };
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_keptEvidenceId = current.data(EvidenceIdRole).toLongLong();
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, updateButtons);
    // Read again (a change, a sort, a search): the item that was current stays current where the rows still show it.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        const int count = m_model->rowCount();
        m_countLabel->setText(count == 1 ? tr("1 item") : tr("%1 items").arg(QLocale().toString(count)));
        if (m_keptEvidenceId == 0)
            return;
        const int row = m_model->rowOfEvidence(m_keptEvidenceId);
        if (row >= 0)
            m_view->setCurrentIndex(m_model->index(row, 0));
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, updateButtons);
    updateButtons();
    for (QWidget *control : std::initializer_list<QWidget *>{addFile, addLink, replace, edit, remove})
        markAsEditControl(control, workspace, Capability::EditEvidence);
    connect(m_view, &QTableView::customContextMenuRequested, this, [=, this](const QPoint &point) {
        if (!m_view->indexAt(point).isValid())
            return;
        QMenu menu(this);
        for (QPushButton *button : {open, save, replace, edit, remove}) {
            QAction *action = menu.addAction(button->text(), button, &QPushButton::click);
            action->setEnabled(button->isEnabled());
        }
        menu.exec(m_view->viewport()->mapToGlobal(point));
    });

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_searchEdit, 1);
    filters->addWidget(m_statusCombo);
    filters->addWidget(m_countLabel);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {addFile, addLink})
        buttons->addWidget(button);
    buttons->addSpacing(24);
    for (QPushButton *button : {open, save, replace, edit, remove})
        buttons->addWidget(button);
    buttons->addStretch();
    auto *title = new QLabel(tr("<b>Evidence register</b> &mdash; drop files here to add them; evidence expires "
                                "after its review-by date"),
                             this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
}

qint64 EvidencePage::currentEvidenceId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(EvidenceIdRole).toLongLong() : 0;
}

QTableView *EvidencePage::view() const
{
    m_model->ensureLoaded();
    return m_view;
}

EvidenceModel *EvidencePage::model() const
{
    m_model->ensureLoaded();
    return m_model;
}

void EvidencePage::showEvent(QShowEvent *event)
{
    // Tens of thousands of items are read when the register is first looked at, not at start-up.
    m_model->ensureLoaded();
    QWidget::showEvent(event);
}

void EvidencePage::showEvidence(qint64 evidenceId)
{
    m_model->ensureLoaded();
    m_keptEvidenceId = evidenceId;
    m_searchDelay->stop();
    {
        // The model reads its rows again once, below, not once per control.
        const QSignalBlocker searchBlocker(m_searchEdit);
        const QSignalBlocker statusBlocker(m_statusCombo);
        m_searchEdit->clear();
        m_statusCombo->setCurrentIndex(0);
    }
    m_model->clearSearchAndStatus();
    const int row = m_model->rowOfEvidence(evidenceId);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, 0);
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
}

void EvidencePage::showStatus(EvidenceStatus status)
{
    m_statusCombo->setCurrentIndex(m_statusCombo->findData(QVariant::fromValue(status)));
}

void EvidencePage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_workspace->isReadOnly() && m_workspace->access().may(Capability::EditEvidence)
        && !EvidenceActions::localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void EvidencePage::dropEvent(QDropEvent *event)
{
    const QStringList files = EvidenceActions::localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    m_actions->addFiles(files, {});
}

} // namespace quorum
