#include "ui/widgets/savedfilenotice.h"

#include "core/domain/plaintext.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QUrl>

namespace quorum {

DesktopOpener::DesktopOpener()
    : m_openUrl([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
}

DesktopOpener::DesktopOpener(OpenUrl openUrl)
    : m_openUrl(std::move(openUrl))
{
}

bool DesktopOpener::openUrl(const QUrl &url) const
{
    return m_openUrl(url);
}

bool DesktopOpener::openFile(const QString &path) const
{
    return m_openUrl(QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()));
}

bool DesktopOpener::showInFolder(const QString &path) const
{
    // Portable: every desktop opens a folder URL in its file manager (selecting the file would need one
    // command per file manager).
    return m_openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
}

void showSavedFileNotice(QWidget *parent, const QString &title, const QString &text, const QString &path,
                         const DesktopOpener &opener)
{
    QMessageBox box(QMessageBox::Information, title, text, QMessageBox::Close, parent);
    box.setTextFormat(Qt::PlainText); // the path and names as they are, never markup
    QPushButton *open = box.addButton(QMessageBox::tr("&Open"), QMessageBox::ActionRole);
    QPushButton *folder = box.addButton(QMessageBox::tr("Show in &Folder"), QMessageBox::ActionRole);
    box.setDefaultButton(QMessageBox::Close);
    box.exec();
    bool opened = true;
    if (box.clickedButton() == open)
        opened = opener.openFile(path);
    else if (box.clickedButton() == folder)
        opened = opener.showInFolder(path);
    if (!opened)
        QMessageBox::warning(parent, title,
                             plainForRichText(QMessageBox::tr("No program could be started to open %1. Open it from "
                                                              "your file manager.")
                                                  .arg(QDir::toNativeSeparators(path))));
}

} // namespace quorum
