#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/storage/database.h"
#include "core/storage/serverconnection.h"
#include "core/storage/sql.h"
#include "postgresserver.h"
#include "testsupport.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>

using namespace quorum;
using namespace quorum::test;

// TLS to a server (issue 16): sslmode=verify-full with the server's CA in sslrootcert, as docs/server.md
// recommends. Each test makes throwaway certificate authorities and server certificates with openssl, and
// starts a cluster of its own that listens on 127.0.0.1 for TLS only (TestPostgresCluster::withTls). Quorum
// connects to it as it connects to any server: Database::openServer with a libpq connection string.

namespace {

/** Throwaway certificate authorities and the server certificates they sign, in a folder deleted afterwards. */
class Certificates {
public:
    Certificates()
    {
        if (QStandardPaths::findExecutable(u"openssl"_qs).isEmpty())
            throw std::runtime_error("openssl is not installed (./setup.sh test installs it)");
        if (!m_folder.isValid())
            throw std::runtime_error("cannot make a temporary folder for the certificates");
    }

    /** The file @p name in the folder. */
    QString path(const QString &name) const { return m_folder.filePath(name); }

    /** A self-signed certificate authority called @p commonName: NAME.pem, and its key NAME.key. */
    void makeAuthority(const QString &name, const QString &commonName)
    {
        openssl({u"req"_qs,         u"-x509"_qs,
                 u"-config"_qs,     u"/dev/null"_qs,
                 u"-subj"_qs,       u"/CN="_qs + commonName,
                 u"-addext"_qs,     u"basicConstraints=critical,CA:TRUE"_qs,
                 u"-addext"_qs,     u"keyUsage=critical,keyCertSign,cRLSign"_qs,
                 u"-newkey"_qs,     u"ec"_qs,
                 u"-pkeyopt"_qs,    u"ec_paramgen_curve:prime256v1"_qs,
                 u"-nodes"_qs,      u"-days"_qs,
                 u"2"_qs,           u"-keyout"_qs,
                 name + u".key"_qs, u"-out"_qs,
                 name + u".pem"_qs});
    }

    /**
     * A server certificate for the host name @p hostName (its only subjectAltName: no IP address), signed by
     * the authority @p authority: NAME.crt, and its key NAME.key.
     */
    void makeServerCertificate(const QString &name, const QString &hostName, const QString &authority)
    {
        openssl({u"req"_qs, u"-new"_qs, u"-config"_qs, u"/dev/null"_qs, u"-subj"_qs, u"/CN="_qs + hostName,
                 u"-newkey"_qs, u"ec"_qs, u"-pkeyopt"_qs, u"ec_paramgen_curve:prime256v1"_qs, u"-nodes"_qs,
                 u"-keyout"_qs, name + u".key"_qs, u"-out"_qs, name + u".csr"_qs});
        QFile extensions(path(name + u".ext"_qs));
        if (!extensions.open(QIODevice::WriteOnly))
            throw std::runtime_error("cannot write the certificate's extensions");
        extensions.write(u"basicConstraints = CA:FALSE\n"
                         "keyUsage = critical, digitalSignature\n"
                         "extendedKeyUsage = serverAuth\n"
                         "subjectAltName = DNS:%1\n"_qs.arg(hostName)
                             .toUtf8());
        extensions.close();
        openssl({u"x509"_qs, u"-req"_qs, u"-in"_qs, name + u".csr"_qs, u"-CA"_qs, authority + u".pem"_qs, u"-CAkey"_qs,
                 authority + u".key"_qs, u"-set_serial"_qs, QString::number(++m_serial), u"-days"_qs, u"2"_qs,
                 u"-extfile"_qs, name + u".ext"_qs, u"-out"_qs, name + u".crt"_qs});
    }

private:
    void openssl(const QStringList &arguments) const
    {
        QProcess process;
        process.setWorkingDirectory(m_folder.path());
        process.start(u"openssl"_qs, arguments);
        if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            throw std::runtime_error("openssl " + arguments.join(u' ').toStdString()
                                     + " failed: " + process.readAllStandardError().toStdString());
    }

    QTemporaryDir m_folder;
    int m_serial = 1;
};

/**
 * A CA that signs a certificate for "localhost" and one for "db.example.org", and another CA that signs
 * nothing the servers present.
 */
class ServerTls : public ::testing::Test {
protected:
    void SetUp() override
    {
        certificates.makeAuthority(u"ca"_qs, u"Quorum test CA"_qs);
        certificates.makeAuthority(u"other-ca"_qs, u"Another test CA"_qs);
        certificates.makeServerCertificate(u"localhost"_qs, u"localhost"_qs, u"ca"_qs);
        certificates.makeServerCertificate(u"elsewhere"_qs, u"db.example.org"_qs, u"ca"_qs);
    }

    /** A TLS cluster presenting the certificate NAME.crt, with the empty database "record" on it. */
    std::unique_ptr<TestPostgresCluster> serverWith(const QString &name) const
    {
        auto cluster =
            TestPostgresCluster::withTls(certificates.path(name + u".crt"_qs), certificates.path(name + u".key"_qs));
        cluster->createDatabase(u"record"_qs);
        return cluster;
    }

    /** The connection to "record" on @p cluster by the name "localhost", over TCP, checked as @p sslmode says. */
    QString connectionTo(const TestPostgresCluster &cluster, const QString &rootCertificate,
                         const QString &sslmode = u"verify-full"_qs) const
    {
        return u"host=localhost port=%1 user=quorum dbname=record sslmode=%2 sslrootcert=%3"_qs.arg(
            QString::number(cluster.server().port), sslmode,
            ServerConnection::quoted(certificates.path(rootCertificate)));
    }

    /** The error that opening a record at @p connection throws; none when it opens. */
    static std::optional<Error> refusalOf(const QString &connection)
    {
        try {
            const auto database = Database::openServer(ServerConnection::parse(connection), Database::Mode::CreateNew,
                                                       Catalogue::builtIn());
        } catch (const Error &error) {
            return error;
        }
        return std::nullopt;
    }

    /** Whether the session of @p database is encrypted, as the server sees it. */
    static bool sessionIsTls(const Database &database)
    {
        return SqlQuery(database.connection(), u"SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"_qs)
            .scalar()
            .toBool();
    }

    Certificates certificates;
};

} // namespace

TEST_F(ServerTls, VerifyFullWithTheCaThatSignedTheServersCertificateConnectsOverTls)
{
    const auto cluster = serverWith(u"localhost"_qs);
    const QString connection = connectionTo(*cluster, u"ca.pem"_qs);

    {
        const auto database =
            Database::openServer(ServerConnection::parse(connection), Database::Mode::CreateNew, Catalogue::builtIn());
        EXPECT_TRUE(sessionIsTls(*database));
        EXPECT_EQ(database->serverConnection().value(u"sslmode"_qs), u"verify-full"_qs);
    }
    // The record made over TLS opens again the same way.
    const auto database =
        Database::openServer(ServerConnection::parse(connection), Database::Mode::OpenExisting, Catalogue::builtIn());
    EXPECT_TRUE(sessionIsTls(*database));
}

TEST_F(ServerTls, VerifyFullRefusesACertificateForAnotherHostName)
{
    const auto cluster = serverWith(u"elsewhere"_qs);
    // A password given in the connection must not appear in the message (the server trusts: it is never sent).
    const QString secret = u"tls-secret-81"_qs;

    const std::optional<Error> refusal = refusalOf(connectionTo(*cluster, u"ca.pem"_qs) + u" password="_qs + secret);
    ASSERT_TRUE(refusal.has_value()) << "verify-full connected to a server whose certificate names another host";
    EXPECT_EQ(refusal->kind(), Error::Kind::CannotOpen);
    // libpq's words, after Quorum's: which server, and which names differ.
    EXPECT_TRUE(refusal->message().startsWith(u"Cannot connect to postgresql://quorum@localhost:"_qs))
        << refusal->message().toStdString();
    EXPECT_TRUE(refusal->message().contains(u"server certificate for \"db.example.org\" does not match host name "
                                            "\"localhost\""_qs))
        << refusal->message().toStdString();
    EXPECT_FALSE(refusal->message().contains(secret)) << refusal->message().toStdString();

    // The certificate itself is good (the right CA signed it): verify-ca, which checks only that, connects.
    // What verify-full refused is the host name.
    const auto database =
        Database::openServer(ServerConnection::parse(connectionTo(*cluster, u"ca.pem"_qs, u"verify-ca"_qs)),
                             Database::Mode::CreateNew, Catalogue::builtIn());
    EXPECT_TRUE(sessionIsTls(*database));
}

TEST_F(ServerTls, VerifyFullRefusesACertificateThatTheRootCertificateDidNotSign)
{
    const auto cluster = serverWith(u"localhost"_qs);

    const std::optional<Error> refusal = refusalOf(connectionTo(*cluster, u"other-ca.pem"_qs));
    ASSERT_TRUE(refusal.has_value()) << "verify-full connected to a server whose certificate another CA signed";
    EXPECT_EQ(refusal->kind(), Error::Kind::CannotOpen);
    EXPECT_TRUE(refusal->message().startsWith(u"Cannot connect to postgresql://quorum@localhost:"_qs))
        << refusal->message().toStdString();
    EXPECT_TRUE(refusal->message().contains(u"certificate verify failed"_qs)) << refusal->message().toStdString();
}
