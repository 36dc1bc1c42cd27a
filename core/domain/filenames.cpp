#include "core/domain/filenames.h"

#include "core/domain/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace quorum {

namespace {

constexpr int kMaxExtensionChars = 16;
constexpr int kMaxCopies = 9999;

bool isReservedCharacter(QChar c)
{
    return c == u'<' || c == u'>' || c == u':' || c == u'"' || c == u'/' || c == u'\\' || c == u'|' || c == u'?'
           || c == u'*';
}

/** CON, PRN, AUX, NUL, COM1-9, LPT1-9: device names on Windows, whatever the extension. */
bool isWindowsDeviceName(const QString &name)
{
    const QString stem = name.section(QLatin1Char('.'), 0, 0).trimmed().toUpper();
    static const QStringList devices{QStringLiteral("CON"), QStringLiteral("PRN"),    QStringLiteral("AUX"),
                                     QStringLiteral("NUL"), QStringLiteral("CONIN$"), QStringLiteral("CONOUT$")};
    if (devices.contains(stem))
        return true;
    return stem.size() == 4 && (stem.startsWith(QStringLiteral("COM")) || stem.startsWith(QStringLiteral("LPT")))
           && stem.at(3) >= u'0' && stem.at(3) <= u'9';
}

void trimDotsAndSpaces(QString &text, bool leading)
{
    auto strip = [](QChar c) { return c == u'.' || c.isSpace(); };
    while (!text.isEmpty() && strip(text.back()))
        text.chop(1);
    if (leading) {
        qsizetype start = 0;
        while (start < text.size() && strip(text.at(start)))
            ++start;
        text.remove(0, start);
    }
}

/** @p text cut to at most @p maxBytes of UTF-8, never inside a surrogate pair. */
QString truncatedUtf8(const QString &text, int maxBytes)
{
    QString result;
    int bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        const QString piece = pair ? text.mid(i, 2) : QString(text.at(i));
        const int size = int(piece.toUtf8().size());
        if (bytes + size > maxBytes)
            break;
        result += piece;
        bytes += size;
        if (pair)
            ++i;
    }
    return result;
}

/** Splits "report.final.pdf" into "report.final" and ".pdf"; a long or missing extension stays in the stem.
 */
std::pair<QString, QString> splitExtension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || name.size() - dot > kMaxExtensionChars + 1)
        return {name, QString()};
    return {name.left(dot), name.mid(dot)};
}

/** A folder's canonical path; throws when it is not an existing folder. */
QString canonicalFolder(const QString &folder)
{
    const QFileInfo info(folder);
    const QString canonical = info.canonicalFilePath();
    if (canonical.isEmpty() || !info.isDir())
        throw Error(Error::Kind::NotFound, QStringLiteral("The folder %1 does not exist; choose another folder.")
                                               .arg(QDir::toNativeSeparators(folder)));
    return canonical;
}

bool isTaken(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink(); // a dangling link would otherwise be followed on write
}

} // namespace

QString sanitizedFileName(const QString &name)
{
    // Only the last component: "../../etc/passwd" and "C:\Windows\x.txt" keep nothing of their folders.
    QString base = name;
    const qsizetype slash = std::max(base.lastIndexOf(QLatin1Char('/')), base.lastIndexOf(QLatin1Char('\\')));
    if (slash >= 0)
        base = base.mid(slash + 1);

    QString cleaned;
    cleaned.reserve(base.size());
    for (qsizetype i = 0; i < base.size(); ++i) {
        const QChar c = base.at(i);
        if (c.isHighSurrogate() && i + 1 < base.size() && base.at(i + 1).isLowSurrogate()) {
            cleaned += c;
            cleaned += base.at(++i);
            continue;
        }
        const QChar::Category category = c.category();
        // Control characters (NUL, newlines, escape sequences), invisible formatting (right-to-left
        // overrides that disguise an extension), lone surrogates and non-characters are dropped.
        if (category == QChar::Other_Control || category == QChar::Other_Format || c.isSurrogate()
            || c.isNonCharacter())
            continue;
        cleaned += isReservedCharacter(c) ? QChar(u'_') : c;
    }
    trimDotsAndSpaces(cleaned, true);

    auto [stem, extension] = splitExtension(cleaned);
    const int extensionBytes = int(extension.toUtf8().size());
    if (int(stem.toUtf8().size()) + extensionBytes > kMaxFileNameBytes) {
        stem = truncatedUtf8(stem, kMaxFileNameBytes - extensionBytes);
        trimDotsAndSpaces(stem, false);
    }
    if (stem.isEmpty())
        stem = QStringLiteral("evidence");
    QString result = stem + extension;
    trimDotsAndSpaces(result, false);
    if (isWindowsDeviceName(result))
        result.prepend(QLatin1Char('_'));
    return result;
}

QString safeTargetPath(const QString &folder, const QString &name)
{
    const QString root = canonicalFolder(folder);
    const QString clean = sanitizedFileName(name);
    const auto [stem, extension] = splitExtension(clean);
    for (int copy = 1; copy <= kMaxCopies; ++copy) {
        const QString candidateName =
            copy == 1 ? clean : QStringLiteral("%1 (%2)%3").arg(stem).arg(copy).arg(extension);
        const QString candidate = QDir(root).filePath(candidateName);
        // The name has no separators, so this only fails for a hostile folder; check all the same.
        if (QFileInfo(candidate).absolutePath() != root || QFileInfo(candidate).fileName() != candidateName)
            throw Error(
                Error::Kind::InvalidInput,
                QStringLiteral("\"%1\" cannot be saved safely in %2.").arg(name, QDir::toNativeSeparators(root)));
        if (!isTaken(candidate))
            return candidate;
    }
    throw Error(Error::Kind::Conflict, QStringLiteral("%1 already holds %2 files called %3; choose another folder.")
                                           .arg(QDir::toNativeSeparators(root))
                                           .arg(kMaxCopies)
                                           .arg(clean));
}

QString writeNewFileIn(const QString &folder, const QString &name, const QByteArray &content)
{
    // Another program may create the chosen name between the check and the write: NewOnly refuses then,
    // and the next free name is tried.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const QString path = safeTargetPath(folder, name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            if (isTaken(path))
                continue;
            throw Error(Error::Kind::ReadOnly,
                        QStringLiteral("Cannot create %1 (%2); choose a folder you can write to.")
                            .arg(QDir::toNativeSeparators(path), file.errorString()));
        }
        if (file.write(content) != content.size() || !file.flush()) {
            const QString reason = file.errorString();
            file.close();
            file.remove();
            throw Error(Error::Kind::Full, QStringLiteral("Writing %1 failed (%2); nothing was saved. Free some space "
                                                          "and try again.")
                                               .arg(QDir::toNativeSeparators(path), reason));
        }
        file.close();
        return path;
    }
    throw Error(
        Error::Kind::Conflict,
        QStringLiteral("Files keep appearing in %1 while saving; try again.").arg(QDir::toNativeSeparators(folder)));
}

QString writePrivateTempCopy(const QByteArray &content, const QString &fileName)
{
    return writePrivateTempCopy(
        [&content](QIODevice &file) {
            if (file.write(content) != content.size())
                throw Error(
                    Error::Kind::Full,
                    QStringLiteral("Writing failed (%1); free some space and try again.").arg(file.errorString()));
        },
        fileName);
}

QString writePrivateTempCopy(const std::function<void(QIODevice &)> &writeContent, const QString &fileName)
{
    // QTemporaryDir makes the folder with mkdtemp: a new, unpredictable name, mode 0700.
    QTemporaryDir folder(QDir(QDir::tempPath()).filePath(QStringLiteral("quorum-open-XXXXXX")));
    if (!folder.isValid())
        throw Error(Error::Kind::ReadOnly, QStringLiteral("Cannot create a private temporary folder (%1); check the "
                                                          "space and permissions of %2.")
                                               .arg(folder.errorString(), QDir::toNativeSeparators(QDir::tempPath())));
    QFile::setPermissions(folder.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString path = QDir(folder.path()).filePath(sanitizedFileName(fileName));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        throw Error(Error::Kind::ReadOnly,
                    QStringLiteral("Cannot create %1 (%2).").arg(QDir::toNativeSeparators(path), file.errorString()));
    writeContent(file); // on a throw, QTemporaryDir removes the folder with what was written
    if (!file.flush())
        throw Error(Error::Kind::Full, QStringLiteral("Writing %1 failed (%2); free some space and try again.")
                                           .arg(QDir::toNativeSeparators(path), file.errorString()));
    file.close();
    // The desktop hands the file to another program, which may open it after we return: keep it.
    folder.setAutoRemove(false);
    return path;
}

int removePrivateTempCopies(const QDateTime &olderThan)
{
    const QDir temp(QDir::tempPath());
    int removed = 0;
    const QFileInfoList folders =
        temp.entryInfoList({QStringLiteral("quorum-open-*")}, QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QFileInfo &info : folders) {
        if (info.isSymLink() || !info.isDir())
            continue;
#ifdef Q_OS_UNIX
        if (info.ownerId() != ::getuid())
            continue;
#endif
        if (info.lastModified() >= olderThan)
            continue;
        if (QDir(info.absoluteFilePath()).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace quorum
