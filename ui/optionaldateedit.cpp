#include "optionaldateedit.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QHBoxLayout>

namespace quorum {

OptionalDateEdit::OptionalDateEdit(QWidget *parent)
    : QWidget(parent)
    , m_enabled(new QCheckBox(this))
    , m_edit(new QDateEdit(this))
{
    m_edit->setCalendarPopup(true);
    m_edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_edit->setDate(QDate::currentDate());
    m_edit->setEnabled(false);
    m_enabled->setToolTip(tr("Set a date"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_enabled);
    layout->addWidget(m_edit, 1);
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_edit->setEnabled(on);
        if (!m_updating)
            Q_EMIT dateEdited(date());
    });
    // editingFinished fires once per deliberate change (Enter, focus out, calendar pick).
    connect(m_edit, &QDateEdit::editingFinished, this, [this] {
        if (!m_updating)
            Q_EMIT dateEdited(date());
    });
}

QDate OptionalDateEdit::date() const
{
    return m_enabled->isChecked() ? m_edit->date() : QDate();
}

void OptionalDateEdit::setDate(const QDate &date)
{
    m_updating = true;
    m_enabled->setChecked(date.isValid());
    if (date.isValid())
        m_edit->setDate(date);
    m_edit->setEnabled(date.isValid());
    m_updating = false;
}

} // namespace quorum
