#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace quorum {

class Workspace;

/**
 * Settings > Access (issue 16): who holds which role of a record on a server, for its admins. Shows each login
 * with its roles and the person of the People register it is linked to; gives a role (creating the login,
 * linking a person, with a password hashed here), takes one away, sets a password, and turns access by role on for a
 * record that has none. Every change is made by the server (ServerAccess through the Workspace), one transaction with
 * its trail row; a refusal is shown in plain text and the form opens again as typed.
 */
class AccessDialog : public QDialog {
    Q_OBJECT

public:
    explicit AccessDialog(Workspace *workspace, QWidget *parent = nullptr);

    /** Reads who holds what again (after a change here or a notice of one made elsewhere). */
    void reload();
    /** Gives a role: asks for the login, role and person, then grants. */
    void giveRole();
    /** Takes a role of the selected login away, asking which when it holds several. */
    void takeRole();
    /** Sets the selected login's password, asked twice (hashed here: ServerAccess::setPassword). */
    void setPassword();
    /** Turns access by role on, asking for the roles' prefix. */
    void turnOn();

private:
    Workspace *m_workspace;
    QLabel *m_summary;
    QTableWidget *m_members;
    QPushButton *m_give;
    QPushButton *m_take;
    QPushButton *m_password;
    QPushButton *m_turnOn;
};

} // namespace quorum
