#pragma once

#include "core/storage/database.h"

#include <QString>

#include <memory>

class QWidget;

namespace quorum {

class Clock;
class Workspace;

/**
 * Opens a record for the desktop app, asking for what only a person can give: when a server asks for a
 * password that neither the connection, PGPASSWORD nor ~/.pgpass supplied, it first tries the password
 * remembered in the system keyring (QtKeychain, for this server and user), then asks, offering to remember
 * it there. A refused password asks again, with the server's reason. Files open as Workspace::open opens
 * them. Returns null when the person cancels; throws Error for anything else.
 */
std::unique_ptr<Workspace> openWithLogin(const QString &location, bool create, QWidget *parent,
                                         Database::IntegrityCheck integrityCheck);

/**
 * The system keyring's passwords for servers, by display name (postgresql://user@host/db). Each call waits
 * for the keyring; where there is none (no Secret Service or KWallet on the session bus), reading finds
 * nothing and storing returns the keyring's reason.
 */
class ServerPasswords {
public:
    static QString read(const QString &server);
    /** Returns an empty string when stored, else why not. */
    static QString store(const QString &server, const QString &password);
    static void forget(const QString &server);
};

} // namespace quorum
