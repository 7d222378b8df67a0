//! The validator's exact check of the objective and of the registration ties.
//!
//! The objective, read lexicographically (placed students, kept pairs, then ranks), is turned
//! into one linear cost with weights far enough apart, on the residual graph of the output's
//! own pairing (source → students → agents → sink, with a return arc from the sink to the
//! source). The output is optimal exactly when that graph has no cycle of negative cost, which a
//! Bellman–Ford pass from every node detects; otherwise its distances are potentials under which
//! the cycles of cost 0 are those made of arcs of reduced cost 0 ("tight"), and these cycles
//! reach every other optimal pairing. The tie rule then says: no student can move to a better
//! wish along such a cycle that leaves every student of higher priority in place.
//!
//! For the fair objective the worst rank `W` is the output's own: with placed and kept pairs
//! shown optimal on every wish, the output must be optimal on the wishes of rank ≤ `W` for
//! "fewest students at `W`, then least total rank" (a pairing with a smaller worst rank would
//! have none at `W`).

use std::collections::VecDeque;

use crate::pairs::Objective;

/// The output's pairing and what the check needs of the input.
pub(super) struct Reading<'a> {
    /// Compatible agents of each student, by rank: (agent, rank).
    pub compat: &'a [Vec<(usize, u32)>],
    /// Agent and rank per student, from the output.
    pub held: &'a [Option<(usize, u32)>],
    /// Previous agent per student, for a repair.
    pub before: &'a [Option<usize>],
    /// Capacity per agent.
    pub capacity: &'a [u32],
    /// Students from the highest priority to the lowest.
    pub order: &'a [usize],
    /// Student and agent ids, for the messages.
    pub student_ids: &'a [&'a str],
    pub agent_ids: &'a [&'a str],
}

/// Checks the objective and the ties exactly; pushes what is wrong.
pub(super) fn check(reading: &Reading<'_>, objective: Objective, errors: &mut Vec<String>) {
    let n = reading.held.len() as i128;
    let longest = reading
        .compat
        .iter()
        .flatten()
        .map(|&(_, r)| i128::from(r))
        .max()
        .unwrap_or(0);
    // Weights: each one outweighs every change of the terms after it.
    let at_worst = n * longest + 1;
    let keep = n * (longest + at_worst) + 1;
    let place = n * (keep + longest + at_worst) + 1;
    let kept = |s: usize, a: usize| reading.before[s] == Some(a);
    match objective {
        Objective::TotalRank => {
            let graph = Residual::new(reading, place, |s, a, rank| {
                Some(i128::from(rank) - if kept(s, a) { keep } else { 0 })
            });
            match graph.potentials() {
                None => errors.push(not_optimal("le plus petit total des rangs")),
                Some(potential) => check_ties(reading, &graph, &potential, errors),
            }
        }
        Objective::Fair => {
            let graph = Residual::new(reading, place, |s, a, _| {
                Some(if kept(s, a) { -keep } else { 0 })
            });
            if graph.potentials().is_none() {
                errors.push(not_optimal("le plus de binômes gardés"));
                return;
            }
            let Some(worst) = reading.held.iter().flatten().map(|&(_, r)| r).max() else {
                return;
            };
            let graph = Residual::new(reading, place, |s, a, rank| {
                if rank > worst {
                    return None;
                }
                Some(
                    i128::from(rank) + if rank == worst { at_worst } else { 0 }
                        - if kept(s, a) { keep } else { 0 },
                )
            });
            match graph.potentials() {
                None => errors.push(not_optimal(
                    "le plus petit pire rang, puis le moins d'étudiants à ce rang, puis le plus \
                     petit total des rangs",
                )),
                Some(potential) => check_ties(reading, &graph, &potential, errors),
            }
        }
    }
}

fn not_optimal(what: &str) -> String {
    format!(
        "appariement non optimal : un autre place autant d'étudiants et fait mieux pour {what} \
         (cycle de coût négatif)"
    )
}

/// The residual graph of the output's pairing. Nodes: students `0..n`, agents `n..n + m`, then
/// the source and the sink.
struct Residual {
    /// Per node, its residual arcs: (head, cost).
    out: Vec<Vec<(usize, i128)>>,
    /// Per student, the wishes in the graph: (agent, rank, cost).
    wishes: Vec<Vec<(usize, u32, i128)>>,
    students: usize,
    place: i128,
}

impl Residual {
    /// `cost` prices a wish arc (student, agent, rank), or leaves it out with `None`.
    fn new(
        reading: &Reading<'_>,
        place: i128,
        cost: impl Fn(usize, usize, u32) -> Option<i128>,
    ) -> Self {
        let students = reading.held.len();
        let agents = reading.capacity.len();
        let (source, sink) = (students + agents, students + agents + 1);
        let mut out = vec![Vec::new(); students + agents + 2];
        let mut load = vec![0u64; agents];
        let mut wishes = vec![Vec::new(); students];
        for (s, held) in reading.held.iter().enumerate() {
            // Placing a student earns `place`.
            match held {
                Some((a, _)) => {
                    out[s].push((source, place));
                    load[*a] += 1;
                }
                None => out[source].push((s, -place)),
            }
            for &(a, rank) in &reading.compat[s] {
                let Some(c) = cost(s, a, rank) else {
                    continue;
                };
                wishes[s].push((a, rank, c));
                if held.is_some_and(|(h, _)| h == a) {
                    out[students + a].push((s, -c));
                } else {
                    out[s].push((students + a, c));
                }
            }
        }
        for (a, &capacity) in reading.capacity.iter().enumerate() {
            if load[a] < u64::from(capacity) {
                out[students + a].push((sink, 0));
            }
            if load[a] > 0 {
                out[sink].push((students + a, 0));
            }
        }
        // The return arc: the number placed may change, at the price of `place` each.
        out[sink].push((source, 0));
        if reading.held.iter().any(Option::is_some) {
            out[source].push((sink, 0));
        }
        Self {
            out,
            wishes,
            students,
            place,
        }
    }

    /// Shortest distances from a virtual root joined to every node at cost 0 (queue-based
    /// Bellman–Ford), or `None` when a cycle of negative cost exists.
    fn potentials(&self) -> Option<Vec<i128>> {
        let nodes = self.out.len();
        let mut dist = vec![0i128; nodes];
        // Arcs on the current shortest path to each node: as many as nodes means a cycle.
        let mut length = vec![0usize; nodes];
        let mut queued = vec![true; nodes];
        let mut queue: VecDeque<usize> = (0..nodes).collect();
        while let Some(u) = queue.pop_front() {
            queued[u] = false;
            for &(v, c) in &self.out[u] {
                if dist[u] + c < dist[v] {
                    dist[v] = dist[u] + c;
                    length[v] = length[u] + 1;
                    if length[v] >= nodes {
                        return None;
                    }
                    if !queued[v] {
                        queued[v] = true;
                        queue.push_back(v);
                    }
                }
            }
        }
        Some(dist)
    }
}

/// Checks the tie rule: for each student, in priority order, no tight cycle takes her to a
/// better wish while leaving every student of higher priority in place.
fn check_ties(
    reading: &Reading<'_>,
    graph: &Residual,
    potential: &[i128],
    errors: &mut Vec<String>,
) {
    let students = graph.students;
    let source = reading.capacity.len() + students;
    let tight: Vec<Vec<usize>> = graph
        .out
        .iter()
        .enumerate()
        .map(|(u, arcs)| {
            arcs.iter()
                .filter(|&&(v, c)| c + potential[u] - potential[v] == 0)
                .map(|&(v, _)| v)
                .collect()
        })
        .collect();
    let reduced = |u: usize, v: usize, c: i128| c + potential[u] - potential[v];
    let mut rank_of = vec![0; students];
    for (p, &s) in reading.order.iter().enumerate() {
        rank_of[s] = p;
    }
    let mut seen = vec![usize::MAX; graph.out.len()];
    let mut queue = VecDeque::new();
    for (p, &s) in reading.order.iter().enumerate() {
        let current = reading.held[s];
        // The cycle comes back to `s` from her agent (undoing her wish arc), or from the source
        // when she is unplaced; that arc must be tight.
        let (home, back) = match current {
            Some((a, _)) => {
                let Some(&(_, _, c)) = graph.wishes[s].iter().find(|w| w.0 == a) else {
                    continue;
                };
                (students + a, -c)
            }
            None => (source, -graph.place),
        };
        if reduced(home, s, back) != 0 {
            continue;
        }
        for &(a, rank, c) in &graph.wishes[s] {
            if current.is_some_and(|(_, r)| r <= rank) || reduced(s, students + a, c) != 0 {
                continue;
            }
            let start = students + a;
            if seen[start] == p {
                continue; // Already searched from a better wish: it cannot lead home.
            }
            seen[start] = p;
            queue.clear();
            queue.push_back(start);
            let mut found = false;
            while let Some(u) = queue.pop_front() {
                if u == home {
                    found = true;
                    break;
                }
                for &v in &tight[u] {
                    let frozen = v < students && rank_of[v] <= p;
                    if !frozen && seen[v] != p {
                        seen[v] = p;
                        queue.push_back(v);
                    }
                }
            }
            if found {
                errors.push(format!(
                    "étudiant {} : pourrait avoir son vœu {rank} ({}) sans changer l'objectif ni \
                     la place d'aucun étudiant prioritaire",
                    reading.student_ids[s], reading.agent_ids[a]
                ));
                break;
            }
        }
    }
}
