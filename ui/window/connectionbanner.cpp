#include "ui/window/connectionbanner.h"

#include "core/storage/connectionkeeper.h"
#include "core/workspace/workspace.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>

namespace quorum {

ConnectionBanner::ConnectionBanner(Workspace *workspace, QWidget *parent)
    : QFrame(parent)
    , m_workspace(workspace)
    , m_text(new QLabel(this))
    , m_reconnect(new QPushButton(tr("&Reconnect Now"), this))
{
    setObjectName(QStringLiteral("connectionBanner"));
    // Red, not the read-only amber: this is a fault, and it may pass.
    setStyleSheet(QStringLiteral("#connectionBanner { background: #FDE7E9; border-bottom: 1px solid #C50F1F; }"
                                 "#connectionBanner QLabel { color: #6E0811; }"));
    m_text->setTextFormat(Qt::PlainText); // the server's words are never rendered as rich text
    m_text->setWordWrap(true);
    m_reconnect->setToolTip(tr("Try to connect to the server again now, rather than wait for the next attempt."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reconnect);
    connect(m_reconnect, &QPushButton::clicked, workspace, [this] {
        m_lastFailure.clear();
        m_secondsToAttempt = 0;
        m_text->setText(m_message + QLatin1Char(' ') + tr("Connecting..."));
        m_workspace->reconnectNow();
    });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &ConnectionBanner::updateCountdown);
    connect(workspace, &Workspace::connectionLost, this, &ConnectionBanner::showLost);
    connect(workspace, &Workspace::reconnectFailed, this, &ConnectionBanner::showAttemptFailed);
    connect(workspace, &Workspace::connectionRestored, this, &ConnectionBanner::showRestored);
    hide();
}

QString ConnectionBanner::text() const
{
    return m_text->text();
}

void ConnectionBanner::showLost(const QString &message)
{
    m_message = message;
    m_lastFailure.clear();
    m_secondsToAttempt = (ConnectionKeeper::kFirstRetryMs + 999) / 1000;
    updateCountdown();
    m_countdown.start();
    show();
}

void ConnectionBanner::showAttemptFailed(const QString &reason, int nextAttemptMs)
{
    m_lastFailure = reason;
    m_secondsToAttempt = (nextAttemptMs + 999) / 1000;
    updateCountdown();
}

void ConnectionBanner::updateCountdown()
{
    QString text = m_message;
    if (!m_lastFailure.isEmpty())
        text += QLatin1Char(' ') + tr("Last attempt: %1").arg(m_lastFailure);
    text += QLatin1Char(' ')
            + (m_secondsToAttempt > 1    ? tr("Trying again in %1 seconds.").arg(m_secondsToAttempt)
               : m_secondsToAttempt == 1 ? tr("Trying again in 1 second.")
                                         : tr("Trying again now..."));
    m_text->setText(text);
    if (m_secondsToAttempt > 0)
        --m_secondsToAttempt;
}

void ConnectionBanner::showRestored(const QString &message)
{
    m_countdown.stop();
    hide();
    if (m_workspace->lastInterruptedChange() == Database::InterruptedChange::None)
        return;
    // Told, not asked: window-modal and opened, so the reconnection's refresh goes on behind it.
    auto *box = new QMessageBox(QMessageBox::Information, tr("Connected again"), message, QMessageBox::Ok, window());
    box->setObjectName(QStringLiteral("interruptedChangeOutcome"));
    box->setTextFormat(Qt::PlainText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace quorum
