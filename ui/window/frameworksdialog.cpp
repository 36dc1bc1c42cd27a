#include "ui/window/frameworksdialog.h"

#include "core/domain/access.h"
#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/interchange/frameworklibrary.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/filedialog.h"
#include "ui/widgets/readonlyguard.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace quorum {

namespace {

constexpr int kKeyRole = Qt::UserRole;

QString originText(const Framework &framework)
{
    return framework.origin == FrameworkOrigin::BuiltIn ? QObject::tr("built into Quorum")
                                                        : QObject::tr("imported from a library file");
}

} // namespace

FrameworksDialog::FrameworksDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_list(new QListWidget(this))
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_followed(new QCheckBox(tr("The organisation &follows this framework"), this))
    , m_roleLabel(new QLabel(tr("Vendor &role:"), this))
    , m_role(new QComboBox(this))
    , m_ownerLabel(new QLabel(this))
    , m_owner(new QComboBox(this))
    , m_ownerNote(new QLabel(this))
    , m_import(new QPushButton(tr("&Import from Library File..."), this))
{
    setWindowTitle(tr("Frameworks - Quorum"));
    resize(820, 460);
    m_list->setObjectName(QStringLiteral("frameworks"));
    m_list->setMaximumWidth(280);
    m_followed->setObjectName(QStringLiteral("followed"));
    m_role->setObjectName(QStringLiteral("vendorRole"));
    m_owner->setObjectName(QStringLiteral("owner"));
    m_import->setObjectName(QStringLiteral("importLibrary"));
    for (QLabel *label : {m_title, m_details, m_ownerNote}) {
        label->setTextFormat(Qt::PlainText); // wording from a library file is never read as markup
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_roleLabel->setBuddy(m_role);
    m_ownerLabel->setBuddy(m_owner);

    auto *form = new QFormLayout;
    form->addRow(m_followed);
    form->addRow(m_roleLabel, m_role);
    form->addRow(m_ownerLabel, m_owner);
    form->addRow(m_ownerNote);
    auto *details = new QVBoxLayout;
    details->addWidget(m_title);
    details->addWidget(m_details);
    details->addSpacing(8);
    details->addLayout(form);
    details->addStretch();
    auto *body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addLayout(details, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_import, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(buttons);

    // What a login may do is the server's to say: the secretary follows frameworks and names owners, an admin
    // imports (a library's wording belongs to the record's owner role, as the built-in catalogues' does).
    markAsEditControl(m_followed, workspace, Capability::EditOrganisation);
    markAsEditControl(m_role, workspace, Capability::EditOrganisation);
    markAsEditControl(m_owner, workspace, Capability::EditOrganisation);
    markAsEditControl(m_import, workspace, Capability::Administer);

    connect(m_list, &QListWidget::currentRowChanged, this, &FrameworksDialog::showSelected);
    connect(m_followed, &QCheckBox::toggled, this, [this](bool on) {
        if (m_filling)
            return;
        const QString key = selectedKey();
        apply([this, key, on] { m_workspace->setFrameworkFollowed(key, on); }, tr("Framework not changed"));
    });
    connect(m_role, &QComboBox::activated, this, [this] {
        if (m_filling)
            return;
        const QString key = selectedKey();
        const QString role = m_role->currentData().toString();
        apply([this, key, role] { m_workspace->setFrameworkVendorRole(key, role); }, tr("Vendor role not changed"));
    });
    connect(m_owner, &QComboBox::activated, this, [this] {
        if (m_filling)
            return;
        const QString key = selectedKey();
        const qint64 owner = m_owner->currentData().toLongLong();
        apply([this, key, owner] { m_workspace->setFrameworkOwner(key, owner); }, tr("Owner not changed"));
    });
    connect(m_import, &QPushButton::clicked, this, [this] {
        const QString key = importFrameworkFile(m_workspace, this);
        reload();
        if (!key.isEmpty())
            select(key);
    });
    connect(workspace, &Workspace::frameworksChanged, this, &FrameworksDialog::reload);
    connect(workspace, &Workspace::peopleChanged, this, &FrameworksDialog::showSelected);
    reload();
    m_list->setCurrentRow(0);
}

QString FrameworksDialog::selectedKey() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item ? item->data(kKeyRole).toString() : QString();
}

bool FrameworksDialog::select(const QString &key)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kKeyRole).toString() == key) {
            m_list->setCurrentRow(row);
            return true;
        }
    }
    return false;
}

void FrameworksDialog::reload()
{
    const QString selected = selectedKey();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Framework &framework : m_workspace->frameworks()) {
        auto *item = new QListWidgetItem(
            framework.enabled ? framework.shortName : tr("%1 (not followed)").arg(framework.shortName), m_list);
        item->setData(kKeyRole, framework.key);
        item->setToolTip(framework.title);
    }
    if (selected.isEmpty() || !select(selected))
        m_list->setCurrentRow(0);
    showSelected();
}

void FrameworksDialog::showSelected()
{
    const QString key = selectedKey();
    if (key.isEmpty())
        return;
    Framework framework;
    try {
        framework = m_workspace->framework(key);
    } catch (const Error &) {
        return; // gone meanwhile: the next reload shows what is there
    }
    m_filling = true;
    m_title->setText(framework.title);
    QStringList lines;
    if (!framework.publisher.isEmpty()) {
        const QDate published = QDate::fromString(framework.published, Qt::ISODate);
        const QString when =
            published.isValid()
                ? QLocale(QLocale::English, QLocale::UnitedKingdom).toString(published, QStringLiteral("d MMMM yyyy"))
                : framework.published;
        lines << tr("Published by %1%2.").arg(framework.publisher, when.isEmpty() ? QString() : tr(" on %1").arg(when));
    }
    lines << tr("%1 %2s; catalogue version %3, %4.")
                 .arg(framework.itemCount)
                 .arg(framework.itemNoun)
                 .arg(framework.catalogueVersion)
                 .arg(originText(framework));
    if (!framework.isCode())
        lines << tr("Its %1s are typed as %2:ID in quorum-cli.").arg(framework.itemNoun, framework.key);
    if (!framework.copyright.isEmpty())
        lines << framework.copyright;
    if (!framework.attribution.isEmpty())
        lines << framework.attribution;
    m_details->setText(lines.join(u'\n'));
    m_followed->setChecked(framework.enabled);
    // The Code is what Quorum is for: always followed.
    m_followed->setVisible(!framework.isCode());

    const Catalogue *catalogue = Catalogue::builtInByKey(framework.key);
    const bool roles = catalogue && !catalogue->vendorRoles().isEmpty();
    m_roleLabel->setVisible(roles);
    m_role->setVisible(roles);
    m_role->clear();
    if (roles) {
        for (const VendorRole &role : catalogue->vendorRoles()) {
            m_role->addItem(role.label, role.id);
            m_role->setItemData(m_role->count() - 1, role.reason, Qt::ToolTipRole);
        }
        m_role->setCurrentIndex(m_role->findData(framework.vendorRole));
    }
    const QString accountable =
        catalogue && !catalogue->accountableTitle().isEmpty() ? catalogue->accountableTitle() : tr("Answered for by");
    m_ownerLabel->setText(tr("%1:").arg(accountable));
    m_owner->clear();
    m_owner->addItem(tr("(nobody yet)"), qint64(0));
    for (const Person &person : m_workspace->store().people()) {
        if (person.active || person.id == framework.ownerId)
            m_owner->addItem(person.role.isEmpty() ? person.name : tr("%1, %2").arg(person.name, person.role),
                             person.id);
    }
    m_owner->setCurrentIndex(std::max(0, m_owner->findData(framework.ownerId)));
    // The framework's own words, quoted and attributed as such.
    m_ownerNote->setText(catalogue && !catalogue->accountableStatement().isEmpty()
                             ? tr("The %1 says: “%2”").arg(framework.shortName, catalogue->accountableStatement())
                             : QString());
    m_ownerNote->setVisible(!m_ownerNote->text().isEmpty());
    m_filling = false;
}

void FrameworksDialog::apply(const std::function<void()> &change, const QString &failure)
{
    try {
        change();
    } catch (const Error &error) {
        QMessageBox::warning(this, failure, plainForRichText(error.message()));
    }
    reload();
}

QString importFrameworkFile(Workspace *workspace, QWidget *parent)
{
    const QString path = FileDialog::getOpenFileName(parent, QObject::tr("Import Framework"), QString(),
                                                     QObject::tr("Framework libraries (*.yaml *.yml);;All files (*)"));
    if (path.isEmpty())
        return {};
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        const Catalogue catalogue = FrameworkLibrary::read(path);
        const CatalogueWrite written = workspace->importFramework(catalogue);
        QApplication::restoreOverrideCursor();
        QMessageBox::information(
            parent, QObject::tr("Framework imported"),
            written.newFramework
                ? QObject::tr("%1 (version %2) is imported: %3 %4s in %5 groups, followed from now on.")
                      .arg(catalogue.title(), QString::number(catalogue.version()), QString::number(written.addedItems),
                           catalogue.itemNoun(), QString::number(catalogue.principles().size()))
                : QObject::tr("%1 is brought from version %2 to %3: %4 new %5s, %6 brought up to date. Every "
                              "assessment is as it was.")
                      .arg(catalogue.title(), QString::number(written.fromVersion),
                           QString::number(catalogue.version()), QString::number(written.addedItems),
                           catalogue.itemNoun(), QString::number(written.updatedItems)));
        return catalogue.key();
    } catch (const Error &error) {
        QApplication::restoreOverrideCursor();
        QMessageBox::warning(parent, QObject::tr("Framework not imported"),
                             QObject::tr("Nothing was changed. %1").arg(error.message()));
        return {};
    }
}

} // namespace quorum
