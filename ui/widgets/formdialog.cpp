#include "ui/widgets/formdialog.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace quorum {

QLabel *layOutFormDialog(QDialog &dialog, QFormLayout *form, const QString &note)
{
    auto *layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    QLabel *noteLabel = nullptr;
    if (!note.isEmpty()) {
        noteLabel = new QLabel(note, &dialog);
        noteLabel->setWordWrap(true);
        layout->addWidget(noteLabel);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    return noteLabel;
}

} // namespace quorum
