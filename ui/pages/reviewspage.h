#pragma once

#include "ui/widgets/recordtable.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace quorum {

class Workspace;

/**
 * The company secretary's page: the board reviews (one frozen state per board meeting), with their
 * sign-off; create a review, record the decisions sought, correct its meeting date, sign it off (irreversible), delete
 * an unsigned one, see what was frozen, and compare any two reviews or a review with the live state.
 */
class ReviewsPage : public QWidget {
    Q_OBJECT

public:
    explicit ReviewsPage(Workspace *workspace, QWidget *parent = nullptr);

    RecordTable *reviewList() const { return m_reviews; }
    RecordTable *changes() const { return m_changes; }
    /** What the selected review froze, item by item (its maturity columns shown only while maturity is tracked). */
    RecordTable *frozen() const { return m_frozen; }
    /** Compares review @p fromId with @p toId (0: the live state). */
    void compare(qint64 fromId, qint64 toId);
    void createReview();
    void signReview();
    void deleteReview();
    void editDecisions();
    /** Corrects the meeting date of the selected review while it is unsigned. */
    void editMeetingDate();

Q_SIGNALS:
    /** Export the board pack of a review (0: the live state). */
    void exportBoardPackRequested(qint64 reviewId);
    void actionActivated(const QString &actionId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void reload();
    void showSelected();
    void refillCompareCombos();
    void runComparison();
    /** Runs the comparison once soon if the page is shown, else when it is next shown. */
    void refreshComparison();
    qint64 selectedReviewId() const;

    Workspace *m_workspace;
    RecordTable *m_reviews;
    QPushButton *m_sign;
    QPushButton *m_delete;
    QPushButton *m_decisionsButton;
    QPushButton *m_meetingDateButton;
    QPushButton *m_export;
    QTabWidget *m_tabs;
    QComboBox *m_from;
    QComboBox *m_to;
    RecordTable *m_changes;
    QLabel *m_newAttention;
    RecordTable *m_frozen;
    QLabel *m_signOff;
    QPlainTextEdit *m_decisions;
    bool m_comparisonStale = false;
};

} // namespace quorum
