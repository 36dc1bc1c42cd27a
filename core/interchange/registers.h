#pragma once

#include "core/interchange/sheet.h"
namespace quorum {

class Store;

/**
 * The tables a board or an auditor takes away in a spreadsheet, built from the store: the actions
 * register (one row per action: owner, director, rating and target as key words, RAG and unsupported
 * claim by the one scoring rule, commentary, dates and evidence counts) and the evidence index (one row
 * per piece of evidence with its status on the store's clock). While the organisation tracks maturity, the actions
 * register ends with each item's maturity, target maturity (levels as numbers), the date they were assessed and who
 * assessed them (the key word). The actions register's columns are the ones ActionImport reads back, so an exported
 * register can be edited and imported.
 */
class Registers {
public:
    static Sheet actions(const Store &store);
    static Sheet evidence(const Store &store);
};

} // namespace quorum
