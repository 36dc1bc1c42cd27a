#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QList>
#include <QMessageBox>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

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

/** Answers modal windows in turn as they open; each step gets the active modal widget and must close it. */
class ModalScript {
public:
    explicit ModalScript(QList<std::function<void(QWidget *)>> steps)
        : m_steps(std::move(steps))
    {
        m_timer.setInterval(10);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (!modal || !modal->isVisible() || m_next >= m_steps.size())
                return;
            m_steps[m_next++](modal);
        });
        m_timer.start();
    }
    bool finished() const { return m_next == m_steps.size(); }

private:
    QList<std::function<void(QWidget *)>> m_steps;
    qsizetype m_next = 0;
    QTimer m_timer;
};

/** Clicks the standard @p button of @p modal, which must be a message box. */
inline void clickButton(QWidget *modal, QMessageBox::StandardButton button)
{
    auto *box = qobject_cast<QMessageBox *>(modal);
    ASSERT_NE(box, nullptr);
    box->button(button)->click();
}

/**
 * Gives @p widget the keyboard focus in its active window (again after a dialog closed), as a person
 * would; @p reason says how (a click into a field is Qt::MouseFocusReason).
 */
inline bool focus(QWidget *widget, Qt::FocusReason reason = Qt::OtherFocusReason)
{
    widget->window()->activateWindow();
    if (!QTest::qWaitForWindowActive(widget->window()))
        return false;
    widget->setFocus(reason);
    return widget->hasFocus();
}

/** The OK button of a dialog with a button box. */
inline QPushButton *okButton(QWidget *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

/** Types @p text into the line edit called @p name in @p dialog. */
inline void setText(QWidget *dialog, const char *name, const QString &text)
{
    auto *edit = dialog->findChild<QLineEdit *>(QString::fromLatin1(name));
    ASSERT_NE(edit, nullptr) << name;
    edit->setText(text);
}

} // namespace quorum::test
