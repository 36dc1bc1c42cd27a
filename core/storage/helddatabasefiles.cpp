#include "core/storage/helddatabasefiles.h"

#include "core/domain/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>

#include <sys/stat.h>

namespace quorum {

namespace {

const QStringList &companionSuffixes()
{
    static const QStringList suffixes{QString(), QStringLiteral("-wal"), QStringLiteral("-shm"),
                                      QStringLiteral("-journal")};
    return suffixes;
}

/** Absolute, with symbolic links resolved where the file exists. */
QString normalised(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    if (!canonical.isEmpty())
        return canonical;
    // A file that does not exist yet (a target): resolve its folder.
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return folder.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : QDir(folder).filePath(info.fileName());
}

QMutex &mutex()
{
    static QMutex instance;
    return instance;
}

/** Database path (normalised) to the number of connections holding it. */
QHash<QString, int> &held()
{
    static QHash<QString, int> instance;
    return instance;
}

} // namespace

FileIdentity FileIdentity::of(const QString &path)
{
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return {};
    return FileIdentity{status.st_dev, status.st_ino, true};
}

QString HeldDatabaseFiles::add(const QString &databasePath)
{
    const QString key = normalised(databasePath);
    const QMutexLocker lock(&mutex());
    ++held()[key];
    return key;
}

void HeldDatabaseFiles::remove(const QString &key)
{
    const QMutexLocker lock(&mutex());
    const auto found = held().find(key);
    if (found == held().end())
        return;
    if (--found.value() <= 0)
        held().erase(found);
}

bool HeldDatabaseFiles::isHeld(const QString &path)
{
    if (path.isEmpty())
        return false;
    const QString candidate = normalised(path);
    const FileIdentity candidateIdentity = FileIdentity::of(candidate);
    QStringList databases;
    {
        const QMutexLocker lock(&mutex());
        databases = held().keys();
    }
    for (const QString &database : std::as_const(databases)) {
        for (const QString &suffix : companionSuffixes()) {
            const QString companion = database + suffix;
            if (candidate == companion)
                return true;
            if (!candidateIdentity.exists)
                continue;
            const FileIdentity companionIdentity = FileIdentity::of(companion);
            if (companionIdentity.exists && companionIdentity.device == candidateIdentity.device
                && companionIdentity.inode == candidateIdentity.inode)
                return true;
        }
    }
    return false;
}

bool HeldDatabaseFiles::isHeldUnderAnotherName(const QString &path)
{
    if (!isHeld(path))
        return false;
    const QString candidate = normalised(path);
    const QMutexLocker lock(&mutex());
    return !held().contains(candidate);
}

void HeldDatabaseFiles::refuseIfHeld(const QString &path, const QString &purpose)
{
    if (!isHeld(path))
        return;
    throw Error(Error::Kind::InvalidInput,
                QStringLiteral("%1 is the Quorum database that is open now (or one of its working files), so it "
                               "cannot be %2. Choose another file.")
                    .arg(QDir::toNativeSeparators(path), purpose));
}

} // namespace quorum
