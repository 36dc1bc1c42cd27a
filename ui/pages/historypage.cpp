#include "ui/pages/historypage.h"

#include "core/domain/catalogue.h"
#include "core/models/auditmodel.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/datefield.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace quorum {

HistoryPage::HistoryPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new AuditModel(workspace, this))
    , m_view(new QTableView(this))
    , m_action(new QComboBox(this))
    , m_person(new QComboBox(this))
    , m_from(new DateField(this))
    , m_to(new DateField(this))
    , m_verifyResult(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    QHeaderView *header = m_view->horizontalHeader();
    header->resizeSection(AuditModel::TimeColumn, 130);
    header->resizeSection(AuditModel::WhoColumn, 200);
    header->resizeSection(AuditModel::SubjectColumn, 200);
    header->resizeSection(AuditModel::FieldColumn, 110);
    header->resizeSection(AuditModel::BeforeColumn, 220);
    header->setStretchLastSection(true);

    // Every item of the frameworks followed, again when one is followed or imported.
    const auto fillItems = [this, workspace] {
        const QVariant chosen = m_action->currentData();
        const QSignalBlocker blocker(m_action);
        m_action->clear();
        m_action->addItem(tr("All records"));
        for (const ActionState &state : workspace->actionStates())
            m_action->addItem(tr("Action %1").arg(state.id), state.id);
        m_action->setCurrentIndex(std::max(0, m_action->findData(chosen)));
    };
    fillItems();
    connect(workspace, &Workspace::frameworksChanged, this, fillItems);
    refillPeople();
    connect(workspace, &Workspace::peopleChanged, this, &HistoryPage::refillPeople);
    connect(m_action, &QComboBox::currentIndexChanged, this, &HistoryPage::applyFilter);
    connect(m_person, &QComboBox::currentIndexChanged, this, &HistoryPage::applyFilter);
    connect(m_from, &DateField::dateEdited, this, &HistoryPage::applyFilter);
    connect(m_to, &DateField::dateEdited, this, &HistoryPage::applyFilter);

    auto *verifyButton = new QPushButton(tr("&Verify integrity"), this);
    verifyButton->setToolTip(tr("Check the audit trail's hash chain and every stored file's SHA-256"));
    connect(verifyButton, &QPushButton::clicked, this, &HistoryPage::verify);
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextFormat(Qt::PlainText); // names evidence by its title

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_action);
    filters->addWidget(m_person);
    filters->addWidget(new QLabel(tr("From:"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("To:"), this));
    filters->addWidget(m_to);
    filters->addStretch();
    filters->addWidget(verifyButton);

    auto *title = new QLabel(tr("<b>History</b> &mdash; every change, newest first, in a tamper-evident "
                                "hash-chained trail"),
                             this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(m_verifyResult);
    layout->addWidget(m_view, 1);
    m_verifyResult->hide();
}

void HistoryPage::refillPeople()
{
    const QString current = m_person->currentData().toString();
    QSignalBlocker block(m_person);
    m_person->clear();
    m_person->addItem(tr("Anyone"));
    for (const Person &person : m_workspace->store().people())
        m_person->addItem(person.name, person.name);
    const int index = m_person->findData(current);
    m_person->setCurrentIndex(index >= 0 ? index : 0);
}

void HistoryPage::filterByAction(const QString &actionId)
{
    const int index = m_action->findData(actionId);
    m_action->setCurrentIndex(index >= 0 ? index : 0);
}

void HistoryPage::applyFilter()
{
    AuditFilter filter;
    // By action: its assessment rows and the evidence that supports (or supported) it.
    filter.actionId = m_action->currentData().toString();
    // By person: what they did, what was done about them, and owner or director changes naming them.
    filter.person = m_person->currentData().toString();
    filter.from = m_from->date();
    filter.to = m_to->date();
    m_model->setFilter(filter);
}

QString HistoryPage::verify()
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const ChainCheck chain = m_workspace->store().verifyAuditChain();
    const QList<EvidenceProblem> files = m_workspace->store().verifyEvidence();
    QApplication::restoreOverrideCursor();
    QStringList lines;
    if (chain.ok)
        lines << tr("Audit trail: all %1 rows check out.").arg(chain.rows);
    else
        lines << tr("Audit trail: %1. Rows from %2 on cannot be trusted.").arg(chain.problem).arg(chain.firstBadId);
    if (files.isEmpty())
        lines << tr("Stored files: every file matches its SHA-256.");
    for (const EvidenceProblem &problem : files)
        lines << tr("Evidence %1 \"%2\": %3.").arg(problem.evidenceId).arg(problem.title, problem.problem);
    const bool ok = chain.ok && files.isEmpty();
    m_verifyResult->setText(lines.join(QStringLiteral("\n")));
    m_verifyResult->setStyleSheet(
        ok ? QStringLiteral("background:#E8F5E9; color:#1B5E20; padding:6px; border-radius:4px;")
           : QStringLiteral("background:#FDECEA; color:#8E1B1B; padding:6px; border-radius:4px;"));
    m_verifyResult->show();
    return m_verifyResult->text();
}

} // namespace quorum
