#include "ui/widgets/datefield.h"

#include "core/domain/error.h"
#include "core/domain/userdate.h"

#include <QCalendarWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace quorum {

namespace {

const QColor kProblemColour(0xB0, 0x00, 0x20);

} // namespace

DateField::DateField(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_calendarButton(new QToolButton(this))
    , m_message(new QLabel(this))
{
    m_edit->setObjectName(QStringLiteral("dateText"));
    m_edit->setPlaceholderText(tr("dd/mm/yyyy"));
    m_edit->setClearButtonEnabled(false);
    m_edit->installEventFilter(this);
    m_calendarButton->setObjectName(QStringLiteral("calendarButton"));
    m_calendarButton->setText(QStringLiteral("\u25BE"));
    m_calendarButton->setToolTip(tr("Pick the date from a calendar (Alt+Down)"));
    m_calendarButton->setAccessibleName(tr("Calendar"));
    // Tab goes from the date to the next field; the calendar is reached with Alt+Down or F4.
    m_calendarButton->setFocusPolicy(Qt::NoFocus);
    m_message->setObjectName(QStringLiteral("dateProblem"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    QPalette messagePalette = m_message->palette();
    messagePalette.setColor(QPalette::WindowText, kProblemColour);
    m_message->setPalette(messagePalette);
    m_message->hide();

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(2);
    row->addWidget(m_edit, 1);
    row->addWidget(m_calendarButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_message);
    setFocusProxy(m_edit);
    setFocusPolicy(m_edit->focusPolicy());
    setRequired(false);

    // editingFinished: Enter, or leaving the field. commit() emits only for a real change.
    connect(m_edit, &QLineEdit::editingFinished, this, &DateField::commit);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        // Once a problem is shown, say as soon as the text is right; never nag while the first try is typed.
        if (!m_message->isHidden())
            showProblem(problem());
        Q_EMIT textEdited();
    });
    connect(m_calendarButton, &QToolButton::clicked, this, &DateField::openCalendar);
}

DateField::~DateField()
{
    // The line edit is destroyed after this part of the object, and losing focus then emits editingFinished:
    // nothing of it may reach commit() once the field is being destroyed (a closing dialog commits nothing).
    m_edit->disconnect(this);
}

QDate DateField::date() const
{
    const UserDate read = parseUserDate(m_edit->text());
    return problem().isEmpty() ? read.date : QDate();
}

void DateField::setDate(const QDate &date)
{
    m_committed = date.isValid() ? date : QDate();
    m_edit->setText(formatUserDate(m_committed));
    m_edit->setModified(false);
    showProblem({});
}

void DateField::setRequired(bool required)
{
    m_required = required;
    m_edit->setToolTip(required ? tr("Type the date as 31/03/2027, 31 Mar 2027 or 2027-03-31, or press Alt+Down for "
                                     "a calendar.")
                                : tr("Type the date as 31/03/2027, 31 Mar 2027 or 2027-03-31, or press Alt+Down for "
                                     "a calendar. Leave it empty for no date."));
}

void DateField::setMinimumDate(const QDate &date)
{
    m_minimum = date;
}

void DateField::setMaximumDate(const QDate &date)
{
    m_maximum = date;
}

QString DateField::problem() const
{
    const UserDate read = parseUserDate(m_edit->text());
    if (read.empty)
        return m_required ? tr("Enter a date, such as 31/03/2027.") : QString();
    if (!read.problem.isEmpty())
        return read.problem;
    if (m_minimum.isValid() && read.date < m_minimum)
        return tr("The date cannot be before %1.").arg(formatUserDate(m_minimum));
    if (m_maximum.isValid() && read.date > m_maximum)
        return tr("The date cannot be after %1.").arg(formatUserDate(m_maximum));
    return {};
}

bool DateField::check()
{
    const QString text = problem();
    showProblem(text);
    return text.isEmpty();
}

void DateField::checkOrThrow()
{
    if (!check())
        throw Error(Error::Kind::InvalidInput, problem());
}

void DateField::commit()
{
    if (!check())
        return; // nothing is committed from text that is not an acceptable date
    const QDate value = date();
    const QString shown = formatUserDate(value);
    if (m_edit->text() != shown)
        m_edit->setText(shown);
    if (value == m_committed)
        return;
    m_committed = value;
    Q_EMIT dateEdited(value);
}

void DateField::showProblem(const QString &problem)
{
    m_message->setText(problem);
    m_message->setVisible(!problem.isEmpty());
    if (problem.isEmpty()) {
        m_edit->setPalette(QPalette()); // back to the inherited colours
    } else {
        QPalette palette = m_edit->palette();
        palette.setColor(QPalette::Text, kProblemColour);
        m_edit->setPalette(palette);
    }
    m_edit->setAccessibleDescription(problem);
}

bool DateField::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_F4 || (key->key() == Qt::Key_Down && key->modifiers().testFlag(Qt::AltModifier))) {
            openCalendar();
            return true;
        }
        // Escape takes back what was typed; only when there is nothing to take back does it reach the dialog.
        if (key->key() == Qt::Key_Escape && m_edit->text() != formatUserDate(m_committed)) {
            setDate(m_committed);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DateField::openCalendar()
{
    if (!isEnabled())
        return;
    auto *popup = new QFrame(this, Qt::Popup);
    popup->setObjectName(QStringLiteral("calendarPopup"));
    popup->setAttribute(Qt::WA_DeleteOnClose);
    popup->setFrameShape(QFrame::StyledPanel);
    auto *calendar = new QCalendarWidget(popup);
    calendar->setFirstDayOfWeek(Qt::Monday);
    calendar->setGridVisible(true);
    if (m_minimum.isValid())
        calendar->setMinimumDate(m_minimum);
    if (m_maximum.isValid())
        calendar->setMaximumDate(m_maximum);
    const QDate shown = date().isValid() ? date() : m_committed.isValid() ? m_committed : QDate::currentDate();
    calendar->setSelectedDate(shown);
    auto *layout = new QVBoxLayout(popup);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(calendar);
    const auto pick = [this, popup](const QDate &picked) {
        m_edit->setText(formatUserDate(picked));
        popup->close();
        m_edit->setFocus(Qt::PopupFocusReason);
        commit();
    };
    connect(calendar, &QCalendarWidget::clicked, popup, pick);
    connect(calendar, &QCalendarWidget::activated, popup, pick);
    popup->adjustSize();
    popup->move(m_edit->mapToGlobal(QPoint(0, m_edit->height())));
    popup->show();
    calendar->setFocus(Qt::PopupFocusReason);
}

} // namespace quorum
