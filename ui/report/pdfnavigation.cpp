#include "ui/report/pdfnavigation.h"

#include "core/domain/error.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace quorum::report {

namespace {

using Object = QPDFObjectHandle;

Object name(const char *value)
{
    return Object::newName(value);
}

Object number(qreal value)
{
    return Object::newReal(value, 2);
}

class Navigation {
public:
    explicit Navigation(QPDF &pdf)
        : m_pdf(pdf)
    {
        for (QPDFPageObjectHelper &page : QPDFPageDocumentHelper(pdf).getAllPages())
            m_pages.push_back(page.getObjectHandle());
    }

    Object page(int index) const
    {
        if (index < 0 || size_t(index) >= m_pages.size())
            throw Error(Error::Kind::Storage,
                        QStringLiteral("The board pack refers to page %1, which it does not have.").arg(index + 1));
        return m_pages[size_t(index)];
    }

    /** The top edge of a page in PDF space (whose origin is the bottom left). */
    qreal top(int index) const
    {
        Object box = page(index).getKey("/MediaBox");
        return box.isArray() && box.getArrayNItems() == 4 ? box.getArrayItem(3).getNumericValue() : 842.0;
    }

    /** [page /XYZ null top null]: the top of the page, at the zoom the reader has chosen. */
    Object destination(int index) const
    {
        return Object::newArray(
            std::vector<Object>{page(index), name("/XYZ"), Object::newNull(), number(top(index)), Object::newNull()});
    }

    /** Adds @p items under @p parent (the outline or an item); returns the number of items made visible. */
    int addItems(Object parent, const QList<PdfBookmark> &items)
    {
        std::vector<Object> made;
        for (const PdfBookmark &bookmark : items) {
            Object item = m_pdf.makeIndirectObject(Object::newDictionary());
            item.replaceKey("/Title", Object::newUnicodeString(bookmark.title.toStdString()));
            item.replaceKey("/Parent", parent);
            item.replaceKey("/Dest", destination(bookmark.page));
            if (!bookmark.children.isEmpty()) {
                const int children = addItems(item, bookmark.children);
                item.replaceKey("/Count", Object::newInteger(-children)); // closed: the sections show first
            }
            if (!made.empty()) {
                item.replaceKey("/Prev", made.back());
                made.back().replaceKey("/Next", item);
            }
            made.push_back(item);
        }
        if (!made.empty()) {
            parent.replaceKey("/First", made.front());
            parent.replaceKey("/Last", made.back());
        }
        return int(made.size());
    }

    void addLink(const PdfPageLink &link)
    {
        Object where = page(link.page);
        const qreal pageTop = top(link.page);
        Object annotation = m_pdf.makeIndirectObject(Object::newDictionary());
        annotation.replaceKey("/Type", name("/Annot"));
        annotation.replaceKey("/Subtype", name("/Link"));
        annotation.replaceKey("/Rect", Object::newArray(std::vector<Object>{
                                           number(link.rect.left()), number(pageTop - link.rect.bottom()),
                                           number(link.rect.right()), number(pageTop - link.rect.top())}));
        annotation.replaceKey("/Border", Object::newArray(std::vector<Object>{
                                             Object::newInteger(0), Object::newInteger(0), Object::newInteger(0)}));
        annotation.replaceKey("/F", Object::newInteger(4)); // Print, as PDF/A requires
        annotation.replaceKey("/P", where);
        annotation.replaceKey("/Dest", destination(link.target));
        Object annotations = where.getKey("/Annots");
        if (!annotations.isArray()) {
            annotations = Object::newArray();
            where.replaceKey("/Annots", annotations);
        }
        annotations.appendItem(annotation);
    }

private:
    QPDF &m_pdf;
    std::vector<Object> m_pages;
};

} // namespace

QByteArray addPdfNavigation(const QByteArray &pdf, const QList<PdfBookmark> &outline, const QList<PdfPageLink> &links)
{
    try {
        QPDF document;
        document.setSuppressWarnings(true);
        document.processMemoryFile("board pack", pdf.constData(), size_t(pdf.size()));
        Navigation navigation(document);

        Object root = document.getRoot();
        if (!outline.isEmpty()) {
            Object outlines = document.makeIndirectObject(Object::newDictionary());
            outlines.replaceKey("/Type", name("/Outlines"));
            outlines.replaceKey("/Count", Object::newInteger(navigation.addItems(outlines, outline)));
            root.replaceKey("/Outlines", outlines);
            root.replaceKey("/PageMode", name("/UseOutlines"));
        }
        for (const PdfPageLink &link : links)
            navigation.addLink(link);

        QPDFWriter writer(document);
        writer.setOutputMemory();
        // Copy the streams as they are: the XMP metadata stays uncompressed as PDF/A requires.
        writer.setCompressStreams(false);
        writer.setDecodeLevel(qpdf_dl_none);
        // PDF/A-1 is PDF 1.4: no object streams, no cross-reference streams.
        writer.setObjectStreamMode(qpdf_o_disable);
        writer.setNewlineBeforeEndstream(true);
        writer.setDeterministicID(true);
        writer.write();
        const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
        return QByteArray(reinterpret_cast<const char *>(buffer->getBuffer()), qsizetype(buffer->getSize()));
    } catch (const Error &) {
        throw;
    } catch (const std::exception &) {
        throw Error(Error::Kind::Storage, QStringLiteral("Could not add the bookmarks and the contents\u2019 links to "
                                                         "the board pack\u2019s PDF."));
    }
}

} // namespace quorum::report
