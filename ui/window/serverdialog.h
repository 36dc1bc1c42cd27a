#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace quorum {

/**
 * File > Open Server...: where a shared record lives. The connection can be pasted whole (a
 * postgresql:// URI or a libpq keyword string, as psql takes it) or built from its parts (host or
 * socket folder, port, database, user, TLS mode); each side fills the other as the user types. The
 * dialog asks for no password (one written into a pasted address is used, not remembered): libpq finds one in
 * PGPASSWORD or ~/.pgpass, and otherwise Quorum asks when the server does (PasswordPrompt).
 */
class ServerDialog : public QDialog {
    Q_OBJECT

public:
    explicit ServerDialog(QWidget *parent = nullptr, const QString &initial = {});

    /** The connection as typed or built: a URI or keyword string that ServerConnection::parse reads. */
    QString connection() const;

private:
    void fillPartsFromConnection();
    void fillConnectionFromParts();
    void showProblem(const QString &problem);

    QLineEdit *m_connection;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_database;
    QLineEdit *m_user;
    QComboBox *m_sslMode;
    QLabel *m_problem;
    QString m_extraOptions; ///< options the parts do not show (target_session_attrs, sslrootcert, ...), kept
    bool m_filling = false;
};

} // namespace quorum
