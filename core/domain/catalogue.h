#pragma once

#include "core/domain/maturity.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace quorum {

/** One link from an action to another framework, as published (NIST CSF 2.0, CAF, COBIT, CMMI). */
struct Mapping {
    QString frameworkId; ///< key into Catalogue::frameworks()
    QString reference;   ///< "GV.OC-02"
    QString text;        ///< the referenced item's wording, for display
    QString note;        ///< a caveat about this one link, if any
};

/** A framework that actions are mapped to, with the label the product must show beside it. */
struct MappedFramework {
    QString id;
    QString name;
    QString label; ///< e.g. "mapped by DSIT (illustrative)"
    QString source;
    QString disclaimer;
};

/**
 * One item of a framework that an organisation assesses: an action of the Cyber Governance Code, a principle
 * of the Software Security Code, an assessable requirement of a library framework.
 */
struct CatalogueAction {
    QString id;          ///< as stored and typed: "A1" for the Code, "ssc:3.2" for another framework
    QString principleId; ///< the stored id of its group: "A", "ssc:3"
    QString reference;   ///< as the framework numbers it: "A1", "3.2"
    QString shortTitle;  ///< Quorum's own label for the Code; a library item's name
    QString text;        ///< the published wording
    QString cadence;     ///< the frequency words of the action, if it states one
    QStringList path;    ///< a library item's titles between its group and itself
    QString urn;         ///< a library item's URN, which a newer version of the library keeps
    QStringList crossReferences;
    QList<Mapping> mappings;
};

/** A group of items: a principle of the Code, a theme of the Software Security Code, a library's top node. */
struct CataloguePrinciple {
    QString id;        ///< as stored: "A", "ssc:3"
    QString reference; ///< as the framework numbers it: "A", "3"
    QString title;
    QString introduction; ///< the framework's own words that open the group, where it has any
    QString urn;
    QList<CatalogueAction> actions;
};

/**
 * What kind of software vendor an organisation is, for a framework whose groups apply by role (the Software
 * Security Code: resellers follow themes 3 and 4 only). Items outside the role's groups are Not applicable.
 */
struct VendorRole {
    QString id;         ///< "developer", "distributor", "reseller"
    QString label;      ///< "Resells software"
    QStringList groups; ///< the references of the groups that apply: "3", "4"
    QString reason;     ///< the justification of an item that does not apply
};

/** Where a framework's catalogue comes from. */
enum class FrameworkOrigin { BuiltIn, Library };

/**
 * A framework as data: the Cyber Governance Code of Practice, the Software Security Code of Practice, or a
 * framework read from a GRC library file (FrameworkLibrary). Its groups (principles, themes) and items
 * (actions, principles, requirements) with their published wording, cross-references and known mappings, plus
 * the publication details and the licence attribution. Built-in catalogues are JSON compiled into the program,
 * validated on load: a malformed catalogue throws an Error naming the file and the offending id. A catalogue
 * carries a version; a database remembers which version it holds, and a newer one updates the stored text.
 */
class Catalogue {
public:
    /** Parses and validates; @p sourceName is used in error messages. Throws Error. */
    static Catalogue fromJson(const QByteArray &json, const QString &sourceName);

    /** The Cyber Governance Code, shipped inside the program: every organisation follows it. */
    static const Catalogue &builtIn();
    /** Every framework shipped inside the program, the Code first. */
    static const QList<const Catalogue *> &builtIns();
    /** The built-in framework with @p key ("cgc", "ssc"), or nullptr. */
    static const Catalogue *builtInByKey(const QString &key);
    /** The key of the Cyber Governance Code, whose item ids have no prefix. */
    static QString codeKey();
    /** The key of the framework a stored item id belongs to: "ssc" for "ssc:3.2", the Code's for "A1". */
    static QString keyOfItem(const QString &itemId);

    int version() const { return m_version; }
    const QString &id() const { return m_id; }
    /** Short, stable, lower case: "cgc", "ssc", a library framework's last URN segment; item ids start "key:". */
    const QString &key() const { return m_key; }
    const QString &urn() const { return m_urn; }
    FrameworkOrigin origin() const { return m_origin; }
    /** "Software Security Code": a tab's or a heading's name. */
    const QString &shortName() const { return m_shortName; }
    /** What a group is called ("principle", "theme") and what an item is called ("action", "principle"). */
    const QString &groupNoun() const { return m_groupNoun; }
    const QString &itemNoun() const { return m_itemNoun; }
    const QString &description() const { return m_description; }
    const QString &provider() const { return m_provider; }
    /** Who is accountable for following the framework, as it names them ("Senior Responsible Owner"), if it does. */
    const QString &accountableTitle() const { return m_accountableTitle; }
    const QString &accountableStatement() const { return m_accountableStatement; }
    /** The framework's words that open every group, if it has any. */
    const QString &groupLead() const { return m_groupLead; }
    const QList<VendorRole> &vendorRoles() const { return m_vendorRoles; }
    /** The levels its items' maturity is appraised on: CMMI unless a library file defines its own scores. */
    const MaturityScale &maturityScale() const { return m_maturityScale; }
    const VendorRole *vendorRole(const QString &id) const;
    const QString &defaultVendorRole() const { return m_defaultVendorRole; }
    const QString &title() const { return m_title; }
    const QString &publisher() const { return m_publisher; }
    const QString &published() const { return m_published; }
    const QString &sourceUrl() const { return m_sourceUrl; }
    const QString &copyright() const { return m_copyright; }
    const QString &licence() const { return m_licence; }
    const QString &licenceUrl() const { return m_licenceUrl; }
    const QString &attribution() const { return m_attribution; }

    const QList<CataloguePrinciple> &principles() const { return m_principles; }
    const QList<MappedFramework> &frameworks() const { return m_frameworks; }

    /** Every action in catalogue order. */
    QList<CatalogueAction> actions() const;

    /** The action with @p id, or nullptr. */
    const CatalogueAction *action(const QString &id) const;
    const CataloguePrinciple *principle(const QString &id) const;
    const MappedFramework *framework(const QString &id) const;

    /** All action ids in order, for messages and validation. */
    QStringList actionIds() const;

private:
    friend class FrameworkLibrary;

    int m_version = 0;
    QString m_id;
    QString m_key;
    QString m_urn;
    FrameworkOrigin m_origin = FrameworkOrigin::BuiltIn;
    QString m_shortName;
    QString m_groupNoun;
    QString m_itemNoun;
    QString m_description;
    QString m_provider;
    QString m_accountableTitle;
    QString m_accountableStatement;
    QString m_groupLead;
    QList<VendorRole> m_vendorRoles;
    MaturityScale m_maturityScale = MaturityScale::cmmi();
    QString m_defaultVendorRole;
    QString m_title;
    QString m_publisher;
    QString m_published;
    QString m_sourceUrl;
    QString m_copyright;
    QString m_licence;
    QString m_licenceUrl;
    QString m_attribution;
    QList<CataloguePrinciple> m_principles;
    QList<MappedFramework> m_frameworks;
};

} // namespace quorum
