#include "ui/widgets/ragcolors.h"
namespace quorum {

QColor ragColor(Rag rag)
{
    switch (rag) {
    case Rag::Green:
        return QColor(0x2E, 0x7D, 0x32);
    case Rag::Amber:
        return QColor(0xF2, 0xA9, 0x00);
    case Rag::Red:
        return QColor(0xC6, 0x28, 0x28);
    case Rag::Gap:
        return QColor(0x75, 0x75, 0x75);
    case Rag::NotApplicable:
        return QColor(0xBD, 0xBD, 0xBD);
    }
    return QColor(Qt::gray);
}

QColor ragTextColor(Rag rag)
{
    return rag == Rag::Amber || rag == Rag::NotApplicable ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace quorum
