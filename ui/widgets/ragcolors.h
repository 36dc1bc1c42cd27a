#pragma once

#include "core/rules/scoring.h"

#include <QColor>

namespace quorum {

/** The board's colours, shared by every screen, chart and the board pack painter. */
QColor ragColor(Rag rag);
/** Text colour readable on ragColor(rag). */
QColor ragTextColor(Rag rag);

} // namespace quorum
