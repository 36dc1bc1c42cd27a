// quorum-cli export FILE.pdf: the board pack from the command line, through the real binary, with no
// display (the CLI starts an offscreen QApplication for it).

#include "test_boardpack_tools.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace quorum::test;

namespace {

class BoardPackCli : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_folder = new TempFolder;
        s_db = s_folder->path(u"demo.quorum"_qs);
        const ProcessResult init = runCli({u"--db"_qs, s_db, u"init"_qs, u"--demo"_qs});
        ASSERT_EQ(init.exitCode, 0) << init.err.toStdString();
    }
    static void TearDownTestSuite()
    {
        delete s_folder;
        s_folder = nullptr;
    }

    /** Runs quorum-cli on the demo database, without a display. */
    static ProcessResult cli(const QStringList &arguments)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_qs);
        env.remove(u"WAYLAND_DISPLAY"_qs);
        env.remove(u"QT_QPA_PLATFORM"_qs);
        return runCli(QStringList{u"--db"_qs, s_db} + arguments, env);
    }

    TempFolder m_out;
    static TempFolder *s_folder;
    static QString s_db;
};

TempFolder *BoardPackCli::s_folder = nullptr;
QString BoardPackCli::s_db;

void expectOneLineError(const ProcessResult &result, int code, const QString &fragment)
{
    EXPECT_EQ(result.exitCode, code) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(u"quorum-cli: "_qs)) << result.err.toStdString();
    EXPECT_TRUE(result.err.contains(fragment)) << result.err.toStdString();
}

} // namespace

TEST_F(BoardPackCli, ExportsTheCurrentStateWithoutADisplay)
{
    const QString path = m_out.path(u"pack.pdf"_qs);
    const ProcessResult result = cli({u"export"_qs, path});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"the current state"_qs)) << result.out.toStdString();
    EXPECT_TRUE(result.out.contains(u"A4"_qs));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_TRUE(file.read(5) == "%PDF-");
    if (popplerAvailable()) {
        const int pages = pdfPageCount(path);
        EXPECT_GE(pages, 6);
        EXPECT_LE(pages, 12);
        EXPECT_TRUE(result.out.contains(u"%1 pages"_qs.arg(pages))) << result.out.toStdString();
    }
}

TEST_F(BoardPackCli, ExportsAReviewOnLetterPaper)
{
    const QString path = m_out.path(u"May.PDF"_qs);
    const ProcessResult result =
        cli({u"export"_qs, path, u"--review"_qs, u"board may 2026"_qs, u"--page-size=letter"_qs});
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(result.out.contains(u"Board May 2026"_qs)) << result.out.toStdString();
    if (!popplerAvailable())
        return;
    EXPECT_TRUE(pdfInfo(path).contains(u"612 x 792 pts (letter)"_qs));
    EXPECT_TRUE(pdfInfo(path).contains(u"Board pack: Northgate Freight Group plc - Board May 2026"_qs));
    EXPECT_TRUE(pdfText(path, 1).contains(u"Board meeting of 15 May 2026"_qs));
}

TEST_F(BoardPackCli, RefusesToOverwriteWithoutForce)
{
    const QString path = m_out.path(u"pack.pdf"_qs);
    writeFile(path, "an earlier pack");
    const QByteArray before = fileSha256(path);
    expectOneLineError(cli({u"export"_qs, path}), 2, u"already exists; add --force"_qs);
    EXPECT_EQ(fileSha256(path), before);
    const ProcessResult forced = cli({u"export"_qs, path, u"--force"_qs});
    EXPECT_EQ(forced.exitCode, 0) << forced.err.toStdString();
    EXPECT_NE(fileSha256(path), before);
}

TEST_F(BoardPackCli, SameDatabaseAndDateGiveTheSameText)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils is not installed";
    const QString first = m_out.path(u"first.pdf"_qs);
    const QString second = m_out.path(u"second.pdf"_qs);
    ASSERT_EQ(cli({u"export"_qs, first, u"--review"_qs, u"Board May 2026"_qs}).exitCode, 0);
    ASSERT_EQ(cli({u"export"_qs, second, u"--review"_qs, u"Board May 2026"_qs}).exitCode, 0);
    EXPECT_EQ(pdfText(first), pdfText(second));
    EXPECT_EQ(pdfInfo(first, {u"-isodates"_qs}).remove(QRegularExpression(u"File size:[^\n]*"_qs)),
              pdfInfo(second, {u"-isodates"_qs}).remove(QRegularExpression(u"File size:[^\n]*"_qs)));
}

TEST_F(BoardPackCli, SourceDateEpochFixesTheCreationStamp)
{
    if (!popplerAvailable())
        GTEST_SKIP() << "poppler-utils is not installed";
    const QString path = m_out.path(u"epoch.pdf"_qs);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"SOURCE_DATE_EPOCH"_qs, u"1780000000"_qs); // 2026-05-28 20:26:40 UTC
    const ProcessResult result = runCli({u"--db"_qs, s_db, u"export"_qs, path}, env);
    ASSERT_EQ(result.exitCode, 0) << result.err.toStdString();
    EXPECT_TRUE(pdfText(path, 2).contains(u"Created 28 May 2026 20:26 UTC"_qs));
    env.insert(u"SOURCE_DATE_EPOCH"_qs, u"yesterday"_qs);
    expectOneLineError(runCli({u"--db"_qs, s_db, u"export"_qs, m_out.path(u"bad.pdf"_qs)}, env), 2,
                       u"SOURCE_DATE_EPOCH"_qs);
}

TEST_F(BoardPackCli, BadUsageGivesExitTwo)
{
    const QString path = m_out.path(u"x.pdf"_qs);
    expectOneLineError(cli({u"export"_qs, path, u"--review"_qs, u"Board Mya 2026"_qs}), 2, u"Board May 2026"_qs);
    expectOneLineError(cli({u"export"_qs, path, u"--page-size"_qs, u"legal"_qs}), 2, u"a4 or letter"_qs);
    expectOneLineError(cli({u"export"_qs, path, u"--what"_qs, u"actions"_qs}), 2, u"--what"_qs);
    expectOneLineError(cli({u"export"_qs, m_out.path(u"x.csv"_qs), u"--review"_qs, u"Board May 2026"_qs}), 2,
                       u"--review and --page-size"_qs);
    expectOneLineError(cli({u"export"_qs, path, u"--paper"_qs, u"a4"_qs}), 2, u"--paper"_qs);
    expectOneLineError(cli({u"export"_qs, m_out.path(u"missing/x.pdf"_qs)}), 2, u"does not exist"_qs);
    EXPECT_FALSE(QFileInfo::exists(path));
}

TEST_F(BoardPackCli, UnopenableDatabaseGivesExitThree)
{
    const ProcessResult result =
        runCli({u"--db"_qs, m_out.path(u"missing.quorum"_qs), u"export"_qs, m_out.path(u"x.pdf"_qs)});
    EXPECT_EQ(result.exitCode, 3) << result.err.toStdString();
    EXPECT_FALSE(QFileInfo::exists(m_out.path(u"x.pdf"_qs)));
}
