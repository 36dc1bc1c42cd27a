#pragma once

#include "ui/widgets/savedfilenotice.h"

#include <QObject>
#include <QStringList>

class QMimeData;
class QWidget;

namespace quorum {

class Workspace;

/**
 * What a person can do with evidence, shared by the action editor and the evidence register: add files
 * (from a dialog or dropped), add a link, open a stored file, save a copy, replace a file with a new
 * revision, edit the details, remove. Every change goes through the Workspace (undoable, audited);
 * every failure is shown as a message and changes nothing.
 */
class EvidenceActions : public QObject {
    Q_OBJECT

public:
    EvidenceActions(Workspace *workspace, QWidget *dialogParent);

    /** Asks for the details and stores each file; returns how many were stored. */
    int addFiles(const QStringList &paths, const QStringList &actionIds);
    /** Opens a file dialog first. */
    int chooseAndAddFiles(const QStringList &actionIds);
    bool addLink(const QStringList &actionIds);
    void open(qint64 evidenceId);
    /** Asks for a folder, then saveCopyTo(). */
    void saveCopy(qint64 evidenceId);
    /**
     * Writes the stored file into @p folder (never over an existing file), closes it, and only then says
     * where it is, offering to open it or show it in its folder. False when nothing was saved.
     */
    bool saveCopyTo(qint64 evidenceId, const QString &folder);
    /** What opens files, links and folders (the desktop's programs unless a test gives its own). */
    void setDesktopOpener(DesktopOpener opener) { m_opener = std::move(opener); }
    void replaceFile(qint64 evidenceId);
    void edit(qint64 evidenceId);
    void remove(qint64 evidenceId);

    /** The local files in dropped data (folders and remote URLs are left out). */
    static QStringList localFiles(const QMimeData *mime);

private:
    void fail(const QString &title, const QString &message) const;

    Workspace *m_workspace;
    QWidget *m_parent;
    DesktopOpener m_opener;
};

} // namespace quorum
