#pragma once

#include <QString>

#include <functional>

class QDialog;
class QLabel;
class QWidget;

namespace quorum {

/** A warning whose text (which may quote the person's own words) is never read as rich text. */
void warnInPlainText(QWidget *parent, const QString &title, const QString &text);

/** A question in plain text, answered Yes or No, with No the default; true for Yes. */
bool confirmInPlainText(QWidget *parent, const QString &title, const QString &text);

/**
 * Shows @p dialog until it is cancelled or @p save returns. When @p save refuses (throws an Error), the
 * refusal is shown under @p refusalTitle and the dialog opens again with everything as typed, so nothing
 * entered is lost. True when saved.
 */
bool execUntilSaved(QDialog &dialog, const QString &refusalTitle, const std::function<void()> &save);

/**
 * The line under a form that says, in red and in words, what to change before OK can be pressed: plain
 * text, wrapped, named "problem" (tests find it by that name).
 */
QLabel *problemLabel(QWidget *parent);

} // namespace quorum
