#include "ui/widgets/recordtable.h"

#include "core/workspace/workspace.h"
#include "ui/widgets/readonlyguard.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace quorum {

RecordTable::RecordTable(const QStringList &headers, QWidget *parent)
    : QTableWidget(0, int(headers.size()), parent)
{
    setHorizontalHeaderLabels(headers);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    // Compact rows, so a laptop screen shows a whole register without scrolling.
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 9);
}

qint64 RecordTable::currentId() const
{
    const QTableWidgetItem *first = item(currentRow(), 0);
    return first ? first->data(kIdRole).toLongLong() : 0;
}

qint64 RecordTable::selectedId() const
{
    return selectionModel()->selectedRows().isEmpty() ? 0 : currentId();
}

bool RecordTable::selectId(qint64 id)
{
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, 0)->data(kIdRole).toLongLong() == id) {
            selectRow(row);
            scrollToItem(item(row, 0));
            return true;
        }
    }
    return false;
}

void RecordTable::refill(qsizetype count, const std::function<void(int row)> &fillRow, bool selectFirst)
{
    const qint64 selected = currentId();
    {
        const QSignalBlocker block(this);
        clearContents();
        setRowCount(int(count));
        for (int row = 0; row < count; ++row)
            fillRow(row);
        if (!(selected && selectId(selected)) && selectFirst && count > 0)
            selectRow(0);
    }
}

void RecordTable::setRecordRow(int row, qint64 id, const QStringList &cells)
{
    for (int column = 0; column < cells.size(); ++column)
        setItem(row, column, new QTableWidgetItem(cells[column]));
    if (QTableWidgetItem *first = item(row, 0))
        first->setData(kIdRole, QVariant::fromValue(id));
}

void RecordTable::setRowActions(const Workspace *workspace, const std::function<void()> &edit,
                                const std::function<void()> &remove, const QString &hint)
{
    if (workspace->isReadOnly()) {
        setToolTip(readOnlyReason());
        return;
    }
    setToolTip(hint);
    if (edit) {
        // Double-click or Enter edits (not activated(): on single-click desktops that fires on every click).
        connect(this, &QTableWidget::cellDoubleClicked, this, [edit] { edit(); });
        for (const QKeySequence &key : {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}) {
            auto *shortcut = new QShortcut(key, this);
            shortcut->setContext(Qt::WidgetShortcut);
            connect(shortcut, &QShortcut::activated, this, [edit] { edit(); });
        }
    }
    if (remove) {
        auto *shortcut = new QShortcut(QKeySequence::Delete, this);
        shortcut->setContext(Qt::WidgetShortcut);
        connect(shortcut, &QShortcut::activated, this, [remove] { remove(); });
    }
}

QWidget *listPanel(QWidget *parent, QWidget *heading, QWidget *list, const QList<QPushButton *> &buttons)
{
    auto *panel = new QWidget(parent);
    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    if (heading)
        layout->addWidget(heading);
    layout->addWidget(list, 1);
    auto *row = new QHBoxLayout;
    for (QPushButton *button : buttons)
        row->addWidget(button);
    row->addStretch();
    layout->addLayout(row);
    return panel;
}

} // namespace quorum
