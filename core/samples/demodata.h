#pragma once

#include <QDate>

namespace quorum {

class Store;

/**
 * Fills an empty database with a realistic fictional organisation: a mid-sized UK logistics group with
 * a board of eight and an executive team, owners on most actions, a spread of ratings with some gaps,
 * about forty pieces of evidence (small generated files and links, some expired), director training
 * records, six quarterly board reviews across eighteen months (the first five signed off by the Chair at
 * the following meeting), eight board metrics with quarterly readings (one now outside tolerance), two
 * incident-plan exercises and two incidents with their lessons. Everything is written through the
 * Store with a moving clock, so the audit trail is a real, verifiable history. Deterministic for a
 * given @p today.
 */
class DemoData {
public:
    static void populate(Store &store, const QDate &today);
};

} // namespace quorum
