// Dates as a person types them (issue 13, item 3), and the dialogs around the action editor and evidence
// (items 4, 7, 11a, 11f).
#include "core/domain/catalogue.h"
#include "core/samples/demodata.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "testsupport.h"
#include "ui/pages/actioneditor.h"
#include "ui/pages/evidenceactions.h"
#include "ui/pages/evidencedialog.h"
#include "ui/pages/reviewspage.h"
#include "ui/widgets/datefield.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QVBoxLayout>

#include <gtest/gtest.h>

#include <functional>

using namespace quorum;
using namespace quorum::test;

namespace {

/** Selects everything in @p edit and types @p text, as a person would. */
void retype(QLineEdit *edit, const QString &text)
{
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(edit, text);
}

/** A date field followed by another field in a shown window. */
struct DateForm {
    QWidget window;
    DateField *field = new DateField(&window);
    QLineEdit *next = new QLineEdit(&window);

    DateForm()
    {
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(field);
        layout->addWidget(next);
        window.show();
    }
    QLineEdit *edit() const { return field->lineEdit(); }
    QLabel *message() const { return field->findChild<QLabel *>(u"dateProblem"_qs); }
};

/** A workspace with the demo organisation, and an action editor over it in a shown window. */
struct EditorFixture {
    TempFolder folder;
    std::unique_ptr<Workspace> workspace =
        Workspace::open(folder.path(u"dates.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    QWidget window;
    EvidenceActions evidenceActions{workspace.get(), &window};
    ActionEditor *editor = nullptr;

    EditorFixture()
    {
        DemoData::populate(workspace->store(), fixedToday());
        editor = new ActionEditor(workspace.get(), &evidenceActions, &window);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(editor);
        window.resize(900, 1000);
        window.show();
    }
    DateField *targetDate() const { return editor->findChild<DateField *>(u"targetDate"_qs); }
    QDate storedTargetDate(const QString &actionId) const { return workspace->store().assessment(actionId).targetDate; }
    /** The rows of the audit trail for the target date of @p actionId. */
    int targetDateRows(const QString &actionId) const
    {
        AuditFilter filter;
        filter.entity = u"assessment"_qs;
        filter.entityId = actionId;
        int rows = 0;
        for (const AuditEntry &entry : workspace->store().auditEntries(filter))
            rows += entry.record.field == assessmentFieldKey(AssessmentField::TargetDate) ? 1 : 0;
        return rows;
    }
};

/** Runs @p handle on the next modal dialog once it is open (inside its exec()). */
void whenDialogOpens(std::function<void(QDialog *)> handle)
{
    QTimer::singleShot(0, [handle] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        ASSERT_NE(dialog, nullptr);
        handle(dialog);
    });
}

QPushButton *button(QDialog *dialog, QDialogButtonBox::StandardButton which)
{
    return dialog->findChild<QDialogButtonBox *>()->button(which);
}

} // namespace

TEST(DateField, TypedUkDateIsCommittedOnceOnTabAndFocusMovesOn)
{
    DateForm form;
    form.field->setDate(QDate(2026, 3, 31));
    QSignalSpy edited(form.field, &DateField::dateEdited);
    ASSERT_TRUE(focus(form.edit(), Qt::MouseFocusReason));
    retype(form.edit(), u"31/03/2027"_qs);
    EXPECT_EQ(edited.count(), 0); // nothing while typing
    QTest::keyClick(form.edit(), Qt::Key_Tab);
    ASSERT_EQ(edited.count(), 1);
    EXPECT_EQ(edited.first().first().toDate(), QDate(2027, 3, 31));
    EXPECT_TRUE(form.next->hasFocus()) << "Tab must leave the date field";
    EXPECT_EQ(form.edit()->text(), u"31 Mar 2027"_qs);
    EXPECT_EQ(form.field->date(), QDate(2027, 3, 31));

    // Coming back and leaving without a change commits nothing; the same date typed again neither.
    ASSERT_TRUE(focus(form.edit(), Qt::MouseFocusReason));
    QTest::keyClick(form.edit(), Qt::Key_Tab);
    ASSERT_TRUE(focus(form.edit(), Qt::MouseFocusReason));
    retype(form.edit(), u"2027-03-31"_qs);
    QTest::keyClick(form.edit(), Qt::Key_Return);
    EXPECT_EQ(edited.count(), 1);

    // Enter commits a new date once, and the ISO and named forms give exactly the date typed.
    retype(form.edit(), u"2029-06-30"_qs);
    QTest::keyClick(form.edit(), Qt::Key_Return);
    ASSERT_EQ(edited.count(), 2);
    EXPECT_EQ(edited.last().first().toDate(), QDate(2029, 6, 30));
    retype(form.edit(), u"5 Nov 2026"_qs);
    QTest::keyClick(form.edit(), Qt::Key_Tab);
    ASSERT_EQ(edited.count(), 3);
    EXPECT_EQ(edited.last().first().toDate(), QDate(2026, 11, 5));
}

TEST(DateField, ImpossibleDateIsShownInRedWithAMessageAndNeverCommitted)
{
    DateForm form;
    form.field->setDate(QDate(2026, 3, 31));
    QSignalSpy edited(form.field, &DateField::dateEdited);
    ASSERT_TRUE(focus(form.edit(), Qt::MouseFocusReason));
    retype(form.edit(), u"2026-13-45"_qs);
    QTest::keyClick(form.edit(), Qt::Key_Tab);
    EXPECT_EQ(edited.count(), 0);
    EXPECT_EQ(form.edit()->text(), u"2026-13-45"_qs); // left as typed, not turned into another day
    EXPECT_FALSE(form.field->date().isValid());
    ASSERT_NE(form.message(), nullptr);
    EXPECT_FALSE(form.message()->isHidden());
    EXPECT_TRUE(form.message()->text().contains(u"no month 13"_qs)) << form.message()->text().toStdString();
    EXPECT_NE(form.edit()->palette().color(QPalette::Text), form.next->palette().color(QPalette::Text));
    EXPECT_TRUE(form.next->hasFocus());

    // Correcting it clears the message as soon as the text is a date.
    ASSERT_TRUE(focus(form.edit(), Qt::MouseFocusReason));
    retype(form.edit(), u"31/03/2027"_qs);
    EXPECT_TRUE(form.message()->isHidden());
    QTest::keyClick(form.edit(), Qt::Key_Tab);
    ASSERT_EQ(edited.count(), 1);
    EXPECT_EQ(edited.first().first().toDate(), QDate(2027, 3, 31));
    EXPECT_EQ(form.edit()->palette().color(QPalette::Text), form.next->palette().color(QPalette::Text));
}

TEST(DateField, RequiredAndLimitedFieldsRefuseWhatTheyCannotHold)
{
    DateForm form;
    form.field->setRequired(true);
    form.field->setMaximumDate(QDate(2026, 12, 5));
    form.field->setDate(QDate(2026, 12, 5));
    form.edit()->clear();
    EXPECT_FALSE(form.field->check());
    EXPECT_FALSE(form.field->problem().isEmpty());
    form.edit()->setText(u"06/12/2026"_qs);
    EXPECT_FALSE(form.field->check());
    EXPECT_TRUE(form.field->problem().contains(u"5 Dec 2026"_qs)) << form.field->problem().toStdString();
    form.edit()->setText(u"05/12/2026"_qs);
    EXPECT_TRUE(form.field->check());
    EXPECT_EQ(form.field->date(), QDate(2026, 12, 5));
}

TEST(ActionEditorDates, TypedTargetDateIsSavedExactlyOnceAndImpossibleOnesNever)
{
    EditorFixture fixture;
    fixture.workspace->changeAssessment(u"A2"_qs, {{AssessmentField::TargetDate, QDate(2026, 3, 31)}});
    fixture.editor->setActionId(u"A2"_qs);
    QLineEdit *edit = fixture.targetDate()->lineEdit();
    const int rowsBefore = fixture.targetDateRows(u"A2"_qs);
    const int commandsBefore = fixture.workspace->undoStack()->count();

    ASSERT_TRUE(focus(edit, Qt::MouseFocusReason));
    retype(edit, u"31/03/2027"_qs);
    QTest::keyClick(edit, Qt::Key_Tab);
    EXPECT_EQ(fixture.storedTargetDate(u"A2"_qs), QDate(2027, 3, 31));
    EXPECT_EQ(fixture.targetDateRows(u"A2"_qs), rowsBefore + 1);
    EXPECT_EQ(fixture.workspace->undoStack()->count(), commandsBefore + 1);
    EXPECT_FALSE(edit->hasFocus());
    EXPECT_EQ(edit->text(), u"31 Mar 2027"_qs);

    // Leaving the field again, or pressing Enter on the same date, adds nothing to the trail.
    ASSERT_TRUE(focus(edit, Qt::MouseFocusReason));
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClick(edit, Qt::Key_Tab);
    EXPECT_EQ(fixture.targetDateRows(u"A2"_qs), rowsBefore + 1);

    // An impossible date: red, nothing saved, nothing in the trail or on the undo stack.
    ASSERT_TRUE(focus(edit, Qt::MouseFocusReason));
    retype(edit, u"2026-13-45"_qs);
    QTest::keyClick(edit, Qt::Key_Tab);
    EXPECT_EQ(fixture.storedTargetDate(u"A2"_qs), QDate(2027, 3, 31));
    EXPECT_EQ(fixture.targetDateRows(u"A2"_qs), rowsBefore + 1);
    EXPECT_EQ(fixture.workspace->undoStack()->count(), commandsBefore + 1);
    EXPECT_FALSE(fixture.targetDate()->findChild<QLabel *>(u"dateProblem"_qs)->isHidden());

    // Clearing the date is a change too, saved once.
    ASSERT_TRUE(focus(edit, Qt::MouseFocusReason));
    edit->clear();
    QTest::keyClick(edit, Qt::Key_Return);
    EXPECT_FALSE(fixture.storedTargetDate(u"A2"_qs).isValid());
    EXPECT_EQ(fixture.targetDateRows(u"A2"_qs), rowsBefore + 2);
}

TEST(ActionEditorDates, AnActionWithoutATargetDateShowsNoneNotThePreviousActions)
{
    EditorFixture fixture;
    fixture.workspace->changeAssessment(u"A1"_qs, {{AssessmentField::TargetDate, QDate(2027, 6, 30)}});
    fixture.workspace->changeAssessment(u"A3"_qs, {{AssessmentField::TargetDate, QDate()}});
    fixture.editor->setActionId(u"A1"_qs);
    EXPECT_EQ(fixture.targetDate()->lineEdit()->text(), u"30 Jun 2027"_qs);
    fixture.editor->setActionId(u"A3"_qs);
    EXPECT_TRUE(fixture.targetDate()->lineEdit()->text().isEmpty())
        << fixture.targetDate()->lineEdit()->text().toStdString();
    EXPECT_FALSE(fixture.targetDate()->date().isValid());
    fixture.editor->setActionId(u"A1"_qs);
    fixture.editor->setActionId(QString()); // no action: the disabled editor shows no date either
    EXPECT_FALSE(fixture.editor->isEnabled());
    EXPECT_TRUE(fixture.targetDate()->lineEdit()->text().isEmpty());
}

TEST(ActionEditorNotApplicable, AnEmptyJustificationIsRefusedWithAMessageAndTheDialogStaysOpen)
{
    EditorFixture fixture;
    Store &store = fixture.workspace->store();
    QString actionId;
    for (const QString &id : fixture.workspace->catalogue().actionIds()) {
        if (store.assessment(id).rating != Rating::NotApplicable && store.assessment(id).justification.isEmpty()) {
            actionId = id;
            break;
        }
    }
    ASSERT_FALSE(actionId.isEmpty());
    const Rating before = store.assessment(actionId).rating;
    fixture.editor->setActionId(actionId);
    auto *rating = fixture.editor->findChild<QComboBox *>(u"rating"_qs);
    ASSERT_NE(rating, nullptr);
    const int notApplicable = rating->findData(QVariant::fromValue(Rating::NotApplicable));

    bool stayedOpen = false;
    QString message;
    whenDialogOpens([&](QDialog *dialog) {
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
        stayedOpen = dialog->isVisible();
        auto *problem = dialog->findChild<QLabel *>(u"justificationProblem"_qs);
        message = problem && !problem->isHidden() ? problem->text() : QString();
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(u"justification"_qs), u"No suppliers of IT"_qs);
        QTest::mouseClick(button(dialog, QDialogButtonBox::Ok), Qt::LeftButton);
    });
    rating->setCurrentIndex(notApplicable);
    Q_EMIT rating->activated(notApplicable);
    EXPECT_TRUE(stayedOpen);
    EXPECT_TRUE(message.contains(u"justification is required"_qs)) << message.toStdString();
    EXPECT_EQ(store.assessment(actionId).rating, Rating::NotApplicable);
    EXPECT_EQ(store.assessment(actionId).justification, u"No suppliers of IT"_qs);

    // Cancel keeps the rating as it was.
    fixture.workspace->undoStack()->undo();
    ASSERT_EQ(store.assessment(actionId).rating, before);
    whenDialogOpens(
        [](QDialog *dialog) { QTest::mouseClick(button(dialog, QDialogButtonBox::Cancel), Qt::LeftButton); });
    rating->setCurrentIndex(notApplicable);
    Q_EMIT rating->activated(notApplicable);
    EXPECT_EQ(store.assessment(actionId).rating, before);
    EXPECT_EQ(rating->currentData().value<Rating>(), before);
}

namespace {

/** The widgets Tab can reach in @p dialog, in order. */
QList<QWidget *> tabChain(QDialog &dialog)
{
    QList<QWidget *> chain;
    for (QWidget *widget = dialog.nextInFocusChain(); widget != &dialog; widget = widget->nextInFocusChain()) {
        if (widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus))
            chain << widget;
    }
    return chain;
}

/** Pairs of the dialog's visible direct children that overlap. */
QStringList overlaps(QDialog &dialog)
{
    QList<QWidget *> shown;
    for (QWidget *child : dialog.findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
        if (child->isVisible())
            shown << child;
    }
    QStringList found;
    for (int i = 0; i < shown.size(); ++i) {
        for (int j = i + 1; j < shown.size(); ++j) {
            if (shown[i]->geometry().intersects(shown[j]->geometry()))
                found << QStringLiteral("%1 (%2) over %3 (%4)")
                             .arg(QString::fromLatin1(shown[i]->metaObject()->className()), shown[i]->objectName(),
                                  QString::fromLatin1(shown[j]->metaObject()->className()), shown[j]->objectName());
        }
    }
    return found;
}

} // namespace

TEST(EvidenceDialogLayout, TheLinkFieldIsOnlyThereForALink)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"evidence.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    for (EvidenceDialog::Mode mode : {EvidenceDialog::Mode::NewFiles, EvidenceDialog::Mode::Edit}) {
        EvidenceDialog dialog(mode, workspace.get());
        dialog.setFiles({folder.path(u"policy.pdf"_qs)});
        dialog.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
        auto *address = dialog.findChild<QLineEdit *>(u"address"_qs);
        ASSERT_NE(address, nullptr);
        EXPECT_FALSE(address->isVisible());
        EXPECT_FALSE(tabChain(dialog).contains(address));
        EXPECT_TRUE(tabChain(dialog).contains(dialog.findChild<QLineEdit *>(u"title"_qs)));
        const QStringList overlapping = overlaps(dialog);
        EXPECT_TRUE(overlapping.isEmpty()) << overlapping.join(u"; "_qs).toStdString();
    }
    EvidenceDialog link(EvidenceDialog::Mode::NewLink, workspace.get());
    link.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&link));
    auto *address = link.findChild<QLineEdit *>(u"address"_qs);
    EXPECT_TRUE(address->isVisible());
    EXPECT_TRUE(tabChain(link).contains(address));
    EXPECT_TRUE(overlaps(link).isEmpty()) << overlaps(link).join(u"; "_qs).toStdString();
}

TEST(ReviewsPageMeetingDate, TheMeetingDateIsCorrectedFromThePageUntilSignedOff)
{
    TempFolder folder;
    auto workspace = Workspace::open(folder.path(u"reviews.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    const qint64 chair = workspace->addPerson({0, u"Helen Marsh"_qs, u"Chair"_qs, true, true});
    const qint64 id = workspace->createReview(u"Board June"_qs, fixedToday().addDays(-7));
    ReviewsPage page(workspace.get());
    page.show();
    auto *change = page.findChild<QPushButton *>(u"meetingDateButton"_qs);
    ASSERT_NE(change, nullptr);
    EXPECT_TRUE(change->isEnabled());
    EXPECT_TRUE(change->focusPolicy() & Qt::TabFocus);
    EXPECT_TRUE(change->text().contains(u'&')); // a keyboard mnemonic

    whenDialogOpens([](QDialog *dialog) {
        auto *date = dialog->findChild<DateField *>(u"meetingDate"_qs);
        ASSERT_NE(date, nullptr);
        date->lineEdit()->setText(u"12/06/2026"_qs);
        button(dialog, QDialogButtonBox::Ok)->click();
    });
    change->click();
    EXPECT_EQ(workspace->store().review(id)->meetingDate, QDate(2026, 6, 12));
    EXPECT_TRUE(workspace->undoStack()->undoText().startsWith(u"Move the meeting of Board June"_qs));
    EXPECT_TRUE(page.reviewList()->item(0, 1)->text().contains(u"2026-06-12"_qs)
                || page.reviewList()->item(0, 1)->text().contains(u"12 Jun 2026"_qs));

    workspace->signReview(id, chair, u"M1"_qs);
    EXPECT_FALSE(change->isEnabled());
}
