#pragma once

#include <QDate>
#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace quorum {

/**
 * Every date a person enters in Quorum: a line edit with a calendar button. It reads what is typed with
 * parseUserDate (31/03/2027, 31 Mar 2027, 2027-03-31), shows dates UK style ("31 Mar 2027"), and shows
 * text that is not an acceptable date in red with a message under it, never turning it into another day.
 * A change is committed once, when the field is left, on Enter or on a pick from the calendar, and only
 * when the date actually changed; text that is not a date commits nothing. Tab leaves the field (the
 * calendar button is not in the tab chain; Alt+Down or F4 opens the calendar from the keyboard).
 * An optional field (the default) may be left empty for "no date"; a required one may not.
 */
class DateField : public QWidget {
    Q_OBJECT

public:
    explicit DateField(QWidget *parent = nullptr);
    ~DateField() override;

    /** The date the text says now; invalid when it is empty or not an acceptable date (see problem()). */
    QDate date() const;
    /** Shows @p date (nothing for an invalid date) and takes it as the committed value; emits nothing. */
    void setDate(const QDate &date);

    void setRequired(bool required);
    bool isRequired() const { return m_required; }
    void setMinimumDate(const QDate &date);
    void setMaximumDate(const QDate &date);
    QDate minimumDate() const { return m_minimum; }
    QDate maximumDate() const { return m_maximum; }

    /** Why the text is not an acceptable date (a sentence), or empty when it is. */
    QString problem() const;
    /** Shows the problem in red (or clears it) now; true when the text is acceptable. For dialogs' OK. */
    bool check();
    /** The same, but a problem is thrown as an InvalidInput Error (for a dialog run by execUntilSaved). */
    void checkOrThrow();

    QLineEdit *lineEdit() const { return m_edit; }

Q_SIGNALS:
    /** The person committed a different date (invalid: cleared). Never emitted by setDate() or for bad text. */
    void dateEdited(const QDate &date);
    /** The text changed as the person typed (for dialogs that check as one types). */
    void textEdited();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commit();
    void showProblem(const QString &problem);
    void openCalendar();

    QLineEdit *m_edit;
    QToolButton *m_calendarButton;
    QLabel *m_message;
    QDate m_committed;
    QDate m_minimum;
    QDate m_maximum;
    bool m_required = false;
};

} // namespace quorum
