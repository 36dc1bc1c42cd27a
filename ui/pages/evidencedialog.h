#pragma once

#include "core/storage/store.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QLabel;

namespace quorum {

class DateField;
class Workspace;

/**
 * Asks for the details of new evidence (or edits existing evidence): title, type, source, the date it
 * speaks for, the review-by date and the actions it supports. For files, the title starts as the file
 * name; for a link, the address is asked for and checked.
 */
class EvidenceDialog : public QDialog {
    Q_OBJECT

public:
    enum class Mode { NewFiles, NewLink, Edit };

    EvidenceDialog(Mode mode, Workspace *workspace, QWidget *parent = nullptr);

    /** Prefills from files being added (the title is the first file's base name). */
    void setFiles(const QStringList &paths);
    void setActions(const QStringList &actionIds);
    void setEvidence(const Evidence &evidence);

    /** The details entered (title, type, source, dates, actions, and url for a link). */
    EvidenceInput input() const;
    QStringList actionIds() const;

    void accept() override;

private:
    Mode m_mode;
    Workspace *m_workspace;
    QLabel *m_filesLabel;
    QLineEdit *m_title;
    QLineEdit *m_url;
    QComboBox *m_type;
    QComboBox *m_source;
    DateField *m_effective;
    DateField *m_reviewBy;
    QLineEdit *m_actions;
    QStringList m_files;
};

} // namespace quorum
