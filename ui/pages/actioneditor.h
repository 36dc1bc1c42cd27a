#pragma once

#include <QWidget>

#include <optional>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace quorum {

struct CatalogueAction;
class Error;
class EvidenceActions;
class EvidenceModel;
class DateField;
class MaturityScale;
class Workspace;
struct ActionState;

/**
 * Everything about one action beside the list: the Code's wording with its cross-references (links to
 * the referenced actions) and mappings, the owner and director, rating and target, dates, the item's maturity
 * (only while the organisation tracks it), the board commentary and the evidence that supports it. Every change is
 * saved at once through the Workspace (undoable); commentary is saved when it is left, on Ctrl+Return or with its
 * button, never lost. Files dropped onto the editor become evidence for the action.
 */
class ActionEditor : public QWidget {
    Q_OBJECT

public:
    ActionEditor(Workspace *workspace, EvidenceActions *evidenceActions, QWidget *parent = nullptr);

    /** Narrower than this, the editor's names and labels would be cut off (a 1024-pixel window fits it). */
    static constexpr int kMinimumUsefulWidth = 340;

    QString actionId() const { return m_actionId; }
    void setActionId(const QString &actionId);

    /** Saves commentary typed but not yet saved; returns false if it could not be saved. */
    bool commitPendingEdits();

Q_SIGNALS:
    /** A cross-reference was clicked. */
    void actionLinkActivated(const QString &actionId);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void refillPeople();
    /** The maturity group: shown only while the organisation tracks maturity, its levels from the item's scale. */
    void refreshMaturity(const ActionState &state, const CatalogueAction *action);
    void refillMaturityLevels(const MaturityScale &scale);
    void apply(int field, const QVariant &value);
    void ratingChosen();
    /** Asks why the action does not apply; nothing when the person cancels. An empty answer is refused. */
    std::optional<QString> askNotApplicableJustification();
    void showError(const QString &message);
    /** Shows why a change was refused; after a refusal by the server, asks it again what this login may do. */
    void showRefusal(const Error &error);
    void updateBoardLength();

    Workspace *m_workspace;
    EvidenceActions *m_evidenceActions;
    QString m_actionId;
    bool m_updating = false;
    int m_version = 0;           ///< the assessment version on show: a change made from it carries it
    int m_commentaryVersion = 0; ///< the version when the commentary being typed was loaded

    QLabel *m_heading;
    QLabel *m_principle;
    QLabel *m_wording;
    QLabel *m_references;
    QLabel *m_claimWarning;
    QComboBox *m_owner;
    QComboBox *m_director;
    QComboBox *m_rating;
    QComboBox *m_target;
    QLabel *m_justificationLabel;
    QLineEdit *m_justification;
    DateField *m_targetDate;
    DateField *m_nextReview;
    QPlainTextEdit *m_commentary;
    QPushButton *m_saveCommentary;
    QLabel *m_boardLength; ///< how much of the text the board pack's body prints (BoardPack::kBoardTextChars)
    QGroupBox *m_maturityBox;
    QComboBox *m_maturity;
    QComboBox *m_maturityTarget;
    DateField *m_maturityAssessed;
    QComboBox *m_maturityAssessor;
    QLabel *m_cmmiPracticeAreas; ///< the CMMI V3.0 practice areas the Code's guidance names for the action, if any
    QLabel *m_evidenceHeading;
    EvidenceModel *m_evidenceModel;
    QTableView *m_evidenceView;
};

} // namespace quorum
