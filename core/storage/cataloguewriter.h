#pragma once

#include <QSqlDatabase>
#include <QString>

namespace quorum {

class Catalogue;

/** What writing a catalogue into a record changed. */
struct CatalogueWrite {
    bool newFramework = false; ///< the record did not hold it before
    int fromVersion = 0;       ///< the catalogue version it held (0 for none)
    int addedItems = 0;        ///< items that are new, each with an empty assessment
    int updatedItems = 0;      ///< items that were there before, their wording brought up to date
};

/**
 * Writes @p catalogue into the record, inside the caller's transaction: its framework row (what it is and its
 * version; whether it is followed, its vendor role and its owner are the organisation's and stay as they are,
 * except that a new framework is followed when @p enableNew), its groups and items with their wording, and an
 * empty assessment for each new item. Never touches an existing assessment, and never deletes an item that a
 * newer version leaves out (its assessment and history stay). Items of a built-in framework are matched by id;
 * those of a library by URN, since a newer version may renumber them while the stored id stays. Throws Conflict
 * when the key is another framework's.
 */
CatalogueWrite writeCatalogue(const QSqlDatabase &db, const Catalogue &catalogue, bool enableNew);

} // namespace quorum
