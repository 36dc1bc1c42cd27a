// Maturity in the action editor and the actions list (issue 18): shown only while the organisation tracks it,
// each change undoable, the levels of the item's own framework's scale, and the CMMI practice areas the Code's
// guidance names.
#include "core/domain/catalogue.h"
#include "core/interchange/frameworklibrary.h"
#include "core/models/actionsmodel.h"
#include "core/samples/demodata.h"
#include "core/workspace/workspace.h"
#include "modals.h"
#include "testsupport.h"
#include "ui/pages/actioneditor.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/evidenceactions.h"
#include "ui/pages/reviewspage.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/recordtable.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

#include <gtest/gtest.h>

using namespace quorum;
using namespace quorum::test;

namespace {

/** The demo organisation in a fresh file, and an action editor over it in a shown window. */
struct MaturityEditor {
    TempFolder folder;
    std::unique_ptr<Workspace> workspace =
        Workspace::open(folder.path(u"maturity.quorum"_qs), true, Catalogue::builtIn(), fixedClock());
    QWidget window;
    EvidenceActions evidenceActions{workspace.get(), &window};
    ActionEditor *editor = nullptr;

    MaturityEditor()
    {
        DemoData::populate(workspace->store(), fixedToday());
        // The same start whatever the demo records: none recorded for the items used (while it is tracked, the only
        // time a level may change), then maturity not tracked.
        trackMaturity(true);
        for (const QString &id : {u"A2"_qs, u"B1"_qs, u"B2"_qs})
            workspace->changeAssessment(
                id, {{AssessmentField::Maturity, QVariant()},
                     {AssessmentField::MaturityTarget, QVariant()},
                     {AssessmentField::MaturityAssessed, QDate()},
                     {AssessmentField::MaturityAssessor, QVariant::fromValue(MaturityAssessor::None)}});
        trackMaturity(false);
        workspace->undoStack()->clear();
        editor = new ActionEditor(workspace.get(), &evidenceActions, &window);
        auto *layout = new QVBoxLayout(&window);
        layout->addWidget(editor);
        window.resize(900, 1100);
        window.show();
    }

    /** As File > Organisation does it: one undoable change of the setting. */
    void trackMaturity(bool on)
    {
        Organisation organisation = workspace->organisation();
        organisation.trackMaturity = on;
        workspace->setOrganisation(organisation);
    }
    QGroupBox *box() const { return editor->findChild<QGroupBox *>(u"maturityBox"_qs); }
    QComboBox *current() const { return editor->findChild<QComboBox *>(u"maturity"_qs); }
    QComboBox *target() const { return editor->findChild<QComboBox *>(u"maturityTarget"_qs); }
    QComboBox *assessor() const { return editor->findChild<QComboBox *>(u"maturityAssessor"_qs); }
    DateField *assessed() const { return editor->findChild<DateField *>(u"maturityAssessed"_qs); }
    QLabel *practiceAreas() const { return editor->findChild<QLabel *>(u"cmmiPracticeAreas"_qs); }
    Assessment stored(const QString &id) const { return workspace->store().assessment(id); }
};

/** Chooses entry @p index of @p combo as a person does (activated, not only the current index). */
void choose(QComboBox *combo, int index)
{
    ASSERT_GE(index, 0);
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
}

/** A library framework with a scale of its own: four levels from 1, and two requirements. */
const QByteArray kScaledLibrary = R"(urn: urn:quorum-tests:risk:library:scaled-baseline
locale: en
ref_id: SCALED
name: Scaled Baseline
version: 1
provider: Quorum tests
objects:
  framework:
    urn: urn:quorum-tests:risk:framework:scaled-baseline
    ref_id: SCALED
    name: Scaled Baseline
    min_score: 1
    max_score: 4
    scores_definition:
    - score: 1
      name: Ad hoc
      description: Done when someone remembers.
    - score: 2
      name: Repeatable
      description: Done the same way each time.
    - score: 3
      name: Measured
      description: Its results are measured.
    - score: 4
      name: Improving
      description: Measured and improved from what is learnt.
    requirement_nodes:
    - urn: urn:quorum-tests:risk:req_node:scaled-baseline:g
      assessable: false
      depth: 1
      ref_id: G
      name: Govern
    - urn: urn:quorum-tests:risk:req_node:scaled-baseline:g.1
      assessable: true
      depth: 2
      parent_urn: urn:quorum-tests:risk:req_node:scaled-baseline:g
      ref_id: G1
      name: Owner named
      description: A named person owns the practice.
)";

/**
 * Opens the list's header menu (right-click on the headings) and gives its entries; with @p choose, triggers that
 * entry (shows or hides its column) as the menu closes.
 */
QStringList headerMenu(QHeaderView *header, const QString &choose = {})
{
    QStringList entries;
    QTimer::singleShot(0, [&entries, choose] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        for (QAction *action : menu->actions()) {
            entries << action->text();
            if (action->text() == choose)
                action->trigger();
        }
        menu->close();
    });
    Q_EMIT header->customContextMenuRequested(QPoint(10, 5));
    return entries;
}

} // namespace

TEST(ActionEditorMaturity, TheGroupShowsOnlyWhileTheOrganisationTracksMaturity)
{
    MaturityEditor fixture;
    fixture.editor->setActionId(u"B1"_qs);
    ASSERT_NE(fixture.box(), nullptr);
    EXPECT_FALSE(fixture.workspace->organisation().trackMaturity);
    EXPECT_FALSE(fixture.box()->isVisible()) << "off by default: nothing of maturity shows";

    fixture.trackMaturity(true);
    EXPECT_TRUE(fixture.box()->isVisible());
    EXPECT_EQ(fixture.box()->title(), u"Maturity"_qs);
    // Another action keeps it; turning tracking off again (here by undo) hides it at once.
    fixture.editor->setActionId(u"A1"_qs);
    EXPECT_TRUE(fixture.box()->isVisible());
    fixture.workspace->undoStack()->undo();
    EXPECT_FALSE(fixture.workspace->organisation().trackMaturity);
    EXPECT_FALSE(fixture.box()->isVisible());
}

TEST(ActionEditorMaturity, EachChoiceIsSavedOnceAndUndone)
{
    MaturityEditor fixture;
    fixture.trackMaturity(true);
    fixture.editor->setActionId(u"B1"_qs);
    const Assessment before = fixture.stored(u"B1"_qs);
    ASSERT_FALSE(before.maturity.has_value());

    // "Not assessed", then the six CMMI levels, each with what it means in its tooltip.
    QComboBox *current = fixture.current();
    ASSERT_EQ(current->count(), 7);
    EXPECT_EQ(current->itemText(0), u"Not assessed"_qs);
    EXPECT_EQ(current->itemText(4), u"3 Defined"_qs);
    EXPECT_EQ(current->itemText(6), u"5 Optimizing"_qs);
    EXPECT_EQ(current->itemData(4, Qt::ToolTipRole).toString(), MaturityScale::cmmi().levels().at(3).description);
    EXPECT_TRUE(current->whatsThis().contains(u"3 Defined"_qs)) << current->whatsThis().toStdString();
    EXPECT_EQ(fixture.target()->count(), 7);

    QUndoStack *stack = fixture.workspace->undoStack();
    const int commands = stack->count();
    choose(current, current->findText(u"2 Managed"_qs));
    EXPECT_EQ(fixture.stored(u"B1"_qs).maturity, 2);
    EXPECT_EQ(stack->count(), commands + 1);
    EXPECT_EQ(stack->undoText(), u"Change B1 maturity to 2 Managed"_qs);
    choose(fixture.target(), fixture.target()->findText(u"4 Quantitatively Managed"_qs));
    EXPECT_EQ(fixture.stored(u"B1"_qs).maturityTarget, 4);
    choose(fixture.assessor(), fixture.assessor()->findText(u"Independent appraisal"_qs));
    EXPECT_EQ(fixture.stored(u"B1"_qs).maturityAssessor, MaturityAssessor::Independent);

    QLineEdit *date = fixture.assessed()->lineEdit();
    ASSERT_TRUE(focus(date, Qt::MouseFocusReason));
    date->selectAll();
    QTest::keyClicks(date, u"01/06/2026"_qs);
    QTest::keyClick(date, Qt::Key_Return);
    EXPECT_EQ(fixture.stored(u"B1"_qs).maturityAssessed, QDate(2026, 6, 1));
    EXPECT_EQ(stack->count(), commands + 4);

    // "Not assessed" clears the level.
    choose(current, 0);
    EXPECT_FALSE(fixture.stored(u"B1"_qs).maturity.has_value());
    EXPECT_EQ(stack->undoText(), u"Clear the maturity of B1"_qs);

    // Each undo restores one field, and the editor shows what is recorded.
    stack->undo();
    EXPECT_EQ(fixture.stored(u"B1"_qs).maturity, 2);
    EXPECT_EQ(current->currentText(), u"2 Managed"_qs);
    stack->undo();
    EXPECT_FALSE(fixture.stored(u"B1"_qs).maturityAssessed.isValid());
    EXPECT_TRUE(date->text().isEmpty());
    stack->undo();
    EXPECT_EQ(fixture.stored(u"B1"_qs).maturityAssessor, MaturityAssessor::None);
    EXPECT_EQ(fixture.assessor()->currentIndex(), 0);
    stack->undo();
    EXPECT_FALSE(fixture.stored(u"B1"_qs).maturityTarget.has_value());
    EXPECT_EQ(fixture.target()->currentIndex(), 0);
    stack->undo();
    EXPECT_FALSE(fixture.stored(u"B1"_qs).maturity.has_value());
    EXPECT_EQ(current->currentIndex(), 0);
    EXPECT_EQ(stack->count(), commands + 5) << "undone, not removed";
}

TEST(ActionEditorMaturity, AnAssessmentDateAfterTodayIsRefusedAsItIsTyped)
{
    MaturityEditor fixture;
    fixture.trackMaturity(true);
    fixture.editor->setActionId(u"A2"_qs);
    const int commands = fixture.workspace->undoStack()->count();
    QLineEdit *date = fixture.assessed()->lineEdit();
    ASSERT_TRUE(focus(date, Qt::MouseFocusReason));
    QTest::keyClicks(date, fixedToday().addDays(1).toString(Qt::ISODate));
    QTest::keyClick(date, Qt::Key_Return);
    EXPECT_FALSE(fixture.stored(u"A2"_qs).maturityAssessed.isValid());
    EXPECT_EQ(fixture.workspace->undoStack()->count(), commands);
    auto *problem = fixture.assessed()->findChild<QLabel *>(u"dateProblem"_qs);
    ASSERT_NE(problem, nullptr);
    EXPECT_FALSE(problem->isHidden());
}

TEST(ActionEditorMaturity, TheCmmiPracticeAreasOfTheCodesGuidanceShowForTheActionsThatHaveThem)
{
    MaturityEditor fixture;
    fixture.editor->setActionId(u"B1"_qs);
    EXPECT_FALSE(fixture.practiceAreas()->isVisible()) << "not while maturity is not tracked";

    fixture.trackMaturity(true);
    EXPECT_TRUE(fixture.practiceAreas()->isVisible());
    EXPECT_EQ(fixture.practiceAreas()->text(),
              u"CMMI V3.0 practice areas (examples from CMMI guidance): Enabling Security (ESEC), Managing Security "
              "Threats and Vulnerabilities (MST)"_qs);

    fixture.editor->setActionId(u"D1"_qs);
    EXPECT_EQ(fixture.practiceAreas()->text(),
              u"CMMI V3.0 practice areas (examples from CMMI guidance): Continuity (CONT), Incident Resolution and "
              "Prevention (IRP), Enabling Security (ESEC), Managing Security Threats and Vulnerabilities (MST), Risk "
              "and Opportunity Management (RSK)"_qs);

    // The guidance names none for A1, or for the Software Security Code: nothing is made up.
    for (const QString &id : {u"A1"_qs, u"ssc:3.2"_qs}) {
        fixture.editor->setActionId(id);
        ASSERT_EQ(fixture.editor->actionId(), id);
        EXPECT_TRUE(fixture.box()->isVisible()) << id.toStdString();
        EXPECT_FALSE(fixture.practiceAreas()->isVisible()) << id.toStdString();
        EXPECT_TRUE(fixture.practiceAreas()->text().isEmpty()) << id.toStdString();
    }
}

TEST(ActionEditorMaturity, ALibraryFrameworksOwnScaleGivesTheLevels)
{
    MaturityEditor fixture;
    fixture.workspace->importFramework(FrameworkLibrary::parse(kScaledLibrary, u"scaled-baseline.yaml"_qs));
    fixture.trackMaturity(true);
    const QString item = u"scaled-baseline:G1"_qs;
    fixture.editor->setActionId(item);
    ASSERT_TRUE(fixture.editor->isEnabled());
    EXPECT_TRUE(fixture.box()->isVisible());

    QComboBox *current = fixture.current();
    ASSERT_EQ(current->count(), 5);
    EXPECT_EQ(current->itemText(1), u"1 Ad hoc"_qs);
    EXPECT_EQ(current->itemText(4), u"4 Improving"_qs);
    EXPECT_EQ(current->itemData(2, Qt::ToolTipRole).toString(), u"Done the same way each time."_qs);
    EXPECT_EQ(current->findText(u"0 Incomplete"_qs), -1) << "not CMMI's";
    choose(current, current->findText(u"3 Measured"_qs));
    EXPECT_EQ(fixture.stored(item).maturity, 3);
    EXPECT_FALSE(fixture.practiceAreas()->isVisible());

    // Back on the Code, the CMMI levels again.
    fixture.editor->setActionId(u"A1"_qs);
    EXPECT_EQ(current->count(), 7);
    EXPECT_EQ(current->itemText(1), u"0 Incomplete"_qs);
}

TEST(ActionEditorMaturity, EachFieldHasAMnemonicOfItsOwn)
{
    MaturityEditor fixture;
    fixture.trackMaturity(true);
    fixture.editor->setActionId(u"B1"_qs);
    const QHash<QString, QWidget *> buddies{{u"&Current level:"_qs, fixture.current()},
                                            {u"Tar&get level:"_qs, fixture.target()},
                                            {u"Assessed o&n:"_qs, fixture.assessed()},
                                            {u"Assessed &by:"_qs, fixture.assessor()}};
    QStringList others; // every other mnemonic letter in the editor
    for (const QLabel *label : fixture.editor->findChildren<QLabel *>()) {
        if (buddies.contains(label->text())) {
            EXPECT_EQ(label->buddy(), buddies.value(label->text())) << label->text().toStdString();
            continue;
        }
        const qsizetype amp = label->text().indexOf(u'&');
        if (amp >= 0 && amp + 1 < label->text().size() && label->buddy())
            others << label->text().mid(amp + 1, 1).toLower();
    }
    for (const QAbstractButton *button : fixture.editor->findChildren<QAbstractButton *>()) {
        const qsizetype amp = button->text().indexOf(u'&');
        if (amp >= 0 && amp + 1 < button->text().size())
            others << button->text().mid(amp + 1, 1).toLower();
    }
    for (const QString &letter : {u"c"_qs, u"g"_qs, u"n"_qs, u"b"_qs})
        EXPECT_FALSE(others.contains(letter))
            << letter.toStdString() << " is taken: " << others.join(u' ').toStdString();

    // From the keyboard: Alt+G goes to the target level.
    ASSERT_TRUE(focus(fixture.current()));
    QTest::keyClick(fixture.current(), Qt::Key_G, Qt::AltModifier);
    EXPECT_TRUE(fixture.target()->hasFocus());
}

TEST(ActionsListMaturity, TheMaturityColumnIsOfferedOnlyWhileTracked)
{
    MaturityEditor fixture;
    auto *page = new ActionsPage(fixture.workspace.get(), &fixture.evidenceActions, &fixture.window);
    fixture.window.layout()->addWidget(page);
    QHeaderView *header = page->view()->header();
    EXPECT_TRUE(header->isSectionHidden(ActionsModel::MaturityColumn));
    // The columns before keep their places.
    EXPECT_EQ(page->model()->headerData(ActionsModel::TrendColumn, Qt::Horizontal).toString(), u"Trend"_qs);
    EXPECT_EQ(page->model()->headerData(ActionsModel::MaturityColumn, Qt::Horizontal).toString(), u"Maturity"_qs);
    EXPECT_FALSE(headerMenu(header).contains(u"Maturity"_qs)) << "not offered while maturity is not tracked";

    // Tracked, it is offered beside director and next review (hidden at first, like them: the list would
    // otherwise scroll sideways in a 1366-pixel window), and shown when chosen.
    fixture.trackMaturity(true);
    EXPECT_TRUE(header->isSectionHidden(ActionsModel::MaturityColumn));
    EXPECT_TRUE(headerMenu(header).contains(u"Maturity"_qs));
    headerMenu(header, u"Maturity"_qs);
    EXPECT_FALSE(header->isSectionHidden(ActionsModel::MaturityColumn));
    EXPECT_GE(header->sectionSize(ActionsModel::MaturityColumn), header->sectionSizeHint(ActionsModel::MaturityColumn));

    fixture.workspace->changeAssessment(u"B1"_qs,
                                        {{AssessmentField::Maturity, 2}, {AssessmentField::MaturityTarget, 3}});
    const QModelIndex cell = page->model()->indexOfAction(u"B1"_qs).siblingAtColumn(ActionsModel::MaturityColumn);
    EXPECT_EQ(cell.data().toString(), u"2 \u2192 3"_qs) << "narrow: the numbers, current then target";
    const QString tip = cell.data(Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains(u"Maturity: 2 Managed"_qs)) << tip.toStdString();
    EXPECT_TRUE(tip.contains(u"Target: 3 Defined"_qs)) << tip.toStdString();
    EXPECT_TRUE(page->model()
                    ->indexOfAction(u"B2"_qs)
                    .siblingAtColumn(ActionsModel::MaturityColumn)
                    .data()
                    .toString()
                    .isEmpty());

    // Tracking stopped: the column goes, and is no longer offered.
    fixture.trackMaturity(false);
    EXPECT_TRUE(header->isSectionHidden(ActionsModel::MaturityColumn));
    EXPECT_FALSE(headerMenu(header).contains(u"Maturity"_qs));
}

TEST(ReviewsPageMaturity, TheFrozenLevelsShowOnlyWhileTrackedAndFollowTheSetting)
{
    MaturityEditor fixture; // the demo, its reviews froze levels; maturity not tracked
    ReviewsPage page(fixture.workspace.get());
    page.reviewList()->setCurrentCell(0, 0); // the newest review
    RecordTable *frozen = page.frozen();
    ASSERT_GT(frozen->rowCount(), 0);
    const int maturityColumn = frozen->columnCount() - 2;
    EXPECT_EQ(frozen->horizontalHeaderItem(maturityColumn)->text(), u"Maturity"_qs);
    EXPECT_TRUE(frozen->isColumnHidden(maturityColumn));
    EXPECT_TRUE(frozen->isColumnHidden(maturityColumn + 1));

    fixture.trackMaturity(true);
    EXPECT_FALSE(frozen->isColumnHidden(maturityColumn)) << "shown as soon as the setting changes";
    int d4 = -1;
    for (int row = 0; row < frozen->rowCount(); ++row)
        d4 = frozen->item(row, 0)->text() == u"D4"_qs ? row : d4;
    ASSERT_GE(d4, 0);
    EXPECT_EQ(frozen->item(d4, maturityColumn)->text(), u"1 Initial"_qs);
    EXPECT_EQ(frozen->item(d4, maturityColumn + 1)->text(), u"3 Defined"_qs);

    fixture.trackMaturity(false);
    EXPECT_TRUE(frozen->isColumnHidden(maturityColumn));
}
