#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>

class QIODevice;

namespace quorum {

/** Longest file name Quorum writes, in UTF-8 bytes (below the 255 of common file systems, with room for "
 * (n)"). */
constexpr int kMaxFileNameBytes = 200;

/**
 * A file name that is safe to create on Linux, Windows and macOS, from a name that came from a stored
 * record or another person's machine. Keeps only the part after the last / or \, removes control and
 * invisible formatting characters (such as right-to-left overrides that disguise an extension), replaces
 * < > : " / \ | ? * with _, drops leading dots and spaces (no hidden files, no "." or "..") and trailing
 * dots and spaces, prefixes Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an
 * extension) with _, shortens the name to kMaxFileNameBytes keeping its extension, and returns "evidence"
 * when nothing is left.
 */
QString sanitizedFileName(const QString &name);

/**
 * A path for a new file called (a sanitised) @p name inside @p folder that is guaranteed to be inside
 * the folder (checked against the folder's canonical path) and not to exist yet, not even as a dangling
 * symbolic link: "report.pdf" becomes "report (2).pdf", "report (3).pdf" and so on. Throws Error when the
 * folder does not exist or no free name is found. Create the file with QIODevice::NewOnly (or use
 * writeNewFileIn) so that a file appearing meanwhile is never overwritten.
 */
QString safeTargetPath(const QString &folder, const QString &name);

/**
 * Writes @p content to a new file called (a sanitised) @p name inside @p folder, never overwriting
 * anything (the name gets " (2)" and so on when taken). Returns the path written. Throws Error and leaves
 * no partial file when writing fails.
 */
QString writeNewFileIn(const QString &folder, const QString &name, const QByteArray &content);

/**
 * Writes a copy of evidence for "Open": a new folder only the user can enter (0700) in the system's
 * temporary folder, named "quorum-open-XXXXXX", holding one file only the user can read and write
 * (0600) with the sanitised @p fileName, so the desktop can hand it to the default application. Returns
 * the file's path. Throws Error.
 */
QString writePrivateTempCopy(const QByteArray &content, const QString &fileName);
/**
 * The same, with the content written by @p writeContent (Store::writeEvidenceContent, a chunk at a time). When it
 * throws, nothing is left behind and the Error goes on to the caller.
 */
QString writePrivateTempCopy(const std::function<void(QIODevice &)> &writeContent, const QString &fileName);

/**
 * Removes the folders writePrivateTempCopy made that were last changed before @p olderThan and belong
 * to the current user (the desktop calls this at start-up, so opened copies do not pile up). Returns how
 * many folders were removed; never follows symbolic links.
 */
int removePrivateTempCopies(const QDateTime &olderThan);

} // namespace quorum
