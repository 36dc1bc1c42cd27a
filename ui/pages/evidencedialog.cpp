#include "ui/pages/evidencedialog.h"

#include "core/domain/catalogue.h"
#include "core/domain/error.h"
#include "core/domain/plaintext.h"
#include "core/workspace/workspace.h"
#include "ui/widgets/datefield.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QRegularExpression>
#include <QUrl>

namespace quorum {

EvidenceDialog::EvidenceDialog(Mode mode, Workspace *workspace, QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_workspace(workspace)
    , m_filesLabel(new QLabel(this))
    , m_title(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_source(new QComboBox(this))
    , m_effective(new DateField(this))
    , m_reviewBy(new DateField(this))
    , m_actions(new QLineEdit(this))
{
    setWindowTitle(mode == Mode::NewLink ? tr("Add a link as evidence")
                   : mode == Mode::Edit  ? tr("Edit evidence")
                                         : tr("Add evidence"));
    for (EvidenceType type : allEvidenceTypes())
        m_type->addItem(evidenceTypeLabel(type), QVariant::fromValue(type));
    for (EvidenceSource source : allEvidenceSources())
        m_source->addItem(evidenceSourceLabel(source), QVariant::fromValue(source));
    const QDate today = workspace->store().clock().today();
    m_effective->setDate(today);
    m_reviewBy->setDate(today.addYears(1));
    m_url->setPlaceholderText(QStringLiteral("https://"));
    m_url->setObjectName(QStringLiteral("address"));
    m_title->setObjectName(QStringLiteral("title"));
    m_effective->setObjectName(QStringLiteral("effectiveDate"));
    m_reviewBy->setObjectName(QStringLiteral("reviewByDate"));
    m_actions->setPlaceholderText(tr("for example B1, B2, B4"));
    m_title->setMaxLength(Store::kMaxNameChars);

    auto *form = new QFormLayout;
    m_filesLabel->setWordWrap(true);
    m_filesLabel->setTextFormat(Qt::PlainText); // file names as they are
    // Widgets that are not in the form for this mode are hidden: a shown child outside the layout would sit
    // over the form's first rows at the dialog's corner and still take focus on Tab.
    if (mode == Mode::NewFiles)
        form->addRow(tr("Files:"), m_filesLabel);
    else
        m_filesLabel->hide();
    if (mode == Mode::NewLink)
        form->addRow(tr("&Address:"), m_url);
    else
        m_url->hide();
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("T&ype:"), m_type);
    form->addRow(tr("&Source:"), m_source);
    form->addRow(tr("&Effective date:"), m_effective);
    form->addRow(tr("&Review by:"), m_reviewBy);
    form->addRow(tr("Supports &actions:"), m_actions);
    auto *note = new QLabel(tr("Evidence is expired after its review-by date; an action rated Reasonable or "
                               "better with no current evidence is an unsupported claim."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &EvidenceDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EvidenceDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    resize(520, sizeHint().height());
}

void EvidenceDialog::setFiles(const QStringList &paths)
{
    m_files = paths;
    QStringList names;
    for (const QString &path : paths)
        names << QFileInfo(path).fileName();
    m_filesLabel->setText(names.join(QStringLiteral("\n")));
    if (!paths.isEmpty())
        m_title->setText(QFileInfo(paths.first()).completeBaseName());
    // Several files: each keeps its own name as its title.
    m_title->setEnabled(paths.size() <= 1);
    if (paths.size() > 1)
        m_title->setPlaceholderText(tr("each file's name"));
}

void EvidenceDialog::setActions(const QStringList &actionIds)
{
    m_actions->setText(actionIds.join(QStringLiteral(", ")));
}

void EvidenceDialog::setEvidence(const Evidence &evidence)
{
    m_title->setText(evidence.title);
    m_type->setCurrentIndex(m_type->findData(QVariant::fromValue(evidence.type)));
    m_source->setCurrentIndex(m_source->findData(QVariant::fromValue(evidence.source)));
    m_effective->setDate(evidence.effective);
    m_reviewBy->setDate(evidence.reviewBy);
    setActions(evidence.actionIds);
    m_url->setText(evidence.url);
}

QStringList EvidenceDialog::actionIds() const
{
    QStringList ids;
    for (const QString &part :
         m_actions->text().split(QRegularExpression(QStringLiteral("[,;\\s]+")), Qt::SkipEmptyParts))
        ids << part.trimmed().toUpper();
    return ids;
}

EvidenceInput EvidenceDialog::input() const
{
    EvidenceInput input;
    input.title = m_title->text().trimmed();
    input.type = m_type->currentData().value<EvidenceType>();
    input.source = m_source->currentData().value<EvidenceSource>();
    input.effective = m_effective->date();
    input.reviewBy = m_reviewBy->date();
    input.actionIds = actionIds();
    input.url = m_url->text().trimmed();
    return input;
}

void EvidenceDialog::accept()
{
    // Check what can be checked here, so the dialog stays open with the person's input on a mistake.
    QString problem;
    const QStringList ids = actionIds();
    if (ids.isEmpty())
        problem = tr("Name at least one action this evidence supports, for example B1.");
    for (const QString &id : ids) {
        if (problem.isEmpty() && m_workspace->knownItem(id).isEmpty())
            problem = tr("There is no action \"%1\"; the actions are A1 to E5, and another framework's items are "
                         "KEY:ID (ssc:3.2).")
                          .arg(id);
    }
    if (problem.isEmpty() && m_title->isEnabled() && m_title->text().trimmed().isEmpty())
        problem = tr("Give the evidence a title.");
    if (problem.isEmpty() && m_mode == Mode::NewLink) {
        const QUrl url(m_url->text().trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QStringLiteral("https") && url.scheme() != QStringLiteral("http")))
            problem = tr("Enter a web address starting with https:// or http://.");
    }
    if (problem.isEmpty() && !m_effective->check())
        problem = m_effective->problem();
    if (problem.isEmpty() && !m_reviewBy->check())
        problem = m_reviewBy->problem();
    if (problem.isEmpty() && m_effective->date().isValid() && m_reviewBy->date().isValid()
        && m_reviewBy->date() < m_effective->date())
        problem = tr("The review-by date is before the effective date.");
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, windowTitle(), plainForRichText(problem));
        return;
    }
    QDialog::accept();
}

} // namespace quorum
