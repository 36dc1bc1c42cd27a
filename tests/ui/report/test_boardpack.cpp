// The board pack PDF (ui/report): painted pages read back with poppler-utils (pdftotext, pdfinfo,
// pdfimages), the preview images and the Export Board Pack dialog, offscreen.

#include "test_boardpack_tools.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/interchange/frameworklibrary.h"
#include "core/report/boardpack.h"
#include "core/samples/demodata.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "testsupport.h"
#include "ui/report/boardpackdialog.h"
#include "ui/report/boardpackwriter.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTimer>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

QDateTime fixedCreation()
{
    return QDateTime(fixedToday(), QTime(12, 0), Qt::UTC);
}

BoardPackContent contentOf(const Store &store, const QString &review = {},
                           BoardPackPageSize size = BoardPackPageSize::A4)
{
    BoardPackOptions options;
    options.reviewName = review;
    options.pageSize = size;
    options.createdAt = fixedCreation();
    return BoardPack::build(store, options);
}

/** Writes the pack of @p content to @p path and returns its page count. */
int writePack(const BoardPackContent &content, const QString &path)
{
    BoardPackWriter writer(content);
    EXPECT_TRUE(writer.write(path));
    return writer.pageCount();
}

class BoardPackPdf : public ::testing::Test {
protected:
    static void SetUpTestSuite() { s_db = createDatabase(true).release(); }
    static void TearDownTestSuite()
    {
        delete s_db;
        s_db = nullptr;
    }
    void SetUp() override
    {
        if (!popplerAvailable())
            GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    }
    static Store &store() { return *s_db->store; }

    TempFolder m_folder;
    static TestDatabase *s_db;
};

TestDatabase *BoardPackPdf::s_db = nullptr;

} // namespace

TEST_F(BoardPackPdf, DemoPackHasEverySectionInOrderAndEveryAction)
{
    const QString path = m_folder.path(u"demo.pdf"_qs);
    const BoardPackContent content = contentOf(store(), u"Board May 2026"_qs);
    const int pages = writePack(content, path);
    EXPECT_GE(pages, 6);
    EXPECT_LE(pages, 12);
    EXPECT_EQ(pdfPageCount(path), pages);

    // From page 2: the cover's contents list the same headings.
    const QString text = pdfText(path, 2, pages);
    QStringList order{u"Executive summary"_qs, u"Assurance by principle"_qs, u"Decisions sought"_qs, u"2 Charts"_qs,
                      u"3 Attention items"_qs};
    for (const BoardPackPrinciple &principle : content.principles)
        order << u"Principle %1: %2"_qs.arg(principle.id, principle.title);
    order << u"Evidence index"_qs << u"Sign-off"_qs;
    qsizetype at = 0;
    for (const QString &heading : std::as_const(order)) {
        const qsizetype next = text.indexOf(heading, at);
        EXPECT_GE(next, at) << "section out of order or missing: " << heading.toStdString();
        if (next >= at)
            at = next + 1;
    }
    for (const BoardPackPrinciple &principle : content.principles) {
        for (const BoardPackAction &action : principle.actions) {
            EXPECT_TRUE(text.contains(QRegularExpression(u"\\b%1\\b"_qs.arg(action.id)))) << action.id.toStdString();
            EXPECT_TRUE(text.contains(action.shortTitle.left(12))) << action.shortTitle.toStdString();
        }
    }
    EXPECT_TRUE(text.contains(u"Approve the revised incident response plan"_qs));
    EXPECT_TRUE(pdfText(path, 1).contains(u"Awaiting the board\u2019s sign-off"_qs))
        << "no ligatures: text stays searchable";
    for (const char *words : {"Green", "Amber", "Gap (not assessed)"})
        EXPECT_TRUE(text.contains(QString::fromLatin1(words))) << words << ": colours always come with their words";
    // Issue 13: the charts page named principles A to E only; the wide chart names them under its axis.
    const QString charts = text.mid(text.indexOf(u"2 Charts"_qs), text.indexOf(u"3 Attention items"_qs));
    EXPECT_TRUE(charts.contains(u"B Strategy \u00B7 C People"_qs)) << charts.toStdString();
}

TEST(BoardPackPdfFrameworks, ThreeFrameworksEachHaveASectionWithinTwelvePagesAndTheCoverNamesThemAll)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) is not installed";
    // The demo follows the Code and the Software Security Code; a library's framework makes three.
    auto db = createDatabase(true);
    TempFolder folder;
    const QString twoPath = folder.path(u"two.pdf"_qs);
    const int twoPages = writePack(contentOf(*db->store), twoPath);
    EXPECT_LE(twoPages, 12) << "the Code and the Software Security Code for the demo";
    db->store->importFramework(FrameworkLibrary::read(dataPath(u"frameworks/wide-baseline.yaml"_qs)));
    const BoardPackContent content = contentOf(*db->store);
    ASSERT_EQ(content.frameworks.size(), 2);
    const QString path = folder.path(u"three.pdf"_qs);
    const int pages = writePack(content, path);
    // A framework of 300 requirements adds at most three pages: its summary, 15 items and the owners.
    EXPECT_LE(pages - twoPages, 3);
    const QString cover = pdfText(path, 1).simplified();
    EXPECT_TRUE(cover.contains(u"Frameworks"_qs));
    EXPECT_TRUE(cover.contains(u"Cyber Governance Code of Practice (DSIT and NCSC): 5 principles, 22 actions"_qs));
    EXPECT_TRUE(cover.contains(u"Software Security Code of Practice: 4 themes, 14 principles"_qs))
        << cover.toStdString();
    EXPECT_TRUE(
        cover.contains(u"Wide Test Baseline with a Long Name for Its Short Form: 12 groups, 300 requirements"_qs))
        << cover.toStdString();
    const QString text = pdfText(path, 2, pages).simplified();
    const qsizetype ssc = text.indexOf(u"9 Software Security Code of Practice"_qs);
    const qsizetype wide = text.indexOf(u"10 Wide Test Baseline"_qs);
    const qsizetype maturity = text.indexOf(u"11 Maturity"_qs); // the demo tracks maturity
    const qsizetype evidence = text.indexOf(u"12 Evidence index"_qs);
    EXPECT_GT(ssc, 0);
    EXPECT_GT(wide, ssc);
    EXPECT_GT(maturity, wide);
    EXPECT_GT(evidence, maturity);
    const QString sscSection = text.mid(ssc, wide - ssc);
    EXPECT_TRUE(sscSection.contains(u"Senior Responsible Owner: Mark Elliott"_qs)) << sscSection.toStdString();
    EXPECT_TRUE(sscSection.contains(u"Summary by theme"_qs));
    EXPECT_TRUE(sscSection.contains(u"Principles that need attention"_qs));
    const QString wideSection = text.mid(wide, evidence - wide);
    EXPECT_TRUE(wideSection.contains(u"Requirements that need attention (300)"_qs))
        << wideSection.left(800).toStdString();
    EXPECT_TRUE(wideSection.contains(u"and 285 more"_qs));
    EXPECT_TRUE(wideSection.contains(u"Requirements per owner: no owner (300)"_qs));
}

TEST_F(BoardPackPdf, EveryPageHasHeaderAndPageXOfY)
{
    const QString path = m_folder.path(u"live.pdf"_qs);
    const int pages = writePack(contentOf(store()), path);
    for (int page = 1; page <= pages; ++page) {
        const QString text = pdfText(path, page);
        EXPECT_TRUE(text.contains(u"Page %1 of %2"_qs.arg(page).arg(pages))) << "page " << page;
        EXPECT_TRUE(text.contains(u"Northgate Freight Group plc"_qs)) << "page " << page;
        EXPECT_GE(text.count(u"CONFIDENTIAL"_qs), 2) << "marking at the top and bottom of page " << page;
        EXPECT_TRUE(text.contains(u"Created 15 June 2026 12:00 UTC"_qs)) << "page " << page;
    }
    EXPECT_TRUE(pdfText(path, 1).contains(u"%1, including this cover"_qs.arg(pages)));
    EXPECT_TRUE(pdfText(path, 1).contains(u"Current state (not a board review)"_qs));
}

TEST_F(BoardPackPdf, DocumentPropertiesAndPdfA)
{
    const QString path = m_folder.path(u"props.pdf"_qs);
    writePack(contentOf(store(), u"Board May 2026"_qs), path);
    const QString info = pdfInfo(path);
    EXPECT_TRUE(info.contains(u"Title:           Board pack: Northgate Freight Group plc - Board May 2026"_qs))
        << info.toStdString();
    EXPECT_TRUE(info.contains(u"Author:          Northgate Freight Group plc"_qs)) << info.toStdString();
    EXPECT_TRUE(info.contains(
        QRegularExpression(u"Subject: +Cyber Governance Code of Practice: board review \"Board May 2026\""_qs)))
        << info.toStdString();
    EXPECT_TRUE(info.contains(u"Creator:         Quorum " QUORUM_VERSION ""_qs)) << info.toStdString();
    EXPECT_TRUE(info.contains(u"Page size:       595 x 842 pts (A4)"_qs)) << info.toStdString();
    EXPECT_TRUE(pdfInfo(path, {u"-isodates"_qs}).contains(u"CreationDate:    2026-06-15T12:00:00Z"_qs))
        << pdfInfo(path, {u"-isodates"_qs}).toStdString();
    EXPECT_FALSE(info.contains(u"Syntax Error"_qs));
    const QString meta = pdfInfo(path, {u"-meta"_qs});
    EXPECT_TRUE(meta.contains(u"pdfaid:part=\"1\""_qs)) << meta.toStdString();
    EXPECT_TRUE(meta.contains(u"<rdf:li>Northgate Freight Group plc</rdf:li>"_qs)) << meta.toStdString();
    EXPECT_TRUE(meta.contains(u"xmp:CreateDate=\"2026-06-15T12:00:00Z\""_qs)) << meta.toStdString();
}

TEST_F(BoardPackPdf, LetterPaper)
{
    const QString path = m_folder.path(u"letter.pdf"_qs);
    const int pages = writePack(contentOf(store(), {}, BoardPackPageSize::Letter), path);
    EXPECT_TRUE(pdfInfo(path).contains(u"Page size:       612 x 792 pts (letter)"_qs)) << pdfInfo(path).toStdString();
    EXPECT_GE(pages, 6);
    EXPECT_LE(pages, 12);
    EXPECT_TRUE(pdfText(path, pages).contains(u"Page %1 of %1"_qs.arg(pages)));
}

TEST_F(BoardPackPdf, SameContentGivesTheSameText)
{
    const BoardPackContent content = contentOf(store(), u"Board May 2026"_qs);
    const QString first = m_folder.path(u"first.pdf"_qs);
    const QString second = m_folder.path(u"second.pdf"_qs);
    writePack(content, first);
    writePack(contentOf(store(), u"Board May 2026"_qs), second);
    EXPECT_EQ(pdfText(first), pdfText(second));
    EXPECT_EQ(pdfInfo(first, {u"-isodates"_qs}).remove(QRegularExpression(u"File size:[^\n]*"_qs)),
              pdfInfo(second, {u"-isodates"_qs}).remove(QRegularExpression(u"File size:[^\n]*"_qs)))
        << "dates and properties come from the content, not the clock";
}

TEST(BoardPackPdfText, HostileTextIsPrintedLiterallyAndLoadsNothing)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils is not installed";
    auto db = createDatabase(false);
    TempFolder folder;
    // A real image that markup could try to pull in.
    QImage probe(40, 40, QImage::Format_RGB32);
    probe.fill(Qt::red);
    const QString probePath = folder.path(u"probe.png"_qs);
    ASSERT_TRUE(probe.save(probePath));

    const QString baseline = folder.path(u"baseline.pdf"_qs);
    writePack(contentOf(*db->store), baseline);

    const QString commentary = u"<img src=\"/etc/passwd\"> <b>bold</b> &amp; file:///tmp/x"_qs;
    const QString image = u"<img src=\"%1\">"_qs.arg(probePath);
    db->store->updateAssessment(u"A1"_qs, {{AssessmentField::Commentary, commentary}});
    db->store->updateAssessment(u"B2"_qs, {{AssessmentField::Commentary, image}});
    db->store->setOrganisation({u"<i>Acme</i> & Sons"_qs, u"OFFICIAL-SENSITIVE <script>"_qs});
    EvidenceInput link;
    link.title = u"<a href='file:///x'>P</a>"_qs;
    link.url = u"https://example.org/policy"_qs;
    link.actionIds = {u"A1"_qs};
    db->store->addEvidence(link);
    const QString hostile = folder.path(u"hostile.pdf"_qs);
    writePack(contentOf(*db->store), hostile);

    const QString text = pdfText(hostile);
    EXPECT_TRUE(text.contains(commentary)) << text.toStdString();
    EXPECT_TRUE(text.contains(image));
    EXPECT_TRUE(text.contains(u"<i>Acme</i> & Sons"_qs));
    EXPECT_TRUE(text.contains(u"OFFICIAL-SENSITIVE <script>"_qs));
    EXPECT_TRUE(text.contains(u"<a href='file:///x'>P</a>"_qs));
    EXPECT_EQ(pdfImageCount(hostile), pdfImageCount(baseline)) << "markup must not load any image";
    QFile passwd(u"/etc/passwd"_qs);
    if (passwd.open(QIODevice::ReadOnly)) {
        const QString firstLine = QString::fromUtf8(passwd.readLine()).trimmed();
        if (!firstLine.isEmpty()) {
            EXPECT_FALSE(text.contains(firstLine));
        }
    }
}

TEST(BoardPackPdfText, LongTextWrapsAndContinuesOnTheNextPage)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils is not installed";
    auto db = createDatabase(false);
    TempFolder folder;
    // Numbered words fill the longest commentary allowed: far more than one page.
    QString longCommentary;
    int words = 0;
    while (longCommentary.size() < Store::kMaxCommentaryChars - 400)
        longCommentary += u"w%1 "_qs.arg(++words, 5, 10, QLatin1Char('0'));
    // And a word with no break at all, longer than any column.
    const QString unbroken(300, QChar(0x03A9)); // Ω
    longCommentary += unbroken;
    db->store->updateAssessment(u"C2"_qs, {{AssessmentField::Commentary, longCommentary}});
    // Names at the longest allowed wrap, in the cover, the header and the tables.
    QString longName;
    for (int i = 1; longName.size() < Store::kMaxNameChars - 12; ++i)
        longName += u"Org%1 "_qs.arg(i, 3, 10, QLatin1Char('0'));
    longName += u"OrgEND"_qs;
    db->store->setOrganisation({longName, u"OFFICIAL"_qs});
    QString owner;
    int names = 0;
    while (owner.size() < Store::kMaxNameChars - 12)
        owner += u"Name%1 "_qs.arg(++names, 3, 10, QLatin1Char('0'));
    owner += u"NameEND"_qs;
    const qint64 person = db->store->addPerson({0, owner, u"Chief Information Security Officer"_qs, false, true});
    db->store->updateAssessment(u"C2"_qs, {{AssessmentField::Owner, QVariant::fromValue(person)}});

    const QString path = folder.path(u"long.pdf"_qs);
    BoardPackWriter writer(contentOf(*db->store));
    ASSERT_TRUE(writer.write(path));
    const int pages = writer.pageCount();
    auto plain = createDatabase(false);
    EXPECT_GE(pages, BoardPackWriter(contentOf(*plain->store)).pageCount() + 3)
        << "fifty thousand characters take several pages";
    const QString text = pdfText(path);
    // Every word is printed: nothing clipped at the bottom of a page or the end of a column.
    const QStringList printed = text.split(QRegularExpression(u"\\s+"_qs), Qt::SkipEmptyParts);
    QSet<QString> seen(printed.cbegin(), printed.cend());
    int missing = 0;
    for (int i = 1; i <= words; ++i) {
        if (!seen.contains(u"w%1"_qs.arg(i, 5, 10, QLatin1Char('0'))))
            ++missing;
    }
    EXPECT_EQ(missing, 0);
    EXPECT_EQ(text.count(QChar(0x03A9)), 300) << "the unbroken word is split across lines, not cut";
    EXPECT_TRUE(text.contains(u"OrgEND"_qs));
    EXPECT_TRUE(text.contains(u"NameEND"_qs));
    for (int i = 1; i <= names; ++i)
        EXPECT_TRUE(seen.contains(u"Name%1"_qs.arg(i, 3, 10, QLatin1Char('0')))) << i;
    // The body prints the start of the commentary; Annex A prints it in full, repeating its heading on the
    // pages it continues on.
    int continued = 0;
    for (int page = 1; page <= pages; ++page) {
        const QString one = pdfText(path, page).simplified();
        EXPECT_TRUE(one.contains(u"Page %1 of %2"_qs.arg(page).arg(pages))) << page;
        if (one.contains(u"Annex A: C2 "_qs) && one.contains(u"(continued)"_qs))
            ++continued;
    }
    EXPECT_GE(continued, 3) << "the long commentary continues over several pages under a repeated header";
    EXPECT_TRUE(text.contains(u"(continued in Annex A, C2)"_qs));
}

TEST(BoardPackPreview, PagesRenderAsImages)
{
    auto db = createDatabase(true);
    BoardPackWriter writer(contentOf(*db->store));
    const int pages = writer.pageCount();
    ASSERT_GE(pages, 6);
    for (int i = 0; i < pages; ++i) {
        const QImage image = writer.renderPage(i, 300);
        ASSERT_FALSE(image.isNull());
        EXPECT_EQ(image.width(), 300);
        EXPECT_NEAR(double(image.height()) / image.width(), 297.0 / 210.0, 0.01);
        // Something is painted: not a blank page.
        int dark = 0;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                dark += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
        }
        // The maturity page is mostly a radar of thin lines: at this width, fewer dark samples than text.
        EXPECT_GT(dark, 20) << "page " << i + 1;
    }
    EXPECT_TRUE(writer.renderPage(pages, 300).isNull());
}

TEST(BoardPackWriterErrors, UnwritableFolderIsReported)
{
    auto db = createDatabase(false);
    BoardPackWriter writer(contentOf(*db->store));
    TempFolder folder;
    try {
        writer.write(folder.path(u"missing/pack.pdf"_qs));
        FAIL() << "expected an error";
    } catch (const Error &error) {
        EXPECT_TRUE(error.message().contains(u"does not exist"_qs)) << error.message().toStdString();
    }
    EXPECT_THROW(writer.write(folder.root()), Error) << "a folder is not a file";
}

// ---- The dialog ----------------------------------------------------------------------------------

namespace {

struct DemoWorkspace {
    TempFolder folder;
    std::unique_ptr<Workspace> workspace;

    DemoWorkspace()
    {
        workspace = Workspace::open(folder.path(u"dialog.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
        DemoData::populate(workspace->store(), fixedToday());
    }
};

/** Answers the next message box with @p button as soon as it opens. */
void answerNextMessageBox(QMessageBox::StandardButton button, QString *text = nullptr)
{
    QTimer::singleShot(0, [button, text] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            if (text)
                *text = box->text();
            // A click, not done(): QMessageBox::question reports the button that was clicked.
            if (QAbstractButton *answer = box->button(button))
                answer->click();
            else
                box->reject();
        }
    });
}

} // namespace

TEST(BoardPackDialogTest, BuildsPreviewsForTheChosenReviewAndPaper)
{
    DemoWorkspace demo;
    BoardPackDialog dialog(demo.workspace.get());
    // The newest review is chosen first.
    EXPECT_EQ(dialog.options().reviewName, u"Board May 2026"_qs);
    BoardPackWriter writer(BoardPack::build(demo.workspace->store(), dialog.options()));
    EXPECT_EQ(dialog.previewPageCount(), writer.pageCount());
    ASSERT_FALSE(dialog.previewImage(0).isNull());

    ASSERT_TRUE(dialog.selectReview(QString()));
    EXPECT_TRUE(dialog.options().reviewName.isEmpty());
    EXPECT_GE(dialog.previewPageCount(), 6);
    EXPECT_EQ(dialog.suggestedFileName().left(27), u"Northgate Freight Group plc"_qs);
    EXPECT_TRUE(dialog.suggestedFileName().endsWith(u".pdf"_qs));

    dialog.setPageSize(BoardPackPageSize::Letter);
    EXPECT_EQ(dialog.options().pageSize, BoardPackPageSize::Letter);
    const QImage letter = dialog.previewImage(0);
    EXPECT_NEAR(double(letter.height()) / letter.width(), 11.0 / 8.5, 0.02);
    dialog.setPageSize(BoardPackPageSize::A4);
    EXPECT_FALSE(dialog.selectReview(u"No such review"_qs));
}

TEST(BoardPackDialogTest, ExportsAndAsksBeforeReplacing)
{
    DemoWorkspace demo;
    BoardPackDialog dialog(demo.workspace.get());
    dialog.setDesktopOpener(DesktopOpener([](const QUrl &) { return true; })); // never launches anything
    const QString path = demo.folder.path(u"pack.pdf"_qs);
    {
        MessageBoxAnswers answers({MessageBoxAnswers::click(QMessageBox::Close)}); // the confirmation
        ASSERT_TRUE(dialog.exportTo(path));
    }
    ASSERT_TRUE(QFileInfo::exists(path));
    if (popplerAvailable()) {
        EXPECT_EQ(pdfPageCount(path), dialog.previewPageCount());
    }

    // Replacing needs a yes.
    writeFile(path, "keep me");
    QString asked;
    answerNextMessageBox(QMessageBox::No, &asked);
    EXPECT_FALSE(dialog.exportTo(path));
    EXPECT_TRUE(asked.contains(u"already exists"_qs)) << asked.toStdString();
    QFile kept(path);
    ASSERT_TRUE(kept.open(QIODevice::ReadOnly));
    EXPECT_EQ(kept.readAll(), QByteArray("keep me"));
    kept.close();
    {
        MessageBoxAnswers answers(
            {MessageBoxAnswers::click(QMessageBox::Yes), MessageBoxAnswers::click(QMessageBox::Close)});
        EXPECT_TRUE(dialog.exportTo(path));
    }
    QFile replaced(path);
    ASSERT_TRUE(replaced.open(QIODevice::ReadOnly));
    EXPECT_TRUE(replaced.readAll().startsWith("%PDF-"));

    // A folder that does not exist is an error shown to the user, and nothing is written.
    QString error;
    answerNextMessageBox(QMessageBox::Ok, &error);
    EXPECT_FALSE(dialog.exportTo(demo.folder.path(u"nowhere/pack.pdf"_qs)));
    EXPECT_TRUE(error.contains(u"does not exist"_qs)) << error.toStdString();
}
