#pragma once

#include <QString>
#include <QTextDocument>

namespace quorum {

/**
 * @p text (typed by a user or read from a file) for a place that renders rich text whenever the text
 * looks like markup: tool tips, message boxes, labels left in Qt::AutoText. Text that looks like markup
 * is escaped, so that it always shows exactly as typed and never loads anything.
 */
inline QString plainForRichText(const QString &text)
{
    return Qt::mightBeRichText(text) ? Qt::convertFromPlainText(text) : text;
}

} // namespace quorum
