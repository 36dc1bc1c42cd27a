#pragma once

#include <QFont>
#include <QHash>
#include <QLabel>

namespace quorum {

/**
 * A QLabel for wrapped text that remembers its height for each width. QLabel lays its text out again each
 * time a layout asks its height for a width, and a page's nested layouts ask dozens of times while a window
 * settles (the dashboard's tiles and principle labels); the answer depends only on the text, the font and the
 * width (and the label's format, alignment, margin, indent and wrapping), so it is kept until one of them changes.
 */
class WrappedLabel : public QLabel {
    Q_OBJECT

public:
    explicit WrappedLabel(QWidget *parent = nullptr);
    explicit WrappedLabel(const QString &text, QWidget *parent = nullptr);
    int heightForWidth(int width) const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    /** What QLabel's height for a width depends on, besides the width (contents margins and style: changeEvent). */
    struct Measured {
        QString text;
        QFont font;
        Qt::TextFormat format = Qt::AutoText;
        Qt::Alignment alignment;
        int margin = 0;
        int indent = 0;
        bool wordWrap = false;
        bool operator==(const Measured &other) const = default;
    };
    Measured measured() const;

    mutable QHash<int, int> m_heights; ///< heightForWidth's answers for m_measured
    mutable Measured m_measured;
};

} // namespace quorum
