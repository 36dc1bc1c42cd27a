#pragma once

#include "core/domain/catalogue.h"

#include <QByteArray>
#include <QString>

namespace quorum {

/**
 * Reads a framework from a GRC library file in the YAML format of CISO Assistant's libraries (an open GRC tool
 * with hundreds of them): the library's urn, ref_id, name, version, provider and copyright, and its
 * objects.framework with requirement_nodes (urn, depth, parent_urn, assessable, ref_id, name, description).
 * Assessable nodes become the items a record assesses; top-level nodes become their groups; the titles between
 * are kept as each item's path; a node without a ref_id is numbered from its place among its parent's children.
 * yaml-cpp parses the YAML. A file that is malformed, hostile or too large is refused whole, with an Error naming
 * the file, the line and the problem; nothing is half read.
 */
class FrameworkLibrary {
public:
    /** The largest file read (16 MB): the largest public libraries are a few megabytes. */
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024;
    /** The most requirement nodes a library may hold, and the most of them that are assessable. */
    static constexpr int kMaxNodes = 20000;
    static constexpr int kMaxItems = 5000;
    /** How deep the requirement tree may go. */
    static constexpr int kMaxDepth = 16;

    /** Reads @p path; throws Error (InvalidInput, NotFound, TooLarge) naming the file and, for content, the line. */
    static Catalogue read(const QString &path);
    /** Reads library text; @p sourceName names it in messages. Throws Error. */
    static Catalogue parse(const QByteArray &yaml, const QString &sourceName);
};

} // namespace quorum
