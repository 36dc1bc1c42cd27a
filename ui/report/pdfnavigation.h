#pragma once

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QString>

namespace quorum::report {

/** One bookmark of a PDF's outline, going to the top of a page, with the bookmarks under it (shown closed). */
struct PdfBookmark {
    QString title;
    int page = 0; ///< 0-based
    QList<PdfBookmark> children;
};

/** An area of one page that, clicked, goes to the top of another page. */
struct PdfPageLink {
    int page = 0;   ///< 0-based: where the area is
    QRectF rect;    ///< in points from the page's top-left corner
    int target = 0; ///< 0-based
};

/**
 * Adds an outline (/Outlines, opened in the viewer's bookmark pane) and internal links (/Link annotations
 * with a /Dest) to a PDF that QPdfWriter wrote, with qpdf, since QPdfWriter writes neither. Everything else
 * is copied unchanged: the PDF version, the document information, the XMP metadata and the output intent
 * of PDF/A-1b; streams are neither decoded nor compressed again, no object or cross-reference stream is
 * written (PDF 1.4), and the file identifier is a digest of the content, so the same input gives the same
 * file. The links follow PDF/A-1b: printable (/F 4), no border, and no action, only a destination. Throws
 * Error when @p pdf cannot be read or a page index is out of range.
 */
QByteArray addPdfNavigation(const QByteArray &pdf, const QList<PdfBookmark> &outline, const QList<PdfPageLink> &links);

} // namespace quorum::report
