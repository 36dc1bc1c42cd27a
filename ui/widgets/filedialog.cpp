#include "ui/widgets/filedialog.h"

#include <QApplication>
#include <QCoreApplication>
#include <QMimeDatabase>
#include <QStyle>

namespace quorum {

QIcon NameOnlyIconProvider::icon(IconType type) const
{
    QStyle *style = QApplication::style();
    switch (type) {
    case Computer:
        return style->standardIcon(QStyle::SP_ComputerIcon);
    case Desktop:
        return style->standardIcon(QStyle::SP_DesktopIcon);
    case Trashcan:
        return style->standardIcon(QStyle::SP_TrashIcon);
    case Network:
        return style->standardIcon(QStyle::SP_DriveNetIcon);
    case Drive:
        return style->standardIcon(QStyle::SP_DriveHDIcon);
    case Folder:
        return style->standardIcon(QStyle::SP_DirIcon);
    case File:
        break;
    }
    return style->standardIcon(QStyle::SP_FileIcon);
}

QIcon NameOnlyIconProvider::icon(const QFileInfo &info) const
{
    if (info.isRoot())
        return icon(Drive);
    if (info.isDir())
        return icon(Folder);
    return icon(File);
}

QString NameOnlyIconProvider::type(const QFileInfo &info) const
{
    if (info.isRoot())
        return QApplication::translate("quorum::FileDialog", "Drive");
    if (info.isDir())
        return QApplication::translate("quorum::FileDialog", "Folder");
    // The name only: MatchDefault would read the file when its extension says nothing.
    const QMimeType mime = QMimeDatabase().mimeTypeForFile(info.fileName(), QMimeDatabase::MatchExtension);
    return mime.isDefault() ? QApplication::translate("quorum::FileDialog", "File") : mime.comment();
}

namespace {

/**
 * One provider for every dialog, for the life of the program: a dialog's model and its file information
 * thread keep a pointer to it until they are gone, and with none at all Qt sniffs content again.
 */
NameOnlyIconProvider &nameOnlyIconProvider()
{
    static NameOnlyIconProvider provider;
    return provider;
}

/**
 * Turns native dialogs off for the whole program before QFileDialog's constructor runs: that constructor
 * decides, before any option of ours can be set, whether to build a platform dialog (GTK's or KDE's, in
 * this process), which lists the starting folder and reads the type of every file in it.
 */
QWidget *withNativeDialogsOff(QWidget *parent)
{
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    return parent;
}

} // namespace

FileDialog::FileDialog(QWidget *parent, const QString &caption, const QString &directory, const QString &filter)
    : QFileDialog(withNativeDialogsOff(parent), caption, directory, filter)
{
    // Set before the event loop runs again: the model asks the provider for each file's icon and type only
    // when it handles the listing its thread has sent, which is queued until then.
    setOption(DontUseNativeDialog);
    setIconProvider(&nameOnlyIconProvider());
}

QStringList FileDialog::run(FileDialog &dialog)
{
    if (dialog.exec() != QDialog::Accepted)
        return {};
    return dialog.selectedFiles();
}

QString FileDialog::getOpenFileName(QWidget *parent, const QString &caption, const QString &directory,
                                    const QString &filter)
{
    FileDialog dialog(parent, caption, directory, filter);
    dialog.setFileMode(ExistingFile);
    dialog.setAcceptMode(AcceptOpen);
    return run(dialog).value(0);
}

QStringList FileDialog::getOpenFileNames(QWidget *parent, const QString &caption, const QString &directory,
                                         const QString &filter)
{
    FileDialog dialog(parent, caption, directory, filter);
    dialog.setFileMode(ExistingFiles);
    dialog.setAcceptMode(AcceptOpen);
    return run(dialog);
}

QString FileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &directory,
                                    const QString &filter, Options options)
{
    FileDialog dialog(parent, caption, QString(), filter);
    dialog.setFileMode(AnyFile);
    dialog.setAcceptMode(AcceptSave);
    dialog.setOptions(dialog.options() | options);
    // As QFileDialog::getSaveFileName: a path names the folder and the suggested file name.
    const QFileInfo suggested(directory);
    if (!directory.isEmpty() && !suggested.isDir()) {
        dialog.setDirectory(suggested.absolutePath());
        dialog.selectFile(suggested.fileName());
    } else if (!directory.isEmpty()) {
        dialog.setDirectory(directory);
    }
    return run(dialog).value(0);
}

QString FileDialog::getExistingDirectory(QWidget *parent, const QString &caption, const QString &directory)
{
    FileDialog dialog(parent, caption, directory);
    dialog.setFileMode(Directory);
    dialog.setOption(ShowDirsOnly);
    return run(dialog).value(0);
}

} // namespace quorum
