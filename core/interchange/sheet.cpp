#include "core/interchange/sheet.h"
namespace quorum {

namespace {

bool startsFormula(QStringView text)
{
    if (text.isEmpty())
        return false;
    const QChar first = text.front();
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
}

bool isEscaped(QStringView text)
{
    qsizetype apostrophes = 0;
    while (apostrophes < text.size() && text[apostrophes] == u'\'')
        ++apostrophes;
    return apostrophes > 0 && startsFormula(text.mid(apostrophes));
}

} // namespace

QString spreadsheetSafeText(const QString &text)
{
    if (startsFormula(text) || isEscaped(text))
        return QLatin1Char('\'') + text;
    return text;
}

QString fromSpreadsheetText(const QString &text)
{
    return isEscaped(text) ? text.mid(1) : text;
}

QString columnLetters(int column)
{
    QString letters;
    int n = column + 1;
    while (n > 0) {
        const int remainder = (n - 1) % 26;
        letters.prepend(QChar(u'A' + remainder));
        n = (n - 1) / 26;
    }
    return letters;
}

QString ReadTable::location(const Row &row, int column) const
{
    if (cellRefs)
        return columnLetters(column) + QString::number(row.line);
    return QStringLiteral("line %1").arg(row.line);
}

} // namespace quorum
