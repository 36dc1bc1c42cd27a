#pragma once

#include "core/domain/catalogue.h"
#include "core/domain/maturity.h"

#include <QList>
#include <QString>

namespace quorum {

/**
 * A framework as a record holds it: what it is (from its catalogue, built in or read from a library file),
 * whether the organisation follows it, the vendor role that decides which of its groups apply, and the person who
 * answers for it (the Software Security Code's Senior Responsible Owner). The Cyber Governance Code is always
 * followed; the others are followed once enabled, and their items are kept when they are disabled again.
 */
struct Framework {
    QString key; ///< "cgc", "ssc", a library framework's key
    int position = 0;
    QString urn;
    FrameworkOrigin origin = FrameworkOrigin::BuiltIn;
    int catalogueVersion = 0;
    QString title;     ///< "Software Security Code of Practice"
    QString shortName; ///< "Software Security Code"
    QString groupNoun; ///< "theme"
    QString itemNoun;  ///< "principle"
    QString publisher;
    QString published;
    QString sourceUrl;
    QString copyright;
    QString licence;
    QString attribution;
    QString description;
    bool enabled = false;
    QString vendorRole; ///< a VendorRole id of its catalogue; empty for a framework without roles
    qint64 ownerId = 0; ///< who answers for it (the Senior Responsible Owner); 0 for nobody yet
    QString ownerName;
    int itemCount = 0;
    /** The levels its items' maturity is appraised on (schema 10): CMMI unless its library file defines its own. */
    MaturityScale maturityScale = MaturityScale::cmmi();
    /** The row's version when read (shared mode; Organisation::version says more). 0: not read, not checked. */
    int version = 0;

    bool isCode() const { return key == Catalogue::codeKey(); }
};

/** "built-in" or "library", as stored and printed. */
QString frameworkOriginKey(FrameworkOrigin origin);

} // namespace quorum
