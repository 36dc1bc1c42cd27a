#pragma once

#include <QString>

class QDialog;
class QFormLayout;
class QLabel;

namespace quorum {

/**
 * Lays @p dialog out in the shape every Quorum form dialog has: @p form, then @p note (a word-wrapped
 * sentence that says what the dialog does; none when empty), then OK and Cancel, which accept and reject
 * the dialog. Returns the note's label, or null.
 */
QLabel *layOutFormDialog(QDialog &dialog, QFormLayout *form, const QString &note = {});

} // namespace quorum
