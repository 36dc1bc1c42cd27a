#include "ui/window/serverdialog.h"

#include "core/domain/error.h"
#include "core/storage/serverconnection.h"
#include "ui/widgets/formdialog.h"
#include "ui/widgets/prompts.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace quorum {

namespace {

const QStringList kPartKeywords = {QStringLiteral("host"), QStringLiteral("port"), QStringLiteral("dbname"),
                                   QStringLiteral("user"), QStringLiteral("sslmode")};

} // namespace

ServerDialog::ServerDialog(QWidget *parent, const QString &initial)
    : QDialog(parent)
    , m_connection(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_database(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_sslMode(new QComboBox(this))
    , m_problem(problemLabel(this))
{
    setWindowTitle(tr("Open Server"));
    m_connection->setObjectName(QStringLiteral("connection"));
    m_host->setObjectName(QStringLiteral("host"));
    m_database->setObjectName(QStringLiteral("database"));
    m_user->setObjectName(QStringLiteral("user"));
    m_connection->setPlaceholderText(QStringLiteral("postgresql://board@db.example.org/quorum?sslmode=verify-full"));
    m_connection->setClearButtonEnabled(true);
    m_host->setPlaceholderText(tr("db.example.org, or a socket folder such as /run/postgresql"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default (5432)"));
    m_database->setPlaceholderText(tr("quorum"));
    m_user->setPlaceholderText(tr("your login name"));
    // libpq's modes; "prefer" is its default. verify-full is what a server reached over a network deserves.
    for (const char *mode : {"prefer", "require", "verify-ca", "verify-full", "disable", "allow"})
        m_sslMode->addItem(QString::fromLatin1(mode));

    auto *form = new QFormLayout;
    form->addRow(tr("&Connection:"), m_connection);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&TLS:"), m_sslMode);
    form->addRow(m_problem);
    layOutFormDialog(*this, form,
                     tr("Paste a postgresql:// address or fill in its parts. The password comes from PGPASSWORD "
                        "or ~/.pgpass, or Quorum asks for it."));
    findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
    resize(560, sizeHint().height());

    connect(m_connection, &QLineEdit::textEdited, this, &ServerDialog::fillPartsFromConnection);
    for (QLineEdit *part : {m_host, m_database, m_user})
        connect(part, &QLineEdit::textEdited, this, &ServerDialog::fillConnectionFromParts);
    connect(m_port, &QSpinBox::valueChanged, this, &ServerDialog::fillConnectionFromParts);
    connect(m_sslMode, &QComboBox::currentIndexChanged, this, &ServerDialog::fillConnectionFromParts);

    m_connection->setText(initial);
    fillPartsFromConnection();
    (m_host->text().isEmpty() ? m_connection : m_database)->setFocus();
}

QString ServerDialog::connection() const
{
    return m_connection->text().trimmed();
}

void ServerDialog::fillPartsFromConnection()
{
    if (m_filling)
        return;
    m_filling = true;
    const QString text = m_connection->text().trimmed();
    QPushButton *open = findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    try {
        if (!text.isEmpty() && !ServerConnection::isServer(text))
            throw Error(Error::Kind::InvalidInput, tr("Write a postgresql:// address or host=... dbname=..."));
        const ServerConnection server = ServerConnection::parse(text);
        m_host->setText(server.value(QStringLiteral("host")));
        m_port->setValue(server.value(QStringLiteral("port")).toInt());
        m_database->setText(server.value(QStringLiteral("dbname")));
        m_user->setText(server.value(QStringLiteral("user")));
        const QString mode = server.value(QStringLiteral("sslmode"));
        m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findText(mode.isEmpty() ? QStringLiteral("prefer") : mode)));
        // What the parts do not show is kept as typed, so nothing pasted is lost when a part is edited.
        QStringList words;
        for (const auto &[keyword, value] : server.options()) {
            if (!kPartKeywords.contains(keyword))
                words << QStringLiteral("%1=%2").arg(keyword, ServerConnection::quoted(value));
        }
        m_extraOptions = words.join(QLatin1Char(' '));
        showProblem(server.hasPassword() ? tr("The password written into the address is used for this connection "
                                              "only and not remembered.")
                                         : QString());
        open->setEnabled(!m_database->text().isEmpty());
    } catch (const Error &error) {
        showProblem(error.message());
        open->setEnabled(false);
    }
    m_filling = false;
}

void ServerDialog::fillConnectionFromParts()
{
    if (m_filling)
        return;
    m_filling = true;
    QStringList words;
    auto add = [&words](const char *keyword, const QString &value) {
        if (!value.trimmed().isEmpty())
            words << QStringLiteral("%1=%2").arg(QLatin1String(keyword), ServerConnection::quoted(value.trimmed()));
    };
    add("host", m_host->text());
    if (m_port->value() > 0)
        add("port", QString::number(m_port->value()));
    add("dbname", m_database->text());
    add("user", m_user->text());
    if (m_sslMode->currentText() != QLatin1String("prefer"))
        add("sslmode", m_sslMode->currentText());
    if (!m_extraOptions.isEmpty())
        words << m_extraOptions;
    m_connection->setText(words.join(QLatin1Char(' ')));
    showProblem(QString());
    findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->setEnabled(!m_database->text().trimmed().isEmpty());
    m_filling = false;
}

void ServerDialog::showProblem(const QString &problem)
{
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
}

} // namespace quorum
