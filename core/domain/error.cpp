#include "core/domain/error.h"
namespace quorum {

Error::Error(Kind kind, QString message)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_utf8(m_message.toUtf8())
{
}

bool Error::isOpenFailure() const
{
    switch (m_kind) {
    case Kind::CannotOpen:
    case Kind::Disconnected:
    case Kind::NotQuorum:
    case Kind::TooNew:
    case Kind::Corrupt:
        return true;
    default:
        return false;
    }
}

} // namespace quorum
