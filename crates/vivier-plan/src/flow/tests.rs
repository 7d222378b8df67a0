use super::*;
use proptest::prelude::*;

/// An arc list: (from, to, capacity, cost).
type Arcs = Vec<(usize, usize, i64, i64)>;

fn build(nodes: usize, arcs: &Arcs) -> (FlowGraph, Vec<ArcId>) {
    let mut graph = FlowGraph::new(nodes);
    let ids = arcs
        .iter()
        .map(|&(u, v, c, w)| graph.add_arc(u, v, c, w))
        .collect();
    (graph, ids)
}

/// Minimum cost of sending exactly k units, for k = 0 up to the maximum flow, by the plainest
/// method there is: one unit at a time along a Bellman–Ford shortest path.
fn reference_curve(nodes: usize, arcs: &Arcs, s: usize, t: usize) -> Vec<i64> {
    // Residual arcs as (from, to, residual, cost), pairs 2k / 2k+1.
    let mut res: Vec<(usize, usize, i64, i64)> = Vec::new();
    for &(u, v, c, w) in arcs {
        res.push((u, v, c, w));
        res.push((v, u, 0, -w));
    }
    let mut curve = vec![0];
    loop {
        let mut dist = vec![i64::MAX; nodes];
        let mut via = vec![usize::MAX; nodes];
        dist[s] = 0;
        for _ in 0..nodes {
            for (e, &(u, v, r, w)) in res.iter().enumerate() {
                if r > 0 && dist[u] != i64::MAX && dist[u] + w < dist[v] {
                    dist[v] = dist[u] + w;
                    via[v] = e;
                }
            }
        }
        if dist[t] == i64::MAX {
            return curve;
        }
        let mut v = t;
        while v != s {
            let e = via[v];
            res[e].2 -= 1;
            res[e ^ 1].2 += 1;
            v = res[e].0;
        }
        let last = curve[curve.len() - 1];
        curve.push(last + dist[t]);
    }
}

/// The same curve by enumerating every integer flow (tiny graphs only).
fn exhaustive_curve(nodes: usize, arcs: &Arcs, s: usize, t: usize) -> Vec<i64> {
    let mut best: Vec<Option<i64>> = Vec::new();
    let mut flow = vec![0i64; arcs.len()];
    loop {
        let mut balance = vec![0i64; nodes];
        for (f, &(u, v, _, _)) in flow.iter().zip(arcs) {
            balance[u] -= f;
            balance[v] += f;
        }
        let conserved = (0..nodes).all(|v| v == s || v == t || balance[v] == 0);
        if conserved && balance[t] >= 0 {
            let value = balance[t] as usize;
            let cost: i64 = flow.iter().zip(arcs).map(|(f, a)| f * a.3).sum();
            if best.len() <= value {
                best.resize(value + 1, None);
            }
            best[value] = Some(best[value].map_or(cost, |b: i64| b.min(cost)));
        }
        // Next flow vector, odometer style.
        let mut i = 0;
        loop {
            if i == arcs.len() {
                return best.into_iter().map(|b| b.unwrap_or(i64::MAX)).collect();
            }
            if flow[i] < arcs[i].2 {
                flow[i] += 1;
                break;
            }
            flow[i] = 0;
            i += 1;
        }
    }
}

/// Checks capacities and conservation of the flow read back, and returns (value, cost).
fn check_flow(graph: &FlowGraph, ids: &[ArcId], s: usize, t: usize) -> (i64, i64) {
    let mut balance = vec![0i64; graph.node_count()];
    let mut cost = 0;
    for &id in ids {
        let f = graph.flow(id);
        assert!(
            f >= 0 && f <= graph.capacity(id),
            "capacity broken on {id:?}"
        );
        let (u, v) = graph.endpoints(id);
        balance[u] -= f;
        balance[v] += f;
        cost += f * graph.cost(id);
    }
    for (v, b) in balance.iter().enumerate() {
        if v != s && v != t {
            assert_eq!(*b, 0, "conservation broken at node {v}");
        }
    }
    assert_eq!(cost, graph.total_cost());
    (balance[t], cost)
}

/// Random graphs whose only negative costs are on arcs out of the source, which has no arc in:
/// no negative cycle can exist.
fn graphs(max_nodes: usize, max_arcs: usize, max_cap: i64) -> impl Strategy<Value = (usize, Arcs)> {
    (2..=max_nodes).prop_flat_map(move |n| {
        let arc = (0..n, 0..n, 0..=max_cap, -4i64..=6);
        (
            Just(n),
            proptest::collection::vec(arc, 0..=max_arcs).prop_map(|arcs| {
                arcs.into_iter()
                    .filter(|&(u, v, _, _)| u != v && v != 0)
                    .map(|(u, v, c, w)| (u, v, c, if u == 0 { w } else { w.abs() }))
                    .collect::<Arcs>()
            }),
        )
    })
}

/// Random acyclic graphs (arcs from a lower to a higher node) with negative costs anywhere,
/// including on arcs the source cannot reach.
fn dags(max_nodes: usize, max_arcs: usize, max_cap: i64) -> impl Strategy<Value = (usize, Arcs)> {
    (2..=max_nodes).prop_flat_map(move |n| {
        let arc = (0..n, 0..n, 0..=max_cap, -4i64..=6);
        (
            Just(n),
            proptest::collection::vec(arc, 0..=max_arcs).prop_map(|arcs| {
                arcs.into_iter()
                    .filter(|&(u, v, _, _)| u != v)
                    .map(|(u, v, c, w)| (u.min(v), u.max(v), c, w))
                    .collect::<Arcs>()
            }),
        )
    })
}

/// The optimality certificate [`FlowGraph::reduced_cost`] promises, on every arc.
fn check_certificate(graph: &FlowGraph, ids: &[ArcId]) -> Result<(), TestCaseError> {
    for &id in ids {
        let reduced = graph
            .reduced_cost(id)
            .ok_or_else(|| TestCaseError::fail("no potentials after a solve"))?;
        if graph.flow(id) < graph.capacity(id) {
            prop_assert!(reduced >= 0, "{id:?} has room and reduced cost {reduced}");
        }
        if graph.flow(id) > 0 {
            prop_assert!(
                reduced <= 0,
                "{id:?} carries flow at reduced cost {reduced}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn reduced_costs_certify_every_arc((n, arcs) in dags(7, 16, 3), source in 0usize..3, first in 0i64..3) {
        let (s, t) = (source.min(n - 2), n - 1);
        let (mut graph, ids) = build(n, &arcs);
        prop_assert_eq!(graph.reduced_cost(ArcId(0)), None);
        graph.min_cost_flow(s, t, first).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if first > 0 {
            check_certificate(&graph, &ids)?;
        }
        graph.min_cost_max_flow(s, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        check_certificate(&graph, &ids)?;
        let curve = reference_curve(n, &arcs, s, t);
        prop_assert_eq!(graph.total_cost(), curve[curve.len() - 1]);
    }

    #[test]
    fn max_flow_matches_reference((n, arcs) in graphs(7, 16, 4)) {
        let t = n - 1;
        let curve = reference_curve(n, &arcs, 0, t);
        let (mut graph, ids) = build(n, &arcs);
        let out = graph.min_cost_max_flow(0, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.flow as usize, curve.len() - 1);
        prop_assert_eq!(out.cost, curve[curve.len() - 1]);
        prop_assert_eq!(check_flow(&graph, &ids, 0, t), (out.flow, out.cost));
    }

    #[test]
    fn every_amount_matches_reference((n, arcs) in graphs(6, 12, 3)) {
        let t = n - 1;
        let curve = reference_curve(n, &arcs, 0, t);
        for (k, &expected) in curve.iter().enumerate() {
            let (mut graph, ids) = build(n, &arcs);
            let out = graph.min_cost_flow(0, t, k as i64).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(out.flow, k as i64);
            prop_assert_eq!(out.cost, expected);
            prop_assert_eq!(check_flow(&graph, &ids, 0, t), (out.flow, out.cost));
        }
    }

    #[test]
    fn any_amount_stops_at_the_cheapest((n, arcs) in graphs(6, 12, 3)) {
        let t = n - 1;
        let curve = reference_curve(n, &arcs, 0, t);
        let cheapest = curve.iter().copied().min().unwrap_or(0);
        let first = curve.iter().position(|&c| c == cheapest).unwrap_or(0);
        let (mut graph, ids) = build(n, &arcs);
        let out = graph.min_cost_any_flow(0, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.cost, cheapest);
        prop_assert_eq!(out.flow as usize, first);
        prop_assert_eq!(check_flow(&graph, &ids, 0, t), (out.flow, out.cost));
    }

    #[test]
    fn reference_agrees_with_enumeration((n, arcs) in graphs(5, 6, 2)) {
        let t = n - 1;
        let curve = reference_curve(n, &arcs, 0, t);
        prop_assert_eq!(curve, exhaustive_curve(n, &arcs, 0, t));
    }

    #[test]
    fn solving_in_steps_equals_solving_at_once((n, arcs) in graphs(7, 16, 4), first in 0i64..4) {
        let t = n - 1;
        let (mut whole, _) = build(n, &arcs);
        let at_once = whole.min_cost_max_flow(0, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (mut steps, ids) = build(n, &arcs);
        let a = steps.min_cost_flow(0, t, first).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = steps.min_cost_max_flow(0, t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a.flow + b.flow, at_once.flow);
        prop_assert_eq!(a.cost + b.cost, at_once.cost);
        prop_assert_eq!(check_flow(&steps, &ids, 0, t), (at_once.flow, at_once.cost));
    }
}

#[test]
fn assignment_prefers_cheaper_total() {
    // Two workers, two jobs: the greedy choice (0 -> job A at 1) forces 1 -> job B at 10;
    // the optimum is 0 -> B (2) and 1 -> A (3).
    let (s, w0, w1, a, b, t) = (0, 1, 2, 3, 4, 5);
    let mut graph = FlowGraph::new(6);
    graph.add_arc(s, w0, 1, 0);
    graph.add_arc(s, w1, 1, 0);
    let w0a = graph.add_arc(w0, a, 1, 1);
    let w0b = graph.add_arc(w0, b, 1, 2);
    let w1a = graph.add_arc(w1, a, 1, 3);
    let w1b = graph.add_arc(w1, b, 1, 10);
    graph.add_arc(a, t, 1, 0);
    graph.add_arc(b, t, 1, 0);
    let out = graph.min_cost_max_flow(s, t);
    assert_eq!(out, Ok(FlowOutcome { flow: 2, cost: 5 }));
    assert_eq!(
        [w0a, w0b, w1a, w1b].map(|arc| graph.flow(arc)),
        [0, 1, 1, 0]
    );
}

#[test]
fn any_amount_takes_only_profitable_paths() {
    // Path via 1 earns 3, path via 2 costs 2: only the first is worth sending.
    let mut graph = FlowGraph::new(4);
    let cheap = graph.add_arc(0, 1, 1, -5);
    graph.add_arc(1, 3, 1, 2);
    let dear = graph.add_arc(0, 2, 1, 1);
    graph.add_arc(2, 3, 1, 1);
    assert_eq!(
        graph.min_cost_any_flow(0, 3),
        Ok(FlowOutcome { flow: 1, cost: -3 })
    );
    assert_eq!((graph.flow(cheap), graph.flow(dear)), (1, 0));
}

#[test]
fn negative_cycle_is_reported() {
    let mut graph = FlowGraph::new(3);
    graph.add_arc(0, 1, 1, 0);
    graph.add_arc(1, 2, 1, -3);
    graph.add_arc(2, 1, 1, 1);
    assert_eq!(graph.min_cost_max_flow(0, 2), Err(FlowError::NegativeCycle));
}

#[test]
fn arcs_added_after_a_solve_are_used() {
    let mut graph = FlowGraph::new(3);
    graph.add_arc(0, 1, 2, 0);
    graph.add_arc(1, 2, 1, 4);
    assert_eq!(
        graph.min_cost_max_flow(0, 2),
        Ok(FlowOutcome { flow: 1, cost: 4 })
    );
    let extra = graph.add_arc(1, 2, 1, 7);
    assert_eq!(
        graph.min_cost_max_flow(0, 2),
        Ok(FlowOutcome { flow: 1, cost: 7 })
    );
    assert_eq!(graph.flow(extra), 1);
    assert_eq!(graph.total_cost(), 11);
}

#[test]
fn many_equal_paths_are_pushed_in_one_round() {
    // A wide layered graph: every path has the same cost, so the result must be the full
    // matching whatever the order of discovery.
    let width = 200;
    let mut graph = FlowGraph::new(2 * width + 2);
    let (s, t) = (2 * width, 2 * width + 1);
    for i in 0..width {
        graph.add_arc(s, i, 1, 0);
        graph.add_arc(width + i, t, 1, 0);
        graph.add_arc(i, width + i, 1, 1);
        graph.add_arc(i, width + (i + 1) % width, 1, 1);
    }
    assert_eq!(
        graph.min_cost_max_flow(s, t),
        Ok(FlowOutcome {
            flow: width as i64,
            cost: width as i64
        })
    );
}

#[test]
fn reduced_costs_hold_on_arcs_the_source_cannot_reach() {
    // Node 2 cannot be reached from the source 0; its arc of negative cost must still get a
    // non-negative reduced cost, or the certificate lies about arcs off the source's reach.
    let mut graph = FlowGraph::new(3);
    let used = graph.add_arc(0, 1, 1, 0);
    let unreachable = graph.add_arc(2, 1, 1, -3);
    assert_eq!(
        graph.min_cost_max_flow(0, 1),
        Ok(FlowOutcome { flow: 1, cost: 0 })
    );
    assert_eq!(graph.reduced_cost(used), Some(0));
    assert!(graph.reduced_cost(unreachable).is_some_and(|r| r >= 0));
}
