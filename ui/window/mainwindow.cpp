#include "ui/window/mainwindow.h"

#include "core/domain/catalogue.h"
#include "core/domain/clock.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/rules/scoring.h"
#include "core/storage/database.h"
#include "core/storage/recordcopy.h"
#include "core/storage/serverconnection.h"
#include "core/workspace/workspace.h"
#include "ui/pages/actionspage.h"
#include "ui/pages/dashboardpage.h"
#include "ui/pages/eventspage.h"
#include "ui/pages/evidenceactions.h"
#include "ui/pages/evidencepage.h"
#include "ui/pages/historypage.h"
#include "ui/pages/metricspage.h"
#include "ui/pages/peoplepage.h"
#include "ui/pages/reviewspage.h"
#include "ui/report/boardpackdialog.h"
#include "ui/widgets/filedialog.h"
#include "ui/widgets/formdialog.h"
#include "ui/widgets/readonlyguard.h"
#include "ui/window/accessdialog.h"
#include "ui/window/connectionbanner.h"
#include "ui/window/frameworksdialog.h"
#include "ui/window/serverdialog.h"
#include "ui/window/serverlogin.h"

#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace quorum {

namespace {

const QString kRecentKey = QStringLiteral("recentFiles");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");
const QString kFileFilter = QStringLiteral("Quorum databases (*.quorum);;All files (*)");
/** The name a new database is given (Database::open) until the user names the organisation. */
const QString kUnnamedOrganisation = QStringLiteral("Unnamed organisation");
constexpr int kMaxRecent = 8;

QString actingAsKey(const QString &path)
{
    // One setting per database: who you act as belongs to that organisation's record.
    return QStringLiteral("actingAs/%1")
        .arg(QString::fromLatin1(path.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
}

/** The undo history: a list of short texts, so it asks for less width than a list view's default. */
class UndoHistoryView : public QUndoView {
public:
    using QUndoView::QUndoView;
    QSize sizeHint() const override { return {200, 300}; }
};

} // namespace

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
    , m_evidenceActions(new EvidenceActions(m_workspace.get(), this))
    , m_pageList(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_statusLabel(new QLabel(this))
    , m_actingLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("QuorumMainWindow"));
    m_pageList->setFixedWidth(170);
    m_pageList->setFrameShape(QFrame::NoFrame);
    m_pageList->setSpacing(2);
    QFont pageFont = m_pageList->font();
    pageFont.setPointSizeF(pageFont.pointSizeF() * 1.1);
    m_pageList->setFont(pageFont);
    m_pageList->setStyleSheet(QStringLiteral("QListWidget { background: palette(window); padding-top: 8px; }"
                                             "QListWidget::item { padding: 8px 12px; }"));
    // Every page is built the first time it is shown (or asked for), which keeps start-up on a large
    // organisation short (docs/PERFORMANCE.md). The dashboard, which opens, is built at the end of this
    // constructor.
    Workspace *opened = m_workspace.get();
    addLazyPage(QStringLiteral("dashboard"), tr("Dashboard"), [this, opened] {
        m_dashboardPage = new DashboardPage(opened, this);
        connect(m_dashboardPage, &DashboardPage::attentionActivated, this, &MainWindow::goToAttention);
        connect(m_dashboardPage, &DashboardPage::tileActivated, this, &MainWindow::goToTile);
        return m_dashboardPage;
    });
    addLazyPage(QStringLiteral("actions"), tr("Actions"), [this, opened] {
        auto *page = new ActionsPage(opened, m_evidenceActions, this);
        connect(page, &ActionsPage::statusMessage, this, [this](const QString &message) {
            QMessageBox::warning(this, tr("Change not saved"), plainForRichText(message));
        });
        return page;
    });
    addLazyPage(QStringLiteral("evidence"), tr("Evidence"),
                [this, opened] { return new EvidencePage(opened, m_evidenceActions, this); });
    addLazyPage(QStringLiteral("people"), tr("People"), [this, opened] { return new PeoplePage(opened, this); });
    addLazyPage(QStringLiteral("reviews"), tr("Board reviews"), [this, opened] {
        auto *reviews = new ReviewsPage(opened, this);
        connect(reviews, &ReviewsPage::exportBoardPackRequested, this, [this](qint64 reviewId) {
            BoardPackDialog dialog(m_workspace.get(), this);
            const auto review = reviewId ? m_workspace->store().review(reviewId) : std::nullopt;
            dialog.selectReview(review ? review->name : QString());
            dialog.exec();
        });
        connect(reviews, &ReviewsPage::actionActivated, this, [this](const QString &actionId) {
            showPage(QStringLiteral("actions"));
            actionsPage()->showAction(actionId);
        });
        return reviews;
    });
    addLazyPage(QStringLiteral("metrics"), tr("Metrics"), [this, opened] { return new MetricsPage(opened, this); });
    addLazyPage(QStringLiteral("exercises"), tr("Exercises"), [this, opened] { return new EventsPage(opened, this); });
    addLazyPage(QStringLiteral("history"), tr("History"), [this, opened] { return new HistoryPage(opened, this); });
    // Built when it becomes current, however it was made current (the page list, a shortcut, a link).
    connect(m_pages, &QStackedWidget::currentChanged, this, [this](int index) {
        try {
            pageAt(index);
        } catch (const Error &error) {
            // A page that cannot read its data stays empty, says why, and is tried again when next shown.
            QMessageBox::warning(this, tr("Page not shown"), plainForRichText(error.message()));
        }
    });
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_pageList->setCurrentRow(0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_pageList);
    layout->addWidget(m_pages, 1);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    if (m_workspace->isReadOnly())
        centralLayout->addWidget(makeReadOnlyBanner());
    if (m_workspace->isServer())
        centralLayout->addWidget(new ConnectionBanner(m_workspace.get(), central));
    centralLayout->addLayout(layout, 1);
    setCentralWidget(central);

    auto *undoDock = new QDockWidget(tr("Undo history"), this);
    undoDock->setObjectName(QStringLiteral("undoHistoryDock"));
    auto *undoView = new UndoHistoryView(m_workspace->undoStack(), undoDock);
    undoView->setEmptyLabel(tr("<opened>"));
    undoDock->setWidget(undoView);
    addDockWidget(Qt::RightDockWidgetArea, undoDock);
    undoDock->hide();

    // Names as typed: never rendered as rich text.
    m_actingLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_actingLabel);
    statusBar()->addPermanentWidget(m_statusLabel);
    buildMenus();
    QMenu *view = menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"));
    if (view) {
        view->addSeparator();
        view->addAction(undoDock->toggleViewAction());
        undoDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_Z));
    }

    // Restore who this user acts as in this database.
    const QString actingAs = QSettings().value(actingAsKey(m_workspace->path())).toString();
    if (!actingAs.isEmpty()) {
        try {
            m_workspace->setActingAs(m_workspace->store().personByName(actingAs).name);
        } catch (const Error &) {
            // That person is no longer recorded; act as nobody in particular.
        }
    }
    connect(m_workspace.get(), &Workspace::dataChanged, this, &MainWindow::updateStatus);
    connect(m_workspace.get(), &Workspace::accessChanged, this, &MainWindow::updateStatus);
    // On a server, say who changed what when another person's change arrives (the pages update themselves).
    connect(m_workspace.get(), &Workspace::othersChanged, this, [this](const QList<AuditEntry> &entries) {
        const AuditRecord &last = entries.last().record;
        const QString who = last.actingAs.isEmpty() ? last.actor : last.actingAs;
        const QString what = last.entity == QLatin1String("assessment") ? tr("%1 (%2)").arg(last.entityId, last.field)
                                                                        : tr("the %1 records").arg(last.entity);
        statusBar()->showMessage(
            entries.size() == 1 ? tr("%1 changed %2.").arg(who, what)
                                : tr("%1 changes arrived; the last, by %2, to %3.").arg(entries.size()).arg(who, what),
            8000);
    });
    connect(m_workspace.get(), &Workspace::connectionRestored, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_workspace.get(), &Workspace::errorOccurred, this,
            [this](const QString &message) { QMessageBox::warning(this, tr("Quorum"), plainForRichText(message)); });
    setWindowTitle(tr("%1 - Quorum").arg(m_workspace->displayName()));
    if (!m_workspace->isServer())
        setWindowFilePath(m_workspace->path());

    QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(firstStartSize(screen()->availableGeometry().size()));
    restoreState(settings.value(kStateKey).toByteArray());
    rememberRecent(m_workspace->location());

    // Last, the two steps that read the evidence summary.
    page(QStringLiteral("dashboard"));
    updateStatus();
}

QWidget *MainWindow::makeReadOnlyBanner()
{
    // Said before the first edit, not after it: the file (or its folder) cannot be written.
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("readOnlyBanner"));
    banner->setStyleSheet(QStringLiteral("#readOnlyBanner { background: #FFF4CE; border-bottom: 1px solid #F2A900; }"
                                         "#readOnlyBanner QLabel { color: #5C4400; }"));
    auto *text = new QLabel(tr("Read-only: %1 cannot be changed (the file or its folder cannot be written). Save a "
                               "copy to edit.")
                                .arg(QDir::toNativeSeparators(m_workspace->path())),
                            banner);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    auto *saveCopyButton = new QPushButton(tr("Save a Copy to Edit..."), banner);
    connect(saveCopyButton, &QPushButton::clicked, this, [this] {
        const QString copy = saveCopy();
        if (!copy.isEmpty())
            switchTo(copy, false);
    });
    auto *layout = new QHBoxLayout(banner);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(text, 1);
    layout->addWidget(saveCopyButton);
    return banner;
}

MainWindow::~MainWindow()
{
    // The pages' views read models over the workspace. Take them down while it still exists: the base
    // class would hide and delete them only after m_workspace is gone (a use after free that the
    // sanitizer build found).
    hide();
    qDeleteAll(findChildren<QWidget *>(QString(), Qt::FindDirectChildrenOnly));
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_painted) {
        // The file's background check (Database::IntegrityCheck::InBackground) starts once the window is
        // on screen, not beside building and painting it, which it would slow. Queued, so that it starts
        // after this paint, children included.
        m_painted = true;
        QTimer::singleShot(0, m_workspace.get(), &Workspace::startIntegrityCheck);
    } else if (event->type() == QEvent::Show && !m_shown) {
        // A window shown but never painted (minimised, say) still has its file checked, a little later.
        m_shown = true;
        QTimer::singleShot(std::chrono::seconds(2), m_workspace.get(), &Workspace::startIntegrityCheck);
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Commentary being typed is saved, not lost, when the window closes.
    saveTypedText();
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    event->accept();
}

void MainWindow::addPage(const QString &name, const QString &title, QWidget *page, bool first)
{
    const int index = first ? 0 : int(m_pageNames.size());
    m_pageNames.insert(index, name);
    m_pageList->insertItem(index, title);
    m_pages->insertWidget(index, page);
}

void MainWindow::addLazyPage(const QString &name, const QString &title, std::function<QWidget *()> build)
{
    // An empty stand-in holds the page's place until build() makes it.
    auto *standIn = new QWidget(this);
    m_pageBuilders.insert(standIn, std::move(build));
    addPage(name, title, standIn);
}

QWidget *MainWindow::pageAt(int index) const
{
    QWidget *widget = m_pages->widget(index);
    const std::function<QWidget *()> build = m_pageBuilders.take(widget);
    if (!build)
        return widget;
    QWidget *page = nullptr;
    try {
        page = build();
    } catch (...) {
        m_pageBuilders.insert(widget, build); // tried again when next shown
        throw;
    }
    const bool wasCurrent = m_pages->currentWidget() == widget;
    m_pages->insertWidget(index, page);
    if (wasCurrent)
        m_pages->setCurrentWidget(page);
    m_pages->removeWidget(widget);
    delete widget;
    return page;
}

QWidget *MainWindow::page(const QString &name) const
{
    const qsizetype index = m_pageNames.indexOf(name);
    return index < 0 ? nullptr : pageAt(int(index));
}

bool MainWindow::isPageBuilt(const QString &name) const
{
    const qsizetype index = m_pageNames.indexOf(name);
    return index >= 0 && !m_pageBuilders.contains(m_pages->widget(int(index)));
}

ActionsPage *MainWindow::actionsPage() const
{
    return static_cast<ActionsPage *>(page(QStringLiteral("actions")));
}

EvidencePage *MainWindow::evidencePage() const
{
    return static_cast<EvidencePage *>(page(QStringLiteral("evidence")));
}

PeoplePage *MainWindow::peoplePage() const
{
    return static_cast<PeoplePage *>(page(QStringLiteral("people")));
}

HistoryPage *MainWindow::historyPage() const
{
    return static_cast<HistoryPage *>(page(QStringLiteral("history")));
}

void MainWindow::saveTypedText()
{
    // Commentary being typed is saved when its editor loses focus; only the actions page has one.
    if (isPageBuilt(QStringLiteral("actions")))
        actionsPage()->setFocus();
}

QStringList MainWindow::pageNames() const
{
    return m_pageNames;
}

bool MainWindow::showPage(const QString &name)
{
    const qsizetype index = m_pageNames.indexOf(name);
    if (index < 0)
        return false;
    m_pageList->setCurrentRow(int(index));
    return true;
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Database..."), QKeySequence::New, this, &MainWindow::newDatabase);
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::openDatabase);
    file->addAction(tr("Open &Server..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openServer);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    refillRecentMenu();
    file->addAction(tr("Save a &Copy..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this, &MainWindow::saveCopy);
    file->addSeparator();
    file->addAction(tr("&Export Board Pack..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                    [this] { showBoardPackDialog(m_workspace.get(), this); });
    file->addSeparator();
    markAsEditAction(file->addAction(tr("Or&ganisation..."), this, &MainWindow::editOrganisation), m_workspace.get(),
                     Capability::EditOrganisation);
    QAction *frameworks = file->addAction(tr("&Frameworks..."), this, [this] {
        FrameworksDialog dialog(m_workspace.get(), this);
        dialog.exec();
    });
    frameworks->setObjectName(QStringLiteral("frameworksAction"));
    QAction *importFramework =
        file->addAction(tr("&Import Framework..."), this, [this] { importFrameworkFile(m_workspace.get(), this); });
    importFramework->setObjectName(QStringLiteral("importFrameworkAction"));
    markAsEditAction(importFramework, m_workspace.get(), Capability::Administer);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_workspace->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_workspace->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    markAsEditAction(undo, m_workspace.get());
    markAsEditAction(redo, m_workspace.get());
    edit->addSeparator();
    edit->addAction(tr("&Find Action"), QKeySequence::Find, this, [this] {
        showPage(QStringLiteral("actions"));
        actionsPage()->focusSearch();
    });
    edit->addSeparator();
    m_actingMenu = edit->addMenu(tr("&Acting As"));
    m_actingGroup = new QActionGroup(this);
    // Filled as it opens, from the people recorded then: a large organisation's 200 people were a few
    // milliseconds of every start.
    connect(m_actingMenu, &QMenu::aboutToShow, this, &MainWindow::updateActingAsMenu);

    // Settings > Access: on a server, for the record's admins (or, before access by role is on, for a login
    // that may turn it on); nobody else sees it.
    if (m_workspace->isServer()) {
        QMenu *settings = menuBar()->addMenu(tr("&Settings"));
        settings->setObjectName(QStringLiteral("settingsMenu"));
        QAction *access = settings->addAction(tr("&Access..."), this, [this] {
            AccessDialog dialog(m_workspace.get(), this);
            dialog.exec();
        });
        access->setObjectName(QStringLiteral("accessAction"));
        // What the window asked the server when it opened: no round trip of its own at start-up.
        const auto showToAdmins = [this, settings] {
            const SessionAccess &me = m_workspace->access();
            settings->menuAction()->setVisible(me.enforced ? me.unrestricted || me.holds(AccessRole::Admin)
                                                           : me.mayCreateRoles);
        };
        showToAdmins();
        connect(m_workspace.get(), &Workspace::accessChanged, settings, showToAdmins);
    }

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    for (int i = 0; i < m_pageNames.size() && i < 9; ++i) {
        const QString name = m_pageNames[i];
        view->addAction(m_pageList->item(i)->text(), QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this,
                        [this, name] { showPage(name); });
    }
    view->addSeparator();
    view->addAction(tr("Actions Needing &Attention"), this, [this] {
        showPage(QStringLiteral("actions"));
        actionsPage()->setAttentionOnly(true);
    });

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Quorum"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateActingAsMenu()
{
    if (!m_actingMenu)
        return;
    m_actingMenu->clear();
    for (QAction *action : m_actingGroup->actions())
        m_actingGroup->removeAction(action);
    auto addChoice = [this](const QString &label, const QString &name) {
        QAction *action = m_actingMenu->addAction(label);
        action->setCheckable(true);
        action->setChecked(m_workspace->actingAs() == name);
        m_actingGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, name] {
            m_workspace->setActingAs(name);
            QSettings().setValue(actingAsKey(m_workspace->path()), name);
            updateStatus();
        });
    };
    addChoice(tr("Only my login (%1)").arg(m_workspace->store().actor()), QString());
    m_actingMenu->addSeparator();
    for (const Person &person : m_workspace->store().people()) {
        if (person.active)
            addChoice(QStringLiteral("%1 - %2").arg(person.name, person.role), person.name);
    }
}

void MainWindow::updateStatus()
{
    const Organisation organisation = m_workspace->organisation();
    const PostureScore posture = Scoring::posture(statesOfFramework(m_workspace->actionStates(), Catalogue::codeKey()));
    m_statusLabel->setText(tr("%1  |  %2  |  Posture score %3/100")
                               .arg(organisation.name, organisation.marking, Scoring::format(posture.score)));
    const QString acting = m_workspace->actingAs();
    if (m_workspace->isReadOnly()) {
        m_actingLabel->setText(tr("Read-only: no change can be saved to this file"));
        return;
    }
    if (m_workspace->isServer()) {
        // Who the server knows: the login (which the trail names) and, with access by role, its roles.
        const QString who = m_workspace->access().summary();
        m_actingLabel->setText(acting.isEmpty() ? tr("Signed in as %1").arg(who)
                                                : tr("Signed in as %1, acting as %2").arg(who, acting));
        return;
    }
    m_actingLabel->setText(
        acting.isEmpty() ? tr("Changes are recorded as %1").arg(m_workspace->store().actor())
                         : tr("Changes are recorded as %1 acting as %2").arg(m_workspace->store().actor(), acting));
}

void MainWindow::goToAttention(const AttentionItem &item)
{
    if (item.subjectKind == QStringLiteral("action")) {
        showPage(QStringLiteral("actions"));
        actionsPage()->showAction(item.subject);
    } else if (item.subjectKind == QStringLiteral("evidence")) {
        showPage(QStringLiteral("evidence"));
        evidencePage()->showEvidence(item.recordId);
    } else if (item.subjectKind == QStringLiteral("person")) {
        showPage(QStringLiteral("people"));
        peoplePage()->showPerson(item.recordId);
    } else if (item.subjectKind == QStringLiteral("metric")) {
        showPage(QStringLiteral("metrics"));
        static_cast<MetricsPage *>(page(QStringLiteral("metrics")))->showMetric(item.recordId);
    } else if (item.rule == AttentionRule::NoRecentExercise) {
        showPage(QStringLiteral("exercises"));
    } else if (item.subjectKind == QStringLiteral("event")) {
        showPage(QStringLiteral("exercises"));
        static_cast<EventsPage *>(page(QStringLiteral("exercises")))->showBoardEvent(item.recordId);
    } else {
        // No formal report or board review in the quarter (E2): the reviews page is where to act.
        showPage(QStringLiteral("reviews"));
    }
}

void MainWindow::goToTile(const QString &key)
{
    if (key == QStringLiteral("expired")) {
        showPage(QStringLiteral("evidence"));
        evidencePage()->showStatus(EvidenceStatus::Expired);
        return;
    }
    showPage(QStringLiteral("actions"));
    actionsPage()->setAttentionOnly(key != QStringLiteral("posture") && key != QStringLiteral("reasonable"));
}

void MainWindow::showAbout()
{
    const Catalogue &catalogue = m_workspace->catalogue();
    QMessageBox::about(this, tr("About Quorum"),
                       tr("<h3>Quorum %1</h3><p>Board assurance against the %2.</p>"
                          "<p>%3, published %4. %5.<br/>%6</p><p>Catalogue version %7; database schema version %8.</p>")
                           .arg(QStringLiteral(QUORUM_VERSION), catalogue.title().toHtmlEscaped(),
                                catalogue.publisher().toHtmlEscaped(), catalogue.published(),
                                catalogue.copyright().toHtmlEscaped(), catalogue.attribution().toHtmlEscaped())
                           .arg(catalogue.version())
                           .arg(Database::currentSchemaVersion()));
}

QSize MainWindow::firstStartSize(const QSize &available)
{
    return QSize(1366, 800).boundedTo(available);
}

QStringList MainWindow::recentFiles()
{
    return QSettings().value(kRecentKey).toStringList();
}

void MainWindow::rememberRecent(const QString &path)
{
    QStringList recent = recentFiles();
    if (recent.value(0) == path) { // as it was: writing the settings file again can cost a disk flush
        refillRecentMenu();
        return;
    }
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(kRecentKey, recent);
    refillRecentMenu();
}

void MainWindow::refillRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = recentFiles();
    for (const QString &location : recent) {
        if (location == m_workspace->location())
            continue;
        m_recentMenu->addAction(recentLabel(location), this, [this, location] { switchTo(location, false); });
    }
    m_recentMenu->setEnabled(!m_recentMenu->isEmpty());
}

MainWindow *MainWindow::openWindow(const QString &location, bool create, QWidget *dialogParent)
{
    try {
        auto workspace = openWithLogin(location, create, dialogParent, Database::IntegrityCheck::BeforeOpening);
        if (!workspace)
            return nullptr;             // the password prompt was cancelled
        workspace->prefetchDashboard(); // read beside building the window
        auto *window = new MainWindow(std::move(workspace));
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
        return window;
    } catch (const Error &error) {
        QMessageBox::critical(dialogParent, tr("Cannot open database"), plainForRichText(error.message()));
        return nullptr;
    }
}

void MainWindow::switchTo(const QString &path, bool create)
{
    if (ServerConnection::isServer(path) ? path == m_workspace->location()
                                         : QFileInfo(path).absoluteFilePath() == m_workspace->path())
        return;
    saveTypedText();
    MainWindow *window = openWindow(path, create, this);
    if (!window)
        return;
    window->resize(size());
    window->move(pos());
    if (create) {
        window->editOrganisation();
        window->showPage(QStringLiteral("people"));
    }
    close();
}

void MainWindow::newDatabase()
{
    QString path = FileDialog::getSaveFileName(this, tr("New Quorum database"), startFolder(), kFileFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".quorum");
    if (QFileInfo::exists(path)) {
        QMessageBox::warning(this, tr("New Quorum database"),
                             tr("%1 already exists. Quorum never overwrites a file; choose another name.")
                                 .arg(QDir::toNativeSeparators(path)));
        return;
    }
    switchTo(path, true);
}

void MainWindow::openDatabase()
{
    const QString path = FileDialog::getOpenFileName(this, tr("Open Quorum database"), startFolder(), kFileFilter);
    if (!path.isEmpty())
        switchTo(path, false);
}

void MainWindow::openServer()
{
    saveTypedText();
    // Starts from the server open now, or the most recent one.
    QString initial = m_workspace->isServer() ? m_workspace->location() : QString();
    for (const QString &location : recentFiles()) {
        if (initial.isEmpty() && ServerConnection::isServer(location))
            initial = location;
    }
    ServerDialog dialog(this, initial);
    if (dialog.exec() == QDialog::Accepted)
        switchTo(dialog.connection(), false);
}

QString MainWindow::startFolder() const
{
    return m_workspace->isServer() ? QDir::homePath() : QFileInfo(m_workspace->path()).absolutePath();
}

QString MainWindow::recentLabel(const QString &location)
{
    if (!ServerConnection::isServer(location))
        return QDir::toNativeSeparators(location);
    try {
        return ServerConnection::parse(location).displayName();
    } catch (const Error &) {
        return location;
    }
}

QString MainWindow::saveCopy()
{
    saveTypedText();
    QString path = FileDialog::getSaveFileName(this, tr("Save a copy of the database"), startFolder(), kFileFilter);
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".quorum");
    if (m_workspace->isServer())
        return saveServerCopy(path);
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        m_workspace->database().saveCopy(path);
        QApplication::restoreOverrideCursor();
        statusBar()->showMessage(tr("Copy saved to %1").arg(QDir::toNativeSeparators(path)), 8000);
        return path;
    } catch (const Error &error) {
        QApplication::restoreOverrideCursor();
        QMessageBox::warning(this, tr("Copy not saved"), plainForRichText(error.message()));
        return {};
    }
}

QString MainWindow::saveServerCopy(const QString &path)
{
    // The whole record, audit trail and files included, copied row by row and checked before it is called
    // saved (RecordCopy): the offline copy a director takes on a laptop.
    QProgressDialog progress(tr("Copying the record from %1...").arg(m_workspace->displayName()), tr("Cancel"), 0, 100,
                             this);
    progress.setWindowTitle(tr("Save a Copy"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    bool cancelled = false;
    try {
        RecordCopy::copyTo(m_workspace->database(), path, [&progress, &cancelled](qint64 done, qint64 total) {
            progress.setValue(total > 0 ? int(done * 100 / total) : 100);
            if (progress.wasCanceled()) {
                cancelled = true;
                throw Error(Error::Kind::InvalidInput, tr("The copy was cancelled; nothing was saved."));
            }
        });
        progress.setValue(100);
        statusBar()->showMessage(tr("Copy saved to %1 and checked").arg(QDir::toNativeSeparators(path)), 8000);
        return path;
    } catch (const Error &error) {
        progress.reset();
        if (!cancelled)
            QMessageBox::warning(this, tr("Copy not saved"), plainForRichText(error.message()));
        return {};
    }
}

void MainWindow::editOrganisation()
{
    const Organisation current = m_workspace->store().organisation();
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Organisation"));
    // A new organisation's stand-in name is a placeholder, not text to type after; left empty, it stays.
    const bool unnamed = current.name == kUnnamedOrganisation;
    auto *name = new QLineEdit(unnamed ? QString() : current.name, &dialog);
    name->setPlaceholderText(kUnnamedOrganisation);
    auto *marking = new QComboBox(&dialog);
    marking->setEditable(true);
    marking->addItems({QStringLiteral("OFFICIAL"), QStringLiteral("OFFICIAL-SENSITIVE"), QStringLiteral("CONFIDENTIAL"),
                       QStringLiteral("BOARD CONFIDENTIAL"), QStringLiteral("RESTRICTED")});
    marking->setCurrentText(current.marking);
    auto *trackMaturity = new QCheckBox(tr("Track &maturity beside assurance"), &dialog);
    trackMaturity->setChecked(current.trackMaturity);
    trackMaturity->setToolTip(
        tr("Record each item's current and target maturity level (CMMI 0 to 5 unless its framework defines a scale), "
           "show them on the dashboard as a radar, and add a maturity page to the board pack. Maturity is never "
           "blended into the assurance score or the colours."));
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("Protective &marking:"), marking);
    form->addRow(QString(), trackMaturity);
    layOutFormDialog(dialog, form,
                     tr("The marking is printed on every page of the board pack. Maturity (how capable and repeatable "
                        "the practice behind an item is) is off unless the organisation appraises it."));
    dialog.resize(460, dialog.sizeHint().height());
    int version = current.version; // what the dialog was filled from; after a refusal, what was recorded then
    while (dialog.exec() == QDialog::Accepted) {
        try {
            const QString chosen = name->text().trimmed().isEmpty() && unnamed ? current.name : name->text();
            Organisation changed;
            changed.name = chosen;
            changed.marking = marking->currentText();
            changed.trackMaturity = trackMaturity->isChecked();
            changed.version = version;
            m_workspace->setOrganisation(changed);
            return;
        } catch (const Error &error) {
            QMessageBox::warning(this, tr("Organisation not changed"), plainForRichText(error.message()));
            if (error.kind() == Error::Kind::Conflict)
                version = m_workspace->store().organisation().version;
        }
    }
}

} // namespace quorum
