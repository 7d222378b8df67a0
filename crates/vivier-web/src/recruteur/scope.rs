//! What a recruiter may touch: the organisations where they recruit (or administer) and
//! everything under them in the tree, read from the store at each request so that a role
//! granted or taken, or an organisation moved, counts at once.
//!
//! Every handler of the recruiters' area reaches offers and organisations through a [`Scope`]:
//! an object outside it answers 404, as if it did not exist (no way to probe another
//! organisation's ids or slugs), and the attempt goes to the audit log.

use std::collections::HashSet;

use vivier_domain::account::OrgRole;
use vivier_domain::offer::Offer;
use vivier_domain::organisation::{OrgTree, Organisation};
use vivier_domain::{OfferId, OrganisationId, Slug};

use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::PageError;

/// A signed-in recruiter, with the organisations they may manage.
#[derive(Debug)]
pub struct Scope {
    pub signed_in: SignedIn,
    pub ip: ClientIp,
    /// Every organisation, by name.
    organisations: Vec<Organisation>,
    /// The organisations this recruiter manages.
    managed: HashSet<OrganisationId>,
    /// The tree of every organisation.
    tree: OrgTree,
    /// The organisations where this recruiter holds their role (not what lies under them),
    /// by name: the ones they act for.
    roots: Vec<OrganisationId>,
}

impl Scope {
    /// The scope of this recruiter.
    pub async fn of(
        state: &AppState,
        signed_in: SignedIn,
        ip: ClientIp,
    ) -> Result<Self, PageError> {
        let mut organisations = state.store.organisations().await?;
        organisations.sort_by(|a, b| a.data.name.cmp(&b.data.name));
        let tree = OrgTree::of(&organisations);
        let principal = signed_in.user.principal();
        let held: HashSet<OrganisationId> =
            principal.organisations_with(OrgRole::Recruiter).collect();
        let managed = tree.subtree(held.iter().copied());
        let roots = organisations
            .iter()
            .map(|o| o.id)
            .filter(|id| held.contains(id))
            .collect();
        Ok(Self {
            signed_in,
            ip,
            organisations,
            managed,
            tree,
            roots,
        })
    }

    /// The organisation tree.
    pub fn tree(&self) -> &OrgTree {
        &self.tree
    }

    /// The organisations where this recruiter holds their role, by name (not what lies under
    /// them): the ones they act for.
    pub fn roots(&self) -> impl Iterator<Item = &Organisation> {
        self.roots.iter().filter_map(|&id| self.organisation(id))
    }

    /// Every organisation a candidate must not have hidden from for this recruiter to see
    /// them: those the recruiter acts for and every one above them.
    pub fn hidden_from_any(&self) -> Vec<OrganisationId> {
        let mut ids: Vec<_> = self
            .roots
            .iter()
            .flat_map(|&root| self.tree.ancestry(root))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Whether a candidate who hid from `hidden_from` is seen by this recruiter: by none of the
    /// organisations they act for (a recruiter of two organisations acts for both at once).
    pub fn sees_profile(&self, hidden_from: &[OrganisationId]) -> bool {
        !self.roots.is_empty()
            && self.roots.iter().all(|&root| {
                vivier_domain::candidate::visible_to(hidden_from, root, |org, ancestor| {
                    self.tree.is_within(org, ancestor)
                })
            })
    }

    /// Whether this recruiter manages the organisation.
    pub fn manages(&self, id: OrganisationId) -> bool {
        self.managed.contains(&id)
    }

    /// The organisations this recruiter manages, by name.
    pub fn organisations(&self) -> impl Iterator<Item = &Organisation> {
        self.organisations.iter().filter(|o| self.manages(o.id))
    }

    /// The ids of the organisations this recruiter manages, sorted.
    pub fn organisation_ids(&self) -> Vec<OrganisationId> {
        let mut ids: Vec<_> = self.managed.iter().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Any organisation, managed or not (to name an offer's employer).
    pub fn organisation(&self, id: OrganisationId) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    /// A managed organisation by slug; anything else is 404, audited.
    pub async fn organisation_by_slug(
        &self,
        state: &AppState,
        slug: &str,
    ) -> Result<&Organisation, PageError> {
        let found = Slug::parse(slug)
            .ok()
            .and_then(|slug| self.organisations.iter().find(|o| o.data.slug == slug));
        match found {
            Some(organisation) if self.manages(organisation.id) => Ok(organisation),
            Some(organisation) => {
                self.deny(state, &format!("organisation {}", organisation.id.0))
                    .await;
                Err(PageError::NotFound)
            }
            None => Err(PageError::NotFound),
        }
    }

    /// A managed offer by id (the path segment as typed); anything else is 404, audited when
    /// the offer exists.
    pub async fn offer(&self, state: &AppState, id: &str) -> Result<Offer, PageError> {
        let id = id
            .parse::<i64>()
            .map(OfferId)
            .map_err(|_| PageError::NotFound)?;
        match state.store.offer(id).await? {
            Some(offer) if self.manages(offer.data.organisation_id) => Ok(offer),
            Some(_) => {
                self.deny(state, &format!("offre {}", id.0)).await;
                Err(PageError::NotFound)
            }
            None => Err(PageError::NotFound),
        }
    }

    /// The visitor, as the audit log names them.
    pub fn visitor(&self) -> Visitor {
        Visitor(Some(self.signed_in.clone()))
    }

    /// Records a sensitive action on `object`.
    pub async fn audit(&self, state: &AppState, action: &str, object: &str, detail: &str) {
        crate::audit::allowed(state, &self.visitor(), &self.ip, action, object, detail).await;
    }

    /// Records an attempt on another organisation's object.
    pub(super) async fn deny(&self, state: &AppState, object: &str) {
        crate::audit::denied(
            state,
            &self.visitor(),
            &self.ip,
            "recruteur.hors-perimetre",
            object,
            "objet d’une organisation que ce compte ne gère pas",
        )
        .await;
    }
}
