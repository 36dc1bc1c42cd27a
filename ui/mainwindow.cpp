#include "mainwindow.h"

#include "actionspage.h"
#include "catalogue.h"
#include "database.h"
#include "scoring.h"
#include "workspace.h"

#include <QApplication>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUndoStack>

namespace quorum {

MainWindow::MainWindow(std::unique_ptr<Workspace> workspace, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace(std::move(workspace))
    , m_pageList(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_actionsPage(new ActionsPage(m_workspace.get(), this))
    , m_statusLabel(new QLabel(this))
{
    m_pageList->setFixedWidth(170);
    m_pageList->setFrameShape(QFrame::NoFrame);
    addPage(QStringLiteral("actions"), tr("Actions"), m_actionsPage);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_pageList->setCurrentRow(0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_pageList);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    statusBar()->addPermanentWidget(m_statusLabel);
    buildMenus();
    updateStatus();
    connect(m_workspace.get(), &Workspace::dataChanged, this, &MainWindow::updateStatus);
    connect(m_workspace.get(), &Workspace::errorOccurred, this,
            [this](const QString &message) { QMessageBox::warning(this, tr("Quorum"), message); });
    connect(m_actionsPage, &ActionsPage::statusMessage, this,
            [this](const QString &message) { QMessageBox::warning(this, tr("Change not saved"), message); });
    setWindowTitle(tr("%1 - Quorum").arg(QDir::toNativeSeparators(m_workspace->path())));
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(const QString &name, const QString &title, QWidget *page)
{
    m_pageNames << name;
    m_pageList->addItem(title);
    m_pages->addWidget(page);
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
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_workspace->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcuts(QKeySequence::Undo);
    QAction *redo = m_workspace->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Quorum"), this, &MainWindow::showAbout);
}

void MainWindow::updateStatus()
{
    const Organisation organisation = m_workspace->store().organisation();
    const PostureScore posture = Scoring::posture(m_workspace->store().actionStates());
    m_statusLabel->setText(tr("%1  |  %2  |  Posture score %3/100")
                               .arg(organisation.name, organisation.marking, Scoring::format(posture.score)));
}

void MainWindow::showAbout()
{
    const Catalogue &catalogue = m_workspace->catalogue();
    QMessageBox::about(
        this, tr("About Quorum"),
        tr("<h3>Quorum %1</h3><p>Board assurance against the %2.</p>"
           "<p>%3, published %4. %5.<br/>%6</p><p>Catalogue version %7; database schema version %8.</p>")
            .arg(QStringLiteral(QUORUM_VERSION), catalogue.title().toHtmlEscaped(),
                 catalogue.publisher().toHtmlEscaped(), catalogue.published(), catalogue.copyright().toHtmlEscaped(),
                 catalogue.attribution().toHtmlEscaped())
            .arg(catalogue.version())
            .arg(Database::currentSchemaVersion()));
}

} // namespace quorum
