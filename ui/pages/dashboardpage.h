#pragma once

#include "core/rules/attention.h"
#include "core/workspace/dashboard.h"

#include <QSet>
#include <QWidget>

class QBoxLayout;
class QComboBox;
class QGridLayout;
class QHBoxLayout;
class QLabel;
class QListWidget;
class QScrollArea;
class QTimer;

namespace quorum {

class Workspace;

/**
 * What a director sees first: headline tiles (posture score and its movement since the last board
 * review, actions at Reasonable or better, unsupported claims, expired evidence, overdue targets),
 * each principle's colour as the board pack gives it, four charts, and the attention list, each item a click away from
 * what it concerns. Recomputed whenever the record changes, including after undo.
 */
class DashboardPage : public QWidget {
    Q_OBJECT

public:
    explicit DashboardPage(Workspace *workspace, QWidget *parent = nullptr);

    const DashboardData &data() const { return m_data; }
    /** One label per principle, in order, above the charts: its name, score and colour as the board pack gives them. */
    const QList<QLabel *> &principleLabels() const { return m_principleLabels; }
    /** The property of a principle label holding its colour's key (ragKey). */
    static constexpr const char *kRagProperty = "rag";
    QListWidget *attentionList() const { return m_attention; }
    /** The maturity panel (radar and table), hidden unless the organisation tracks maturity. */
    QWidget *maturityPanel() const { return m_maturityPanel; }
    /** The role on attention rows holding the index into data().attention. */
    static constexpr int kAttentionIndexRole = Qt::UserRole + 1;
    /** On the row that shows the rest of a long rule: the rule (int). */
    static constexpr int kShowAllRuleRole = Qt::UserRole + 2;
    /** On the row under a rule whose items are not all listed (expired evidence): opens the evidence register. */
    static constexpr int kShowRegisterRole = Qt::UserRole + 3;
    /** A rule with more items than this shows this many, then a row that shows the rest. */
    static constexpr int kItemsShownPerRule = 20;
    /** Recomputes now (normally done on a zero timer after changes). */
    void refresh();
    /** The scroll area holding everything: the page scrolls vertically, never sideways. */
    QScrollArea *scrollArea() const { return m_scroll; }
    /**
     * Shows the dashboard of framework @p key (one the organisation follows; the Code's otherwise): its scores,
     * charts and attention items only. The choice of the "Framework" box above the tiles, shown when the
     * organisation follows more than one.
     */
    void showFramework(const QString &key);
    /** The key of the framework shown. */
    QString shownFramework() const;

    static constexpr int kChartMinimumWidth = 250;
    static constexpr int kAttentionMinimumWidth = 260;
    /** Narrower than this, the five tiles take two rows. */
    static constexpr int kTilesInOneRowWidth = 760;

Q_SIGNALS:
    void attentionActivated(const quorum::AttentionItem &item);
    /** A tile was clicked: "posture", "reasonable", "unsupported", "expired", "overdue". */
    void tileActivated(const QString &key);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    struct Tile {
        QWidget *frame = nullptr;
        QLabel *value = nullptr;
        QLabel *caption = nullptr;
        QLabel *detail = nullptr;
    };
    Tile makeTile(const QString &key, const QString &caption);
    /** Shows m_data: heading, tiles, the charts that differ from @p before, and the attention list. */
    void showData(const DashboardData &before);
    void fillAttention();
    /** What the framework shown scores and names (DashboardScope), from what the workspace keeps. */
    DashboardScope shownScope() const;
    /** Shows each principle's score and colour (Scoring::ragForScore) in m_principleLabels. */
    void showPrinciples();
    /** Shows the maturity radar and its table while the organisation tracks maturity; hides them otherwise. */
    void showMaturity(const DashboardData &before);
    /** Lays the tiles and the attention list out for a page @p width pixels wide. */
    void arrange(int width);
    /** The framework box's choices: every framework followed; hidden when that is the Code alone. */
    void refillFrameworks();

    Workspace *m_workspace;
    DashboardData m_data;
    QTimer *m_refreshTimer;
    QLabel *m_heading;
    QComboBox *m_framework;
    QList<Tile> m_tiles;
    QList<QWidget *> m_charts;
    QHBoxLayout *m_principleRow;
    QList<QLabel *> m_principleLabels;
    QWidget *m_maturityPanel = nullptr;
    QHBoxLayout *m_maturityLayout = nullptr;
    QWidget *m_maturityChart = nullptr; ///< made the first time maturity is shown
    QLabel *m_maturityTable = nullptr;
    QListWidget *m_attention;
    QSet<int> m_expandedRules; ///< rules whose every item the user asked to see
    QLabel *m_attentionHeading;
    QGridLayout *m_tilesLayout;
    QBoxLayout *m_body;
    QScrollArea *m_scroll = nullptr;
    int m_tileColumns = 0;
};

} // namespace quorum
