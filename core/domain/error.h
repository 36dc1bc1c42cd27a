#pragma once

#include <QByteArray>
#include <QString>

#include <exception>

namespace quorum {

/**
 * An error that a person can act on. Every failure that leaves `core` is one of these: the kind lets a
 * front end choose an exit code or a dialog, and the message says in one sentence what went wrong and
 * what to do about it. Core never shows errors itself; the CLI prints them, the GUI shows a dialog.
 */
class Error : public std::exception {
public:
    enum class Kind {
        InvalidInput, ///< the caller's input is wrong (bad rating word, unknown person, ...)
        NotFound,     ///< a named thing does not exist
        Conflict,     ///< the change contradicts existing data (duplicate name, signed review, ...)
        CannotOpen,   ///< the database file cannot be opened at all (missing, permissions)
        NotQuorum,    ///< the file is not SQLite, or SQLite but not a Quorum database
        TooNew,       ///< the database was written by a newer Quorum
        Corrupt,      ///< the database or a stored file fails its integrity check
        ReadOnly,     ///< the file or its folder cannot be written
        Busy,         ///< another program holds a lock on the database
        Full,         ///< the disk or the database's size limit is full
        Storage,      ///< any other database failure
        /**
         * The connection to the database server was lost: the change was not made, or (CommitInterrupted)
         * whether it was is told once the server answers again. Nothing is kept to be retried later.
         */
        Disconnected,
        /**
         * The database server refused this for the signed-in account's roles (SQLSTATE 42501, issue 16):
         * nothing was changed, and the same account will be refused again. CLI exit code 4.
         */
        NotPermitted,
    };

    Error(Kind kind, QString message);

    Kind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_utf8.constData(); }

    /** True for the kinds that mean "the database cannot be opened" (CLI exit code 3). */
    bool isOpenFailure() const;

private:
    Kind m_kind;
    QString m_message;
    QByteArray m_utf8;
};

} // namespace quorum
