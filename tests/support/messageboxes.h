#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QList>
#include <QMessageBox>
#include <QTimer>

#include <functional>

namespace quorum::test {

/**
 * Answers the message boxes that open while it lives, one answer each, in order: unlike a single-shot
 * timer it also reaches a box that opens after another one closed (a question, then a confirmation).
 */
class MessageBoxAnswers {
public:
    using Answer = std::function<void(QMessageBox *)>;

    explicit MessageBoxAnswers(QList<Answer> answers)
        : m_answers(std::move(answers))
    {
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box || !box->isVisible() || box->property("answered").toBool() || m_answers.isEmpty())
                return;
            box->setProperty("answered", true);
            m_texts << box->text();
            m_answers.takeFirst()(box);
        });
        m_timer.start(0);
    }

    /** Clicks the standard @p button (a click, so that QMessageBox::question reports it). */
    static Answer click(QMessageBox::StandardButton button)
    {
        return [button](QMessageBox *box) {
            if (QAbstractButton *answer = box->button(button))
                answer->click();
            else
                box->reject();
        };
    }
    /** Clicks the button whose text, without its '&', is @p text. */
    static Answer clickText(const QString &text)
    {
        return [text](QMessageBox *box) {
            for (QAbstractButton *button : box->buttons()) {
                if (button->text().remove(u'&') == text) {
                    button->click();
                    return;
                }
            }
            box->reject();
        };
    }

    /** The texts of the boxes answered so far. */
    const QStringList &texts() const { return m_texts; }
    /** True once every answer was given. */
    bool done() const { return m_answers.isEmpty(); }

private:
    QList<Answer> m_answers;
    QStringList m_texts;
    QTimer m_timer;
};

} // namespace quorum::test
