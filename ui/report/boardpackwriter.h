#pragma once

#include "core/report/boardpack.h"

#include <QByteArray>
#include <QImage>
#include <QSizeF>

#include <functional>
#include <memory>

namespace quorum {

/**
 * Paints a board pack (BoardPackContent, decided in core) on paper: a PDF through QPdfWriter, or page
 * images for a preview, with the same layout. Layout runs once, in two passes: the content is measured
 * and split into pages first, then each page is painted with its header (organisation, protective
 * marking) and footer ("Page x of y", marking, creation date), so the cover can state the page count.
 * Every piece of user text is drawn as plain text with QTextLayout (never as HTML), wraps within its
 * column, and a paragraph or table cell taller than a page continues on the next page, where tables
 * repeat their header row. Charts are the dashboard's, painted as vectors by charts::paintChart.
 * Needs a QApplication (the charts are Qt Charts graphics items).
 */
class BoardPackWriter {
public:
    /** Told the pages laid out or painted so far and the total (0 while unknown); false cancels. */
    using Progress = std::function<bool(int done, int total)>;

    explicit BoardPackWriter(BoardPackContent content);
    ~BoardPackWriter();
    BoardPackWriter(const BoardPackWriter &) = delete;
    BoardPackWriter &operator=(const BoardPackWriter &) = delete;

    const BoardPackContent &content() const { return m_content; }
    void setProgress(Progress progress) { m_progress = std::move(progress); }

    /** Lays out the pages if not done yet; the number of pages, Annex A included. */
    int pageCount();
    /**
     * The pages of the body, the cover to the sign-off: the pack's shape, which the cover states. Annex A,
     * which prints in full the texts the body cuts at BoardPack::kBoardTextChars, follows them; without it,
     * pageCount().
     */
    int bodyPageCount();
    /** The paper size in millimetres. */
    QSizeF pageSizeMillimetres() const;

    /** Page @p index (0-based) as an image @p widthPixels wide, painted exactly as in the PDF. */
    QImage renderPage(int index, int widthPixels);

    /**
     * The whole PDF (PDF/A-1b) with its document properties: title, author (the organisation), subject,
     * creator ("Quorum <version>") and the creation date of the content, bookmarks for the cover, every
     * section, action and annex entry, and each line of the cover's contents a link to its section's page.
     * Empty when cancelled.
     */
    QByteArray pdf();

    /**
     * Writes the PDF to @p path, replacing the file only once it is complete. Returns false when
     * cancelled (nothing is written). Throws Error with a message naming the file when it cannot be written.
     */
    bool write(const QString &path);

private:
    struct Layout;

    void layOut();

    BoardPackContent m_content;
    Progress m_progress;
    std::unique_ptr<Layout> m_layout;
};

} // namespace quorum
