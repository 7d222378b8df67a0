//! Accounts and roles: who a user is, and what they may be in which organisation.
//!
//! Rights are not decided here but in the web edge's authorization policy, which reads a
//! user's [`Role`]s; this module only says what the roles are.

use crate::codes::coded_enum;
use crate::{OrganisationId, UserId};

coded_enum! {
    /// Which side of Vivier an account belongs to. It never changes: a candidate is not made an
    /// agent, an agent signs up again as a candidate if they want to apply.
    pub enum AccountKind {
        /// Someone looking for a job.
        Candidate => ("candidat", "Candidat·e"),
        /// A State agent: recruiter, event organiser or administrator.
        Agent => ("agent", "Agent·e de l’État"),
    }
}

coded_enum! {
    /// A role an agent holds in one organisation; it applies to the organisation and everything
    /// under it in the tree.
    pub enum OrgRole {
        /// Manages the offers and employer page, and later the applications.
        Recruiter => ("recruteur", "Recruteur·se"),
        /// Organises recruitment events.
        Organiser => ("organisateur", "Organisateur·rice d’événements"),
        /// Manages who works for the organisation, on top of recruiting.
        OrgAdmin => ("administrateur-organisation", "Administrateur·rice de l’organisation"),
    }
}

coded_enum! {
    /// A role as the authorization policy knows it: one column of its table.
    pub enum Role {
        /// Not signed in.
        Visitor => ("visiteur", "Visiteur·se"),
        /// A signed-in candidate.
        Candidate => ("candidat", "Candidat·e"),
        /// An agent recruiting for at least one organisation.
        Recruiter => ("recruteur", "Recruteur·se"),
        /// An agent organising events for at least one organisation.
        Organiser => ("organisateur", "Organisateur·rice"),
        /// An agent administering at least one organisation.
        OrgAdmin => ("administrateur-organisation", "Administrateur·rice d’organisation"),
        /// Vivier's administrator.
        Admin => ("administrateur", "Administrateur·rice"),
        /// A signed-in agent with no role yet (access requested, not yet granted).
        Agent => ("agent", "Agent·e sans rôle"),
    }
}

/// What a user may be in one organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Membership {
    pub organisation: OrganisationId,
    pub role: OrgRole,
}

/// The account facts that decide a user's roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user: UserId,
    pub kind: AccountKind,
    pub is_admin: bool,
    pub memberships: Vec<Membership>,
}

impl Principal {
    /// Every role this user holds somewhere, in [`Role::ALL`]'s order. An agent with no
    /// membership and no administration right holds [`Role::Agent`] only.
    pub fn roles(&self) -> Vec<Role> {
        let mut roles = Vec::new();
        match self.kind {
            AccountKind::Candidate => roles.push(Role::Candidate),
            AccountKind::Agent => {
                let holds = |role| self.memberships.iter().any(|m| m.role == role);
                if holds(OrgRole::Recruiter) || holds(OrgRole::OrgAdmin) {
                    // An organisation's administrator recruits for it too.
                    roles.push(Role::Recruiter);
                }
                if holds(OrgRole::Organiser) {
                    roles.push(Role::Organiser);
                }
                if holds(OrgRole::OrgAdmin) {
                    roles.push(Role::OrgAdmin);
                }
                if self.is_admin {
                    roles.push(Role::Admin);
                }
                if roles.is_empty() {
                    roles.push(Role::Agent);
                }
            }
        }
        roles
    }

    /// The organisations where this user holds `role` (an organisation's administrator also
    /// counts as its recruiter), not counting what lies under them in the tree.
    pub fn organisations_with(&self, role: OrgRole) -> impl Iterator<Item = OrganisationId> + '_ {
        self.memberships
            .iter()
            .filter(move |m| {
                m.role == role || (role == OrgRole::Recruiter && m.role == OrgRole::OrgAdmin)
            })
            .map(|m| m.organisation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(is_admin: bool, roles: &[OrgRole]) -> Principal {
        Principal {
            user: UserId(1),
            kind: AccountKind::Agent,
            is_admin,
            memberships: roles
                .iter()
                .enumerate()
                .map(|(i, &role)| Membership {
                    organisation: OrganisationId(i as i64 + 1),
                    role,
                })
                .collect(),
        }
    }

    #[test]
    fn roles_follow_memberships() {
        assert_eq!(agent(false, &[]).roles(), [Role::Agent]);
        assert_eq!(agent(true, &[]).roles(), [Role::Admin]);
        assert_eq!(
            agent(false, &[OrgRole::OrgAdmin]).roles(),
            [Role::Recruiter, Role::OrgAdmin]
        );
        assert_eq!(
            agent(true, &[OrgRole::Organiser, OrgRole::Recruiter]).roles(),
            [Role::Recruiter, Role::Organiser, Role::Admin]
        );
        let candidate = Principal {
            kind: AccountKind::Candidate,
            ..agent(true, &[OrgRole::Recruiter])
        };
        assert_eq!(candidate.roles(), [Role::Candidate]);
    }

    #[test]
    fn an_organisation_administrator_recruits_for_it() {
        let principal = agent(false, &[OrgRole::OrgAdmin, OrgRole::Organiser]);
        let recruiting: Vec<_> = principal.organisations_with(OrgRole::Recruiter).collect();
        assert_eq!(recruiting, [OrganisationId(1)]);
        let organising: Vec<_> = principal.organisations_with(OrgRole::Organiser).collect();
        assert_eq!(organising, [OrganisationId(2)]);
    }
}
