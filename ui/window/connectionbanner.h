#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;

namespace quorum {

class Workspace;

/**
 * The strip above a server record's pages that says, the moment it happens, that the connection to the
 * server is lost: what was last read stays on show and nothing can be changed; Quorum tries again by itself
 * (the countdown to the next attempt, and the reason the last one failed), and "Reconnect Now" tries at
 * once. Hidden while connected; when the connection is back it hides and, if the loss cut off a change
 * being saved, says whether that change was saved.
 */
class ConnectionBanner : public QFrame {
    Q_OBJECT

public:
    explicit ConnectionBanner(Workspace *workspace, QWidget *parent = nullptr);

    /** The text shown now (for tests and screenshots). */
    QString text() const;

private:
    void showLost(const QString &message);
    void showAttemptFailed(const QString &reason, int nextAttemptMs);
    void showRestored(const QString &message);
    void updateCountdown();

    Workspace *m_workspace;
    QLabel *m_text;
    QPushButton *m_reconnect;
    QTimer m_countdown;
    QString m_message;     ///< what was lost and what that means
    QString m_lastFailure; ///< why the last attempt failed, if one did
    int m_secondsToAttempt = 0;
};

} // namespace quorum
