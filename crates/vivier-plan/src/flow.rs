//! Integer minimum-cost flow on a directed graph, the optimisation core of every planner here.
//!
//! # Method
//!
//! Primal–dual successive shortest paths: node potentials keep every residual arc's reduced cost
//! non-negative, so each round is one Dijkstra from the source; the potentials are then raised by
//! the distances (capped at the sink's, so Dijkstra stops as soon as the sink is settled) and a
//! *blocking flow* is pushed, Dinic style, through the arcs whose reduced cost became zero. Every
//! shortest path of the round is used before the next Dijkstra, so the number of Dijkstra runs is
//! the number of distinct shortest-path lengths, not the number of augmenting paths, which stays
//! small when costs are small integers such as wish ranks. Initial potentials come from a
//! Bellman–Ford (queue-based) pass when a residual arc has a negative cost, which is how arcs of
//! negative cost (rewards, kept pairs) are supported as long as they close no negative cycle; a
//! negative cycle is reported, never looped on.
//!
//! # Why not a crate
//!
//! The crates that solve min-cost flow did not fit: `rs-graph`'s network simplex is GPL-3.0 (not
//! allowed by `deny.toml`), `mcmf` compiles LEMON's C++ (a C++ toolchain in the build, and only a
//! maximum-flow entry point), `ac-library-rs` is CC0 (not on the allowed list) and pushes one path
//! per Dijkstra, and the competitive-programming collections are not maintained libraries. None
//! offers "flow of any amount while the next path has negative cost", which lexicographic
//! objectives need. The algorithm below is textbook (Ahuja, Magnanti & Orlin, ch. 9) and checked
//! against a Bellman–Ford reference and exhaustive enumeration by the tests.
//!
//! # Determinism
//!
//! Arcs are scanned in insertion order and heap ties are broken by node index, so the same graph
//! built in the same order always gives the same flow.
//!
//! # Incremental use
//!
//! Each entry point continues from the flow already in the graph, so a caller may solve, add arcs
//! and solve again. The result is optimal as long as the flow in place is of minimum cost for its
//! value (true after any solve; adding an arc may break it, which shows as
//! [`FlowError::NegativeCycle`]).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};

/// A node of a [`FlowGraph`]: an index from 0 to `node_count() - 1`.
pub type NodeId = usize;

/// An arc of a [`FlowGraph`], as returned by [`FlowGraph::add_arc`]; used to read its flow back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArcId(usize);

impl ArcId {
    /// Position of the arc in insertion order (0 for the first arc added).
    pub fn index(self) -> usize {
        self.0
    }
}

/// What one call to a solving method added to the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FlowOutcome {
    /// Units of flow sent from the source to the sink by this call.
    pub flow: i64,
    /// Cost of the flow sent by this call (it may be negative).
    pub cost: i64,
}

/// Why a solve could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FlowError {
    /// The residual graph reachable from the source holds a cycle of negative cost, so shortest
    /// paths are undefined (the graph was built with one, or an arc added after a solve made the
    /// flow in place sub-optimal).
    #[error("the residual graph has a negative-cost cycle")]
    NegativeCycle,
}

const INF: i64 = i64::MAX / 4;
/// Level of a node that cannot reach the sink in the current blocking-flow phase.
const DEAD: u32 = u32::MAX;

/// A directed graph with integer capacities and costs, holding a flow.
///
/// Arcs are stored as residual pairs: arc `k` is the forward residual arc `2k` and its reverse
/// `2k + 1` (capacity 0, opposite cost), so reading an arc's flow is reading its reverse residual
/// capacity.
#[derive(Debug, Clone, Default)]
pub struct FlowGraph {
    nodes: usize,
    /// Head of each residual arc.
    head: Vec<u32>,
    /// Residual capacity of each residual arc.
    residual: Vec<i64>,
    /// Cost of each residual arc (the reverse arc has the opposite cost).
    cost: Vec<i64>,
    /// Compressed adjacency (residual arcs leaving each node, in insertion order), rebuilt when
    /// arcs were added since the last solve.
    first_out: Vec<usize>,
    out_arcs: Vec<u32>,
    adjacency_stale: bool,
    /// Potentials left by the last solve (every residual arc's reduced cost is non-negative
    /// under them), valid while no arc or node is added.
    potentials: Option<Vec<i64>>,
}

impl FlowGraph {
    /// An empty graph with `nodes` nodes (0 to `nodes - 1`) and no arc.
    pub fn new(nodes: usize) -> Self {
        Self {
            nodes,
            adjacency_stale: true,
            ..Self::default()
        }
    }

    /// Adds a node and returns it.
    pub fn add_node(&mut self) -> NodeId {
        self.nodes += 1;
        self.adjacency_stale = true;
        self.potentials = None;
        self.nodes - 1
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.nodes
    }

    /// Number of arcs added.
    pub fn arc_count(&self) -> usize {
        self.head.len() / 2
    }

    /// Adds an arc from `from` to `to` that carries at most `capacity` units at `cost` each.
    ///
    /// # Panics
    ///
    /// If a node is out of range or the capacity is negative: both are programming errors of the
    /// caller, which builds the graph from already validated data.
    pub fn add_arc(&mut self, from: NodeId, to: NodeId, capacity: i64, cost: i64) -> ArcId {
        assert!(
            from < self.nodes && to < self.nodes,
            "arc {from} -> {to} outside a graph of {} nodes",
            self.nodes
        );
        assert!(capacity >= 0, "negative capacity {capacity}");
        let id = ArcId(self.head.len() / 2);
        self.head.push(to as u32);
        self.residual.push(capacity);
        self.cost.push(cost);
        self.head.push(from as u32);
        self.residual.push(0);
        self.cost.push(-cost);
        self.adjacency_stale = true;
        self.potentials = None;
        id
    }

    /// Flow currently on `arc`.
    pub fn flow(&self, arc: ArcId) -> i64 {
        self.residual[2 * arc.0 + 1]
    }

    /// Capacity `arc` was added with.
    pub fn capacity(&self, arc: ArcId) -> i64 {
        self.residual[2 * arc.0] + self.residual[2 * arc.0 + 1]
    }

    /// Cost per unit of `arc`.
    pub fn cost(&self, arc: ArcId) -> i64 {
        self.cost[2 * arc.0]
    }

    /// Tail and head of `arc`.
    pub fn endpoints(&self, arc: ArcId) -> (NodeId, NodeId) {
        (
            self.head[2 * arc.0 + 1] as NodeId,
            self.head[2 * arc.0] as NodeId,
        )
    }

    /// Total cost of the flow in the graph (sum over arcs of flow × cost).
    pub fn total_cost(&self) -> i64 {
        (0..self.arc_count())
            .map(|k| self.residual[2 * k + 1] * self.cost[2 * k])
            .sum()
    }

    /// Reduced cost of `arc` under the node potentials of the last solve: its cost, plus the
    /// potential of its tail, minus that of its head. `None` when no solve ran since the graph
    /// last changed.
    ///
    /// These potentials certify that the flow is of least cost for its value: every arc with
    /// room left has a reduced cost ≥ 0 and every arc carrying flow one ≤ 0. Hence the flows of
    /// the same value and the same cost are exactly the flows obtained from this one by pushing
    /// flow around cycles of residual arcs whose reduced cost is 0 (an arc of reduced cost 0
    /// forward while it has room, backward while it carries flow); arcs of any other reduced
    /// cost keep their flow in every one of them.
    pub fn reduced_cost(&self, arc: ArcId) -> Option<i64> {
        let potential = self.potentials.as_ref()?;
        let (tail, head) = self.endpoints(arc);
        Some(self.cost[2 * arc.0] + potential[tail] - potential[head])
    }

    /// Sends as much flow as possible from `source` to `sink`, at minimum cost for that amount.
    pub fn min_cost_max_flow(
        &mut self,
        source: NodeId,
        sink: NodeId,
    ) -> Result<FlowOutcome, FlowError> {
        self.run(source, sink, i64::MAX, false)
    }

    /// Sends at most `limit` units from `source` to `sink`: the largest amount up to `limit`, at
    /// minimum cost for that amount.
    pub fn min_cost_flow(
        &mut self,
        source: NodeId,
        sink: NodeId,
        limit: i64,
    ) -> Result<FlowOutcome, FlowError> {
        self.run(source, sink, limit, false)
    }

    /// Sends flow from `source` to `sink` only while it lowers the total cost: the flow of *any*
    /// amount with the least cost. Augmenting stops at the first shortest path whose cost is zero
    /// or more, so among flows of least cost the smallest is returned.
    pub fn min_cost_any_flow(
        &mut self,
        source: NodeId,
        sink: NodeId,
    ) -> Result<FlowOutcome, FlowError> {
        self.run(source, sink, i64::MAX, true)
    }

    fn run(
        &mut self,
        source: NodeId,
        sink: NodeId,
        limit: i64,
        only_negative: bool,
    ) -> Result<FlowOutcome, FlowError> {
        assert!(
            source < self.nodes && sink < self.nodes,
            "node out of range"
        );
        let mut outcome = FlowOutcome::default();
        if source == sink || limit <= 0 {
            return Ok(outcome);
        }
        self.rebuild_adjacency();
        let mut potential = match self.potentials.take() {
            Some(p) => p,
            None => self.initial_potentials()?,
        };
        let mut search = Search::new(self.nodes);
        while outcome.flow < limit {
            if !self.dijkstra(source, sink, &potential, &mut search) {
                break;
            }
            let reach = search.dist[sink];
            for (p, &d) in potential.iter_mut().zip(&search.dist) {
                *p += d.min(reach);
            }
            let path_cost = potential[sink] - potential[source];
            if only_negative && path_cost >= 0 {
                break;
            }
            let pushed =
                self.blocking_flows(source, sink, &potential, limit - outcome.flow, &mut search);
            outcome.flow += pushed;
            outcome.cost += pushed * path_cost;
        }
        self.potentials = Some(potential);
        Ok(outcome)
    }

    fn rebuild_adjacency(&mut self) {
        if !self.adjacency_stale {
            return;
        }
        let mut first_out = vec![0usize; self.nodes + 1];
        for e in 0..self.head.len() {
            first_out[self.head[e ^ 1] as usize + 1] += 1;
        }
        for v in 0..self.nodes {
            first_out[v + 1] += first_out[v];
        }
        let mut fill = first_out.clone();
        let mut out_arcs = vec![0u32; self.head.len()];
        for e in 0..self.head.len() {
            let tail = self.head[e ^ 1] as usize;
            out_arcs[fill[tail]] = e as u32;
            fill[tail] += 1;
        }
        self.first_out = first_out;
        self.out_arcs = out_arcs;
        self.adjacency_stale = false;
    }

    fn out(&self, v: usize) -> &[u32] {
        &self.out_arcs[self.first_out[v]..self.first_out[v + 1]]
    }

    /// Potentials under which every residual arc has a non-negative reduced cost: zero when no
    /// residual arc has a negative cost, otherwise shortest distances from a virtual root joined
    /// to every node at cost 0 (queue-based Bellman–Ford). Starting from every node rather than
    /// from the source makes the potentials valid on arcs the source cannot reach too, which
    /// [`FlowGraph::reduced_cost`] promises, and reports a negative cycle wherever it lies: any
    /// one means the flow in place is not of least cost for its value.
    fn initial_potentials(&self) -> Result<Vec<i64>, FlowError> {
        let negative = (0..self.head.len()).any(|e| self.residual[e] > 0 && self.cost[e] < 0);
        if !negative {
            return Ok(vec![0; self.nodes]);
        }
        let mut dist = vec![0; self.nodes];
        let mut queued = vec![true; self.nodes];
        let mut enqueued = vec![0usize; self.nodes];
        let mut queue: VecDeque<usize> = (0..self.nodes).collect();
        while let Some(u) = queue.pop_front() {
            queued[u] = false;
            for &e in self.out(u) {
                let e = e as usize;
                if self.residual[e] == 0 {
                    continue;
                }
                let v = self.head[e] as usize;
                let candidate = dist[u] + self.cost[e];
                if candidate < dist[v] {
                    dist[v] = candidate;
                    if !queued[v] {
                        enqueued[v] += 1;
                        // A node improved more often than there are nodes lies on a negative cycle.
                        if enqueued[v] > self.nodes {
                            return Err(FlowError::NegativeCycle);
                        }
                        queued[v] = true;
                        queue.push_back(v);
                    }
                }
            }
        }
        Ok(dist)
    }

    /// Dijkstra on reduced costs; fills `search.dist` (exact up to the sink's distance, `INF`
    /// beyond what was reached) and tells whether the sink is reachable.
    fn dijkstra(&self, source: usize, sink: usize, potential: &[i64], search: &mut Search) -> bool {
        search.dist.fill(INF);
        search.done.fill(false);
        search.heap.clear();
        search.dist[source] = 0;
        search.heap.push(Reverse((0, source as u32)));
        while let Some(Reverse((d, u))) = search.heap.pop() {
            let u = u as usize;
            if search.done[u] {
                continue;
            }
            search.done[u] = true;
            if u == sink {
                return true;
            }
            for &e in self.out(u) {
                let e = e as usize;
                if self.residual[e] == 0 {
                    continue;
                }
                let v = self.head[e] as usize;
                let candidate = d + self.cost[e] + potential[u] - potential[v];
                if candidate < search.dist[v] {
                    search.dist[v] = candidate;
                    search.heap.push(Reverse((candidate, v as u32)));
                }
            }
        }
        false
    }

    fn admissible(&self, e: usize, potential: &[i64]) -> bool {
        let tail = self.head[e ^ 1] as usize;
        let head = self.head[e] as usize;
        self.residual[e] > 0 && self.cost[e] + potential[tail] - potential[head] == 0
    }

    /// Pushes blocking flows (Dinic phases) through the arcs of zero reduced cost until the sink
    /// is cut off from the source in that subgraph or `limit` units are sent; returns the amount.
    fn blocking_flows(
        &mut self,
        source: usize,
        sink: usize,
        potential: &[i64],
        limit: i64,
        search: &mut Search,
    ) -> i64 {
        let mut pushed = 0;
        while pushed < limit {
            // Levels by breadth-first search over admissible arcs.
            search.level.fill(DEAD);
            search.level[source] = 0;
            search.queue.clear();
            search.queue.push_back(source);
            while let Some(u) = search.queue.pop_front() {
                for &e in self.out(u) {
                    let e = e as usize;
                    let v = self.head[e] as usize;
                    if search.level[v] == DEAD && self.admissible(e, potential) {
                        search.level[v] = search.level[u] + 1;
                        search.queue.push_back(v);
                    }
                }
            }
            if search.level[sink] == DEAD {
                break;
            }
            for v in 0..self.nodes {
                search.next[v] = self.first_out[v];
            }
            pushed += self.augment_phase(source, sink, potential, limit - pushed, search);
        }
        pushed
    }

    /// One Dinic phase, iterative: walks forward along level-increasing admissible arcs with
    /// current-arc pointers, augments at the sink, retreats from dead ends.
    fn augment_phase(
        &mut self,
        source: usize,
        sink: usize,
        potential: &[i64],
        limit: i64,
        search: &mut Search,
    ) -> i64 {
        let mut pushed = 0;
        let mut path = std::mem::take(&mut search.path);
        path.clear();
        let mut u = source;
        while pushed < limit {
            if u == sink {
                let bottleneck = path
                    .iter()
                    .map(|&e| self.residual[e])
                    .min()
                    .unwrap_or(0)
                    .min(limit - pushed);
                let mut cut = path.len();
                for (i, &e) in path.iter().enumerate() {
                    self.residual[e] -= bottleneck;
                    self.residual[e ^ 1] += bottleneck;
                    if self.residual[e] == 0 && cut == path.len() {
                        cut = i;
                    }
                }
                pushed += bottleneck;
                // Resume from the tail of the first saturated arc.
                path.truncate(cut);
                u = path.last().map_or(source, |&e| self.head[e] as usize);
                continue;
            }
            let end = self.first_out[u + 1];
            let mut advanced = false;
            while search.next[u] < end {
                let e = self.out_arcs[search.next[u]] as usize;
                let v = self.head[e] as usize;
                if search.level[v] != DEAD
                    && search.level[v] == search.level[u] + 1
                    && self.admissible(e, potential)
                {
                    path.push(e);
                    u = v;
                    advanced = true;
                    break;
                }
                search.next[u] += 1;
            }
            if advanced {
                continue;
            }
            // Dead end: no path to the sink from here in this phase.
            search.level[u] = DEAD;
            match path.pop() {
                Some(e) => {
                    u = self.head[e ^ 1] as usize;
                    search.next[u] += 1;
                }
                None => break,
            }
        }
        search.path = path;
        pushed
    }
}

/// Scratch space of a solve, allocated once per call.
struct Search {
    dist: Vec<i64>,
    done: Vec<bool>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
    level: Vec<u32>,
    next: Vec<usize>,
    queue: VecDeque<usize>,
    path: Vec<usize>,
}

impl Search {
    fn new(nodes: usize) -> Self {
        Self {
            dist: vec![INF; nodes],
            done: vec![false; nodes],
            heap: BinaryHeap::new(),
            level: vec![DEAD; nodes],
            next: vec![0; nodes],
            queue: VecDeque::new(),
            path: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests;
