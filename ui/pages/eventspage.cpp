#include "ui/pages/eventspage.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/rules/boardrules.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/prompts.h"
#include "ui/widgets/ragcolors.h"
#include "ui/widgets/readonlyguard.h"
#include "ui/widgets/recordtable.h"
#include "ui/widgets/refreshwhenshown.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace quorum {

namespace {

enum EventColumn { DateColumn, KindColumn, TitleColumn, ActionsColumn };

QStringList parseActionIds(const QString &text)
{
    QStringList ids;
    for (const QString &part : text.split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        ids << part.trimmed().toUpper();
    return ids;
}

QPlainTextEdit *textBox(const QString &objectName, QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setObjectName(objectName);
    edit->setTabChangesFocus(true);
    return edit;
}

} // namespace

// ---- EventDialog ---------------------------------------------------------------------------------

EventDialog::EventDialog(Workspace *workspace, BoardEvent::Kind kind, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_kind(new QComboBox(this))
    , m_date(new DateField(this))
    , m_title(new QLineEdit(this))
    , m_actions(new QLineEdit(this))
    , m_summary(textBox(QStringLiteral("summary"), this))
    , m_stakeholders(textBox(QStringLiteral("stakeholders"), this))
    , m_lessons(textBox(QStringLiteral("lessons"), this))
    , m_followUps(textBox(QStringLiteral("followUps"), this))
    , m_problem(problemLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    const bool exercise = kind == BoardEvent::Kind::Exercise;
    setWindowTitle(exercise ? tr("New exercise") : tr("New incident"));
    for (BoardEvent::Kind each : {BoardEvent::Kind::Exercise, BoardEvent::Kind::Incident})
        m_kind->addItem(boardEventKindLabel(each), QVariant::fromValue(int(each)));
    m_kind->setCurrentIndex(exercise ? 0 : 1);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_date->setObjectName(QStringLiteral("date"));
    m_title->setObjectName(QStringLiteral("title"));
    m_actions->setObjectName(QStringLiteral("actions"));
    m_date->setRequired(true);
    m_date->setDate(workspace->store().clock().today());
    m_date->setMaximumDate(workspace->store().clock().today()); // recorded once it has happened
    m_title->setMaxLength(Store::kMaxNameChars);
    m_title->setPlaceholderText(exercise ? tr("for example Ransomware tabletop exercise")
                                         : tr("for example Invoice fraud attempt"));
    m_actions->setText(exercise ? QStringLiteral("D2") : QStringLiteral("D4"));
    m_actions->setPlaceholderText(tr("for example D2, D1"));
    m_summary->setPlaceholderText(exercise ? tr("The scenario and how the exercise ran")
                                           : tr("What happened, its impact and how it was handled"));
    m_stakeholders->setPlaceholderText(tr("Who took part: board, executives, teams, suppliers, insurers"));
    m_lessons->setPlaceholderText(tr("What worked and what did not"));
    m_followUps->setPlaceholderText(tr("The actions agreed, with owners"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Date:"), m_date);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("Evidences a&ctions:"), m_actions);
    form->addRow(tr("&Summary:"), m_summary);
    form->addRow(tr("Stakeholders &involved:"), m_stakeholders);
    form->addRow(tr("&Lessons learned:"), m_lessons);
    form->addRow(tr("&Follow-ups:"), m_followUps);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_title, &QLineEdit::textChanged, this, &EventDialog::validate);
    connect(m_actions, &QLineEdit::textChanged, this, &EventDialog::validate);
    connect(m_date, &DateField::textEdited, this, &EventDialog::validate);
    connect(m_date, &DateField::dateEdited, this, &EventDialog::validate);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        setWindowTitle(m_id ? tr("Edit %1").arg(m_kind->currentText().toLower())
                            : tr("New %1").arg(m_kind->currentText().toLower()));
    });
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    validate();
    resize(640, 600);
}

void EventDialog::setEvent(const BoardEvent &event)
{
    m_id = event.id;
    m_kind->setCurrentIndex(event.kind == BoardEvent::Kind::Exercise ? 0 : 1);
    setWindowTitle(tr("Edit %1").arg(boardEventKindLabel(event.kind).toLower()));
    // An event recorded today may not be moved later than today, but keep its own date if it is later.
    if (event.occurredOn > m_date->maximumDate())
        m_date->setMaximumDate(event.occurredOn);
    m_date->setDate(event.occurredOn);
    m_title->setText(event.title);
    m_actions->setText(event.actionIds.join(QStringLiteral(", ")));
    m_summary->setPlainText(event.summary);
    m_stakeholders->setPlainText(event.stakeholders);
    m_lessons->setPlainText(event.lessons);
    m_followUps->setPlainText(event.followUps);
    validate();
}

BoardEvent EventDialog::event() const
{
    BoardEvent event;
    event.id = m_id;
    event.kind = BoardEvent::Kind(m_kind->currentData().toInt());
    event.occurredOn = m_date->date();
    event.title = m_title->text().trimmed();
    event.summary = m_summary->toPlainText().trimmed();
    event.stakeholders = m_stakeholders->toPlainText().trimmed();
    event.lessons = m_lessons->toPlainText().trimmed();
    event.followUps = m_followUps->toPlainText().trimmed();
    event.actionIds = parseActionIds(m_actions->text());
    return event;
}

QString EventDialog::problem() const
{
    if (const QString date = m_date->problem(); !date.isEmpty())
        return date;
    if (m_title->text().trimmed().isEmpty())
        return tr("Give it a title.");
    for (const QString &id : parseActionIds(m_actions->text())) {
        if (m_workspace->knownItem(id).isEmpty())
            return tr("There is no action \"%1\"; the actions are A1 to E5, and another framework's items are "
                      "KEY:ID (ssc:3.2).")
                .arg(id);
    }
    return {};
}

void EventDialog::validate()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

// ---- EventsPage ----------------------------------------------------------------------------------

EventsPage::EventsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_exerciseChip(new QLabel(this))
    , m_exerciseStatus(new QLabel(this))
    , m_events(new RecordTable({tr("Date"), tr("Kind"), tr("Title"), tr("Actions")}, this))
    , m_edit(new QPushButton(tr("Ed&it..."), this))
    , m_remove(new QPushButton(tr("Re&move"), this))
    , m_detailsHeading(new QLabel(this))
    , m_summary(textBox(QStringLiteral("summary"), this))
    , m_stakeholders(textBox(QStringLiteral("stakeholders"), this))
    , m_lessons(textBox(QStringLiteral("lessons"), this))
    , m_followUps(textBox(QStringLiteral("followUps"), this))
{
    m_exerciseChip->setTextFormat(Qt::PlainText);
    m_exerciseChip->setAlignment(Qt::AlignCenter);
    m_exerciseChip->setMinimumWidth(90);
    m_exerciseStatus->setTextFormat(Qt::PlainText);
    m_exerciseStatus->setWordWrap(true);
    m_exerciseStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_events->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_events->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_events->setRowActions(
        workspace, [this] { editEvent(); }, [this] { removeEvent(); },
        tr("Enter or double-click edits; Delete removes."));

    m_detailsHeading->setTextFormat(Qt::PlainText);
    m_detailsHeading->setWordWrap(true);
    QFont bold = m_detailsHeading->font();
    bold.setBold(true);
    m_detailsHeading->setFont(bold);
    for (QPlainTextEdit *box : {m_summary, m_stakeholders, m_lessons, m_followUps})
        box->setReadOnly(true);

    auto *newExercise = new QPushButton(tr("New e&xercise..."), this);
    auto *newIncident = new QPushButton(tr("New i&ncident..."), this);
    connect(newExercise, &QPushButton::clicked, this, &EventsPage::newExercise);
    connect(newIncident, &QPushButton::clicked, this, &EventsPage::newIncident);
    connect(m_edit, &QPushButton::clicked, this, &EventsPage::editEvent);
    connect(m_remove, &QPushButton::clicked, this, &EventsPage::removeEvent);
    connect(m_events, &QTableWidget::currentCellChanged, this, &EventsPage::showSelected);
    connect(workspace, &Workspace::eventsChanged, this, &EventsPage::reload);
    for (QWidget *control : std::initializer_list<QWidget *>{newExercise, newIncident, m_edit, m_remove})
        markAsEditControl(control, workspace, Capability::EditMetricsEvents);
    // D2 may be rated Not applicable, and the date moves on: recompute on any change, when shown.
    auto *statusRefresh = new RefreshWhenShown(this, [this] { refreshExerciseStatus(); });
    connect(workspace, &Workspace::dataChanged, statusRefresh, &RefreshWhenShown::request);

    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_exerciseChip, 0, Qt::AlignTop);
    statusRow->addWidget(m_exerciseStatus, 1);

    QWidget *top = listPanel(this, nullptr, m_events, {newExercise, newIncident, m_edit, m_remove});

    auto *details = new QWidget(this);
    auto *grid = new QGridLayout(details);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_detailsHeading, 0, 0, 1, 2);
    const QList<QPair<QString, QPlainTextEdit *>> boxes{{tr("Summary"), m_summary},
                                                        {tr("Stakeholders involved"), m_stakeholders},
                                                        {tr("Lessons learned"), m_lessons},
                                                        {tr("Follow-ups"), m_followUps}};
    for (int i = 0; i < boxes.size(); ++i) {
        auto *label = new QLabel(boxes[i].first, details);
        label->setBuddy(boxes[i].second);
        grid->addWidget(label, 1 + (i / 2) * 2, i % 2);
        grid->addWidget(boxes[i].second, 2 + (i / 2) * 2, i % 2);
    }
    grid->setRowStretch(2, 1);
    grid->setRowStretch(4, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(details);
    splitter->setSizes({360, 420});
    splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(new QLabel(tr("<b>Exercises and incidents (D2, D4)</b> &mdash; exercise the incident "
                                    "response plan at least every year; record each incident and its lessons"),
                                 this));
    layout->addLayout(statusRow);
    layout->addWidget(splitter, 1);
    reload();
}

QString EventsPage::exerciseStatusText() const
{
    return QStringLiteral("%1: %2").arg(m_exerciseChip->text(), m_exerciseStatus->text());
}

QString EventsPage::detailsText() const
{
    return QStringLiteral("%1\n%2\n%3\n%4\n%5")
        .arg(m_detailsHeading->text(), m_summary->toPlainText(), m_stakeholders->toPlainText(),
             m_lessons->toPlainText(), m_followUps->toPlainText());
}

qint64 EventsPage::currentEventId() const
{
    return m_events->currentId();
}

void EventsPage::showBoardEvent(qint64 eventId)
{
    m_events->selectId(eventId);
}

void EventsPage::refreshExerciseStatus()
{
    const Store &store = m_workspace->store();
    const QDate today = store.clock().today();
    Rag rag = Rag::Green;
    QString chip;
    QString text;
    if (store.assessment(QStringLiteral("D2")).rating == Rating::NotApplicable) {
        rag = Rag::NotApplicable;
        chip = tr("Not applicable");
        text = tr("Annual exercising (D2) is not required: D2 is rated Not applicable.");
        m_exerciseMet = true;
    } else {
        const ExerciseStanding standing = exerciseStanding(store.events(), today);
        m_exerciseMet = standing.withinYear;
        if (!standing.lastExercise) {
            rag = Rag::Red;
            chip = tr("Not met");
            text = tr("Annual exercising (D2): no exercise of the incident response plan has been recorded. The "
                      "Code asks for one at least every year.");
        } else if (!standing.withinYear) {
            rag = Rag::Red;
            chip = tr("Not met");
            text = tr("Annual exercising (D2): the incident response plan was last exercised on %1 (\"%2\"), "
                      "more than 12 months ago. Hold and record an exercise.")
                       .arg(standing.lastExercise->occurredOn.toString(Qt::ISODate), standing.lastExercise->title);
        } else {
            chip = tr("Met");
            text = tr("Annual exercising (D2): the incident response plan was last exercised on %1 (\"%2\"), "
                      "within the last 12 months. Exercise it again by %3.")
                       .arg(standing.lastExercise->occurredOn.toString(Qt::ISODate), standing.lastExercise->title,
                            standing.countsUntil.toString(Qt::ISODate));
        }
    }
    m_exerciseChip->setText(chip);
    m_exerciseChip->setStyleSheet(QStringLiteral("QLabel { background: %1; color: %2; font-weight: bold; "
                                                 "padding: 4px 10px; border-radius: 4px; }")
                                      .arg(ragColor(rag).name(), ragTextColor(rag).name()));
    m_exerciseStatus->setText(text);
}

void EventsPage::reload()
{
    QList<BoardEvent> events = m_workspace->store().events();
    std::reverse(events.begin(), events.end()); // newest first
    m_events->refill(events.size(), [&](int row) {
        const BoardEvent &event = events[row];
        m_events->setRecordRow(row, event.id,
                               {event.occurredOn.toString(Qt::ISODate), boardEventKindLabel(event.kind), event.title,
                                event.actionIds.join(QStringLiteral(", "))});
        m_events->item(row, TitleColumn)->setToolTip(plainForRichText(event.title));
    });
    refreshExerciseStatus();
    showSelected();
}

void EventsPage::showSelected()
{
    const qint64 id = currentEventId();
    const auto event = id ? m_workspace->store().event(id) : std::nullopt;
    m_edit->setEnabled(event.has_value());
    m_remove->setEnabled(event.has_value());
    if (!event) {
        m_detailsHeading->setText(m_events->rowCount() == 0
                                      ? tr("No exercises or incidents yet: record the last exercise of the "
                                           "incident response plan with New exercise...")
                                      : tr("Choose an exercise or incident to see its details"));
        for (QPlainTextEdit *box : {m_summary, m_stakeholders, m_lessons, m_followUps})
            box->clear();
        return;
    }
    m_detailsHeading->setText(
        tr("%1 on %2: %3%4")
            .arg(boardEventKindLabel(event->kind), event->occurredOn.toString(Qt::ISODate), event->title,
                 event->actionIds.isEmpty() ? QString()
                                            : tr(" (actions %1)").arg(event->actionIds.join(QStringLiteral(", ")))));
    const QString none = tr("(none recorded)");
    m_summary->setPlainText(event->summary.isEmpty() ? none : event->summary);
    m_stakeholders->setPlainText(event->stakeholders.isEmpty() ? none : event->stakeholders);
    m_lessons->setPlainText(event->lessons.isEmpty() ? none : event->lessons);
    m_followUps->setPlainText(event->followUps.isEmpty() ? none : event->followUps);
}

void EventsPage::addEvent(BoardEvent::Kind kind)
{
    EventDialog dialog(m_workspace, kind, this);
    execUntilSaved(dialog, tr("Not recorded"), [&] { showBoardEvent(m_workspace->addEvent(dialog.event())); });
}

void EventsPage::newExercise()
{
    addEvent(BoardEvent::Kind::Exercise);
}

void EventsPage::newIncident()
{
    addEvent(BoardEvent::Kind::Incident);
}

void EventsPage::editEvent()
{
    const auto event = m_workspace->store().event(currentEventId());
    if (!event)
        return;
    EventDialog dialog(m_workspace, event->kind, this);
    dialog.setEvent(*event);
    int version = event->version; // what the dialog was filled from; after a refusal, what was recorded then
    execUntilSaved(dialog, tr("Not changed"), [&] {
        BoardEvent changed = dialog.event();
        changed.version = version;
        try {
            m_workspace->updateEvent(changed);
        } catch (const Error &error) {
            if (const auto now = m_workspace->store().event(changed.id); now && error.kind() == Error::Kind::Conflict)
                version = now->version;
            throw;
        }
    });
}

void EventsPage::removeEvent()
{
    const auto event = m_workspace->store().event(currentEventId());
    if (!event)
        return;
    if (!confirmInPlainText(this, tr("Remove %1").arg(boardEventKindLabel(event->kind).toLower()),
                            tr("Remove the %1 \"%2\" of %3? You can undo this with Edit > Undo.")
                                .arg(boardEventKindLabel(event->kind).toLower(), event->title,
                                     event->occurredOn.toString(Qt::ISODate))))
        return;
    try {
        m_workspace->removeEvent(event->id);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Not removed"), error.message());
    }
}

} // namespace quorum
