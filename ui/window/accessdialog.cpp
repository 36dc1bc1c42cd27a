#include "ui/window/accessdialog.h"

#include "core/domain/access.h"
#include "core/domain/error.h"
#include "core/storage/serveraccess.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/formdialog.h"
#include "ui/widgets/prompts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace quorum {

namespace {

/** What each role may do, for the form's note: the matrix of docs/server.md in one line each. */
QString roleDescription(AccessRole role)
{
    switch (role) {
    case AccessRole::Director:
        return QObject::tr("reads everything; signs off a board review as themselves; records their own training");
    case AccessRole::Ciso:
        return QObject::tr("changes assessments, owners, commentary and targets; evidence; metrics, exercises and "
                           "incidents");
    case AccessRole::Secretary:
        return QObject::tr("creates board reviews, records decisions sought and sign-offs as minuted; the "
                           "organisation's details; the People register and training");
    case AccessRole::Auditor:
        return QObject::tr("reads everything, the whole trail and stored files included; changes nothing");
    case AccessRole::Admin:
        return QObject::tr("gives and takes roles; changes no data");
    }
    return {};
}

} // namespace

AccessDialog::AccessDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_summary(new QLabel(this))
    , m_members(new QTableWidget(0, 3, this))
    , m_give(new QPushButton(tr("&Give a Role..."), this))
    , m_take(new QPushButton(tr("&Take a Role Away..."), this))
    , m_password(new QPushButton(tr("Set &Password..."), this))
    , m_turnOn(new QPushButton(tr("Turn &On Access by Role..."), this))
{
    setWindowTitle(tr("Access - Quorum"));
    resize(720, 420);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_members->setObjectName(QStringLiteral("members"));
    m_members->setHorizontalHeaderLabels({tr("Login"), tr("Roles"), tr("Person")});
    m_members->horizontalHeader()->setStretchLastSection(true);
    m_members->horizontalHeader()->resizeSection(0, 200);
    m_members->horizontalHeader()->resizeSection(1, 260);
    m_members->verticalHeader()->hide();
    m_members->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_members->setSelectionMode(QAbstractItemView::SingleSelection);
    m_members->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_give->setObjectName(QStringLiteral("give"));
    m_take->setObjectName(QStringLiteral("take"));
    m_turnOn->setObjectName(QStringLiteral("turnOn"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_give);
    buttons->addWidget(m_take);
    buttons->addWidget(m_password);
    buttons->addWidget(m_turnOn);
    buttons->addStretch();
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_members, 1);
    layout->addLayout(buttons);
    layout->addWidget(close);

    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_give, &QPushButton::clicked, this, &AccessDialog::giveRole);
    connect(m_take, &QPushButton::clicked, this, &AccessDialog::takeRole);
    connect(m_password, &QPushButton::clicked, this, &AccessDialog::setPassword);
    connect(m_turnOn, &QPushButton::clicked, this, &AccessDialog::turnOn);
    connect(m_members, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool chosen = m_workspace->access().enforced && !m_members->selectedItems().isEmpty();
        m_take->setEnabled(chosen);
        m_password->setEnabled(chosen);
    });
    // A role given or taken elsewhere arrives as a notice of the trail row it wrote.
    connect(workspace, &Workspace::othersChanged, this, &AccessDialog::reload);
    connect(workspace, &Workspace::accessChanged, this, &AccessDialog::reload);
    reload();
}

void AccessDialog::reload()
{
    const SessionAccess &me = m_workspace->access();
    m_give->setEnabled(me.enforced);
    m_turnOn->setVisible(!me.enforced);
    m_take->setEnabled(me.enforced && !m_members->selectedItems().isEmpty());
    m_password->setEnabled(m_take->isEnabled());
    if (!me.enforced) {
        m_members->setRowCount(0);
        m_summary->setText(tr("Access by role is off for this record: anyone who can connect to the database may "
                              "change anything, and the trail names their login. Turn it on to have the server "
                              "enforce five roles (director, CISO, company secretary, auditor, administrator); "
                              "you need a login that may create roles and owns the database."));
        return;
    }
    m_summary->setText(tr("The server enforces these roles: a change a person's roles do not allow is refused, "
                          "whatever program they use. Signed in as %1.")
                           .arg(me.summary()));
    QString selected;
    if (const QTableWidgetItem *item = m_members->item(m_members->currentRow(), 0))
        selected = item->text();
    QList<AccessMember> members;
    try {
        members = m_workspace->accessMembers();
    } catch (const Error &error) {
        m_summary->setText(error.message());
        return;
    }
    m_members->setRowCount(int(members.size()));
    for (int row = 0; row < members.size(); ++row) {
        const AccessMember &member = members[row];
        m_members->setItem(row, 0, new QTableWidgetItem(member.login));
        m_members->setItem(row, 1, new QTableWidgetItem(accessRoleTitles(member.roles)));
        m_members->setItem(row, 2,
                           new QTableWidgetItem(member.person.isEmpty() ? tr("(no person linked)") : member.person));
        if (member.login == selected)
            m_members->selectRow(row);
    }
}

void AccessDialog::giveRole()
{
    QDialog form(this);
    form.setWindowTitle(tr("Give a Role"));
    auto *login = new QLineEdit(&form);
    login->setObjectName(QStringLiteral("login"));
    login->setPlaceholderText(tr("the name they sign in to the server with"));
    if (const QTableWidgetItem *item = m_members->item(m_members->currentRow(), 0))
        login->setText(item->text());
    auto *role = new QComboBox(&form);
    role->setObjectName(QStringLiteral("role"));
    for (const AccessRole each : allAccessRoles())
        role->addItem(accessRoleTitle(each), QVariant::fromValue(int(each)));
    auto *person = new QComboBox(&form);
    person->setObjectName(QStringLiteral("person"));
    person->addItem(tr("(no one)"), QString());
    for (const Person &each : m_workspace->store().people()) {
        if (each.active)
            person->addItem(QStringLiteral("%1 - %2").arg(each.name, each.role), each.name);
    }
    auto *password = new QLineEdit(&form);
    password->setObjectName(QStringLiteral("password"));
    password->setEchoMode(QLineEdit::Password);
    password->setPlaceholderText(tr("for a new login; empty keeps its password"));
    auto *fields = new QFormLayout;
    fields->addRow(tr("&Login:"), login);
    fields->addRow(tr("&Role:"), role);
    fields->addRow(tr("&Person:"), person);
    fields->addRow(tr("Pass&word:"), password);
    QLabel *note = layOutFormDialog(form, fields, roleDescription(AccessRole::Director));
    connect(role, &QComboBox::currentIndexChanged, &form, [role, note] {
        if (note)
            note->setText(roleDescription(AccessRole(role->currentData().toInt())));
    });
    execUntilSaved(form, tr("Cannot give the role"), [&] {
        m_workspace->grantAccess(login->text(), AccessRole(role->currentData().toInt()),
                                 person->currentData().toString());
        // Hashed on this side (SCRAM) and sent only to the server. Given again, the role changes nothing, so a
        // password refused here is simply tried again with the form as typed.
        if (!password->text().isEmpty()) {
            try {
                m_workspace->setAccessPassword(login->text(), password->text());
            } catch (const Error &error) {
                throw Error(error.kind(),
                            tr("The role was given, but the password was not set: %1").arg(error.message()));
            }
        }
    });
    reload();
}

void AccessDialog::takeRole()
{
    const int row = m_members->currentRow();
    const QTableWidgetItem *item = m_members->item(row, 0);
    if (!item)
        return;
    const QString login = item->text();
    QList<AccessRole> held;
    for (const AccessMember &member : m_workspace->accessMembers()) {
        if (member.login == login)
            held = member.roles;
    }
    if (held.isEmpty()) {
        reload();
        return;
    }
    AccessRole role = held.constFirst();
    if (held.size() > 1) {
        QStringList titles;
        for (const AccessRole each : held)
            titles << accessRoleTitle(each);
        bool ok = false;
        const QString chosen = QInputDialog::getItem(
            this, tr("Take a Role Away"), tr("Which role should %1 no longer hold?").arg(login), titles, 0, false, &ok);
        if (!ok)
            return;
        role = held.value(titles.indexOf(chosen), role);
    } else if (!confirmInPlainText(this, tr("Take a Role Away"),
                                   tr("%1 will no longer hold the %2 role of this record. Take it away?")
                                       .arg(login, accessRoleTitle(role)))) {
        return;
    }
    try {
        m_workspace->revokeAccess(login, role);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Cannot take the role away"), error.message());
    }
    reload();
}

void AccessDialog::setPassword()
{
    const QTableWidgetItem *item = m_members->item(m_members->currentRow(), 0);
    if (!item)
        return;
    const QString login = item->text();
    QDialog form(this);
    form.setWindowTitle(tr("Set Password"));
    auto *first = new QLineEdit(&form);
    auto *second = new QLineEdit(&form);
    for (QLineEdit *field : {first, second})
        field->setEchoMode(QLineEdit::Password);
    first->setObjectName(QStringLiteral("password"));
    second->setObjectName(QStringLiteral("again"));
    auto *fields = new QFormLayout;
    fields->addRow(tr("New &password:"), first);
    fields->addRow(tr("&Again:"), second);
    layOutFormDialog(form, fields,
                     tr("The password of %1 is hashed here (SCRAM-SHA-256) and only the hash is sent to the server; "
                        "Quorum keeps neither.")
                         .arg(login));
    execUntilSaved(form, tr("Cannot set the password"), [&] {
        if (first->text() != second->text())
            throw Error(Error::Kind::InvalidInput, tr("The two passwords differ."));
        m_workspace->setAccessPassword(login, first->text());
    });
}

void AccessDialog::turnOn()
{
    bool ok = false;
    const QString prefix = QInputDialog::getText(
        this, tr("Turn On Access by Role"),
        tr("The record's roles are named from a prefix; roles belong to the whole server, so each record on it "
           "needs its own:"),
        QLineEdit::Normal, ServerAccess::defaultPrefix(m_workspace->database().connection()), &ok);
    if (!ok)
        return;
    try {
        m_workspace->enableAccess(prefix);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Cannot turn access by role on"), error.message());
    }
    reload();
}

} // namespace quorum
