#include "core/domain/catalogue.h"
#include "core/rules/attention.h"
#include "core/samples/demodata.h"
#include "core/storage/store.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "testsupport.h"
#include "ui/pages/eventspage.h"
#include "ui/widgets/datefield.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <functional>

using namespace quorum;
using namespace quorum::test;

namespace {

/** An exercises page over a fresh demo database. */
struct DemoEvents {
    TempFolder folder;
    std::unique_ptr<Workspace> workspace;
    std::unique_ptr<EventsPage> page;

    DemoEvents()
    {
        workspace = Workspace::open(folder.path(u"events.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
        DemoData::populate(workspace->store(), fixedToday());
        page = std::make_unique<EventsPage>(workspace.get());
        page->resize(1400, 900);
        page->show();
    }

    BoardEvent eventCalled(const QString &title) const
    {
        for (const BoardEvent &event : workspace->store().events()) {
            if (event.title == title)
                return event;
        }
        ADD_FAILURE() << "no event " << title.toStdString();
        return {};
    }

    bool attentionRaisesD2() const
    {
        for (const AttentionItem &item : Attention::compute(workspace->store(), fixedToday())) {
            if (item.rule == AttentionRule::NoRecentExercise)
                return true;
        }
        return false;
    }
};

} // namespace

TEST(EventsPage, ListsTheDemoEventsNewestFirstWithTheirDetails)
{
    DemoEvents demo;
    QTableWidget *list = demo.page->eventList();
    const QList<BoardEvent> events = demo.workspace->store().events();
    ASSERT_EQ(list->rowCount(), events.size());
    ASSERT_EQ(list->rowCount(), 4);
    EXPECT_EQ(list->item(0, 2)->text(), events.last().title);
    EXPECT_EQ(list->item(0, 0)->text(), events.last().occurredOn.toString(Qt::ISODate));
    EXPECT_EQ(list->item(3, 2)->text(), events.first().title);

    const BoardEvent ransomware = demo.eventCalled(u"Ransomware tabletop exercise"_qs);
    demo.page->showBoardEvent(ransomware.id);
    EXPECT_EQ(demo.page->currentEventId(), ransomware.id);
    const int row = list->currentRow();
    EXPECT_EQ(list->item(row, 1)->text(), u"Exercise"_qs);
    EXPECT_EQ(list->item(row, 3)->text(), u"D1, D2"_qs);
    const QString details = demo.page->detailsText();
    EXPECT_TRUE(details.contains(ransomware.summary));
    EXPECT_TRUE(details.contains(ransomware.stakeholders));
    EXPECT_TRUE(details.contains(ransomware.lessons));
    EXPECT_TRUE(details.contains(ransomware.followUps));
    // The details are a read-only view.
    for (QPlainTextEdit *box : demo.page->findChildren<QPlainTextEdit *>())
        EXPECT_TRUE(box->isReadOnly());
}

TEST(EventsPage, TheD2LineFollowsTheAttentionRuleAtItsBoundary)
{
    DemoEvents demo;
    // The demo's ransomware exercise, ten months ago, meets D2.
    EXPECT_TRUE(demo.page->exerciseRequirementMet());
    EXPECT_TRUE(demo.page->exerciseStatusText().startsWith(u"Met:"_qs))
        << demo.page->exerciseStatusText().toStdString();
    EXPECT_TRUE(demo.page->exerciseStatusText().contains(u"Ransomware tabletop exercise"_qs));
    EXPECT_FALSE(demo.attentionRaisesD2());

    // A day more than 12 months old: not met, as the attention item says.
    BoardEvent exercise = demo.eventCalled(u"Ransomware tabletop exercise"_qs);
    exercise.occurredOn = fixedToday().addMonths(-12).addDays(-1);
    demo.workspace->updateEvent(exercise);
    EXPECT_FALSE(demo.page->exerciseRequirementMet());
    EXPECT_TRUE(demo.page->exerciseStatusText().startsWith(u"Not met:"_qs));
    EXPECT_TRUE(demo.page->exerciseStatusText().contains(exercise.occurredOn.toString(Qt::ISODate)));
    EXPECT_TRUE(demo.attentionRaisesD2());

    // Exactly 12 months ago still counts.
    exercise = demo.eventCalled(u"Ransomware tabletop exercise"_qs); // as the dialog reads it again
    exercise.occurredOn = fixedToday().addMonths(-12);
    demo.workspace->updateEvent(exercise);
    EXPECT_TRUE(demo.page->exerciseRequirementMet());
    EXPECT_TRUE(demo.page->exerciseStatusText().contains(u"again by %1"_qs.arg(fixedToday().toString(Qt::ISODate))));
    EXPECT_FALSE(demo.attentionRaisesD2());

    // Undo goes back to the older date, and the page follows.
    demo.workspace->undoStack()->undo();
    EXPECT_FALSE(demo.page->exerciseRequirementMet());

    // An incident is not an exercise.
    BoardEvent incident;
    incident.kind = BoardEvent::Kind::Incident;
    incident.occurredOn = fixedToday();
    incident.title = u"Ransomware at a supplier"_qs;
    demo.workspace->addEvent(incident);
    EXPECT_FALSE(demo.page->exerciseRequirementMet());
    EXPECT_EQ(demo.page->eventList()->rowCount(), 5);
}

TEST(EventsPage, WithNoExerciseAtAllD2IsNotMet)
{
    DemoEvents demo;
    for (const BoardEvent &event : demo.workspace->store().events())
        demo.workspace->removeEvent(event.id);
    EXPECT_EQ(demo.page->eventList()->rowCount(), 0);
    EXPECT_FALSE(demo.page->exerciseRequirementMet());
    EXPECT_TRUE(demo.page->exerciseStatusText().contains(u"no exercise"_qs));
}

TEST(EventsPage, NewExerciseByDialogThenDeleteKeyRemovesAfterAskingAndUndoRestores)
{
    DemoEvents demo;
    QString kind;
    ModalScript add({[&](QWidget *dialog) {
        kind = dialog->findChild<QComboBox *>(u"kind"_qs)->currentText();
        EXPECT_EQ(dialog->findChild<DateField *>(u"date"_qs)->maximumDate(), fixedToday());
        EXPECT_EQ(dialog->findChild<QLineEdit *>(u"actions"_qs)->text(), u"D2"_qs);
        EXPECT_FALSE(okButton(dialog)->isEnabled()); // no title yet
        dialog->findChild<QLineEdit *>(u"title"_qs)->setText(u"Cloud outage walkthrough"_qs);
        dialog->findChild<QLineEdit *>(u"actions"_qs)->setText(u"D2, X1"_qs);
        EXPECT_FALSE(okButton(dialog)->isEnabled());
        EXPECT_TRUE(dialog->findChild<QLabel *>(u"problem"_qs)->text().contains(u"X1"_qs));
        dialog->findChild<QLineEdit *>(u"actions"_qs)->setText(u"d2"_qs);
        dialog->findChild<QPlainTextEdit *>(u"summary"_qs)->setPlainText(u"Line one\nLine two"_qs);
        dialog->findChild<QPlainTextEdit *>(u"lessons"_qs)->setPlainText(u"<b>not bold</b>"_qs);
        okButton(dialog)->click();
    }});
    demo.page->newExercise();
    EXPECT_TRUE(add.finished());
    EXPECT_EQ(kind, u"Exercise"_qs);
    ASSERT_EQ(demo.page->eventList()->rowCount(), 5);
    const BoardEvent added = demo.eventCalled(u"Cloud outage walkthrough"_qs);
    EXPECT_EQ(added.summary, u"Line one\nLine two"_qs);
    EXPECT_EQ(added.actionIds, QStringList{u"D2"_qs});
    EXPECT_EQ(demo.page->currentEventId(), added.id);
    EXPECT_TRUE(demo.page->detailsText().contains(u"<b>not bold</b>"_qs)); // shown as typed
    EXPECT_TRUE(demo.page->exerciseStatusText().contains(fixedToday().toString(Qt::ISODate)));

    QTableWidget *list = demo.page->eventList();
    ASSERT_TRUE(focus(list));
    {
        ModalScript keep({[](QWidget *box) { clickButton(box, QMessageBox::No); }});
        QTest::keyClick(list, Qt::Key_Delete);
        EXPECT_TRUE(keep.finished());
        EXPECT_EQ(list->rowCount(), 5);
    }
    {
        ModalScript remove({[](QWidget *box) { clickButton(box, QMessageBox::Yes); }});
        ASSERT_TRUE(focus(list));
        QTest::keyClick(list, Qt::Key_Delete);
        EXPECT_TRUE(remove.finished());
        EXPECT_EQ(list->rowCount(), 4);
    }
    demo.workspace->undoStack()->undo();
    EXPECT_EQ(list->rowCount(), 5);
}

TEST(EventsPage, EnterEditsAndARefusedChangeKeepsThePersonsInput)
{
    DemoEvents demo;
    QTableWidget *list = demo.page->eventList();
    demo.page->showBoardEvent(demo.eventCalled(u"Invoice fraud attempt"_qs).id);
    ASSERT_TRUE(focus(list));
    const QString tooLong(Store::kMaxCommentaryChars + 1, u'x');
    QString refusal;
    QString lessonsOnReturn;
    ModalScript edit({[&](QWidget *dialog) {
                          EXPECT_EQ(dialog->windowTitle(), u"Edit incident"_qs);
                          EXPECT_EQ(dialog->findChild<QLineEdit *>(u"title"_qs)->text(), u"Invoice fraud attempt"_qs);
                          dialog->findChild<QPlainTextEdit *>(u"lessons"_qs)->setPlainText(tooLong);
                          okButton(dialog)->click();
                      },
                      [&](QWidget *box) {
                          refusal = qobject_cast<QMessageBox *>(box)->text();
                          clickButton(box, QMessageBox::Ok);
                      },
                      [&](QWidget *dialog) {
                          lessonsOnReturn = dialog->findChild<QPlainTextEdit *>(u"lessons"_qs)->toPlainText();
                          dialog->findChild<QPlainTextEdit *>(u"lessons"_qs)->setPlainText(u"Shorter lesson"_qs);
                          okButton(dialog)->click();
                      }});
    QTest::keyClick(list, Qt::Key_Return);
    EXPECT_TRUE(edit.finished());
    EXPECT_FALSE(refusal.isEmpty());
    EXPECT_EQ(lessonsOnReturn, tooLong);
    EXPECT_EQ(demo.eventCalled(u"Invoice fraud attempt"_qs).lessons, u"Shorter lesson"_qs);
    EXPECT_TRUE(demo.page->detailsText().contains(u"Shorter lesson"_qs));
}

TEST(EventsPage, AHiddenPageCatchesUpWithChangesMadeElsewhereWhenItIsShown)
{
    DemoEvents demo;
    ASSERT_TRUE(demo.page->exerciseStatusText().startsWith(u"Met:"_qs));
    // Another page is in front: a change made there is not worked out here until this page is shown.
    demo.page->hide();
    demo.workspace->setRating(u"D2"_qs, Rating::NotApplicable, u"No plan to exercise"_qs);
    EXPECT_TRUE(demo.page->exerciseStatusText().startsWith(u"Met:"_qs));
    demo.page->show();
    EXPECT_TRUE(demo.page->exerciseStatusText().contains(u"not required"_qs))
        << demo.page->exerciseStatusText().toStdString();
    // While shown, it follows at once.
    demo.workspace->undoStack()->undo();
    EXPECT_TRUE(demo.page->exerciseStatusText().startsWith(u"Met:"_qs))
        << demo.page->exerciseStatusText().toStdString();
}
