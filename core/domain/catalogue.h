#pragma once

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

struct CatalogueAction {
    QString id;          ///< "A1"
    QString principleId; ///< "A"
    QString shortTitle;  ///< Quorum's own label, not the Code's wording
    QString text;        ///< the published wording
    QString cadence;     ///< the frequency words of the action, if it states one
    QStringList crossReferences;
    QList<Mapping> mappings;
};

struct CataloguePrinciple {
    QString id;
    QString title;
    QList<CatalogueAction> actions;
};

/**
 * The Cyber Governance Code of Practice as data: principles, actions, their published wording,
 * cross-references and known mappings, plus the publication details and the licence attribution.
 * Loaded from JSON (normally the copy compiled into the program) and validated on load: a malformed
 * catalogue throws an Error naming the file and the offending id. The catalogue carries a version;
 * a database remembers which version it was written with, and a newer one updates the stored text.
 */
class Catalogue {
public:
    /** Parses and validates; @p sourceName is used in error messages. Throws Error. */
    static Catalogue fromJson(const QByteArray &json, const QString &sourceName);

    /** The catalogue shipped inside the program. */
    static const Catalogue &builtIn();

    int version() const { return m_version; }
    const QString &id() const { return m_id; }
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
    int m_version = 0;
    QString m_id;
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
