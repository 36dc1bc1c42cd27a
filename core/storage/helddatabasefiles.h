#pragma once

#include <QString>

#include <sys/types.h>

namespace quorum {

/** A file's device and inode, found with stat() (which, unlike open(), takes and releases no lock). */
struct FileIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    bool exists = false;

    static FileIdentity of(const QString &path);
    bool operator==(const FileIdentity &other) const = default;
};

/**
 * The database files that this process holds open through SQLite, and the guard that keeps every other
 * piece of code in the process from opening them by other means. POSIX record locks belong to the
 * process, and closing any descriptor of a file releases every lock the process holds on it: a file
 * dialog that sniffs the database's content, or an evidence file chosen as the database itself, would
 * silently drop the locks of the open connection, and the next program to open and close the file would
 * believe it was the last user and delete the -wal and -shm files under it (committed changes lost). So
 * the set is kept per process, by nature: Database registers the files it opens, and code that reads or
 * writes a path a person chose calls refuseIfHeld() first. The check compares device and inode (found
 * with stat(), which opens nothing) as well as the names, so a hard link or another spelling of the path
 * is caught too. Thread-safe.
 */
class HeldDatabaseFiles {
public:
    HeldDatabaseFiles() = delete;

    /**
     * Records that a connection holds @p databasePath (and so its -wal, -shm and -journal files); returns
     * the key to give remove(), taken now, so that a file renamed or deleted meanwhile is still released.
     */
    static QString add(const QString &databasePath);
    /** Undoes one add() that returned @p key. */
    static void remove(const QString &key);

    /** True when @p path is a database this process holds, or one of its -wal, -shm or -journal files. */
    static bool isHeld(const QString &path);

    /**
     * True when @p path is held (isHeld()) but is not, by its own name, a database this process opened: a
     * -wal, -shm or -journal file, or another name (a hard link) for a held database. Opening such a path
     * as a database would make a second connection with working files of its own, or read a working file
     * as a database, so Database::open refuses it.
     */
    static bool isHeldUnderAnotherName(const QString &path);

    /**
     * Throws Error (InvalidInput) when isHeld(@p path): @p purpose says what the person was doing, as in
     * "used as evidence", and the message tells them to choose another file.
     */
    static void refuseIfHeld(const QString &path, const QString &purpose);
};

} // namespace quorum
