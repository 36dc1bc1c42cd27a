#include "ui/pages/peoplepage.h"

#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/models/peoplemodel.h"
#include "core/models/roles.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/prompts.h"
#include "ui/widgets/readonlyguard.h"
#include "ui/widgets/recordtable.h"
#include "ui/widgets/refreshwhenshown.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace quorum {

namespace {

/** Name, role, board member, active. */
bool editPersonDialog(QWidget *parent, const QString &title, Person &person)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(title);
    auto *name = new QLineEdit(person.name, &dialog);
    auto *role = new QLineEdit(person.role, &dialog);
    auto *board = new QCheckBox(QObject::tr("Board member (director)"), &dialog);
    auto *active = new QCheckBox(QObject::tr("Active"), &dialog);
    name->setMaxLength(Store::kMaxNameChars);
    role->setMaxLength(Store::kMaxNameChars);
    role->setPlaceholderText(QObject::tr("for example Chief Information Security Officer"));
    board->setChecked(person.board);
    active->setChecked(person.active);
    auto *form = new QFormLayout;
    form->addRow(QObject::tr("&Name:"), name);
    form->addRow(QObject::tr("&Role:"), role);
    form->addRow(QString(), board);
    form->addRow(QString(), active);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog.resize(440, dialog.sizeHint().height());
    if (dialog.exec() != QDialog::Accepted)
        return false;
    person.name = name->text();
    person.role = role->text();
    person.board = board->isChecked();
    person.active = active->isChecked();
    return true;
}

} // namespace

PeoplePage::PeoplePage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_model(new PeopleModel(workspace, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_trainingHeading(new QLabel(this))
    , m_training(new QTableWidget(0, 4, this))
    , m_edit(new QPushButton(tr("&Edit..."), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_addTraining(new QPushButton(tr("Add &training record..."), this))
    , m_removeTraining(new QPushButton(tr("Remove training record"), this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PeopleModel::KindColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->setAlternatingRowColors(true);
    m_view->horizontalHeader()->setSectionResizeMode(PeopleModel::RoleColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->resizeSection(PeopleModel::NameColumn, 200);
    m_view->horizontalHeader()->resizeSection(PeopleModel::KindColumn, 150);
    m_view->horizontalHeader()->resizeSection(PeopleModel::TrainingColumn, 200);
    connect(m_view, &QTableView::doubleClicked, this, [this] {
        if (!m_workspace->isReadOnly() && m_workspace->access().may(Capability::EditPeople))
            editPerson();
    });

    m_training->setHorizontalHeaderLabels({tr("Course"), tr("Completed"), tr("Valid until"), tr("Status")});
    m_training->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_training->verticalHeader()->hide();
    m_training->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_training->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *add = new QPushButton(tr("&Add person..."), this);
    connect(add, &QPushButton::clicked, this, &PeoplePage::addPerson);
    connect(m_edit, &QPushButton::clicked, this, &PeoplePage::editPerson);
    connect(m_remove, &QPushButton::clicked, this, &PeoplePage::removePerson);
    connect(m_addTraining, &QPushButton::clicked, this, &PeoplePage::addTraining);
    connect(m_removeTraining, &QPushButton::clicked, this, &PeoplePage::removeTraining);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PeoplePage::refreshTraining);
    // A person's training list reads the record: a hidden page refreshes when it is next shown.
    auto *trainingRefresh = new RefreshWhenShown(this, [this] { refreshTraining(); });
    connect(workspace, &Workspace::dataChanged, trainingRefresh, &RefreshWhenShown::request);
    for (QWidget *control : std::initializer_list<QWidget *>{add, m_edit, m_remove})
        markAsEditControl(control, workspace, Capability::EditPeople);
    // A director records their own training; the server refuses anyone else's (row-level security).
    for (QWidget *control : std::initializer_list<QWidget *>{m_addTraining, m_removeTraining})
        markAsEditControl(control, workspace, Capability::EditOwnTraining);

    auto *title = new QLabel(tr("<b>Board and executives</b> &mdash; directors must keep their cyber training "
                                "current (action C3)"),
                             this);
    QWidget *top = listPanel(this, title, m_view, {add, m_edit, m_remove});
    QWidget *bottom = listPanel(this, m_trainingHeading, m_training, {m_addTraining, m_removeTraining});

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setSizes({520, 260});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(splitter);
    if (m_proxy->rowCount() > 0)
        m_view->selectRow(0);
    refreshTraining();
}

qint64 PeoplePage::currentPersonId() const
{
    const QModelIndex index = m_view->currentIndex();
    return index.isValid() ? index.data(PersonIdRole).toLongLong() : 0;
}

void PeoplePage::refreshTraining()
{
    const qint64 id = currentPersonId();
    const auto person = id ? m_workspace->store().person(id) : std::nullopt;
    m_edit->setEnabled(person.has_value());
    m_remove->setEnabled(person.has_value());
    m_addTraining->setEnabled(person.has_value());
    m_training->setRowCount(0);
    if (!person) {
        m_trainingHeading->setText(tr("<b>Cyber training</b>: choose a person"));
        m_removeTraining->setEnabled(false);
        return;
    }
    const QDate today = m_workspace->store().clock().today();
    const QList<TrainingRecord> records = m_workspace->store().training(id);
    const TrainingStanding standing = trainingStanding(*person, records, today);
    QString standingText;
    switch (standing) {
    case TrainingStanding::Current:
        standingText = tr("current");
        break;
    case TrainingStanding::Expired:
        standingText = tr("<span style=\"color:#B01E1E\">expired</span>");
        break;
    case TrainingStanding::Missing:
        standingText = tr("<span style=\"color:#B01E1E\">missing</span>");
        break;
    case TrainingStanding::NotRequired:
        standingText = tr("not required of executives by C3");
        break;
    }
    m_trainingHeading->setText(tr("<b>Cyber training of %1</b>: %2").arg(person->name.toHtmlEscaped(), standingText));
    for (const TrainingRecord &record : records) {
        const int row = m_training->rowCount();
        m_training->insertRow(row);
        auto *course = new QTableWidgetItem(record.course);
        course->setData(Qt::UserRole, QVariant::fromValue(record.id));
        m_training->setItem(row, 0, course);
        m_training->setItem(row, 1, new QTableWidgetItem(record.completed.toString(Qt::ISODate)));
        m_training->setItem(row, 2,
                            new QTableWidgetItem(record.validUntil.isValid() ? record.validUntil.toString(Qt::ISODate)
                                                                             : tr("does not expire")));
        const bool expired = record.validUntil.isValid() && record.validUntil < today;
        auto *status = new QTableWidgetItem(expired ? tr("Expired") : tr("Valid"));
        if (expired)
            status->setForeground(QColor(0xB0, 0x1E, 0x1E));
        m_training->setItem(row, 3, status);
    }
    m_removeTraining->setEnabled(!records.isEmpty());
}

void PeoplePage::showPerson(qint64 personId)
{
    const int row = m_model->rowOfPerson(personId);
    if (row >= 0)
        m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
}

void PeoplePage::addPerson()
{
    Person person;
    while (editPersonDialog(this, tr("Add person"), person)) {
        try {
            const qint64 id = m_workspace->addPerson(person);
            const int row = m_model->rowOfPerson(id);
            if (row >= 0)
                m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
            return;
        } catch (const Error &error) {
            warnInPlainText(this, tr("Person not added"), error.message());
        }
    }
}

void PeoplePage::editPerson()
{
    const auto person = m_workspace->store().person(currentPersonId());
    if (!person)
        return;
    Person edited = *person;
    while (editPersonDialog(this, tr("Edit %1").arg(person->name), edited)) {
        try {
            m_workspace->updatePerson(edited);
            return;
        } catch (const Error &error) {
            warnInPlainText(this, tr("Person not changed"), error.message());
            // Told what someone else changed, the person may make their change again: over that version.
            if (const auto now = m_workspace->store().person(edited.id); now && error.kind() == Error::Kind::Conflict)
                edited.version = now->version;
        }
    }
}

void PeoplePage::removePerson()
{
    const auto person = m_workspace->store().person(currentPersonId());
    if (!person)
        return;
    if (!confirmInPlainText(this, tr("Remove person"),
                            tr("Remove %1 from the record? You can undo this with Edit > Undo.").arg(person->name)))
        return;
    try {
        m_workspace->removePerson(person->id);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Person not removed"), error.message());
    }
}

void PeoplePage::addTraining()
{
    const auto person = m_workspace->store().person(currentPersonId());
    if (!person)
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Training record for %1").arg(person->name));
    auto *course = new QLineEdit(tr("NCSC Cyber Security Toolkit for Boards"), &dialog);
    auto *completed = new DateField(&dialog);
    completed->setRequired(true);
    completed->setDate(m_workspace->store().clock().today());
    auto *validUntil = new DateField(&dialog);
    validUntil->setDate(m_workspace->store().clock().today().addYears(1));
    auto *form = new QFormLayout;
    form->addRow(tr("&Course:"), course);
    form->addRow(tr("C&ompleted on:"), completed);
    form->addRow(tr("&Valid until:"), validUntil);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    dialog.resize(460, dialog.sizeHint().height());
    execUntilSaved(dialog, tr("Training not recorded"), [&] {
        completed->checkOrThrow();
        validUntil->checkOrThrow();
        m_workspace->addTraining({0, person->id, course->text(), completed->date(), validUntil->date()});
    });
}

void PeoplePage::removeTraining()
{
    const int row = m_training->currentRow() >= 0 ? m_training->currentRow() : 0;
    const QTableWidgetItem *item = m_training->item(row, 0);
    if (!item)
        return;
    try {
        m_workspace->removeTraining(item->data(Qt::UserRole).toLongLong());
    } catch (const Error &error) {
        warnInPlainText(this, tr("Training record not removed"), error.message());
    }
}

} // namespace quorum
