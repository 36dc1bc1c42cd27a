#include "ui/widgets/wrappedlabel.h"

namespace quorum {

WrappedLabel::WrappedLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
}

WrappedLabel::WrappedLabel(const QString &text, QWidget *parent)
    : QLabel(text, parent)
{
    setWordWrap(true);
}

int WrappedLabel::heightForWidth(int width) const
{
    // setText and setFont are not virtual: a changed text or font is noticed here.
    if (text() != m_heightsText || font() != m_heightsFont) {
        m_heights.clear();
        m_heightsText = text();
        m_heightsFont = font();
    }
    const auto known = m_heights.constFind(width);
    if (known != m_heights.cend())
        return known.value();
    const int height = QLabel::heightForWidth(width);
    m_heights.insert(width, height);
    return height;
}

void WrappedLabel::changeEvent(QEvent *event)
{
    m_heights.clear(); // a style, a font or margins may measure text differently
    QLabel::changeEvent(event);
}

} // namespace quorum
