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

WrappedLabel::Measured WrappedLabel::measured() const
{
    return {text(), font(), textFormat(), alignment(), margin(), indent(), wordWrap()};
}

int WrappedLabel::heightForWidth(int width) const
{
    // QLabel's setters are not virtual and send no event: a change is noticed here.
    Measured now = measured();
    if (!(now == m_measured)) {
        m_heights.clear();
        m_measured = std::move(now);
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
