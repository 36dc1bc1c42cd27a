// The board pack's bookmarks and contents links (ui/report/pdfnavigation), read back with qpdf's own reader
// and checked against the text poppler finds on the pages they point at; and the PDF/A-1b parts that must
// survive the rewrite.

#include "test_boardpack_tools.h"

#include "core/report/boardpack.h"
#include "testsupport.h"
#include "ui/report/boardpackwriter.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <QFile>
#include <QRectF>
#include <QtMath>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

using namespace quorum;
using namespace quorum::test;

namespace {

/** A bookmark as the file holds it: its title, the page it goes to (0-based) and the bookmarks under it. */
struct ReadBookmark {
    QString title;
    int page = -1;
    QList<ReadBookmark> children;
};

/** A link annotation of one page as the file holds it. */
struct ReadLink {
    QRectF rect; ///< in points from the page's top-left corner
    int target = -1;
    int flags = 0;
    bool hasAction = false;
    bool hasBorder = false;
};

class PdfReader {
public:
    explicit PdfReader(const QString &path)
    {
        m_pdf.processFile(path.toStdString().c_str());
        int index = 0;
        for (QPDFPageObjectHelper &page : QPDFPageDocumentHelper(m_pdf).getAllPages())
            m_pageIndex[page.getObjectHandle().getObjGen()] = index++;
    }

    QPDF &pdf() { return m_pdf; }

    int pageOf(QPDFObjectHandle destination)
    {
        if (!destination.isArray() || destination.getArrayNItems() < 2)
            return -1;
        const auto found = m_pageIndex.find(destination.getArrayItem(0).getObjGen());
        return found == m_pageIndex.end() ? -1 : found->second;
    }

    QList<ReadBookmark> bookmarks(QPDFObjectHandle parent)
    {
        QList<ReadBookmark> result;
        for (QPDFObjectHandle item = parent.getKey("/First"); item.isDictionary() && result.size() < 1000;
             item = item.getKey("/Next")) {
            ReadBookmark bookmark;
            bookmark.title = QString::fromStdString(item.getKey("/Title").getUTF8Value());
            bookmark.page = pageOf(item.getKey("/Dest"));
            bookmark.children = bookmarks(item);
            result << bookmark;
        }
        return result;
    }

    QList<ReadBookmark> outline() { return bookmarks(m_pdf.getRoot().getKey("/Outlines")); }

    QList<ReadLink> links(int pageIndex)
    {
        QPDFObjectHandle page = QPDFPageDocumentHelper(m_pdf).getAllPages().at(size_t(pageIndex)).getObjectHandle();
        const double top = page.getKey("/MediaBox").getArrayItem(3).getNumericValue();
        QList<ReadLink> result;
        QPDFObjectHandle annotations = page.getKey("/Annots");
        for (int i = 0; annotations.isArray() && i < annotations.getArrayNItems(); ++i) {
            QPDFObjectHandle annotation = annotations.getArrayItem(i);
            if (!annotation.getKey("/Subtype").isNameAndEquals("/Link"))
                continue;
            QPDFObjectHandle rect = annotation.getKey("/Rect");
            const double x1 = rect.getArrayItem(0).getNumericValue();
            const double y1 = rect.getArrayItem(1).getNumericValue();
            const double x2 = rect.getArrayItem(2).getNumericValue();
            const double y2 = rect.getArrayItem(3).getNumericValue();
            ReadLink link;
            link.rect = QRectF(QPointF(std::min(x1, x2), top - std::max(y1, y2)),
                               QPointF(std::max(x1, x2), top - std::min(y1, y2)));
            link.target = pageOf(annotation.getKey("/Dest"));
            link.flags = annotation.getKey("/F").isInteger() ? int(annotation.getKey("/F").getIntValue()) : 0;
            link.hasAction = annotation.hasKey("/A");
            QPDFObjectHandle border = annotation.getKey("/Border");
            link.hasBorder =
                !(border.isArray() && border.getArrayNItems() >= 3 && border.getArrayItem(2).getNumericValue() == 0);
            result << link;
        }
        std::sort(result.begin(), result.end(),
                  [](const ReadLink &a, const ReadLink &b) { return a.rect.top() < b.rect.top(); });
        return result;
    }

private:
    QPDF m_pdf;
    std::map<QPDFObjGen, int> m_pageIndex;
};

/** The text poppler finds inside @p rect (points from the top-left) of page @p page (0-based). */
QString textIn(const QString &path, int page, const QRectF &rect)
{
    return runTool(u"pdftotext"_qs,
                   {u"-enc"_qs, u"UTF-8"_qs, u"-f"_qs, QString::number(page + 1), u"-l"_qs, QString::number(page + 1),
                    u"-x"_qs, QString::number(qFloor(rect.left())), u"-y"_qs, QString::number(qFloor(rect.top())),
                    u"-W"_qs, QString::number(qCeil(rect.width())), u"-H"_qs, QString::number(qCeil(rect.height())),
                    path, u"-"_qs});
}

/** The sections in the order the pack prints them, numbered as their headings are. */
QStringList expectedSections(const BoardPackContent &content)
{
    QStringList sections{u"1 Executive summary"_qs, u"2 Charts"_qs, u"3 Attention items"_qs};
    int number = 4;
    for (const BoardPackPrinciple &principle : content.principles)
        sections << u"%1 Principle %2: %3"_qs.arg(number++).arg(principle.id, principle.title);
    for (const BoardPackFramework &framework : content.frameworks)
        sections << u"%1 %2"_qs.arg(number++).arg(framework.title);
    if (content.maturity)
        sections << u"%1 Maturity"_qs.arg(number++);
    sections << u"%1 Evidence index"_qs.arg(number);
    sections << u"%1 Sign-off"_qs.arg(number + 1);
    return sections;
}

class BoardPackNavigation : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_db = createDatabase(true).release();
        s_folder = new TempFolder;
        BoardPackOptions options;
        options.reviewName = u"Board May 2026"_qs;
        options.createdAt = QDateTime(fixedToday(), QTime(12, 0), Qt::UTC);
        s_content = new BoardPackContent(BoardPack::build(*s_db->store, options));
        BoardPackWriter writer(*s_content);
        s_path = new QString(s_folder->path(u"navigation.pdf"_qs));
        writer.write(*s_path);
        s_pages = writer.pageCount();
    }
    static void TearDownTestSuite()
    {
        delete s_path;
        delete s_content;
        delete s_folder;
        delete s_db;
    }
    void SetUp() override
    {
        if (!popplerAvailable())
            GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }

    static TestDatabase *s_db;
    static TempFolder *s_folder;
    static BoardPackContent *s_content;
    static QString *s_path;
    static int s_pages;
};

TestDatabase *BoardPackNavigation::s_db = nullptr;
TempFolder *BoardPackNavigation::s_folder = nullptr;
BoardPackContent *BoardPackNavigation::s_content = nullptr;
QString *BoardPackNavigation::s_path = nullptr;
int BoardPackNavigation::s_pages = 0;

/** The first page (0-based, from the second) whose text holds @p heading; -1 if none. */
int firstBodyPageWith(const QString &path, int pages, const QString &heading)
{
    for (int page = 1; page < pages; ++page) {
        if (pdfText(path, page + 1).simplified().contains(heading))
            return page;
    }
    return -1;
}

} // namespace

TEST_F(BoardPackNavigation, OutlineHasEverySectionInOrderPointingAtThePageWhereItStarts)
{
    PdfReader reader(*s_path);
    const QList<ReadBookmark> outline = reader.outline();
    const QStringList sections = expectedSections(*s_content);
    QStringList titles;
    for (const ReadBookmark &bookmark : outline)
        titles << bookmark.title;
    EXPECT_EQ(titles, QStringList{u"Cover"_qs} + sections);
    ASSERT_EQ(outline.size(), sections.size() + 1);

    EXPECT_EQ(outline[0].page, 0);
    EXPECT_TRUE(pdfText(*s_path, 1).contains(u"Cyber governance board pack"_qs));
    int previous = 0;
    for (qsizetype i = 1; i < outline.size(); ++i) {
        const ReadBookmark &bookmark = outline[i];
        // The heading is printed first on the page the bookmark goes to: not on any page before it.
        EXPECT_EQ(bookmark.page, firstBodyPageWith(*s_path, s_pages, bookmark.title)) << bookmark.title.toStdString();
        EXPECT_GE(bookmark.page, previous) << "in the order of the pages: " << bookmark.title.toStdString();
        previous = bookmark.page;
    }

    // Each principle holds its actions, each going to the page where its row is.
    for (qsizetype p = 0; p < s_content->principles.size(); ++p) {
        const BoardPackPrinciple &principle = s_content->principles[p];
        const ReadBookmark &bookmark = outline[4 + p];
        ASSERT_EQ(bookmark.children.size(), principle.actions.size()) << principle.id.toStdString();
        for (qsizetype a = 0; a < principle.actions.size(); ++a) {
            const BoardPackAction &action = principle.actions[a];
            const ReadBookmark &child = bookmark.children[a];
            EXPECT_EQ(child.title, u"%1 %2"_qs.arg(action.id, action.shortTitle));
            EXPECT_GE(child.page, bookmark.page);
            EXPECT_TRUE(pdfText(*s_path, child.page + 1).contains(action.shortTitle.left(12)))
                << action.id.toStdString();
        }
    }
    EXPECT_TRUE(outline[1].children.isEmpty());
}

TEST_F(BoardPackNavigation, EveryContentsLineLinksToItsSectionsPage)
{
    PdfReader reader(*s_path);
    const QList<ReadBookmark> outline = reader.outline();
    const QStringList sections = expectedSections(*s_content);
    ASSERT_EQ(outline.size(), sections.size() + 1);
    const QList<ReadLink> links = reader.links(0);
    ASSERT_EQ(links.size(), sections.size()) << "one link per line of the contents";
    const QString cover = pdfText(*s_path, 1).simplified();
    for (qsizetype i = 0; i < links.size(); ++i) {
        const ReadLink &link = links[i];
        const QString words = textIn(*s_path, 0, link.rect).simplified();
        EXPECT_TRUE(words.startsWith(sections[i])) << "the link covers its line: " << words.toStdString();
        EXPECT_EQ(link.target, outline[i + 1].page) << sections[i].toStdString();
        // The line's page number is the page the link goes to.
        EXPECT_TRUE(words.endsWith(u" %1"_qs.arg(link.target + 1))) << words.toStdString();
        EXPECT_EQ(link.flags, 4) << "printable, as PDF/A-1b requires";
        EXPECT_FALSE(link.hasAction) << "a destination, never an action";
        EXPECT_FALSE(link.hasBorder);
    }
    for (int page = 1; page < s_pages; ++page)
        EXPECT_TRUE(reader.links(page).isEmpty()) << page;
}

TEST_F(BoardPackNavigation, PdfAIdentificationAndOutputIntentSurvive)
{
    QFile file(*s_path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.startsWith("%PDF-1.4\n")) << "PDF/A-1 is PDF 1.4";
    EXPECT_FALSE(bytes.contains("/JavaScript"));
    EXPECT_FALSE(bytes.contains("/JS"));
    EXPECT_FALSE(bytes.contains("/ObjStm")) << "no object streams in PDF/A-1";
    EXPECT_FALSE(bytes.contains("/XRefStm"));
    EXPECT_TRUE(bytes.contains("\nxref\n")) << "a cross-reference table, not a stream";

    const QString meta = pdfInfo(*s_path, {u"-meta"_qs});
    EXPECT_TRUE(meta.contains(u"pdfaid:part=\"1\""_qs)) << meta.toStdString();
    EXPECT_TRUE(meta.contains(u"pdfaid:conformance=\"B\""_qs)) << meta.toStdString();
    EXPECT_TRUE(meta.contains(u"xmp:CreateDate=\"2026-06-15T12:00:00Z\""_qs)) << meta.toStdString();

    PdfReader reader(*s_path);
    QPDFObjectHandle root = reader.pdf().getRoot();
    QPDFObjectHandle metadata = root.getKey("/Metadata");
    ASSERT_TRUE(metadata.isStream());
    EXPECT_TRUE(metadata.getDict().getKey("/Subtype").isNameAndEquals("/XML"));
    EXPECT_FALSE(metadata.getDict().hasKey("/Filter")) << "PDF/A-1 metadata is not compressed";
    QPDFObjectHandle intents = root.getKey("/OutputIntents");
    ASSERT_TRUE(intents.isArray());
    ASSERT_GE(intents.getArrayNItems(), 1);
    EXPECT_TRUE(intents.getArrayItem(0).getKey("/S").isNameAndEquals("/GTS_PDFA1"));
    EXPECT_TRUE(intents.getArrayItem(0).getKey("/DestOutputProfile").isStream());
    QPDFObjectHandle id = reader.pdf().getTrailer().getKey("/ID");
    ASSERT_TRUE(id.isArray());
    EXPECT_EQ(id.getArrayNItems(), 2);
    EXPECT_TRUE(root.getKey("/PageMode").isNameAndEquals("/UseOutlines")) << "the bookmarks open with the file";

    const QString info = pdfInfo(*s_path);
    EXPECT_TRUE(info.contains(u"Title:           Board pack: Northgate Freight Group plc - Board May 2026"_qs))
        << info.toStdString();
    EXPECT_FALSE(info.contains(u"Syntax Error"_qs));
}
