#pragma once

#include <QStringList>
#include <QTableWidget>

#include <functional>

class QPushButton;

namespace quorum {

class Workspace;

/**
 * The list of a register page (metrics and their readings, exercises and incidents, board reviews): a
 * table of whole rows, one record a row, that nobody edits in place. Each row keeps its record's id, a
 * refill keeps the record that was selected, and the keys are those of every register: Enter, Return or a
 * double-click edits the record, Delete removes it. On a read-only file the keys and the double-click do
 * nothing and the tooltip says why, so a register page only says what its rows hold and what editing means.
 */
class RecordTable : public QTableWidget {
    Q_OBJECT

public:
    /** The item data role of the first cell of a row that holds the record's id. */
    static constexpr int kIdRole = Qt::UserRole + 100;

    explicit RecordTable(const QStringList &headers, QWidget *parent = nullptr);

    /** The id of the record in the current row; 0 when there is none. */
    qint64 currentId() const;
    /** The same, but 0 unless the current row is also selected (a list where nothing need be chosen). */
    qint64 selectedId() const;
    /** Selects the row of record @p id and scrolls to it; false when no row holds it. */
    bool selectId(qint64 id);

    /**
     * Rebuilds the rows with the table's signals blocked: @p fillRow(row) fills each of @p count rows
     * (with setRecordRow). Afterwards the record that was current is selected again, or else the first
     * row (none when @p selectFirst is false); the page then shows the selection itself.
     */
    void refill(qsizetype count, const std::function<void(int row)> &fillRow, bool selectFirst = true);
    /** Sets the cells of @p row as plain text, and @p id on the first. */
    void setRecordRow(int row, qint64 id, const QStringList &cells);

    /**
     * Enter, Return and a double-click call @p edit, Delete calls @p remove (either may be empty), and
     * the tooltip says so in @p hint. When @p workspace is read-only, none of them is connected and the
     * tooltip says why nothing can be changed.
     */
    void setRowActions(const Workspace *workspace, const std::function<void()> &edit,
                       const std::function<void()> &remove, const QString &hint);
};

/**
 * A register's list in a panel without margins (for a splitter): @p heading above it when given, then
 * @p list, then @p buttons in a row under it, left-aligned.
 */
QWidget *listPanel(QWidget *parent, QWidget *heading, QWidget *list, const QList<QPushButton *> &buttons);

} // namespace quorum
