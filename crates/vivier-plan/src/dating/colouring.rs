//! Edge colouring of a bipartite graph with as many colours as its largest degree (König's
//! theorem): under full availability, the meetings chosen by the flow are the edges, the slots
//! are the colours, and a proper colouring is a schedule where nobody is in two places at once.
//!
//! Written here rather than taken from a crate: no maintained Rust crate colours bipartite
//! multigraphs, and the classic alternating-path method is a few dozen lines. Each edge costs a
//! scan for a free colour at both ends and at most one alternating path, so O(E·(k + V)) in the
//! worst case and, in practice, paths are short.

const NONE: u32 = u32::MAX;

/// Colours `edges` (left node, right node) with colours `0..colours` so that no two edges sharing
/// a node have the same colour. Returns each edge's colour, or `None` when a node has more than
/// `colours` edges (no such colouring exists then).
pub(crate) fn colour_bipartite(
    left_nodes: usize,
    right_nodes: usize,
    edges: &[(u32, u32)],
    colours: u32,
) -> Option<Vec<u32>> {
    let k = colours as usize;
    let mut left_degree = vec![0usize; left_nodes];
    let mut right_degree = vec![0usize; right_nodes];
    for &(u, v) in edges {
        left_degree[u as usize] += 1;
        right_degree[v as usize] += 1;
    }
    if left_degree.iter().chain(&right_degree).any(|&d| d > k) {
        return None;
    }
    // left_at[u * k + c] = the edge of colour c at u, NONE if c is free at u; likewise right_at.
    let mut left_at = vec![NONE; left_nodes * k];
    let mut right_at = vec![NONE; right_nodes * k];
    let mut colour = vec![NONE; edges.len()];
    let mut path: Vec<u32> = Vec::new();

    for (e, &(u, v)) in edges.iter().enumerate() {
        let (u, v) = (u as usize, v as usize);
        let e = e as u32;
        // Both exist: each end has fewer than k coloured edges, since its degree is at most k.
        let a = (0..k).find(|&c| left_at[u * k + c] == NONE)?;
        if right_at[v * k + a] != NONE {
            let b = (0..k).find(|&c| right_at[v * k + c] == NONE)?;
            // The path from v alternating a, b, … cannot reach u (bipartite parity, and a is free
            // at u), so swapping a and b along it frees a at v and keeps a free at u.
            path.clear();
            let mut on_right = true;
            let mut node = v;
            let mut want = a;
            loop {
                let next = if on_right {
                    right_at[node * k + want]
                } else {
                    left_at[node * k + want]
                };
                if next == NONE {
                    break;
                }
                path.push(next);
                let (l, r) = edges[next as usize];
                node = if on_right { l as usize } else { r as usize };
                on_right = !on_right;
                want = if want == a { b } else { a };
            }
            for &p in &path {
                let (l, r) = edges[p as usize];
                let c = colour[p as usize] as usize;
                left_at[l as usize * k + c] = NONE;
                right_at[r as usize * k + c] = NONE;
            }
            for &p in &path {
                let (l, r) = edges[p as usize];
                let c = if colour[p as usize] as usize == a {
                    b
                } else {
                    a
                };
                colour[p as usize] = c as u32;
                left_at[l as usize * k + c] = p;
                right_at[r as usize * k + c] = p;
            }
        }
        colour[e as usize] = a as u32;
        left_at[u * k + a] = e;
        right_at[v * k + a] = e;
    }
    Some(colour)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn is_proper(edges: &[(u32, u32)], colour: &[u32], k: u32) -> bool {
        let mut seen = std::collections::HashSet::new();
        edges
            .iter()
            .zip(colour)
            .all(|(&(u, v), &c)| c < k && seen.insert((0, u, c)) && seen.insert((1, v, c)))
    }

    #[test]
    fn a_complete_bipartite_graph_takes_exactly_its_degree() {
        let edges: Vec<(u32, u32)> = (0..5).flat_map(|u| (0..5).map(move |v| (u, v))).collect();
        let colour = colour_bipartite(5, 5, &edges, 5).expect("degree 5");
        assert!(is_proper(&edges, &colour, 5));
        assert!(colour_bipartite(5, 5, &edges, 4).is_none());
    }

    proptest! {
        /// With its max degree or more colours (caps below the slot count leave spare ones).
        #[test]
        fn any_bipartite_multigraph_is_coloured_with_its_max_degree(
            raw in proptest::collection::vec((0u32..8, 0u32..6), 0..60),
            spare in 0u32..3,
        ) {
            let mut degree = std::collections::HashMap::new();
            for &(u, v) in &raw {
                *degree.entry((0, u)).or_insert(0u32) += 1;
                *degree.entry((1, v)).or_insert(0u32) += 1;
            }
            let k = degree.values().copied().max().unwrap_or(0) + spare;
            let colour = colour_bipartite(8, 6, &raw, k).expect("max degree colours suffice");
            prop_assert!(is_proper(&raw, &colour, k));
            if spare == 0 && k > 0 {
                prop_assert!(colour_bipartite(8, 6, &raw, k - 1).is_none());
            }
        }
    }
}
