//! Organisations: the tree of ministries, directorates and recruiting services, and their
//! employer pages.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use url::Url;

use crate::codes::coded_enum;
use crate::{OrganisationId, Slug};

coded_enum! {
    /// Where an organisation stands in the State.
    pub enum OrganisationKind {
        /// A ministry, top of a tree.
        Ministere => ("ministere", "Ministère"),
        /// A directorate or central administration.
        Direction => ("direction", "Direction"),
        /// A recruiting service, or any unit below a directorate.
        Service => ("service", "Service recruteur"),
        /// A public body (opérateur, établissement public) under a ministry's supervision.
        Etablissement => ("etablissement", "Établissement public"),
        /// An independent authority or any other State employer.
        Autre => ("autre", "Autre employeur public"),
    }
}

/// The employer page of an organisation: each section is optional free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployerPage {
    pub raison_d_etre: Option<String>,
    pub valeurs: Option<String>,
    pub enjeux: Option<String>,
    pub missions: Option<String>,
    pub projets: Option<String>,
    pub organisation: Option<String>,
    pub chiffres_cles: Option<String>,
    pub profils_recherches: Option<String>,
    pub processus_recrutement: Option<String>,
    pub nous_rejoindre: Option<String>,
}

impl EmployerPage {
    /// The sections in reading order: (anchor, French title, text), filled ones only.
    pub fn sections(&self) -> Vec<(&'static str, &'static str, &str)> {
        [
            ("raison-d-etre", "Raison d'être", &self.raison_d_etre),
            ("valeurs", "Nos valeurs", &self.valeurs),
            ("enjeux", "Nos enjeux", &self.enjeux),
            ("missions", "Nos missions", &self.missions),
            ("projets", "Nos projets", &self.projets),
            ("organisation", "Notre organisation", &self.organisation),
            ("chiffres-cles", "Chiffres clés", &self.chiffres_cles),
            (
                "profils-recherches",
                "Profils recherchés",
                &self.profils_recherches,
            ),
            (
                "processus-recrutement",
                "Processus de recrutement",
                &self.processus_recrutement,
            ),
            ("nous-rejoindre", "Nous rejoindre", &self.nous_rejoindre),
        ]
        .into_iter()
        .filter_map(|(anchor, title, text)| {
            text.as_deref()
                .filter(|t| !t.trim().is_empty())
                .map(|t| (anchor, title, t))
        })
        .collect()
    }
}

/// An agent's word about working there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Testimony {
    pub name: String,
    pub role: String,
    pub text: String,
    pub photo_url: Option<Url>,
}

/// What defines an organisation; the slug is its natural key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationData {
    pub slug: Slug,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: OrganisationKind,
    pub parent_id: Option<OrganisationId>,
    pub website: Option<Url>,
    pub logo_url: Option<Url>,
    pub page: EmployerPage,
}

/// A stored organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrganisationId,
    pub data: OrganisationData,
}

impl Organisation {
    /// "Direction interministérielle du numérique (DINUM)" or the name alone.
    pub fn display_name(&self) -> String {
        match &self.data.acronym {
            Some(acronym) if !acronym.is_empty() => format!("{} ({acronym})", self.data.name),
            _ => self.data.name.clone(),
        }
    }
}

/// The organisation tree, as parent links: what lies under an organisation, and which moves
/// would make a cycle. Rights held in an organisation apply to its whole subtree, so every
/// authorization question about organisations goes through here.
#[derive(Debug, Clone, Default)]
pub struct OrgTree {
    parent: HashMap<OrganisationId, Option<OrganisationId>>,
    children: HashMap<OrganisationId, Vec<OrganisationId>>,
}

impl OrgTree {
    /// Builds the tree from `(organisation, parent)` pairs; children keep the pairs' order. A
    /// parent that is not in the list is kept as given.
    pub fn new(links: impl IntoIterator<Item = (OrganisationId, Option<OrganisationId>)>) -> Self {
        let mut tree = Self::default();
        for (id, parent) in links {
            tree.parent.insert(id, parent);
            if let Some(parent) = parent {
                tree.children.entry(parent).or_default().push(id);
            }
        }
        tree
    }

    /// The tree of these organisations.
    pub fn of(organisations: &[Organisation]) -> Self {
        Self::new(organisations.iter().map(|o| (o.id, o.data.parent_id)))
    }

    /// Whether the organisation is in the tree.
    pub fn contains(&self, id: OrganisationId) -> bool {
        self.parent.contains_key(&id)
    }

    /// The parent of an organisation, if it has one.
    pub fn parent(&self, id: OrganisationId) -> Option<OrganisationId> {
        self.parent.get(&id).copied().flatten()
    }

    /// The organisations directly under `id`, in the order they were given.
    pub fn children(&self, id: OrganisationId) -> &[OrganisationId] {
        self.children.get(&id).map_or(&[], Vec::as_slice)
    }

    /// `roots` and everything under them. Robust to a cycle in the stored links (which the
    /// store's moves never create): each organisation is visited once.
    pub fn subtree(
        &self,
        roots: impl IntoIterator<Item = OrganisationId>,
    ) -> HashSet<OrganisationId> {
        let mut seen = HashSet::new();
        let mut stack: Vec<_> = roots.into_iter().collect();
        while let Some(id) = stack.pop() {
            if seen.insert(id) {
                stack.extend_from_slice(self.children(id));
            }
        }
        seen
    }

    /// Whether `id` is `ancestor` or lies under it.
    pub fn is_within(&self, id: OrganisationId, ancestor: OrganisationId) -> bool {
        let mut current = Some(id);
        let mut steps = 0;
        while let Some(at) = current {
            if at == ancestor {
                return true;
            }
            steps += 1;
            if steps > self.parent.len() {
                return false; // A cycle: give up rather than loop.
            }
            current = self.parent(at);
        }
        false
    }

    /// Whether `id` may be placed under `new_parent` without making a cycle: the new parent is
    /// neither the organisation itself nor anything under it.
    pub fn can_move(&self, id: OrganisationId, new_parent: Option<OrganisationId>) -> bool {
        new_parent.is_none_or(|parent| !self.is_within(parent, id))
    }

    /// The path from the top of the tree down to `id`, both included.
    pub fn ancestry(&self, id: OrganisationId) -> Vec<OrganisationId> {
        let mut path = vec![id];
        while let Some(parent) = self.parent(*path.last().expect("never empty")) {
            if path.contains(&parent) || path.len() > self.parent.len() {
                break;
            }
            path.push(parent);
        }
        path.reverse();
        path
    }
}

#[cfg(test)]
mod tree_tests {
    use super::*;

    fn id(n: i64) -> OrganisationId {
        OrganisationId(n)
    }

    /// 1 ─┬─ 2 ── 4
    ///    └─ 3
    /// 5
    fn tree() -> OrgTree {
        OrgTree::new([
            (id(1), None),
            (id(2), Some(id(1))),
            (id(3), Some(id(1))),
            (id(4), Some(id(2))),
            (id(5), None),
        ])
    }

    #[test]
    fn a_subtree_holds_its_root_and_everything_under_it() {
        let tree = tree();
        let sorted = |set: HashSet<OrganisationId>| {
            let mut ids: Vec<_> = set.into_iter().collect();
            ids.sort_unstable();
            ids
        };
        assert_eq!(sorted(tree.subtree([id(1)])), [id(1), id(2), id(3), id(4)]);
        assert_eq!(sorted(tree.subtree([id(2), id(5)])), [id(2), id(4), id(5)]);
        assert_eq!(tree.children(id(1)), [id(2), id(3)]);
        assert!(tree.subtree([]).is_empty());
        assert!(tree.is_within(id(4), id(1)));
        assert!(!tree.is_within(id(1), id(4)));
        assert!(!tree.is_within(id(5), id(1)));
        assert_eq!(tree.ancestry(id(4)), [id(1), id(2), id(4)]);
    }

    #[test]
    fn a_move_under_its_own_subtree_is_refused() {
        let tree = tree();
        assert!(!tree.can_move(id(1), Some(id(4))));
        assert!(!tree.can_move(id(2), Some(id(2))));
        assert!(tree.can_move(id(2), Some(id(3))));
        assert!(tree.can_move(id(4), None));
        assert!(tree.can_move(id(5), Some(id(4))));
    }

    #[test]
    fn a_cycle_in_stored_links_does_not_loop() {
        let tree = OrgTree::new([(id(1), Some(id(2))), (id(2), Some(id(1)))]);
        assert_eq!(tree.subtree([id(1)]).len(), 2);
        assert!(!tree.is_within(id(1), id(3)));
        assert_eq!(tree.ancestry(id(1)).len(), 2);
    }
}
