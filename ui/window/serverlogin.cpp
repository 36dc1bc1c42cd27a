#include "ui/window/serverlogin.h"

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/storage/serverconnection.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/formdialog.h"
#include "ui/widgets/prompts.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

#include <qt6keychain/keychain.h>

namespace quorum {

namespace {

const QString kKeyringService = QStringLiteral("Quorum");

QString tr(const char *text)
{
    return QCoreApplication::translate("quorum::ServerLogin", text);
}

/** Runs a keyring job to its end, with a local event loop: the keyring answers over D-Bus. */
void runToEnd(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
}

/** The password prompt: the server's name, the reason of a refusal, the password, and whether to remember it. */
class PasswordPrompt : public QDialog {
public:
    PasswordPrompt(QWidget *parent, const ServerConnection &server, const QString &problem)
        : QDialog(parent)
        , m_password(new QLineEdit(this))
        , m_remember(new QCheckBox(tr("&Remember it in the system keyring"), this))
    {
        setWindowTitle(tr("Password"));
        m_password->setObjectName(QStringLiteral("password"));
        m_password->setEchoMode(QLineEdit::Password);
        m_remember->setObjectName(QStringLiteral("rememberPassword"));
        auto *serverLabel = new QLabel(server.displayName(), this);
        serverLabel->setTextFormat(Qt::PlainText);
        auto *form = new QFormLayout;
        form->addRow(tr("Server:"), serverLabel);
        if (!server.value(QStringLiteral("user")).isEmpty()) {
            auto *user = new QLabel(server.value(QStringLiteral("user")), this);
            user->setTextFormat(Qt::PlainText);
            form->addRow(tr("User:"), user);
        }
        form->addRow(tr("&Password:"), m_password);
        form->addRow(QString(), m_remember);
        QLabel *problemText = problemLabel(this);
        problemText->setText(problem);
        problemText->setVisible(!problem.isEmpty());
        form->addRow(problemText);
        layOutFormDialog(*this, form, tr("The server asks for a password. Quorum never writes it into its settings."));
        findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->setText(tr("C&onnect"));
        resize(460, sizeHint().height());
        m_password->setFocus();
    }

    QString password() const { return m_password->text(); }
    bool remember() const { return m_remember->isChecked(); }

private:
    QLineEdit *m_password;
    QCheckBox *m_remember;
};

} // namespace

QString ServerPasswords::read(const QString &server)
{
    QKeychain::ReadPasswordJob job(kKeyringService);
    job.setKey(server);
    runToEnd(job);
    return job.error() == QKeychain::NoError ? job.textData() : QString();
}

QString ServerPasswords::store(const QString &server, const QString &password)
{
    QKeychain::WritePasswordJob job(kKeyringService);
    job.setKey(server);
    job.setTextData(password);
    runToEnd(job);
    return job.error() == QKeychain::NoError ? QString() : job.errorString();
}

void ServerPasswords::forget(const QString &server)
{
    QKeychain::DeletePasswordJob job(kKeyringService);
    job.setKey(server);
    runToEnd(job);
}

std::unique_ptr<Workspace> openWithLogin(const QString &location, bool create, QWidget *parent,
                                         Database::IntegrityCheck integrityCheck)
{
    const Catalogue &catalogue = Catalogue::builtIn();
    const Clock clock = Clock::fromEnvironment();
    if (!ServerConnection::isServer(location))
        return Workspace::open(location, create, catalogue, clock, nullptr, integrityCheck);

    const ServerConnection server = ServerConnection::parse(location);
    try {
        return Workspace::open(server, create, catalogue, clock);
    } catch (const PasswordRequired &) {
        // Neither the connection, PGPASSWORD nor ~/.pgpass had one: the keyring, then the person.
    }
    const QString key = server.displayName();
    QString problem;
    const QString remembered = ServerPasswords::read(key);
    if (!remembered.isEmpty()) {
        try {
            return Workspace::open(server.withPassword(remembered), create, catalogue, clock);
        } catch (const Error &error) {
            if (error.kind() != Error::Kind::CannotOpen)
                throw;
            problem = tr("The password remembered for this server was not accepted: %1").arg(error.message());
        }
    }
    for (;;) {
        PasswordPrompt prompt(parent, server, problem);
        if (prompt.exec() != QDialog::Accepted)
            return nullptr;
        try {
            auto workspace = Workspace::open(server.withPassword(prompt.password()), create, catalogue, clock);
            if (!prompt.remember() && !remembered.isEmpty())
                ServerPasswords::forget(key); // the one kept was refused: never offered again
            if (prompt.remember()) {
                const QString why = ServerPasswords::store(key, prompt.password());
                if (!why.isEmpty())
                    warnInPlainText(parent, tr("Password not remembered"),
                                    tr("The system keyring did not keep the password (%1); Quorum will ask for it "
                                       "next time.")
                                        .arg(why));
            }
            return workspace;
        } catch (const Error &error) {
            // A refused password (or a server gone meanwhile) asks again with the reason; anything else is
            // not the password's fault.
            if (error.kind() != Error::Kind::CannotOpen)
                throw;
            problem = error.message();
        }
    }
}

} // namespace quorum
