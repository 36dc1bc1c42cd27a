#pragma once

// Reading a PDF back with poppler-utils (pdftotext, pdfinfo, pdfimages), for the board pack tests.

#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace quorum::test {

inline bool popplerAvailable()
{
    return !QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty()
           && !QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).isEmpty();
}

inline QString runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

/** The text of the whole PDF, of one page (1-based), or of pages @p first to @p last. */
inline QString pdfText(const QString &path, int first = 0, int last = 0)
{
    QStringList arguments{QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (first > 0)
        arguments << QStringLiteral("-f") << QString::number(first) << QStringLiteral("-l")
                  << QString::number(last > 0 ? last : first);
    return runTool(QStringLiteral("pdftotext"), arguments << path << QStringLiteral("-"));
}

inline QString pdfInfo(const QString &path, const QStringList &options = {})
{
    return runTool(QStringLiteral("pdfinfo"), QStringList(options) << path);
}

inline int pdfPageCount(const QString &path)
{
    for (const QString &line : pdfInfo(path).split(QLatin1Char('\n'))) {
        if (line.startsWith(QStringLiteral("Pages:")))
            return line.mid(6).trimmed().toInt();
    }
    return -1;
}

/** Images embedded in the PDF (pdfimages -list prints two heading lines, then one line per image). */
inline int pdfImageCount(const QString &path)
{
    const QStringList lines = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path})
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return int(lines.size()) - 2;
}

} // namespace quorum::test
