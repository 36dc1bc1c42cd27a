#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace quorum {

class Workspace;

/**
 * File > Frameworks (issue 17): which frameworks the organisation follows, and for the one selected its details,
 * its vendor role (the Software Security Code's developer, distributor or reseller) and the person who answers
 * for it (its Senior Responsible Owner). Each change is made at once through the Workspace, as one undoable
 * command with its trail row; a refusal is shown in plain text and the dialog shows what is recorded. Also offers
 * Import from Library File (importFrameworkFile).
 */
class FrameworksDialog : public QDialog {
    Q_OBJECT

public:
    explicit FrameworksDialog(Workspace *workspace, QWidget *parent = nullptr);

    /** Reads the frameworks again, keeping the selection (after a change here, an undo, or a notice from others). */
    void reload();
    /** Selects framework @p key; false when the record holds none. */
    bool select(const QString &key);

private:
    void showSelected();
    /** Runs @p change; a refusal is shown, and the dialog shows what is recorded either way. */
    void apply(const std::function<void()> &change, const QString &failure);
    QString selectedKey() const;

    Workspace *m_workspace;
    QListWidget *m_list;
    QLabel *m_title;
    QLabel *m_details;
    QCheckBox *m_followed;
    QLabel *m_roleLabel;
    QComboBox *m_role;
    QLabel *m_ownerLabel;
    QComboBox *m_owner;
    QLabel *m_ownerNote;
    QPushButton *m_import;
    bool m_filling = false;
};

/**
 * Asks for a framework library file (YAML) and imports it into the workspace's record, or a newer version of one
 * imported before; says what was added, or why the file was refused (nothing changed then). Returns the key of
 * the framework imported, or empty.
 */
QString importFrameworkFile(Workspace *workspace, QWidget *parent);

} // namespace quorum
