#include "ui/report/boardpackdialog.h"

#include "core/domain/error.h"
#include "core/domain/filenames.h"
#include "core/workspace/workspace.h"
#include "ui/report/boardpackwriter.h"
#include "ui/widgets/filedialog.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace quorum {

namespace {

const QString kFolderKey = QStringLiteral("boardPack/lastFolder");
const QString kPageSizeKey = QStringLiteral("boardPack/pageSize");
constexpr int kThumbnailWidth = 150;
constexpr int kImageRole = Qt::UserRole + 1;

} // namespace

BoardPackDialog::BoardPackDialog(Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_workspace(workspace)
    , m_review(new QComboBox(this))
    , m_pageSize(new QComboBox(this))
    , m_thumbnails(new QListWidget(this))
    , m_pageArea(new QScrollArea(this))
    , m_page(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_export(new QPushButton(tr("&Export\u2026"), this))
{
    setWindowTitle(tr("Export Board Pack"));

    m_review->addItem(tr("Current state (not a board review)"), QString());
    const QList<Review> reviews = workspace->store().reviews();
    for (auto it = reviews.crbegin(); it != reviews.crend(); ++it) {
        const QString date = QLocale().toString(it->meetingDate, QLocale::LongFormat);
        m_review->addItem(it->isSigned() ? tr("%1 (meeting of %2, signed off)").arg(it->name, date)
                                         : tr("%1 (meeting of %2)").arg(it->name, date),
                          it->name);
    }
    // A board pack is usually for the latest meeting.
    m_review->setCurrentIndex(reviews.isEmpty() ? 0 : 1);

    m_pageSize->addItem(tr("A4"), boardPackPageSizeKey(BoardPackPageSize::A4));
    m_pageSize->addItem(tr("Letter"), boardPackPageSizeKey(BoardPackPageSize::Letter));
    const QString defaultSize = QLocale().measurementSystem() == QLocale::ImperialUSSystem
                                    ? boardPackPageSizeKey(BoardPackPageSize::Letter)
                                    : boardPackPageSizeKey(BoardPackPageSize::A4);
    m_pageSize->setCurrentIndex(
        std::max(0, m_pageSize->findData(QSettings().value(kPageSizeKey, defaultSize).toString())));

    m_thumbnails->setViewMode(QListView::IconMode);
    m_thumbnails->setFlow(QListView::TopToBottom);
    m_thumbnails->setWrapping(false);
    m_thumbnails->setMovement(QListView::Static);
    m_thumbnails->setResizeMode(QListView::Adjust);
    m_thumbnails->setIconSize(QSize(kThumbnailWidth, kThumbnailWidth * 297 / 210));
    m_thumbnails->setSpacing(6);
    m_thumbnails->setFixedWidth(kThumbnailWidth + 48);
    m_thumbnails->setAccessibleName(tr("Pages"));

    m_page->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_page->setAccessibleName(tr("Page preview"));
    m_pageArea->setWidget(m_page);
    m_pageArea->setWidgetResizable(true);
    m_pageArea->setBackgroundRole(QPalette::Dark);
    m_summary->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Review:"), m_review);
    form->addRow(tr("&Paper:"), m_pageSize);
    auto *preview = new QHBoxLayout;
    preview->addWidget(m_thumbnails);
    preview->addWidget(m_pageArea, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::AcceptRole);
    m_export->setDefault(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(preview, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &BoardPackDialog::exportPack);
    connect(m_review, &QComboBox::currentIndexChanged, this, &BoardPackDialog::rebuild);
    connect(m_pageSize, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(kPageSizeKey, m_pageSize->currentData().toString());
        rebuild();
    });
    connect(m_thumbnails, &QListWidget::currentRowChanged, this, &BoardPackDialog::showPage);
    resize(1000, 780);
    rebuild();
}

BoardPackDialog::~BoardPackDialog() = default;

BoardPackOptions BoardPackDialog::options() const
{
    BoardPackOptions options;
    options.reviewName = m_review->currentData().toString();
    options.pageSize = boardPackPageSizeFromKey(m_pageSize->currentData().toString()).value_or(BoardPackPageSize::A4);
    return options;
}

bool BoardPackDialog::selectReview(const QString &name)
{
    const int index = m_review->findData(name);
    if (index < 0)
        return false;
    m_review->setCurrentIndex(index);
    return true;
}

void BoardPackDialog::setPageSize(BoardPackPageSize size)
{
    m_pageSize->setCurrentIndex(std::max(0, m_pageSize->findData(boardPackPageSizeKey(size))));
}

int BoardPackDialog::previewPageCount() const
{
    return m_thumbnails->count();
}

QImage BoardPackDialog::previewImage(int index) const
{
    const QListWidgetItem *item = m_thumbnails->item(index);
    return item ? item->data(kImageRole).value<QImage>() : QImage();
}

QString BoardPackDialog::suggestedFileName() const
{
    return m_writer ? sanitizedFileName(m_writer->content().suggestedFileName()) : QString();
}

void BoardPackDialog::rebuild()
{
    m_thumbnails->clear();
    m_page->clear();
    m_writer.reset();
    m_export->setEnabled(false);
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        m_writer = std::make_unique<BoardPackWriter>(BoardPack::build(m_workspace->store(), options()));
        const int count = m_writer->pageCount();
        const qreal ratio = devicePixelRatioF();
        for (int i = 0; i < count; ++i) {
            QImage image = m_writer->renderPage(i, qRound(kThumbnailWidth * ratio));
            image.setDevicePixelRatio(ratio);
            auto *item = new QListWidgetItem(QIcon(QPixmap::fromImage(image)), tr("Page %1").arg(i + 1), m_thumbnails);
            item->setData(kImageRole, image);
        }
        const BoardPackContent &content = m_writer->content();
        const int body = m_writer->bodyPageCount();
        QString pages = body == 1 ? tr("1 page") : tr("%1 pages").arg(body);
        if (count > body)
            pages += tr(" and Annex A (%1), the commentary longer than %2 characters in full")
                         .arg(count - body == 1 ? tr("1 page") : tr("%1 pages").arg(count - body))
                         .arg(BoardPack::kBoardTextChars);
        m_summary->setText(tr("%1 on %2 paper: %3. Every page carries the protective marking and \u201CPage x of "
                              "y\u201D.")
                               .arg(pages, boardPackPageSizeLabel(content.pageSize), content.reviewLabel()));
        m_export->setEnabled(true);
        m_thumbnails->setCurrentRow(0);
    } catch (const Error &error) {
        m_summary->setText(tr("The board pack cannot be built: %1").arg(error.message()));
    }
    QGuiApplication::restoreOverrideCursor();
}

void BoardPackDialog::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    // The large page follows the width of its area.
    showPage(m_thumbnails->currentRow());
}

void BoardPackDialog::showPage(int index)
{
    if (!m_writer || index < 0)
        return;
    const qreal ratio = devicePixelRatioF();
    const int width = std::max(420, m_pageArea->viewport()->width() - 24);
    QImage image = m_writer->renderPage(index, qRound(width * ratio));
    image.setDevicePixelRatio(ratio);
    m_page->setPixmap(QPixmap::fromImage(image));
}

void BoardPackDialog::exportPack()
{
    if (!m_writer)
        return;
    QString folder = QSettings().value(kFolderKey).toString();
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    // The replace question is asked by exportTo, after the .pdf suffix is settled.
    QString path =
        FileDialog::getSaveFileName(this, tr("Export Board Pack"), QDir(folder).filePath(suggestedFileName()),
                                    tr("PDF documents (*.pdf)"), FileDialog::DontConfirmOverwrite);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().compare(u"pdf", Qt::CaseInsensitive) != 0)
        path += QStringLiteral(".pdf");
    if (exportTo(path))
        accept();
}

bool BoardPackDialog::exportTo(const QString &path)
{
    if (!m_writer)
        return false;
    const QFileInfo target(path);
    if (target.isDir()) {
        QMessageBox::warning(this, windowTitle(),
                             tr("%1 is a folder; choose a file name.").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (target.exists()
        && QMessageBox::question(this, tr("Replace File?"),
                                 tr("%1 already exists in %2. Do you want to replace it?")
                                     .arg(target.fileName(), QDir::toNativeSeparators(target.absolutePath())),
                                 QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
               != QMessageBox::Yes)
        return false;

    QProgressDialog progress(tr("Exporting the board pack\u2026"), tr("Cancel"), 0, m_writer->pageCount(), this);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    m_writer->setProgress([&progress](int done, int total) {
        if (total > 0) {
            progress.setMaximum(total);
            progress.setValue(done);
        }
        QCoreApplication::processEvents();
        return !progress.wasCanceled();
    });
    bool written = false;
    QString problem;
    try {
        written = m_writer->write(path);
    } catch (const Error &error) {
        problem = error.message();
    }
    m_writer->setProgress({});
    progress.reset();
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), problem);
        return false;
    }
    if (!written)
        return false;
    QSettings().setValue(kFolderKey, target.absolutePath());
    // BoardPackWriter::write has committed the file: it is whole on disk before this says so.
    showSavedFileNotice(this, tr("Board pack exported"),
                        tr("The board pack was saved as %1.").arg(QDir::toNativeSeparators(target.absoluteFilePath())),
                        target.absoluteFilePath(), m_opener);
    return true;
}

void showBoardPackDialog(Workspace *workspace, QWidget *parent)
{
    BoardPackDialog dialog(workspace, parent);
    dialog.exec();
}

} // namespace quorum
