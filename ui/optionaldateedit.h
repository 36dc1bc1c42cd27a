#pragma once

#include <QDate>
#include <QWidget>

class QCheckBox;
class QDateEdit;

namespace quorum {

/** A date that may be absent: a check box ("set") beside a calendar date edit. */
class OptionalDateEdit : public QWidget {
    Q_OBJECT

public:
    explicit OptionalDateEdit(QWidget *parent = nullptr);

    QDate date() const; ///< invalid when unset
    void setDate(const QDate &date);

Q_SIGNALS:
    /** Emitted when the person changes the date or sets or clears it (not on setDate()). */
    void dateEdited(const QDate &date);

private:
    QCheckBox *m_enabled;
    QDateEdit *m_edit;
    bool m_updating = false;
};

} // namespace quorum
