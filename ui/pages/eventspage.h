#pragma once

#include "core/domain/boardrecords.h"
#include "ui/widgets/recordtable.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace quorum {

class DateField;

class Workspace;

/**
 * Asks for an exercise or incident with all its fields: kind, date (never after today), title, the
 * actions it evidences, and the summary, stakeholders involved, lessons learned and follow-ups as
 * several lines of plain text. The title and actions are checked as they are typed.
 */
class EventDialog : public QDialog {
    Q_OBJECT

public:
    EventDialog(Workspace *workspace, BoardEvent::Kind kind, QWidget *parent = nullptr);

    void setEvent(const BoardEvent &event);
    /** The event entered; the id is the one given to setEvent. */
    BoardEvent event() const;
    /** Empty when what was entered can be saved; otherwise a sentence saying what to change. */
    QString problem() const;

private:
    void validate();

    Workspace *m_workspace;
    qint64 m_id = 0;
    QComboBox *m_kind;
    DateField *m_date;
    QLineEdit *m_title;
    QLineEdit *m_actions;
    QPlainTextEdit *m_summary;
    QPlainTextEdit *m_stakeholders;
    QPlainTextEdit *m_lessons;
    QPlainTextEdit *m_followUps;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

/**
 * Incident-plan exercises (D2) and real incidents with their lessons (D4): whether D2's "at least annual"
 * exercising is met today (the same rule as the attention item), the list newest first, and the details
 * of the selected one. New exercise, new incident, edit, remove; every change goes through the
 * workspace, so it is audited and undoable.
 */
class EventsPage : public QWidget {
    Q_OBJECT

public:
    explicit EventsPage(Workspace *workspace, QWidget *parent = nullptr);

    RecordTable *eventList() const { return m_events; }
    /** The D2 line at the top of the page, for example "Met" and the latest exercise. */
    QString exerciseStatusText() const;
    /** Whether D2's annual exercising is met today (true when D2 is rated Not applicable). */
    bool exerciseRequirementMet() const { return m_exerciseMet; }
    /** The details of the selected event as shown (plain text). */
    QString detailsText() const;
    qint64 currentEventId() const;
    /** Selects an exercise or incident. */
    void showBoardEvent(qint64 eventId);

    void newExercise();
    void newIncident();
    void editEvent();
    /** Asks, then removes the selected exercise or incident. */
    void removeEvent();

private:
    void reload();
    void refreshExerciseStatus();
    void showSelected();
    void addEvent(BoardEvent::Kind kind);

    Workspace *m_workspace;
    QLabel *m_exerciseChip;
    QLabel *m_exerciseStatus;
    bool m_exerciseMet = false;
    RecordTable *m_events;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QLabel *m_detailsHeading;
    QPlainTextEdit *m_summary;
    QPlainTextEdit *m_stakeholders;
    QPlainTextEdit *m_lessons;
    QPlainTextEdit *m_followUps;
};

} // namespace quorum
