#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace quorum {

/** The roles of a record on a server (issue 16): each a PostgreSQL group role the server enforces. */
enum class AccessRole { Director, Ciso, Secretary, Auditor, Admin };

/** What a window lets a person do, each allowed by one or more AccessRole (accessRolesFor). */
enum class Capability {
    EditAssessments,   ///< ratings, owners, targets, commentary
    EditEvidence,      ///< add, replace, link and remove evidence
    EditMetricsEvents, ///< metrics and their readings, exercises and incidents
    EditReviews,       ///< create board reviews, decisions sought, meeting dates
    SignOffReviews,    ///< record a sign-off (the secretary for anyone, a director as themselves)
    EditOrganisation,  ///< the organisation's name and marking
    EditPeople,        ///< the People register, and anyone's training
    EditOwnTraining,   ///< one's own training (C3), as the person linked to one's login
    Administer,        ///< grant and revoke roles
};

/** Every role, in the order they are listed. */
QList<AccessRole> allAccessRoles();
/** "director", "ciso", "secretary", "auditor", "admin": the word of the CLI and of the group role's name. */
QString accessRoleWord(AccessRole role);
/** "Director", "CISO", "Company secretary", "Auditor", "Administrator". */
QString accessRoleTitle(AccessRole role);
/** "Director, Auditor": the titles of @p roles, in their order. */
QString accessRoleTitles(const QList<AccessRole> &roles);
/** The role a word names (any case), or nothing. */
std::optional<AccessRole> accessRoleFromWord(const QString &word);
/** The roles that allow @p capability. */
QList<AccessRole> accessRolesFor(Capability capability);

/**
 * What the login of a window may do in the record it has open: who they are as the server knows them, and
 * which of the record's roles they hold. On a file, or on a server record without access by role, everything
 * a connection may do is allowed (enforced is false); a superuser or the record's owner is never restricted.
 * Asked of the server once per session (ServerAccess::session), never taken from the client's own claims.
 */
struct SessionAccess {
    QString login;               ///< the server's session_user; empty for a file
    bool enforced = false;       ///< the record has access by role (ServerAccess::enable)
    bool unrestricted = false;   ///< a superuser, or the record's owner: no role applies
    bool mayCreateRoles = false; ///< CREATEROLE or a superuser: may turn access by role on, create logins
    QList<AccessRole> roles;     ///< the record's roles the login holds

    bool holds(AccessRole role) const { return roles.contains(role); }
    /** Whether the server lets this login do @p capability. */
    bool may(Capability capability) const;
    /**
     * Why a control is off, for its tooltip ("Only the CISO role may change assessments; you sign in as
     * jsmith (Director)."); empty when may(@p capability).
     */
    QString whyNot(Capability capability) const;
    /** "jsmith (Director, Auditor)" for the status bar; empty for a file. */
    QString summary() const;
};

} // namespace quorum
