//! Ties broken by registration time, exactly: serial dictatorship over the optimal pairings.
//!
//! Many pairings are optimal: two students who wish for the same agent at the same rank can
//! swap places without changing any figure. The pairing returned is the one where, among all
//! the optimal pairings (cardinality, then kept pairs for a repair, then the rank objective),
//!
//! > the student of highest priority gets the best wish any of them gives her; among those, the
//! > next student gets the best wish any of *those* gives him; and so on down the priority order
//!
//! (being placed counts as better than being unplaced). In other words the vector of outcomes
//! read in priority order is lexicographically the smallest. It is unique, since a student's
//! rank names the agent, so it does not depend on the order the flow happened to find things.
//!
//! # Method
//!
//! The optimal pairings are the optimal flows of the last network, which are exactly the flows
//! reached from the one found by pushing flow around cycles of arcs of reduced cost 0 (the
//! [`Face`]). So students are taken in priority order, each one then frozen: a student moves to
//! her best better wish `a` when a cycle of tight arcs leads from `a` back to her current place
//! (her agent, or the source when she is unplaced) without touching a frozen student. That is
//! one breadth-first search per student who has a tight wish better than her current one; the
//! nodes a failed search visited cannot reach her place either, so her worse wishes reuse them
//! and each student costs at most one pass over the network, and far less in practice (the
//! searches stop at the first way back).
//!
//! Why this is exact: a pairing optimal with the frozen students in place differs from the
//! current one by a circulation on the tight arcs that avoids them, and the cycle of that
//! circulation through her new agent is one the search finds.

use std::collections::VecDeque;

use super::engine::{Assignment, Face};
use super::parse::{Choice, Instance};

/// A node of the search: a student, an agent, the source or the sink of the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Student(usize),
    Agent(usize),
    Source,
    Sink,
}

/// The pairing being settled, with the indexes the searches read.
struct State<'a> {
    instance: &'a Instance,
    face: &'a Face,
    assignment: &'a mut Assignment,
    /// Seats taken, per agent.
    load: Vec<u32>,
    /// Per agent, the students it hosts along a tight arc (only those can be moved away).
    movable: Vec<Vec<usize>>,
    /// Unplaced students whose source arc is tight (only those can be placed), unordered.
    waiting: Vec<usize>,
    /// Students settled already (and the one being settled): never moved again.
    frozen: Vec<bool>,
    /// Agents whose sink arc is tight.
    sink_agents: Vec<usize>,
}

/// Breadth-first search scratch space, reused by every student.
struct Search {
    /// Visit stamp per node; a node is visited when its stamp is the current one.
    stamp: Vec<u32>,
    current: u32,
    parent: Vec<usize>,
    queue: VecDeque<usize>,
}

/// Gives every student, in priority order, the best wish the optimal pairings still allow
/// (see the module's documentation).
pub(crate) fn settle(instance: &Instance, face: &Face, assignment: &mut Assignment) {
    let students = assignment.len();
    let agents = instance.capacity.len();
    let mut state = State {
        instance,
        face,
        assignment,
        load: vec![0; agents],
        movable: vec![Vec::new(); agents],
        waiting: Vec::new(),
        frozen: vec![false; students],
        sink_agents: (0..agents).filter(|&a| face.sink[a]).collect(),
    };
    for s in 0..students {
        state.arrive(s);
    }
    let mut search = Search {
        stamp: vec![0; students + agents + 2],
        current: 0,
        parent: vec![usize::MAX; students + agents + 2],
        queue: VecDeque::new(),
    };
    for &s in &instance.by_priority {
        state.frozen[s] = true;
        let current = state.assignment[s];
        if current.is_none() {
            state.waiting.retain(|&w| w != s);
        }
        // Where a cycle through `s` must come back: her agent, or the source.
        let home = match current {
            Some(c) if state.movable[c.agent].contains(&s) => Node::Agent(c.agent),
            None if face.source[s] => Node::Source,
            _ => continue,
        };
        let better: Vec<Choice> = face.wishes[s]
            .iter()
            .take_while(|c| current.is_none_or(|old| c.rank < old.rank))
            .copied()
            .collect();
        if better.is_empty() {
            continue;
        }
        search.current += 1;
        for choice in better {
            let start = state.index(Node::Agent(choice.agent));
            // Visited by the search for a better wish: it cannot lead home.
            if search.stamp[start] == search.current {
                continue;
            }
            if let Some(path) = state.find(&mut search, start, state.index(home)) {
                state.rotate(s, choice, &path);
                break;
            }
        }
    }
}

impl State<'_> {
    fn index(&self, node: Node) -> usize {
        let students = self.assignment.len();
        let agents = self.load.len();
        match node {
            Node::Student(s) => s,
            Node::Agent(a) => students + a,
            Node::Source => students + agents,
            Node::Sink => students + agents + 1,
        }
    }

    fn node(&self, index: usize) -> Node {
        let students = self.assignment.len();
        let agents = self.load.len();
        if index < students {
            Node::Student(index)
        } else if index < students + agents {
            Node::Agent(index - students)
        } else if index == students + agents {
            Node::Source
        } else {
            Node::Sink
        }
    }

    /// Records `s`'s current place in the indexes.
    fn arrive(&mut self, s: usize) {
        match self.assignment[s] {
            Some(c) => {
                self.load[c.agent] += 1;
                if self.face.choice(s, c.agent).is_some() {
                    self.movable[c.agent].push(s);
                }
            }
            None => {
                if self.face.source[s] && !self.frozen[s] {
                    self.waiting.push(s);
                }
            }
        }
    }

    /// Removes `s`'s current place from the indexes.
    fn leave(&mut self, s: usize) {
        match self.assignment[s] {
            Some(c) => {
                self.load[c.agent] -= 1;
                self.movable[c.agent].retain(|&h| h != s);
            }
            None => self.waiting.retain(|&w| w != s),
        }
    }

    /// The nodes one tight residual arc away from `node`, skipping frozen students.
    fn next(&self, node: Node, out: &mut Vec<Node>) {
        out.clear();
        match node {
            Node::Agent(a) => {
                out.extend(
                    self.movable[a]
                        .iter()
                        .filter(|&&s| !self.frozen[s])
                        .map(|&s| Node::Student(s)),
                );
                if self.face.sink[a] && self.load[a] < self.instance.capacity[a] {
                    out.push(Node::Sink);
                }
            }
            Node::Student(s) => {
                let current = self.assignment[s].map(|c| c.agent);
                out.extend(
                    self.face.wishes[s]
                        .iter()
                        .filter(|c| Some(c.agent) != current)
                        .map(|c| Node::Agent(c.agent)),
                );
                if current.is_some() && self.face.source[s] {
                    out.push(Node::Source);
                }
            }
            Node::Sink => out.extend(
                self.sink_agents
                    .iter()
                    .filter(|&&a| self.load[a] > 0)
                    .map(|&a| Node::Agent(a)),
            ),
            Node::Source => out.extend(self.waiting.iter().map(|&s| Node::Student(s))),
        }
    }

    /// A path of tight residual arcs from `start` to `goal`, as node indexes from `start`.
    fn find(&self, search: &mut Search, start: usize, goal: usize) -> Option<Vec<usize>> {
        search.stamp[start] = search.current;
        search.queue.clear();
        search.queue.push_back(start);
        let mut next = Vec::new();
        while let Some(u) = search.queue.pop_front() {
            self.next(self.node(u), &mut next);
            for &v in &next {
                let v = self.index(v);
                if search.stamp[v] == search.current {
                    continue;
                }
                search.stamp[v] = search.current;
                search.parent[v] = u;
                if v == goal {
                    let mut path = vec![v];
                    let mut at = v;
                    while at != start {
                        at = search.parent[at];
                        path.push(at);
                    }
                    path.reverse();
                    return Some(path);
                }
                search.queue.push_back(v);
            }
        }
        None
    }

    /// Pushes one unit around the cycle `s` → `choice.agent` → `path` → back to `s`: every
    /// student on the path takes the node after it (an agent, or the source: unplaced).
    fn rotate(&mut self, s: usize, choice: Choice, path: &[usize]) {
        let mut moves = vec![(s, Some(choice))];
        for pair in path.windows(2) {
            if let Node::Student(t) = self.node(pair[0]) {
                let new = match self.node(pair[1]) {
                    Node::Agent(a) => self.face.choice(t, a),
                    _ => None,
                };
                moves.push((t, new));
            }
        }
        for &(t, _) in &moves {
            self.leave(t);
        }
        for (t, new) in moves {
            self.assignment[t] = new;
            self.arrive(t);
        }
    }
}
