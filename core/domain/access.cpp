#include "core/domain/access.h"

#include <QStringList>

namespace quorum {

QList<AccessRole> allAccessRoles()
{
    return {AccessRole::Director, AccessRole::Ciso, AccessRole::Secretary, AccessRole::Auditor, AccessRole::Admin};
}

QString accessRoleWord(AccessRole role)
{
    switch (role) {
    case AccessRole::Director:
        return QStringLiteral("director");
    case AccessRole::Ciso:
        return QStringLiteral("ciso");
    case AccessRole::Secretary:
        return QStringLiteral("secretary");
    case AccessRole::Auditor:
        return QStringLiteral("auditor");
    case AccessRole::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

QString accessRoleTitle(AccessRole role)
{
    switch (role) {
    case AccessRole::Director:
        return QStringLiteral("Director");
    case AccessRole::Ciso:
        return QStringLiteral("CISO");
    case AccessRole::Secretary:
        return QStringLiteral("Company secretary");
    case AccessRole::Auditor:
        return QStringLiteral("Auditor");
    case AccessRole::Admin:
        return QStringLiteral("Administrator");
    }
    return {};
}

QString accessRoleTitles(const QList<AccessRole> &roles)
{
    QStringList titles;
    for (const AccessRole role : roles)
        titles << accessRoleTitle(role);
    return titles.join(QStringLiteral(", "));
}

std::optional<AccessRole> accessRoleFromWord(const QString &word)
{
    for (const AccessRole role : allAccessRoles()) {
        if (word.trimmed().compare(accessRoleWord(role), Qt::CaseInsensitive) == 0)
            return role;
    }
    return std::nullopt;
}

QList<AccessRole> accessRolesFor(Capability capability)
{
    // The matrix of docs/server.md "Who may do what"; the server's grants (ServerAccess) are the same.
    switch (capability) {
    case Capability::EditAssessments:
    case Capability::EditEvidence:
    case Capability::EditMetricsEvents:
        return {AccessRole::Ciso};
    case Capability::EditReviews:
    case Capability::EditOrganisation:
    case Capability::EditPeople:
        return {AccessRole::Secretary};
    case Capability::SignOffReviews:
    case Capability::EditOwnTraining:
        return {AccessRole::Secretary, AccessRole::Director};
    case Capability::Administer:
        return {AccessRole::Admin};
    }
    return {};
}

bool SessionAccess::may(Capability capability) const
{
    if (!enforced || unrestricted)
        return true;
    for (const AccessRole role : accessRolesFor(capability)) {
        if (holds(role))
            return true;
    }
    return false;
}

namespace {

QString doing(Capability capability)
{
    switch (capability) {
    case Capability::EditAssessments:
        return QStringLiteral("change assessments");
    case Capability::EditEvidence:
        return QStringLiteral("change evidence");
    case Capability::EditMetricsEvents:
        return QStringLiteral("change metrics, exercises and incidents");
    case Capability::EditReviews:
        return QStringLiteral("change board reviews");
    case Capability::SignOffReviews:
        return QStringLiteral("sign off a board review");
    case Capability::EditOrganisation:
        return QStringLiteral("change the organisation's details");
    case Capability::EditPeople:
        return QStringLiteral("change the People register");
    case Capability::EditOwnTraining:
        return QStringLiteral("record training");
    case Capability::Administer:
        return QStringLiteral("grant and revoke roles");
    }
    return {};
}

} // namespace

QString SessionAccess::whyNot(Capability capability) const
{
    if (may(capability))
        return {};
    QStringList who;
    for (const AccessRole role : accessRolesFor(capability))
        who << accessRoleTitle(role);
    const QString whoMay = who.size() == 1 ? QStringLiteral("the %1 role").arg(who.constFirst())
                                           : QStringLiteral("the %1 roles").arg(who.join(QStringLiteral(" or ")));
    const QString held = roles.isEmpty() ? QStringLiteral("no role of this record") : accessRoleTitles(roles);
    return QStringLiteral("Only %1 may %2; you sign in as %3 (%4).").arg(whoMay, doing(capability), login, held);
}

QString SessionAccess::summary() const
{
    if (login.isEmpty())
        return {};
    if (!enforced)
        return login;
    if (unrestricted)
        return QStringLiteral("%1 (owner)").arg(login);
    return QStringLiteral("%1 (%2)").arg(login, roles.isEmpty() ? QStringLiteral("no role") : accessRoleTitles(roles));
}

} // namespace quorum
