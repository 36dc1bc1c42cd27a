// The board pack keeps its shape however much is written (issue 13, item 13): the body prints each action's
// text up to the board length (BoardPack::kBoardTextChars) and Annex A, after the sign-off, prints it in full.
// Read back with poppler-utils.

#include "test_boardpack_tools.h"

#include "core/report/boardpack.h"
#include "testsupport.h"
#include "ui/report/boardpackwriter.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

BoardPackContent liveContent(const Store &store)
{
    BoardPackOptions options;
    options.createdAt = QDateTime(fixedToday(), QTime(12, 0), Qt::UTC);
    return BoardPack::build(store, options);
}

/** About 250 words in @p characters characters, each word unique to the action ("a1w001", ...). */
QString wordyParagraph(const QString &actionId, int characters)
{
    const QStringList fillers{u"the"_qs, u"board"_qs, u"assurance"_qs, u"of"_qs, u"risk"_qs};
    QString text;
    for (int n = 1;; ++n) {
        const QString word = n % 2 ? u"%1w%2"_qs.arg(actionId.toLower()).arg(n, 3, 10, QLatin1Char('0'))
                                   : fillers[(n / 2) % fillers.size()];
        if (text.size() + 1 + word.size() > characters)
            break;
        text += (text.isEmpty() ? QString() : u" "_qs) + word;
    }
    return text;
}

/** The page (1-based) where Annex A starts, from the second page on; 0 if the pack has none. */
int annexStart(const QString &path, int pages)
{
    for (int page = 2; page <= pages; ++page) {
        if (pdfText(path, page).contains(BoardPack::annexTitle()))
            return page;
    }
    return 0;
}

} // namespace

TEST(BoardPackAnnex, WordyCommentaryKeepsTheBodyWithinTwelvePagesAndLosesNoWord)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils is not installed";
    auto db = createDatabase(true);
    TempFolder folder;
    QHash<QString, QString> written;
    // The Code's actions (the Software Security Code's section lists its items, not their commentary).
    for (const ActionState &state : statesOfFramework(db->store->actionStates(), u"cgc"_qs)) {
        const QString paragraph = wordyParagraph(state.id, 1600);
        ASSERT_GE(paragraph.size(), 1590);
        db->store->updateAssessment(state.id, {{AssessmentField::Commentary, paragraph}});
        written.insert(state.id, paragraph);
    }
    ASSERT_EQ(written.size(), 22);

    const QString path = folder.path(u"wordy.pdf"_qs);
    BoardPackWriter writer(liveContent(*db->store));
    ASSERT_TRUE(writer.write(path));
    const int pages = pdfPageCount(path);
    EXPECT_EQ(pages, writer.pageCount());
    const int annex = annexStart(path, pages);
    ASSERT_GT(annex, 0) << "the texts past the board length are in an annex";
    const int body = annex - 1;
    // Twelve pages for the Code, and the demo's maturity page.
    EXPECT_LE(body, 13) << "the body keeps the pack's shape";
    EXPECT_EQ(writer.bodyPageCount(), body);
    EXPECT_TRUE(pdfText(path, 1).simplified().contains(
        u"%1, including this cover; then Annex A, the commentary in full, on pages %2 to %3"_qs.arg(body)
            .arg(annex)
            .arg(pages)))
        << pdfText(path, 1).toStdString();

    // No word is lost: every word of every paragraph is printed in the annex, in order.
    const QString annexText = pdfText(path, annex, pages);
    const QString bodyText = pdfText(path, 2, body);
    const QStringList annexWords = annexText.split(QRegularExpression(u"\\s+"_qs), Qt::SkipEmptyParts);
    const QSet<QString> printed(annexWords.cbegin(), annexWords.cend());
    for (auto it = written.cbegin(); it != written.cend(); ++it) {
        int missing = 0;
        for (const QString &word : it.value().split(u' ')) {
            if (!printed.contains(word))
                ++missing;
        }
        EXPECT_EQ(missing, 0) << it.key().toStdString();
        // The body prints the start of it and says where the rest is.
        EXPECT_TRUE(bodyText.contains(u"(continued in Annex A, %1)"_qs.arg(it.key()))) << it.key().toStdString();
        EXPECT_TRUE(bodyText.contains(u"%1w001"_qs.arg(it.key().toLower()))) << it.key().toStdString();
    }
    EXPECT_FALSE(bodyText.contains(BoardPack::annexTitle())) << "the annex follows the sign-off";
    EXPECT_TRUE(bodyText.contains(u"Sign-off"_qs));
    for (int page = annex; page <= pages; ++page)
        EXPECT_TRUE(pdfText(path, page).contains(u"Page %1 of %2"_qs.arg(page).arg(pages))) << page;
}

TEST(BoardPackAnnex, ShortCommentaryHasNoAnnex)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils is not installed";
    auto db = createDatabase(true);
    TempFolder folder;
    // At the limit exactly: still no annex.
    db->store->updateAssessment(
        u"A1"_qs,
        {{AssessmentField::Commentary,
          wordyParagraph(u"A1"_qs, BoardPack::kBoardTextChars).leftJustified(BoardPack::kBoardTextChars, u'x')}});
    const BoardPackContent content = liveContent(*db->store);
    ASSERT_EQ(content.principles[0].actions[0].commentary.size(), BoardPack::kBoardTextChars);
    const QString path = folder.path(u"short.pdf"_qs);
    BoardPackWriter writer(content);
    ASSERT_TRUE(writer.write(path));
    EXPECT_EQ(writer.bodyPageCount(), writer.pageCount());
    const QString text = pdfText(path);
    EXPECT_FALSE(text.contains(u"Annex A"_qs)) << "no annex, no reference to one";
    EXPECT_TRUE(text.contains(u"a1w001"_qs));
    EXPECT_TRUE(pdfText(path, 1).contains(u"%1, including this cover"_qs.arg(writer.pageCount())));
}
