#pragma once

#include <QString>

#include <functional>

class QUrl;
class QWidget;

namespace quorum {

/**
 * Opens a file, or the folder holding it, with the desktop's programs. By default through
 * QDesktopServices::openUrl; tests give a function of their own that records what was asked and launches
 * nothing.
 */
class DesktopOpener {
public:
    using OpenUrl = std::function<bool(const QUrl &)>;

    DesktopOpener();
    explicit DesktopOpener(OpenUrl openUrl);

    /** Opens @p url (a web address, or a local file) with the desktop's program for it. */
    bool openUrl(const QUrl &url) const;
    /** Opens @p path with the program the desktop uses for it; false when none could be started. */
    bool openFile(const QString &path) const;
    /** Opens the folder that holds @p path in the file manager. */
    bool showInFolder(const QString &path) const;

private:
    OpenUrl m_openUrl;
};

/**
 * Says that @p path was saved, once its bytes are written and the file closed: @p text (plain text, such
 * as "Saved as ..."), with buttons to open the file, show it in its folder, or close the message.
 * Returns when the person has chosen.
 */
void showSavedFileNotice(QWidget *parent, const QString &title, const QString &text, const QString &path,
                         const DesktopOpener &opener);

} // namespace quorum
