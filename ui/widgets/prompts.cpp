#include "ui/widgets/prompts.h"

#include "core/domain/error.h"
#include "ui/widgets/ragcolors.h"

#include <QDialog>
#include <QLabel>
#include <QMessageBox>

namespace quorum {

void warnInPlainText(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

bool confirmInPlainText(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::No, parent);
    box.setTextFormat(Qt::PlainText);
    box.setDefaultButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

bool execUntilSaved(QDialog &dialog, const QString &refusalTitle, const std::function<void()> &save)
{
    while (dialog.exec() == QDialog::Accepted) {
        try {
            save();
            return true;
        } catch (const Error &error) {
            warnInPlainText(dialog.parentWidget(), refusalTitle, error.message());
        }
    }
    return false;
}

QLabel *problemLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QStringLiteral("problem"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, ragColor(Rag::Red));
    label->setPalette(palette);
    return label;
}

} // namespace quorum
