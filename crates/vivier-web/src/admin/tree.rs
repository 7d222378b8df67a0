//! The organisation tree as pages show it: `<select>` options grouped by ministry, and nested
//! lists. Both read every organisation from the store, so a change shows at once.

use std::collections::{HashMap, HashSet};

use vivier_domain::OrganisationId;
use vivier_domain::organisation::{OrgTree, Organisation};

/// One `<option>`: the organisation, indented under its parents.
#[derive(Debug, Clone)]
pub struct OrgOption {
    pub id: String,
    pub label: String,
}

/// One `<optgroup>`: a ministry (or any top organisation) and everything under it.
#[derive(Debug, Clone)]
pub struct OrgGroup {
    pub label: String,
    pub options: Vec<OrgOption>,
}

/// A piece of the nested lists, in reading order.
#[derive(Debug, Clone)]
pub enum Piece {
    /// `<ul>`
    Open,
    /// `<li>` with the organisation (left open for its children).
    Item(TreeItem),
    /// `</li>`
    EndItem,
    /// `</ul>`
    Close,
}

/// An organisation in the nested lists.
#[derive(Debug, Clone)]
pub struct TreeItem {
    pub id: i64,
    pub name: String,
    pub kind: &'static str,
    pub offers: u64,
}

/// The tree's top organisations (those whose parent is unknown included), by name, and each
/// organisation's children by name.
fn ordered(
    organisations: &[Organisation],
) -> (
    Vec<&Organisation>,
    HashMap<OrganisationId, Vec<&Organisation>>,
) {
    let known: HashMap<OrganisationId, &Organisation> =
        organisations.iter().map(|o| (o.id, o)).collect();
    let mut roots = Vec::new();
    let mut children: HashMap<OrganisationId, Vec<&Organisation>> = HashMap::new();
    for organisation in organisations {
        match organisation
            .data
            .parent_id
            .filter(|p| known.contains_key(p))
        {
            Some(parent) => children.entry(parent).or_default().push(organisation),
            None => roots.push(organisation),
        }
    }
    let by_name =
        |a: &&Organisation, b: &&Organisation| a.data.name.cmp(&b.data.name).then(a.id.cmp(&b.id));
    roots.sort_by(by_name);
    for list in children.values_mut() {
        list.sort_by(by_name);
    }
    (roots, children)
}

/// A step of a depth-first walk.
enum Step<'a> {
    /// Entering an organisation: its depth, whether it has children.
    Enter(&'a Organisation, usize, bool),
    /// Leaving it, after its children: whether it had any.
    Leave(bool),
}

/// Walks `root`'s subtree depth first; an organisation already seen (a cycle in stored links)
/// is not walked again.
fn walk<'a>(
    root: &'a Organisation,
    children: &HashMap<OrganisationId, Vec<&'a Organisation>>,
    visit: &mut dyn FnMut(Step<'a>),
) {
    fn go<'a>(
        node: &'a Organisation,
        depth: usize,
        children: &HashMap<OrganisationId, Vec<&'a Organisation>>,
        seen: &mut HashSet<OrganisationId>,
        visit: &mut dyn FnMut(Step<'a>),
    ) {
        if !seen.insert(node.id) {
            return;
        }
        let kids = children.get(&node.id).map_or(&[][..], Vec::as_slice);
        visit(Step::Enter(node, depth, !kids.is_empty()));
        for kid in kids {
            go(kid, depth + 1, children, seen, visit);
        }
        visit(Step::Leave(!kids.is_empty()));
    }
    go(root, 0, children, &mut HashSet::new(), visit);
}

/// The `<optgroup>`s of a select of organisations: one per top organisation, with everything
/// under it indented.
pub fn groups(organisations: &[Organisation]) -> Vec<OrgGroup> {
    let (roots, children) = ordered(organisations);
    roots
        .into_iter()
        .map(|root| {
            let mut options = Vec::new();
            walk(root, &children, &mut |step| {
                if let Step::Enter(o, depth, _) = step {
                    options.push(OrgOption {
                        id: o.id.0.to_string(),
                        label: format!("{}{}", "— ".repeat(depth), o.display_name()),
                    });
                }
            });
            OrgGroup {
                label: root.display_name(),
                options,
            }
        })
        .collect()
}

/// The nested lists of the whole tree, with each organisation's offer count.
pub fn pieces(organisations: &[Organisation], counts: &HashMap<OrganisationId, u64>) -> Vec<Piece> {
    let (roots, children) = ordered(organisations);
    let mut pieces = vec![Piece::Open];
    for root in roots {
        walk(root, &children, &mut |step| match step {
            Step::Enter(o, _, has_children) => {
                pieces.push(Piece::Item(TreeItem {
                    id: o.id.0,
                    name: o.display_name(),
                    kind: o.data.kind.label(),
                    offers: counts.get(&o.id).copied().unwrap_or(0),
                }));
                if has_children {
                    pieces.push(Piece::Open);
                }
            }
            Step::Leave(had_children) => {
                if had_children {
                    pieces.push(Piece::Close);
                }
                pieces.push(Piece::EndItem);
            }
        });
    }
    pieces.push(Piece::Close);
    pieces
}

/// The tree of these organisations.
pub fn tree_of(organisations: &[Organisation]) -> OrgTree {
    OrgTree::of(organisations)
}

/// The organisation a form names by id, if it is one of these.
pub fn find<'a>(organisations: &'a [Organisation], typed: &str) -> Option<&'a Organisation> {
    let id: i64 = typed.trim().parse().ok()?;
    organisations.iter().find(|o| o.id.0 == id)
}

/// One `<option>` of a fixed list.
#[derive(Debug, Clone)]
pub struct Choice {
    pub code: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

/// The options of a fixed list, `typed` selected.
pub fn choices(
    all: impl IntoIterator<Item = (&'static str, &'static str)>,
    typed: &str,
) -> Vec<Choice> {
    all.into_iter()
        .map(|(code, label)| Choice {
            code,
            label,
            selected: code == typed,
        })
        .collect()
}
