#include "ui/pages/actioneditor.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/models/evidencemodel.h"
#include "core/models/roles.h"
#include "core/report/boardpack.h"
#include "core/rules/scoring.h"
#include "core/workspace/workspace.h"
#include "ui/pages/evidenceactions.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/readonlyguard.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace quorum {

namespace {

/** The catalogue's key for the CMMI V3.0 practice areas that CMMI guidance gives as examples for some actions. */
const QString kCmmiMappings = QStringLiteral("cmmi-v3");

} // namespace

ActionEditor::ActionEditor(Workspace *workspace, EvidenceActions *evidenceActions, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_evidenceActions(evidenceActions)
    , m_heading(new QLabel(this))
    , m_principle(new QLabel(this))
    , m_wording(new QLabel(this))
    , m_references(new QLabel(this))
    , m_claimWarning(new QLabel(this))
    , m_owner(new QComboBox(this))
    , m_director(new QComboBox(this))
    , m_rating(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_justificationLabel(new QLabel(tr("&Justification:"), this))
    , m_justification(new QLineEdit(this))
    , m_targetDate(new DateField(this))
    , m_nextReview(new DateField(this))
    , m_commentary(new QPlainTextEdit(this))
    , m_saveCommentary(new QPushButton(tr("Save commentary"), this))
    , m_boardLength(new QLabel(this))
    , m_maturityBox(new QGroupBox(tr("Maturity"), this))
    , m_maturity(new QComboBox(this))
    , m_maturityTarget(new QComboBox(this))
    , m_maturityAssessed(new DateField(this))
    , m_maturityAssessor(new QComboBox(this))
    , m_cmmiPracticeAreas(new QLabel(this))
    , m_evidenceHeading(new QLabel(this))
    , m_evidenceModel(new EvidenceModel(workspace, this, EvidenceModel::InitialLoad::OnDemand))
    , m_evidenceView(new QTableView(this))
{
    setAcceptDrops(true);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.35);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setWordWrap(true);
    m_principle->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_principle->setWordWrap(true); // a long group name ("Incident planning, response and recovery") never widens it
    m_wording->setWordWrap(true);
    m_wording->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_wording->setTextFormat(Qt::PlainText);
    m_references->setWordWrap(true);
    m_references->setTextFormat(Qt::RichText);
    m_references->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_references, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link.startsWith(QStringLiteral("action:")))
            Q_EMIT actionLinkActivated(link.mid(7));
    });
    m_claimWarning->setWordWrap(true);
    m_claimWarning->setStyleSheet(QStringLiteral(
        "background: #FFF4CE; color: #5C4400; border: 1px solid #F2A900; border-radius: 4px; padding: 6px;"));

    for (Rating rating : allRatings()) {
        m_rating->addItem(ratingLabel(rating), QVariant::fromValue(rating));
        if (rating != Rating::NotAssessed)
            m_target->addItem(ratingLabel(rating), QVariant::fromValue(rating));
    }
    m_justification->setPlaceholderText(tr("why this action does not apply"));
    m_targetDate->setObjectName(QStringLiteral("targetDate"));
    m_nextReview->setObjectName(QStringLiteral("nextReview"));
    m_rating->setObjectName(QStringLiteral("rating"));
    m_commentary->setPlaceholderText(tr("What the board should know about this action (plain text). "
                                        "Ctrl+Return saves."));
    m_commentary->setTabChangesFocus(true);
    m_commentary->installEventFilter(this);
    m_saveCommentary->setEnabled(false);

    auto *codeBox = new QGroupBox(tr("The Code says"), this);
    codeBox->setObjectName(QStringLiteral("wordingBox"));
    auto *codeLayout = new QVBoxLayout(codeBox);
    codeLayout->addWidget(m_wording);
    codeLayout->addWidget(m_references);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Director:"), m_director);
    form->addRow(tr("&Rating:"), m_rating);
    form->addRow(tr("&Target:"), m_target);
    m_owner->setStatusTip(tr("The accountable executive owner of this action"));
    m_director->setStatusTip(tr("The board member accountable for this action"));
    m_owner->setWhatsThis(m_owner->statusTip());
    m_director->setWhatsThis(m_director->statusTip());
    m_target->setToolTip(tr("The rating the board wants for this action"));
    m_justificationLabel->setBuddy(m_justification);
    form->addRow(m_justificationLabel, m_justification);
    form->addRow(tr("Target &date:"), m_targetDate);
    form->addRow(tr("Next re&view:"), m_nextReview);

    // Maturity (issue 18) is a different question from the rating: how capable and repeatable the practice is,
    // not how much assurance the board has. It has a group of its own so that the two are never read as one.
    m_maturityBox->setObjectName(QStringLiteral("maturityBox"));
    m_maturity->setObjectName(QStringLiteral("maturity"));
    m_maturityTarget->setObjectName(QStringLiteral("maturityTarget"));
    m_maturityAssessed->setObjectName(QStringLiteral("maturityAssessed"));
    m_maturityAssessor->setObjectName(QStringLiteral("maturityAssessor"));
    m_cmmiPracticeAreas->setObjectName(QStringLiteral("cmmiPracticeAreas"));
    m_maturityBox->setToolTip(tr("How capable and repeatable the practice behind this item is, recorded beside the "
                                 "rating and never blended into it. Turned on in File > Organisation."));
    m_maturity->setToolTip(tr("The maturity level the practice has reached now"));
    m_maturityTarget->setToolTip(tr("The maturity level the organisation aims for"));
    m_maturityAssessed->setToolTip(tr("When the maturity was last assessed"));
    m_maturityAssessor->setToolTip(
        tr("Who assessed the maturity: the organisation itself or an independent appraiser"));
    m_maturityAssessor->addItem(tr("Not recorded"), QVariant::fromValue(MaturityAssessor::None));
    for (MaturityAssessor assessor : {MaturityAssessor::Internal, MaturityAssessor::Independent})
        m_maturityAssessor->addItem(maturityAssessorLabel(assessor), QVariant::fromValue(assessor));
    m_cmmiPracticeAreas->setWordWrap(true);
    m_cmmiPracticeAreas->setTextFormat(Qt::PlainText);
    m_cmmiPracticeAreas->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_cmmiPracticeAreas->setStyleSheet(QStringLiteral("color: palette(dark);"));
    auto *maturityForm = new QFormLayout(m_maturityBox);
    maturityForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    maturityForm->addRow(tr("&Current level:"), m_maturity);
    maturityForm->addRow(tr("Tar&get level:"), m_maturityTarget);
    maturityForm->addRow(tr("Assessed o&n:"), m_maturityAssessed);
    maturityForm->addRow(tr("Assessed &by:"), m_maturityAssessor);
    maturityForm->addRow(m_cmmiPracticeAreas);
    m_maturityBox->hide();

    auto *commentaryHeader = new QHBoxLayout;
    auto *commentaryLabel = new QLabel(tr("<b>Commentary for the board</b>"), this);
    commentaryHeader->addWidget(commentaryLabel);
    commentaryHeader->addStretch();
    commentaryHeader->addWidget(m_saveCommentary);

    m_evidenceView->setModel(m_evidenceModel);
    for (int column :
         {int(EvidenceModel::ActionsColumn), int(EvidenceModel::SourceColumn), int(EvidenceModel::EffectiveColumn),
          int(EvidenceModel::HashColumn), int(EvidenceModel::KindColumn)})
        m_evidenceView->hideColumn(column);
    m_evidenceView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_evidenceView->horizontalHeader()->setSectionResizeMode(EvidenceModel::TitleColumn, QHeaderView::Stretch);
    m_evidenceView->setWordWrap(false);
    m_evidenceView->verticalHeader()->hide();
    m_evidenceView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_evidenceView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_evidenceView->setMinimumHeight(110);
    connect(m_evidenceView, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { m_evidenceActions->open(index.data(EvidenceIdRole).toLongLong()); });
    auto *addFile = new QPushButton(tr("Add &file..."), this);
    auto *addLink = new QPushButton(tr("Add &link..."), this);
    connect(addFile, &QPushButton::clicked, this, [this] { m_evidenceActions->chooseAndAddFiles({m_actionId}); });
    connect(addLink, &QPushButton::clicked, this, [this] { m_evidenceActions->addLink({m_actionId}); });
    auto *evidenceButtons = new QHBoxLayout;
    evidenceButtons->addWidget(addFile);
    evidenceButtons->addWidget(addLink);
    evidenceButtons->addStretch();
    auto *dropHint = new QLabel(tr("or drop files here"), this);
    dropHint->setStyleSheet(QStringLiteral("color: palette(dark);"));
    evidenceButtons->addWidget(dropHint);

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_heading);
    layout->addWidget(m_principle);
    layout->addWidget(codeBox);
    layout->addWidget(m_claimWarning);
    layout->addLayout(form);
    layout->addWidget(m_maturityBox);
    layout->addLayout(commentaryHeader);
    layout->addWidget(m_commentary, 1);
    m_boardLength->setObjectName(QStringLiteral("boardLengthGuide"));
    m_boardLength->setTextFormat(Qt::PlainText);
    m_boardLength->setWordWrap(true); // never wider than the editor, whatever the count
    layout->addWidget(m_boardLength);
    layout->addWidget(m_evidenceHeading);
    layout->addWidget(m_evidenceView, 1);
    layout->addLayout(evidenceButtons);

    for (QComboBox *combo :
         {m_owner, m_director, m_rating, m_target, m_maturity, m_maturityTarget, m_maturityAssessor}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(8);
    }
    // A person's name and role may be longer than the box: the whole of it is in the tooltip (the list, when
    // opened, is as wide as its entries), and the editor is never narrower than a name needs.
    for (QComboBox *combo : {m_owner, m_director}) {
        combo->setMinimumContentsLength(18);
        connect(combo, &QComboBox::currentTextChanged, combo, [this, combo](const QString &text) {
            combo->setToolTip(m_workspace->isReadOnly() ? text + QStringLiteral("\n\n") + readOnlyReason() : text);
        });
    }
    setMinimumWidth(kMinimumUsefulWidth);
    m_evidenceView->setMinimumWidth(0);
    auto *scroll = new QScrollArea(this);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_owner, &QComboBox::activated, this,
            [this] { apply(int(AssessmentField::Owner), m_owner->currentData()); });
    connect(m_director, &QComboBox::activated, this,
            [this] { apply(int(AssessmentField::Director), m_director->currentData()); });
    connect(m_rating, &QComboBox::activated, this, &ActionEditor::ratingChosen);
    connect(m_target, &QComboBox::activated, this,
            [this] { apply(int(AssessmentField::Target), m_target->currentData()); });
    connect(m_justification, &QLineEdit::editingFinished, this, [this] {
        if (m_justification->isModified())
            apply(int(AssessmentField::Justification), m_justification->text());
    });
    connect(m_targetDate, &DateField::dateEdited, this,
            [this](const QDate &date) { apply(int(AssessmentField::TargetDate), date); });
    connect(m_nextReview, &DateField::dateEdited, this,
            [this](const QDate &date) { apply(int(AssessmentField::NextReview), date); });
    // "Not assessed" carries no data: a null QVariant, which clears the level.
    connect(m_maturity, &QComboBox::activated, this,
            [this] { apply(int(AssessmentField::Maturity), m_maturity->currentData()); });
    connect(m_maturityTarget, &QComboBox::activated, this,
            [this] { apply(int(AssessmentField::MaturityTarget), m_maturityTarget->currentData()); });
    connect(m_maturityAssessed, &DateField::dateEdited, this,
            [this](const QDate &date) { apply(int(AssessmentField::MaturityAssessed), date); });
    connect(m_maturityAssessor, &QComboBox::activated, this,
            [this] { apply(int(AssessmentField::MaturityAssessor), m_maturityAssessor->currentData()); });
    connect(m_commentary, &QPlainTextEdit::modificationChanged, m_saveCommentary, &QPushButton::setEnabled);
    connect(m_saveCommentary, &QPushButton::clicked, this, &ActionEditor::commitPendingEdits);
    connect(m_commentary, &QPlainTextEdit::textChanged, this, &ActionEditor::updateBoardLength);
    connect(m_justification, &QLineEdit::textChanged, this, &ActionEditor::updateBoardLength);

    // A read-only file: every control that changes the action is off from the start, and says why.
    for (QWidget *control : std::initializer_list<QWidget *>{
             m_owner, m_director, m_rating, m_target, m_justification, m_targetDate, m_nextReview, m_maturity,
             m_maturityTarget, m_maturityAssessed, m_maturityAssessor, m_commentary, m_saveCommentary})
        markAsEditControl(control, workspace, Capability::EditAssessments);
    for (QWidget *control : std::initializer_list<QWidget *>{addFile, addLink})
        markAsEditControl(control, workspace, Capability::EditEvidence);

    connect(workspace, &Workspace::assessmentChanged, this, [this](const QString &id) {
        if (id == m_actionId)
            refresh();
    });
    connect(workspace, &Workspace::peopleChanged, this, &ActionEditor::refresh);
    connect(workspace, &Workspace::frameworksChanged, this, &ActionEditor::refresh);
    connect(workspace, &Workspace::evidenceChanged, this, &ActionEditor::refresh);
    // Maturity tracking turned on or off (File > Organisation): the group appears or goes.
    connect(workspace, &Workspace::organisationChanged, this, &ActionEditor::refresh);
    setEnabled(false);
}

void ActionEditor::setActionId(const QString &actionId)
{
    if (actionId == m_actionId)
        return;
    commitPendingEdits();
    m_actionId = actionId;
    m_evidenceModel->setActionFilter(actionId.isEmpty() ? QStringLiteral("-") : actionId);
    refresh();
}

void ActionEditor::refillPeople()
{
    m_owner->clear();
    m_director->clear();
    m_owner->addItem(tr("(no owner)"), QVariant::fromValue<qint64>(0));
    m_director->addItem(tr("(no director)"), QVariant::fromValue<qint64>(0));
    for (const Person &person : m_workspace->store().people()) {
        if (!person.active)
            continue;
        const QString label = QStringLiteral("%1 - %2").arg(person.name, person.role);
        m_owner->addItem(label, QVariant::fromValue(person.id));
        if (person.board)
            m_director->addItem(label, QVariant::fromValue(person.id));
    }
}

void ActionEditor::refresh()
{
    m_updating = true;
    // Any followed framework's item: the Code's, the Software Security Code's, a library's.
    std::optional<ActionState> found;
    if (!m_actionId.isEmpty()) {
        try {
            found = m_workspace->actionState(m_actionId);
        } catch (const Error &) {
            // no longer followed, or never an item: the editor empties
        }
    }
    setEnabled(found.has_value());
    if (!found) {
        m_heading->setText(tr("Choose an action"));
        m_principle->clear();
        m_wording->clear();
        m_references->clear();
        m_claimWarning->hide();
        // Nothing of the previous action may stay on show in the disabled editor.
        m_targetDate->setDate({});
        m_nextReview->setDate({});
        m_maturityAssessed->setDate({});
        m_maturityBox->hide();
        m_updating = false;
        return;
    }
    const ActionState &state = *found;
    const Catalogue *catalogue = Catalogue::builtInByKey(state.framework);
    const CatalogueAction *action = catalogue ? catalogue->action(state.id) : nullptr;
    if (state.framework == Catalogue::codeKey()) {
        m_heading->setText(QStringLiteral("%1  %2").arg(state.id, state.shortTitle));
        m_principle->setText(tr("Principle %1: %2").arg(state.principleId, state.principleTitle));
    } else {
        const Framework framework = m_workspace->framework(state.framework);
        m_heading->setText(QStringLiteral("%1 %2  %3").arg(framework.shortName, state.reference, state.shortTitle));
        QString where = tr("%1 %2: %3")
                            .arg(framework.groupNoun.left(1).toUpper() + framework.groupNoun.mid(1),
                                 state.principleId.section(u':', 1), state.principleTitle);
        if (!state.path.isEmpty())
            where += QStringLiteral(" › ") + state.path;
        m_principle->setText(where);
    }
    m_wording->setText(state.text);
    // The two codes are Codes; a library's framework is not, and says nothing as "the Code".
    if (auto *box = findChild<QGroupBox *>(QStringLiteral("wordingBox")))
        box->setTitle(catalogue ? tr("The Code says") : tr("The framework says"));

    // Catalogue text is ours, but it is escaped anyway: nothing reaches rich text unescaped (a library's is not).
    QStringList parts;
    if (action && !action->cadence.isEmpty())
        parts << tr("<b>Cadence:</b> \"%1\"").arg(action->cadence.toHtmlEscaped());
    if (action && !action->crossReferences.isEmpty()) {
        QStringList links;
        for (const QString &reference : action->crossReferences) {
            const CatalogueAction *target = catalogue->action(reference);
            links << QStringLiteral("<a href=\"action:%1\">%1</a> %2")
                         .arg(reference.toHtmlEscaped(), target ? target->shortTitle.toHtmlEscaped() : QString());
        }
        parts << tr("<b>Refers to:</b> %1").arg(links.join(QStringLiteral("; ")));
    }
    QMap<QString, QStringList> byFramework;
    // While maturity is tracked, the CMMI practice areas are in the maturity group below, with their names.
    const bool cmmiBelow = m_workspace->organisation().trackMaturity;
    for (const Mapping &mapping : action ? action->mappings : QList<Mapping>()) {
        if (!(cmmiBelow && mapping.frameworkId == kCmmiMappings))
            byFramework[mapping.frameworkId] << mapping.reference.toHtmlEscaped();
    }
    for (auto it = byFramework.cbegin(); it != byFramework.cend(); ++it) {
        const MappedFramework *framework = catalogue->framework(it.key());
        if (!framework)
            continue;
        parts << QStringLiteral("<b>%1</b> <i>(%2)</i>: %3")
                     .arg(framework->name.toHtmlEscaped(), framework->label.toHtmlEscaped(),
                          it.value().join(QStringLiteral(", ")));
    }
    // Across frameworks: the Code's actions that share evidence with another framework's item (the disclosure
    // policy that supports the Software Security Code's 3.2 supports the Code's A4 too). No mapping is claimed:
    // only what the record's own evidence links say.
    if (state.framework != Catalogue::codeKey()) {
        QStringList shared;
        for (const Evidence &evidence : m_workspace->store().evidenceOfAction(state.id)) {
            for (const QString &other : evidence.actionIds) {
                if (Catalogue::keyOfItem(other) == Catalogue::codeKey() && !shared.contains(other))
                    shared << other;
            }
        }
        std::sort(shared.begin(), shared.end());
        QStringList links;
        for (const QString &id : std::as_const(shared)) {
            const CatalogueAction *code = Catalogue::builtIn().action(id);
            links << QStringLiteral("<a href=\"action:%1\">%1</a> %2")
                         .arg(id.toHtmlEscaped(), code ? code->shortTitle.toHtmlEscaped() : QString());
        }
        parts << (links.isEmpty()
                      ? tr("<b>Shares evidence with the Code's actions:</b> none yet")
                      : tr("<b>Shares evidence with the Code's actions:</b> %1").arg(links.join(QStringLiteral("; "))));
    }
    m_references->setText(parts.join(QStringLiteral("<br/>")));
    m_references->setVisible(!parts.isEmpty());

    const Assessment &a = state.assessment;
    m_version = a.version;
    const ActionScore score = Scoring::score(state);
    if (score.unsupportedClaim) {
        m_claimWarning->setText(tr("Unsupported claim: rated %1 with no current evidence. It counts as Limited "
                                   "until current evidence is added.")
                                    .arg(ratingLabel(a.rating)));
        m_claimWarning->show();
    } else {
        m_claimWarning->hide();
    }

    refillPeople();
    m_owner->setCurrentIndex(std::max(0, m_owner->findData(QVariant::fromValue(a.ownerId))));
    m_director->setCurrentIndex(std::max(0, m_director->findData(QVariant::fromValue(a.directorId))));
    m_rating->setCurrentIndex(m_rating->findData(QVariant::fromValue(a.rating)));
    m_target->setCurrentIndex(m_target->findData(QVariant::fromValue(a.target)));
    m_justification->setText(a.justification);
    m_justification->setCursorPosition(0); // a long justification reads from its start
    m_justification->setModified(false);
    const bool notApplicable = a.rating == Rating::NotApplicable;
    m_justification->setVisible(notApplicable);
    m_justificationLabel->setVisible(notApplicable);
    // Left out by the organisation's vendor role: Not applicable, for the reason shown, until the role changes.
    const QString byRole =
        tr("Not applicable to the organisation's vendor role (File > Frameworks): %1").arg(a.justification);
    for (QWidget *control : {static_cast<QWidget *>(m_rating), static_cast<QWidget *>(m_target),
                             static_cast<QWidget *>(m_justification)}) {
        // Only what this turned off is turned on again, and only where the record's own lock allows it.
        if (state.notApplicableByRole) {
            control->setEnabled(false);
            control->setProperty("offByVendorRole", true);
            control->setToolTip(byRole);
        } else if (control->property("offByVendorRole").toBool()) {
            control->setProperty("offByVendorRole", false);
            const bool may = !m_workspace->isReadOnly() && !m_workspace->isOffline()
                             && m_workspace->access().may(Capability::EditAssessments);
            control->setEnabled(may);
            if (may)
                control->setToolTip({});
        }
    }
    m_targetDate->setDate(a.targetDate);
    m_nextReview->setDate(a.nextReview);
    refreshMaturity(state, action);
    if (!m_commentary->document()->isModified() || m_commentary->toPlainText() == a.commentary) {
        m_commentary->setPlainText(a.commentary);
        m_commentary->document()->setModified(false);
        m_commentaryVersion = a.version;
    }
    m_evidenceHeading->setText(tr("<b>Evidence</b>: %1 current, %2 expiring soon, %3 expired")
                                   .arg(state.evidenceCurrent - state.evidenceExpiring)
                                   .arg(state.evidenceExpiring)
                                   .arg(state.evidenceExpired));
    updateBoardLength();
    m_updating = false;
}

void ActionEditor::refreshMaturity(const ActionState &state, const CatalogueAction *action)
{
    // "When tracking is off, nothing of this shows anywhere": not the group, nor the CMMI practice areas in it.
    const bool tracked = m_workspace->organisation().trackMaturity;
    m_maturityBox->setVisible(tracked);
    if (!tracked)
        return;
    const Assessment &a = state.assessment;
    refillMaturityLevels(m_workspace->framework(state.framework).maturityScale);
    const auto choose = [](QComboBox *combo, const std::optional<int> &level) {
        // A level its scale no longer has (the framework's file changed) shows as a number rather than as none.
        int index = 0;
        if (level) {
            index = combo->findData(*level);
            if (index < 0) {
                combo->addItem(QString::number(*level), *level);
                index = combo->count() - 1;
            }
        }
        combo->setCurrentIndex(index);
    };
    choose(m_maturity, a.maturity);
    choose(m_maturityTarget, a.maturityTarget);
    // The store refuses an assessment dated after today; the field says so as it is typed.
    m_maturityAssessed->setMaximumDate(m_workspace->store().clock().today());
    m_maturityAssessed->setDate(a.maturityAssessed);
    m_maturityAssessor->setCurrentIndex(
        std::max(0, m_maturityAssessor->findData(QVariant::fromValue(a.maturityAssessor))));

    // Only what the catalogue holds: the examples the CMMI guidance gives for this action, by name and short name.
    QStringList areas;
    for (const Mapping &mapping : action ? action->mappings : QList<Mapping>()) {
        if (mapping.frameworkId == kCmmiMappings)
            areas << (mapping.text.isEmpty() ? mapping.reference
                                             : QStringLiteral("%1 (%2)").arg(mapping.text, mapping.reference));
    }
    const Catalogue *catalogue = Catalogue::builtInByKey(state.framework);
    const MappedFramework *cmmi = catalogue ? catalogue->framework(kCmmiMappings) : nullptr;
    if (cmmi && !areas.isEmpty()) {
        m_cmmiPracticeAreas->setText(tr("%1 (%2): %3").arg(cmmi->name, cmmi->label, areas.join(QStringLiteral(", "))));
        m_cmmiPracticeAreas->show();
    } else {
        m_cmmiPracticeAreas->clear();
        m_cmmiPracticeAreas->hide();
    }
}

void ActionEditor::refillMaturityLevels(const MaturityScale &scale)
{
    // What each level means, for the keyboard too (Shift+F1): the list's tooltips need a mouse.
    QStringList meanings{tr("Levels %1:").arg(scale.rangeText())};
    for (const MaturityLevel &level : scale.levels())
        meanings << (level.description.isEmpty() ? scale.label(level.score)
                                                 : tr("%1: %2").arg(scale.label(level.score), level.description));
    for (QComboBox *combo : {m_maturity, m_maturityTarget}) {
        combo->clear();
        combo->addItem(combo == m_maturity ? tr("Not assessed") : tr("No target"));
        for (const MaturityLevel &level : scale.levels()) {
            combo->addItem(scale.label(level.score), level.score);
            if (!level.description.isEmpty())
                combo->setItemData(combo->count() - 1, plainForRichText(level.description), Qt::ToolTipRole);
        }
        combo->setWhatsThis(plainForRichText(meanings.join(u'\n')));
    }
}

void ActionEditor::updateBoardLength()
{
    // The same measure and limit as the board pack: what goes past it is printed in the pack's annex.
    const bool notApplicable = m_rating->currentData().value<Rating>() == Rating::NotApplicable;
    const int length = BoardPack::boardTextLength(m_commentary->toPlainText(), m_justification->text(), notApplicable);
    const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    QString guide = tr("%1 / %2 characters for the board pack")
                        .arg(english.toString(length), english.toString(BoardPack::kBoardTextChars));
    if (notApplicable)
        guide += tr(", with the justification");
    const bool over = length > BoardPack::kBoardTextChars;
    if (over)
        guide += tr(": the rest goes to the annex");
    m_boardLength->setText(guide);
    m_boardLength->setStyleSheet(over ? QStringLiteral("color: #8A5A00; font-weight: bold;")
                                      : QStringLiteral("color: palette(dark);"));
}

void ActionEditor::showRefusal(const Error &error)
{
    showError(error.message());
    // The server refused this login (its roles were changed while the window was open): the controls follow
    // what it may do now; what was typed stays in the editor.
    if (error.kind() == Error::Kind::NotPermitted)
        m_workspace->refreshAccess();
}

void ActionEditor::showError(const QString &message)
{
    QMessageBox::warning(this, tr("Change not saved"), plainForRichText(message));
}

void ActionEditor::apply(int field, const QVariant &value)
{
    if (m_updating || m_actionId.isEmpty())
        return;
    try {
        m_workspace->changeAssessment(m_actionId, {{AssessmentField(field), value}}, m_version);
    } catch (const Error &error) {
        showRefusal(error);
        refresh();
    }
}

void ActionEditor::ratingChosen()
{
    if (m_updating || m_actionId.isEmpty())
        return;
    const Rating rating = m_rating->currentData().value<Rating>();
    AssessmentChanges changes{{AssessmentField::Rating, QVariant::fromValue(rating)}};
    if (rating == Rating::NotApplicable && m_workspace->store().assessment(m_actionId).justification.isEmpty()) {
        const std::optional<QString> justification = askNotApplicableJustification();
        if (!justification) {
            refresh();
            return;
        }
        changes.insert(AssessmentField::Justification, *justification);
    }
    try {
        m_workspace->changeAssessment(m_actionId, changes, m_version);
    } catch (const Error &error) {
        showRefusal(error);
        refresh();
    }
}

std::optional<QString> ActionEditor::askNotApplicableJustification()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("notApplicableDialog"));
    dialog.setWindowTitle(tr("Not applicable"));
    auto *question =
        new QLabel(tr("Why does action %1 not apply to the organisation? The board pack shows this justification.")
                       .arg(m_actionId),
                   &dialog);
    question->setWordWrap(true);
    question->setTextFormat(Qt::PlainText);
    auto *text = new QPlainTextEdit(&dialog);
    text->setObjectName(QStringLiteral("justification"));
    text->setTabChangesFocus(true);
    question->setBuddy(text);
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("justificationProblem"));
    problem->setWordWrap(true);
    problem->setTextFormat(Qt::PlainText);
    problem->setStyleSheet(QStringLiteral("color: #B00020;"));
    problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    // OK with nothing written says why it cannot be accepted and keeps the dialog (and the choice) open.
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&dialog, text, problem] {
        if (text->toPlainText().trimmed().isEmpty()) {
            problem->setText(tr("A justification is required: an action rated Not applicable must say why it "
                                "does not apply. Write it, or choose Cancel to keep the current rating."));
            problem->show();
            text->setFocus();
            return;
        }
        dialog.accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(text, &QPlainTextEdit::textChanged, problem, [text, problem] {
        if (!text->toPlainText().trimmed().isEmpty())
            problem->hide();
    });
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(question);
    layout->addWidget(text, 1);
    layout->addWidget(problem);
    layout->addWidget(buttons);
    dialog.resize(480, 260);
    text->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return text->toPlainText().trimmed();
}

bool ActionEditor::commitPendingEdits()
{
    if (m_actionId.isEmpty() || !m_commentary->document()->isModified())
        return true;
    try {
        // Made from the commentary as it was when typing began: if someone else changed the action since,
        // the text typed stays in the editor and the message says what is recorded now.
        m_workspace->changeAssessment(m_actionId, {{AssessmentField::Commentary, m_commentary->toPlainText()}},
                                      m_commentaryVersion);
        m_commentary->document()->setModified(false);
        return true;
    } catch (const Error &error) {
        // Told now what was recorded meanwhile: a second attempt replaces it knowingly.
        if (error.kind() == Error::Kind::Conflict)
            m_commentaryVersion = m_workspace->store().assessment(m_actionId).version;
        showRefusal(error);
        return false;
    }
}

bool ActionEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_commentary) {
        if (event->type() == QEvent::FocusOut)
            commitPendingEdits();
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)
                && key->modifiers().testFlag(Qt::ControlModifier)) {
                commitPendingEdits();
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ActionEditor::dragEnterEvent(QDragEnterEvent *event)
{
    if (!m_actionId.isEmpty() && !m_workspace->isReadOnly() && m_workspace->access().may(Capability::EditEvidence)
        && !EvidenceActions::localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ActionEditor::dropEvent(QDropEvent *event)
{
    const QStringList files = EvidenceActions::localFiles(event->mimeData());
    if (files.isEmpty() || m_actionId.isEmpty())
        return;
    event->acceptProposedAction();
    m_evidenceActions->addFiles(files, {m_actionId});
}

} // namespace quorum
