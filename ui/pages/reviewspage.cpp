#include "ui/pages/reviewspage.h"

#include "core/domain/catalogue.h"

#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/rules/reviewcomparison.h"
#include "core/workspace/dashboard.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/datefield.h"
#include "ui/widgets/formdialog.h"
#include "ui/widgets/prompts.h"
#include "ui/widgets/ragcolors.h"
#include "ui/widgets/readonlyguard.h"
#include "ui/widgets/recordtable.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace quorum {

namespace {

/** The frozen table's first maturity column (then the target's): shown only while maturity is tracked. */
constexpr int kFrozenMaturityColumn = 7;

} // namespace

namespace {

/**
 * Whether a role typed in the People register names the chair of the board ("Chair", "Chairman",
 * "Chair of the Board"), not the chair of a committee ("Chair of Audit and Risk").
 */
bool isChairRole(const QString &role)
{
    static const QStringList chairRoles{
        QStringLiteral("chair"),         QStringLiteral("chairman"),           QStringLiteral("chairwoman"),
        QStringLiteral("chairperson"),   QStringLiteral("chair of the board"), QStringLiteral("board chair"),
        QStringLiteral("chair of board")};
    QString words = role.simplified().toLower();
    // "Chair, Non-executive Director": the part before the first comma says it.
    words = words.section(u',', 0, 0).trimmed();
    return chairRoles.contains(words);
}

} // namespace

ReviewsPage::ReviewsPage(Workspace *workspace, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_reviews(new RecordTable({tr("Board review"), tr("Meeting"), tr("Posture"), tr("Sign-off")}, this))
    , m_sign(new QPushButton(tr("&Sign off..."), this))
    , m_delete(new QPushButton(tr("&Delete"), this))
    , m_decisionsButton(new QPushButton(tr("Decisions &sought..."), this))
    , m_meetingDateButton(new QPushButton(tr("Change &meeting date..."), this))
    , m_export(new QPushButton(tr("Export board &pack..."), this))
    , m_tabs(new QTabWidget(this))
    , m_from(new QComboBox(this))
    , m_to(new QComboBox(this))
    , m_changes(new RecordTable({tr("Action"), tr("Change"), tr("Before"), tr("After")}, this))
    , m_newAttention(new QLabel(this))
    , m_frozen(new RecordTable({tr("Action"), tr("Rating"), tr("Target"), tr("Owner"), tr("Director"),
                                tr("Current evidence"), tr("Expired evidence"), tr("Maturity"), tr("Target maturity")},
                               this))
    , m_signOff(new QLabel(this))
    , m_decisions(new QPlainTextEdit(this))
{
    m_reviews->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_reviews->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_reviews->horizontalHeader()->resizeSection(1, 110);
    m_reviews->horizontalHeader()->resizeSection(2, 80);
    m_changes->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_changes->horizontalHeader()->setStretchLastSection(true);
    m_frozen->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_frozen->horizontalHeader()->setStretchLastSection(true);
    m_decisions->setReadOnly(true);
    m_newAttention->setWordWrap(true);
    m_newAttention->setTextFormat(Qt::PlainText);
    m_signOff->setWordWrap(true);
    m_signOff->setTextFormat(Qt::PlainText);

    auto *create = new QPushButton(tr("&New board review..."), this);
    connect(create, &QPushButton::clicked, this, &ReviewsPage::createReview);
    connect(m_sign, &QPushButton::clicked, this, &ReviewsPage::signReview);
    connect(m_delete, &QPushButton::clicked, this, &ReviewsPage::deleteReview);
    connect(m_decisionsButton, &QPushButton::clicked, this, &ReviewsPage::editDecisions);
    connect(m_meetingDateButton, &QPushButton::clicked, this, &ReviewsPage::editMeetingDate);
    m_meetingDateButton->setObjectName(QStringLiteral("meetingDateButton"));
    m_meetingDateButton->setToolTip(tr("Correct the date of the board meeting, until the review is signed off"));
    connect(m_export, &QPushButton::clicked, this, [this] { Q_EMIT exportBoardPackRequested(selectedReviewId()); });
    connect(m_reviews, &QTableWidget::currentCellChanged, this, &ReviewsPage::showSelected);
    connect(m_from, &QComboBox::activated, this, &ReviewsPage::runComparison);
    connect(m_to, &QComboBox::activated, this, &ReviewsPage::runComparison);
    connect(m_changes, &QTableWidget::cellDoubleClicked, this,
            [this](int row) { Q_EMIT actionActivated(m_changes->item(row, 0)->text()); });
    connect(workspace, &Workspace::reviewsChanged, this, &ReviewsPage::reload);
    // Tracking maturity turned on or off shows or hides the frozen levels at once.
    connect(workspace, &Workspace::organisationChanged, this, &ReviewsPage::showSelected);
    for (QWidget *control : std::initializer_list<QWidget *>{create, m_decisionsButton, m_delete})
        markAsEditControl(control, workspace, Capability::EditReviews);
    markAsEditControl(m_sign, workspace, Capability::SignOffReviews);
    // A comparison with "now" reads every action and its evidence: redo it on a change only while the page
    // is shown, and when it is next shown otherwise.
    connect(workspace, &Workspace::dataChanged, this, &ReviewsPage::refreshComparison);

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {create, m_decisionsButton, m_meetingDateButton, m_sign, m_delete})
        buttons->addWidget(button);
    buttons->addStretch();
    buttons->addWidget(m_export);

    auto *compareTab = new QWidget(this);
    auto *compareLayout = new QVBoxLayout(compareTab);
    auto *compareBar = new QHBoxLayout;
    compareBar->addWidget(new QLabel(tr("Changes from"), this));
    compareBar->addWidget(m_from, 1);
    compareBar->addWidget(new QLabel(tr("to"), this));
    compareBar->addWidget(m_to, 1);
    compareLayout->addLayout(compareBar);
    compareLayout->addWidget(m_changes, 1);
    compareLayout->addWidget(m_newAttention);
    m_tabs->addTab(compareTab, tr("&Changes since"));

    auto *frozenTab = new QWidget(this);
    auto *frozenLayout = new QVBoxLayout(frozenTab);
    frozenLayout->addWidget(m_signOff);
    frozenLayout->addWidget(m_frozen, 1);
    m_tabs->addTab(frozenTab, tr("&Frozen state"));
    auto *decisionsTab = new QWidget(this);
    auto *decisionsLayout = new QVBoxLayout(decisionsTab);
    decisionsLayout->addWidget(new QLabel(tr("Decisions sought from the board at this meeting (printed in the "
                                             "board pack's executive summary):"),
                                          this));
    decisionsLayout->addWidget(m_decisions, 1);
    m_tabs->addTab(decisionsTab, tr("De&cisions sought"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(new QLabel(tr("<b>Board reviews</b> &mdash; the state frozen for each board meeting; a "
                                       "signed-off review can never be changed"),
                                    this));
    topLayout->addWidget(m_reviews, 1);
    topLayout->addLayout(buttons);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_tabs);
    splitter->setSizes({300, 500});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addWidget(splitter);
    reload();
}

qint64 ReviewsPage::selectedReviewId() const
{
    return m_reviews->currentId();
}

void ReviewsPage::reload()
{
    const Store &store = m_workspace->store();
    const QList<ActionState> live = m_workspace->actionStates();
    QList<Review> reviews = store.reviews();
    std::reverse(reviews.begin(), reviews.end()); // newest first
    m_reviews->refill(reviews.size(), [&](int row) {
        const Review &review = reviews[row];
        // The Cyber Governance Code's score: never blended with another framework's.
        const PostureScore score = Scoring::posture(
            statesOfReview(reviewItemsOfFramework(store.reviewItems(review.id), Catalogue::codeKey()), live));
        m_reviews->setRecordRow(
            row, review.id,
            {review.name, review.meetingDate.toString(Qt::ISODate), Scoring::format(score.score),
             review.isSigned()
                 ? tr("Signed by %1 on %2%3")
                       .arg(review.signedBy, review.signedAt.toLocalTime().date().toString(Qt::ISODate),
                            review.minuteRef.isEmpty() ? QString() : tr(", minute %1").arg(review.minuteRef))
                 : tr("Not signed off")});
        if (!review.isSigned())
            m_reviews->item(row, 3)->setForeground(ragColor(Rag::Amber).darker(150));
    });
    refillCompareCombos();
    showSelected();
    refreshComparison();
}

void ReviewsPage::refillCompareCombos()
{
    const qint64 from = m_from->currentData().toLongLong();
    const qint64 to = m_to->currentData().toLongLong();
    m_from->clear();
    m_to->clear();
    m_to->addItem(tr("Now (live state)"), QVariant::fromValue<qint64>(0));
    QList<Review> reviews = m_workspace->store().reviews();
    std::reverse(reviews.begin(), reviews.end());
    for (const Review &review : std::as_const(reviews)) {
        const QString label = QStringLiteral("%1 (%2)").arg(review.name, review.meetingDate.toString(Qt::ISODate));
        m_from->addItem(label, QVariant::fromValue(review.id));
        m_to->addItem(label, QVariant::fromValue(review.id));
    }
    const int fromIndex = m_from->findData(QVariant::fromValue(from));
    m_from->setCurrentIndex(fromIndex >= 0 ? fromIndex : 0);
    const int toIndex = m_to->findData(QVariant::fromValue(to));
    m_to->setCurrentIndex(toIndex >= 0 ? toIndex : 0);
}

void ReviewsPage::compare(qint64 fromId, qint64 toId)
{
    m_from->setCurrentIndex(std::max(0, m_from->findData(QVariant::fromValue(fromId))));
    m_to->setCurrentIndex(std::max(0, m_to->findData(QVariant::fromValue(toId))));
    refreshComparison();
}

void ReviewsPage::refreshComparison()
{
    // One change announces itself several times (reviewsChanged, then dataChanged; a reload selects a
    // review): mark the comparison stale and run it once, on the next turn of the event loop if shown.
    m_comparisonStale = true;
    if (isVisible())
        QTimer::singleShot(0, this, [this] {
            if (m_comparisonStale && isVisible())
                runComparison();
        });
}

void ReviewsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_comparisonStale)
        runComparison();
}

void ReviewsPage::runComparison()
{
    m_comparisonStale = false;
    m_changes->setRowCount(0);
    if (m_from->count() == 0) {
        m_newAttention->setText(tr("Create a board review to compare against."));
        return;
    }
    const qint64 fromId = m_from->currentData().toLongLong();
    const qint64 toId = m_to->currentData().toLongLong();
    try {
        const ReviewDiff diff =
            compareReviews(m_workspace->store(), fromId, toId ? std::optional<qint64>(toId) : std::nullopt);
        m_changes->setRowCount(int(diff.changes.size()));
        for (int row = 0; row < diff.changes.size(); ++row) {
            const ReviewChange &change = diff.changes[row];
            m_changes->setRecordRow(row, 0,
                                    {change.actionId, reviewChangeKindLabel(change.kind),
                                     change.before.isEmpty() ? tr("(none)") : change.before,
                                     change.after.isEmpty() ? tr("(none)") : change.after});
            if (change.kind == ReviewChangeKind::RatingDown || change.kind == ReviewChangeKind::EvidenceExpired)
                m_changes->item(row, 1)->setForeground(ragColor(Rag::Red));
            if (change.kind == ReviewChangeKind::RatingUp || change.kind == ReviewChangeKind::EvidenceAdded)
                m_changes->item(row, 1)->setForeground(ragColor(Rag::Green));
        }
        QStringList attention;
        for (const AttentionItem &item : diff.newAttention)
            attention << QStringLiteral("\u2022 %1").arg(item.detail);
        m_newAttention->setText(diff.changes.isEmpty() && attention.isEmpty() ? tr("Nothing changed.")
                                : attention.isEmpty()                         ? tr("No new attention items.")
                                                      : tr("New attention items:\n") + attention.join(u'\n'));
    } catch (const Error &error) {
        m_newAttention->setText(error.message());
    }
}

void ReviewsPage::showSelected()
{
    const qint64 id = selectedReviewId();
    const auto review = id ? m_workspace->store().review(id) : std::nullopt;
    // A review is signed off at or after its meeting (the store refuses earlier): say so before the form.
    const bool beforeMeeting = review && review->meetingDate > m_workspace->store().clock().today();
    m_sign->setEnabled(review && !review->isSigned() && !beforeMeeting);
    if (!m_workspace->isReadOnly())
        m_sign->setToolTip(beforeMeeting ? tr("The meeting of %1 is still to come: a board review is signed off on or "
                                              "after the day of its meeting.")
                                               .arg(QLocale().toString(review->meetingDate, QLocale::LongFormat))
                                         : QString());
    m_delete->setEnabled(review && !review->isSigned());
    m_decisionsButton->setEnabled(review && !review->isSigned());
    m_meetingDateButton->setEnabled(review && !review->isSigned());
    m_frozen->setRowCount(0);
    if (!review) {
        m_signOff->setText(tr("No board review yet. Create one before each board meeting."));
        m_decisions->clear();
        return;
    }
    m_signOff->setText(
        review->isSigned()
            ? tr("%1, meeting of %2. Signed off by %3 on %4%5. This review can no longer be changed.")
                  .arg(review->name, review->meetingDate.toString(Qt::ISODate), review->signedBy,
                       review->signedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                       review->minuteRef.isEmpty() ? QString() : tr(" (minute %1)").arg(review->minuteRef))
            : tr("%1, meeting of %2, frozen %3. Not yet signed off.")
                  .arg(review->name, review->meetingDate.toString(Qt::ISODate),
                       review->createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))));
    m_decisions->setPlainText(review->decisions.isEmpty() ? tr("(none recorded)") : review->decisions);
    const QList<ReviewItem> items = m_workspace->store().reviewItems(id);
    // The frozen maturity levels, on each framework's scale, only while the organisation tracks maturity.
    const bool maturity = m_workspace->organisation().trackMaturity;
    QHash<QString, MaturityScale> scales;
    for (const Framework &framework : m_workspace->frameworks())
        scales.insert(framework.key, framework.maturityScale);
    const auto level = [&scales](const QString &itemId, const std::optional<int> &value) {
        return value ? scales.value(Catalogue::keyOfItem(itemId)).label(*value) : QString();
    };
    m_frozen->setColumnHidden(kFrozenMaturityColumn, !maturity);
    m_frozen->setColumnHidden(kFrozenMaturityColumn + 1, !maturity);
    m_frozen->setRowCount(int(items.size()));
    for (int row = 0; row < items.size(); ++row) {
        const ReviewItem &item = items[row];
        m_frozen->setRecordRow(row, 0,
                               {item.actionId, ratingLabel(item.rating), ratingLabel(item.target), item.owner,
                                item.director, QString::number(item.evidenceCurrent),
                                QString::number(item.evidenceExpired), level(item.actionId, item.maturity),
                                level(item.actionId, item.maturityTarget)});
    }
    // "Changes since" defaults to this review against now.
    m_from->setCurrentIndex(std::max(0, m_from->findData(QVariant::fromValue(id))));
    refreshComparison();
}

void ReviewsPage::createReview()
{
    const QDate today = m_workspace->store().clock().today();
    QDialog dialog(this);
    dialog.setWindowTitle(tr("New board review"));
    auto *name = new QLineEdit(tr("Board %1").arg(today.toString(QStringLiteral("MMMM yyyy"))), &dialog);
    auto *date = new DateField(&dialog);
    date->setRequired(true);
    date->setDate(today);
    auto *decisions = new QPlainTextEdit(&dialog);
    decisions->setPlaceholderText(tr("What the board is asked to decide or approve (optional)"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Meeting date:"), date);
    form->addRow(tr("&Decisions sought:"), decisions);
    layOutFormDialog(dialog, form,
                     tr("Creating a review freezes every action's rating, target, owner, director, evidence "
                        "counts and commentary as they are now."));
    dialog.resize(520, 320);
    execUntilSaved(dialog, tr("Review not created"), [&] {
        date->checkOrThrow();
        m_workspace->createReview(name->text(), date->date(), decisions->toPlainText());
    });
}

void ReviewsPage::signReview()
{
    const auto review = m_workspace->store().review(selectedReviewId());
    if (!review || review->isSigned())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Sign off %1").arg(review->name));
    auto *director = new QComboBox(&dialog);
    director->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    int chair = -1;
    for (const Person &person : m_workspace->store().people()) {
        if (person.board && person.active) {
            if (chair < 0 && isChairRole(person.role))
                chair = director->count();
            director->addItem(QStringLiteral("%1 - %2").arg(person.name, person.role), QVariant::fromValue(person.id));
        }
    }
    // The Chair usually signs: chosen at first when the People register's roles say who that is.
    director->setCurrentIndex(std::max(0, chair));
    auto *minute = new QLineEdit(&dialog);
    minute->setPlaceholderText(tr("for example BM/2026/11/4"));
    auto *form = new QFormLayout;
    form->addRow(tr("Signed by (director):"), director);
    form->addRow(tr("&Minute reference:"), minute);
    auto *note = new QLabel(tr("Sign-off cannot be undone: the review becomes permanent."), &dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign off"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    if (director->count() == 0) {
        warnInPlainText(this, tr("Cannot sign off"), tr("Record at least one active board member first."));
        return;
    }
    execUntilSaved(dialog, tr("Not signed off"),
                   [&] { m_workspace->signReview(review->id, director->currentData().toLongLong(), minute->text()); });
}

void ReviewsPage::deleteReview()
{
    const auto review = m_workspace->store().review(selectedReviewId());
    if (!review || review->isSigned())
        return;
    if (!confirmInPlainText(
            this, tr("Delete board review"),
            tr("Delete \"%1\" and its frozen state? You can undo this with Edit > Undo.").arg(review->name)))
        return;
    try {
        m_workspace->removeReview(review->id);
    } catch (const Error &error) {
        warnInPlainText(this, tr("Review not deleted"), error.message());
    }
}

void ReviewsPage::editDecisions()
{
    const auto review = m_workspace->store().review(selectedReviewId());
    if (!review || review->isSigned())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Decisions sought: %1").arg(review->name));
    auto *text = new QPlainTextEdit(review->decisions, &dialog);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog.resize(520, 300);
    execUntilSaved(dialog, tr("Decisions not saved"),
                   [&] { m_workspace->setReviewDecisions(review->id, text->toPlainText()); });
}

void ReviewsPage::editMeetingDate()
{
    const auto review = m_workspace->store().review(selectedReviewId());
    if (!review || review->isSigned())
        return;
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("meetingDateDialog"));
    dialog.setWindowTitle(tr("Meeting date: %1").arg(review->name));
    auto *date = new DateField(&dialog);
    date->setObjectName(QStringLiteral("meetingDate"));
    date->setRequired(true);
    date->setDate(review->meetingDate);
    auto *form = new QFormLayout;
    form->addRow(tr("&Meeting date:"), date);
    layOutFormDialog(dialog, form,
                     tr("The frozen state does not change: only the date of the meeting it was frozen for. "
                        "Once the review is signed off, its date can no longer be changed."));
    dialog.resize(460, dialog.sizeHint().height());
    execUntilSaved(dialog, tr("Meeting date not changed"), [&] {
        date->checkOrThrow();
        m_workspace->setReviewMeetingDate(review->id, date->date());
    });
}

} // namespace quorum
