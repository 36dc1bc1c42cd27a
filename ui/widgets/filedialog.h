#pragma once

#include <QAbstractFileIconProvider>
#include <QFileDialog>

namespace quorum {

/**
 * Icons and type names from a file's name alone. Qt's own icon provider sniffs the content of every file
 * it lists to find its MIME type: in the folder of the open database that opens and closes the database
 * and its -wal and -shm files, which releases SQLite's locks on them (see core's HeldDatabaseFiles).
 * This provider opens nothing.
 */
class NameOnlyIconProvider : public QAbstractFileIconProvider {
public:
    QIcon icon(IconType type) const override;
    QIcon icon(const QFileInfo &info) const override;
    QString type(const QFileInfo &info) const override;
};

/**
 * Every file dialog of Quorum. It is Qt's own dialog, never the platform's (whose code runs in this
 * process and may read the files it shows), with a NameOnlyIconProvider, so browsing the database's
 * folder never opens the database by other means than SQLite. The static functions mirror QFileDialog's;
 * QFileDialog's own static functions are not used anywhere in Quorum (a test checks that).
 */
class FileDialog : public QFileDialog {
    Q_OBJECT

public:
    FileDialog(QWidget *parent, const QString &caption, const QString &directory = {}, const QString &filter = {});

    static QString getOpenFileName(QWidget *parent, const QString &caption, const QString &directory = {},
                                   const QString &filter = {});
    static QStringList getOpenFileNames(QWidget *parent, const QString &caption, const QString &directory = {},
                                        const QString &filter = {});
    /** Asks before replacing an existing file unless @p options holds DontConfirmOverwrite. */
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &directory = {},
                                   const QString &filter = {}, Options options = {});
    static QString getExistingDirectory(QWidget *parent, const QString &caption, const QString &directory = {});

private:
    static QStringList run(FileDialog &dialog);
};

} // namespace quorum
