#pragma once

#include "core/report/boardpack.h"
#include "ui/widgets/savedfilenotice.h"

#include <QDialog>

#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QScrollArea;

namespace quorum {

class BoardPackWriter;
class Workspace;

/**
 * "Export Board Pack": choose the board review (newest first, or the current state) and the paper size,
 * look at the pages exactly as they will print (painted by the same BoardPackWriter onto images), and
 * export the PDF. The last folder and paper size are remembered; an existing file is only replaced when
 * the user agrees, and a folder that cannot be written is reported before any work is done.
 */
class BoardPackDialog : public QDialog {
    Q_OBJECT

public:
    explicit BoardPackDialog(Workspace *workspace, QWidget *parent = nullptr);
    ~BoardPackDialog() override;

    /** The review and paper size chosen. */
    BoardPackOptions options() const;
    /** Selects the review called @p name (empty: the current state); false if there is none. */
    bool selectReview(const QString &name);
    void setPageSize(BoardPackPageSize size);

    /** Pages in the preview (0 when the pack could not be built). */
    int previewPageCount() const;
    /** The thumbnail of page @p index as shown. */
    QImage previewImage(int index) const;
    /** The file name offered by Export..., sanitised: "<Organisation> board pack <review>.pdf". */
    QString suggestedFileName() const;

    /**
     * Writes the pack to @p path with a progress dialog: asks before replacing an existing file and
     * shows any error. Once the file is complete on disk, says where it is and offers to open it or show
     * it in its folder. Returns true when the file was written.
     */
    bool exportTo(const QString &path);
    /** What opens the exported file or its folder (the desktop's programs unless a test gives its own). */
    void setDesktopOpener(DesktopOpener opener) { m_opener = std::move(opener); }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void showPage(int index);
    void exportPack();

    Workspace *m_workspace;
    QComboBox *m_review;
    QComboBox *m_pageSize;
    QListWidget *m_thumbnails;
    QScrollArea *m_pageArea;
    QLabel *m_page;
    QLabel *m_summary;
    QPushButton *m_export;
    std::unique_ptr<BoardPackWriter> m_writer;
    DesktopOpener m_opener;
};

/** Shows the Export Board Pack dialog for @p workspace (modal), for File > Export Board Pack. */
void showBoardPackDialog(Workspace *workspace, QWidget *parent);

} // namespace quorum
