#include "ui/pages/evidenceactions.h"

#include "core/domain/error.h"
#include "core/domain/filenames.h"
#include "core/domain/plaintext.h"
#include "core/workspace/workspace.h"
#include "ui/pages/evidencedialog.h"
#include "ui/widgets/filedialog.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QUrl>

namespace quorum {

namespace {

const QString kLastFolderKey = QStringLiteral("evidence/lastFolder");

QString lastFolder()
{
    return QSettings().value(kLastFolderKey, QDir::homePath()).toString();
}

void rememberFolder(const QString &path)
{
    QSettings().setValue(kLastFolderKey, QFileInfo(path).absolutePath());
}

} // namespace

EvidenceActions::EvidenceActions(Workspace *workspace, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_workspace(workspace)
    , m_parent(dialogParent)
{
}

void EvidenceActions::fail(const QString &title, const QString &message) const
{
    QMessageBox::warning(m_parent, title, plainForRichText(message));
}

QStringList EvidenceActions::localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    }
    return files;
}

int EvidenceActions::chooseAndAddFiles(const QStringList &actionIds)
{
    const QStringList paths = FileDialog::getOpenFileNames(m_parent, tr("Add evidence files"), lastFolder());
    if (paths.isEmpty())
        return 0;
    rememberFolder(paths.first());
    return addFiles(paths, actionIds);
}

int EvidenceActions::addFiles(const QStringList &paths, const QStringList &actionIds)
{
    if (paths.isEmpty())
        return 0;
    EvidenceDialog dialog(EvidenceDialog::Mode::NewFiles, m_workspace, m_parent);
    dialog.setFiles(paths);
    dialog.setActions(actionIds);
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    const EvidenceInput details = dialog.input();
    QProgressDialog progress(tr("Storing evidence..."), tr("Stop"), 0, int(paths.size()), m_parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    int stored = 0;
    QStringList problems;
    for (const QString &path : paths) {
        if (progress.wasCanceled())
            break;
        progress.setLabelText(tr("Storing %1...").arg(QFileInfo(path).fileName()));
        try {
            // The path, not the bytes: the store reads the file a chunk at a time (a large file is never held whole).
            EvidenceInput input = details;
            const EvidenceInput fromDisk = evidenceInputFromFile(path);
            input.isFile = true;
            input.url.clear();
            input.fileName = fromDisk.fileName;
            input.sourcePath = fromDisk.sourcePath;
            if (paths.size() > 1 || input.title.isEmpty())
                input.title = QFileInfo(path).completeBaseName();
            m_workspace->addEvidence(input);
            ++stored;
        } catch (const Error &e) {
            problems << tr("%1: %2").arg(QFileInfo(path).fileName(), e.message());
        }
        progress.setValue(progress.value() + 1);
    }
    progress.setValue(int(paths.size()));
    if (!problems.isEmpty())
        fail(tr("Some evidence was not added"), tr("%n file(s) stored. These were not:", nullptr, stored)
                                                    + QStringLiteral("\n\n") + problems.join(QStringLiteral("\n")));
    return stored;
}

bool EvidenceActions::addLink(const QStringList &actionIds)
{
    EvidenceDialog dialog(EvidenceDialog::Mode::NewLink, m_workspace, m_parent);
    dialog.setActions(actionIds);
    while (dialog.exec() == QDialog::Accepted) {
        try {
            m_workspace->addEvidence(dialog.input());
            return true;
        } catch (const Error &e) {
            fail(tr("Link not added"), e.message());
        }
    }
    return false;
}

void EvidenceActions::open(qint64 evidenceId)
{
    const auto item = m_workspace->store().evidenceItem(evidenceId);
    if (!item)
        return;
    if (!item->isFile()) {
        m_opener.openUrl(QUrl(item->url, QUrl::StrictMode));
        return;
    }
    try {
        const QString path = writePrivateTempCopy(
            [&](QIODevice &file) { m_workspace->store().writeEvidenceContent(evidenceId, file); }, item->fileName);
        if (!m_opener.openFile(path))
            fail(tr("Cannot open evidence"),
                 tr("No program is set up to open %1. Use Save a Copy and open it yourself.").arg(item->fileName));
    } catch (const Error &e) {
        fail(tr("Cannot open evidence"), e.message());
    }
}

void EvidenceActions::saveCopy(qint64 evidenceId)
{
    const auto item = m_workspace->store().evidenceItem(evidenceId);
    if (!item || !item->isFile())
        return;
    const QString folder =
        FileDialog::getExistingDirectory(m_parent, tr("Save a copy of \"%1\" in").arg(item->title), lastFolder());
    if (!folder.isEmpty())
        saveCopyTo(evidenceId, folder);
}

bool EvidenceActions::saveCopyTo(qint64 evidenceId, const QString &folder)
{
    const auto item = m_workspace->store().evidenceItem(evidenceId);
    if (!item || !item->isFile())
        return false;
    QString target;
    try {
        target = safeTargetPath(folder, item->fileName);
        QFile file(target);
        // Written, flushed and closed before anything says it is saved: QFile keeps small writes in its
        // buffer until then, so the file on disk would still be empty while the message is up.
        const bool opened = file.open(QIODevice::WriteOnly | QIODevice::NewOnly);
        bool written = opened;
        QString reason = file.errorString();
        if (opened) {
            try {
                m_workspace->store().writeEvidenceContent(evidenceId, file); // a chunk at a time
                written = file.flush();
                reason = file.errorString();
            } catch (const Error &) {
                file.close();
                file.remove(); // never half a file, nor one that does not match its hash
                throw;
            }
        }
        file.close();
        if (written && file.error() != QFileDevice::NoError) {
            written = false;
            reason = file.errorString();
        }
        if (!written) {
            if (opened) // never a file that was there before
                file.remove();
            throw Error(Error::Kind::ReadOnly,
                        tr("Could not write %1: %2").arg(QDir::toNativeSeparators(target), reason));
        }
    } catch (const Error &e) {
        fail(tr("Copy not saved"), e.message());
        return false;
    }
    QSettings().setValue(kLastFolderKey, folder);
    showSavedFileNotice(m_parent, tr("Copy saved"), tr("Saved as %1").arg(QDir::toNativeSeparators(target)), target,
                        m_opener);
    return true;
}

void EvidenceActions::replaceFile(qint64 evidenceId)
{
    const auto item = m_workspace->store().evidenceItem(evidenceId);
    if (!item || !item->isFile())
        return;
    const QString path =
        FileDialog::getOpenFileName(m_parent, tr("New revision of \"%1\"").arg(item->title), lastFolder());
    if (path.isEmpty())
        return;
    rememberFolder(path);
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        m_workspace->replaceEvidenceFileFrom(evidenceId, path);
        QApplication::restoreOverrideCursor();
    } catch (const Error &e) {
        QApplication::restoreOverrideCursor();
        fail(tr("Revision not stored"), e.message());
    }
}

void EvidenceActions::edit(qint64 evidenceId)
{
    const auto item = m_workspace->store().evidenceItem(evidenceId);
    if (!item)
        return;
    EvidenceDialog dialog(EvidenceDialog::Mode::Edit, m_workspace, m_parent);
    dialog.setEvidence(*item);
    int version = item->version; // what the dialog was filled from; after a refusal, what was recorded then
    while (dialog.exec() == QDialog::Accepted) {
        const EvidenceInput input = dialog.input();
        Evidence changed = *item;
        changed.version = version;
        changed.title = input.title;
        changed.type = input.type;
        changed.source = input.source;
        changed.effective = input.effective;
        changed.reviewBy = input.reviewBy;
        try {
            m_workspace->updateEvidence(changed);
            if (input.actionIds != item->actionIds)
                m_workspace->setEvidenceActions(evidenceId, input.actionIds);
            return;
        } catch (const Error &e) {
            fail(tr("Evidence not changed"), e.message());
            if (const auto now = m_workspace->store().evidenceItem(evidenceId);
                now && e.kind() == Error::Kind::Conflict)
                version = now->version;
        }
    }
}

void EvidenceActions::remove(qint64 evidenceId)
{
    const auto item = m_workspace->store().evidenceItem(evidenceId);
    if (!item)
        return;
    const auto answer = QMessageBox::question(m_parent, tr("Remove evidence"),
                                              tr("Remove \"%1\"? It supports %2. You can undo this with Edit > Undo.")
                                                  .arg(item->title, item->actionIds.join(QStringLiteral(", "))));
    if (answer != QMessageBox::Yes)
        return;
    try {
        m_workspace->removeEvidence(evidenceId);
    } catch (const Error &e) {
        fail(tr("Evidence not removed"), e.message());
    }
}

} // namespace quorum
