//! Search suggestions as you type: offer titles, organisations and communes.
//!
//! A [`Suggester`] is built from a [`Board`] on first use and kept with it (boards are immutable,
//! so it never goes stale). Matching folds case and accents; hyphens, apostrophes and any other
//! punctuation separate words; elided articles (`l'`, `d'`, `qu'`…) are dropped. Every word typed
//! must match a word of the candidate: the last one as a prefix (unless followed by a space), the
//! others whole or through the French analyzer (`développeuse` meets `Développeur·se`); a whole
//! stop word that matches nothing (`du`, `la`) is ignored. Organisations are also found by their
//! acronym, communes by their postal codes (or a prefix of them).
//!
//! Each kind is an [`Index`]: the candidates' words in one sorted array, so that a word or a
//! prefix is a binary search giving a contiguous range. A query starts from its most selective
//! word's range and checks the other words on those candidates only; nothing scans the whole
//! list. What depends on the day (which offers are open) is kept as sorted deadlines, counted by
//! binary search at query time, so one suggester serves every day of its board's life.
//!
//! The commune index depends only on the geography: [`SharedPlaces`] lets successive boards
//! (incremental refreshes) share it.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use time::Date;
use vivier_domain::geo::Geography;
use vivier_domain::offer::OfferState;
use vivier_domain::text;

use crate::catalog::Board;

/// Suggestions of each kind when none is asked.
pub const DEFAULT_LIMIT: usize = 5;

/// Elided articles and conjunctions: dropped when an apostrophe follows them.
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// A word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
struct QueryWord {
    /// Folded.
    text: String,
    /// The last word, still being typed: matches as a prefix.
    prefix: bool,
    /// What the French analyzer makes of it (stems, masculine forms); empty for a stop word.
    terms: Vec<String>,
}

/// A parsed query.
#[derive(Debug, Clone, Default)]
pub struct Query {
    words: Vec<QueryWord>,
    /// The folded words joined by one space, to recognise exact matches.
    joined: String,
}

/// Folded words of `text`, elided articles dropped; with whether the text ends inside a word.
fn split_words(text: &str) -> (Vec<String>, bool) {
    let folded = text::fold(text);
    let mut out = Vec::new();
    let mut current = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            let elided = matches!(c, '\'' | '’' | 'ʼ') && ELISIONS.contains(&current.as_str());
            if elided {
                current.clear();
            } else {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    let open = !current.is_empty();
    if open {
        out.push(current);
    }
    (out, open)
}

impl Query {
    /// Parses what was typed. Never fails; a query with no word matches nothing.
    pub fn parse(typed: &str) -> Self {
        let (texts, open) = split_words(typed);
        let last = texts.len().saturating_sub(1);
        let words: Vec<QueryWord> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| QueryWord {
                terms: vivier_search::analyze(&text),
                prefix: open && i == last,
                text,
            })
            .collect();
        let joined = words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        Self { words, joined }
    }

    /// No word to match.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A candidate of an [`Index`].
#[derive(Debug)]
struct Entry<T> {
    /// Folded words of the name, then aliases (acronym, postal codes).
    words: Box<[Box<str>]>,
    /// How many of `words` are the name's.
    name_words: usize,
    /// The analyzer's terms of the name.
    terms: Box<[Box<str>]>,
    /// The analyzer's terms of the name's first word (`développeur` for `Développeur·se`).
    lead_terms: Box<[Box<str>]>,
    /// The name's words joined by one space.
    joined: Box<str>,
    item: T,
}

/// How well a candidate matches, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// The whole query is the name or an alias.
    Exact,
    /// The first word typed matches the name's first word or an alias.
    Leading,
    Other,
}

/// Sorted (key, entry) pairs.
type Keys = [(Box<str>, u32)];

/// Candidates of one kind, with their words sorted for binary search.
#[derive(Debug)]
pub struct Index<T> {
    entries: Vec<Entry<T>>,
    /// (word, entry) pairs, sorted.
    words: Vec<(Box<str>, u32)>,
    /// (term, entry) pairs, sorted.
    terms: Vec<(Box<str>, u32)>,
}

/// The range of `keys` equal to `key`, or starting with it when `prefix`.
fn range(keys: &Keys, key: &str, prefix: bool) -> std::ops::Range<usize> {
    let start = keys.partition_point(|(k, _)| &**k < key);
    let end = if prefix {
        start + keys[start..].partition_point(|(k, _)| k.starts_with(key))
    } else {
        start + keys[start..].partition_point(|(k, _)| &**k == key)
    };
    start..end
}

impl QueryWord {
    fn matches_word(&self, word: &str) -> bool {
        if self.prefix {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }

    /// A whole stop word: it may match, it need not.
    fn optional(&self) -> bool {
        !self.prefix && self.terms.is_empty()
    }
}

impl<T> Index<T> {
    /// Indexes `items`: each with its name, its aliases, and whether to analyze the name.
    fn build<N: AsRef<str>>(
        items: impl IntoIterator<Item = (T, N, Vec<String>)>,
        analyzed: bool,
    ) -> Self {
        let mut entries = Vec::new();
        let mut words = Vec::new();
        let mut terms = Vec::new();
        for (item, name, aliases) in items {
            let name = name.as_ref();
            let Ok(id) = u32::try_from(entries.len()) else {
                break;
            };
            let (mut name_words, _) = split_words(name);
            let joined = name_words.join(" ").into_boxed_str();
            let count = name_words.len();
            name_words.extend(aliases.into_iter().map(|a| text::fold(&a)));
            let entry_words: Box<[Box<str>]> =
                name_words.into_iter().map(String::into_boxed_str).collect();
            let lead_terms: Box<[Box<str>]> = match entry_words.first() {
                Some(first) if analyzed && count > 0 => vivier_search::analyze(first)
                    .into_iter()
                    .map(String::into_boxed_str)
                    .collect(),
                _ => Box::default(),
            };
            let mut entry_terms: Vec<Box<str>> = if analyzed {
                vivier_search::analyze(name)
                    .into_iter()
                    .map(String::into_boxed_str)
                    .collect()
            } else {
                Vec::new()
            };
            entry_terms.sort_unstable();
            entry_terms.dedup();
            words.extend(entry_words.iter().map(|w| (w.clone(), id)));
            terms.extend(entry_terms.iter().map(|t| (t.clone(), id)));
            entries.push(Entry {
                words: entry_words,
                name_words: count,
                terms: entry_terms.into_boxed_slice(),
                lead_terms,
                joined,
                item,
            });
        }
        words.sort_unstable();
        words.dedup();
        terms.sort_unstable();
        terms.dedup();
        Self {
            entries,
            words,
            terms,
        }
    }

    /// How many candidates there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// No candidate.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The key ranges that match `word`: its words, then its terms.
    fn ranges(&self, word: &QueryWord) -> Vec<(&Keys, std::ops::Range<usize>)> {
        let mut ranges = vec![(
            self.words.as_slice(),
            range(&self.words, &word.text, word.prefix),
        )];
        for term in &word.terms {
            ranges.push((self.terms.as_slice(), range(&self.terms, term, false)));
        }
        ranges
    }

    fn entry_matches(entry: &Entry<T>, word: &QueryWord) -> bool {
        entry.words.iter().any(|w| word.matches_word(w))
            || word
                .terms
                .iter()
                .any(|t| entry.terms.binary_search_by(|e| (**e).cmp(t)).is_ok())
    }

    fn tier(entry: &Entry<T>, query: &Query) -> Tier {
        let aliases = &entry.words[entry.name_words..];
        if *entry.joined == *query.joined || aliases.iter().any(|a| **a == *query.joined) {
            return Tier::Exact;
        }
        let Some(first) = query.words.first() else {
            return Tier::Other;
        };
        let leading = (entry.name_words > 0
            && entry.words.first().is_some_and(|w| first.matches_word(w)))
            || (!first.terms.is_empty()
                && entry.lead_terms.len() == first.terms.len()
                && entry
                    .lead_terms
                    .iter()
                    .zip(&first.terms)
                    .all(|(a, b)| **a == **b))
            || aliases.iter().any(|a| first.matches_word(a));
        if leading { Tier::Leading } else { Tier::Other }
    }

    /// Up to `limit` candidates matching `query` that `keep` accepts, best first: by tier, then
    /// by `score` (highest first), then by name.
    pub fn search(
        &self,
        query: &Query,
        limit: usize,
        keep: impl Fn(&T) -> bool,
        score: impl Fn(&T) -> u64,
    ) -> Vec<&T> {
        if limit == 0 {
            return Vec::new();
        }
        // Start from the most selective required word.
        let mut best: Option<(usize, Vec<_>)> = None;
        for word in query.words.iter().filter(|w| !w.optional()) {
            let ranges = self.ranges(word);
            let size: usize = ranges.iter().map(|(_, r)| r.len()).sum();
            if best.as_ref().is_none_or(|(s, _)| size < *s) {
                best = Some((size, ranges));
            }
        }
        let Some((_, ranges)) = best else {
            return Vec::new();
        };
        let mut ids: Vec<u32> = ranges
            .into_iter()
            .flat_map(|(keys, r)| keys[r].iter().map(|(_, id)| *id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let mut found: Vec<(Tier, Reverse<u64>, u32)> = ids
            .into_iter()
            .filter_map(|id| {
                let entry = self.entries.get(id as usize)?;
                let all = query
                    .words
                    .iter()
                    .all(|w| w.optional() || Self::entry_matches(entry, w));
                (all && keep(&entry.item))
                    .then(|| (Self::tier(entry, query), Reverse(score(&entry.item)), id))
            })
            .collect();
        let order = |a: &(Tier, Reverse<u64>, u32), b: &(Tier, Reverse<u64>, u32)| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| {
                    self.entries[a.2 as usize]
                        .joined
                        .cmp(&self.entries[b.2 as usize].joined)
                })
                .then(a.2.cmp(&b.2))
        };
        if found.len() > limit {
            found.select_nth_unstable_by(limit - 1, order);
            found.truncate(limit);
        }
        found.sort_unstable_by(order);
        found
            .into_iter()
            .filter_map(|(_, _, id)| self.entries.get(id as usize).map(|e| &e.item))
            .collect()
    }
}

/// Deadlines of open offers, open-ended ones as [`Date::MAX`], sorted: how many are still open
/// on a day is one binary search.
#[derive(Debug, Default)]
struct Deadlines(Vec<Date>);

impl Deadlines {
    fn push(&mut self, deadline: Option<Date>) {
        self.0.push(deadline.unwrap_or(Date::MAX));
    }

    fn seal(&mut self) {
        self.0.sort_unstable();
    }

    fn open_on(&self, today: Date) -> usize {
        self.0.len() - self.0.partition_point(|d| *d < today)
    }
}

/// A distinct offer title.
#[derive(Debug)]
pub struct Title {
    /// As written by the most recent offer carrying it.
    pub label: String,
    deadlines: Deadlines,
}

/// An organisation.
#[derive(Debug)]
pub struct OrganisationItem {
    pub name: String,
    pub acronym: Option<String>,
    pub slug: String,
    /// Its offers and its sub-organisations'.
    deadlines: Deadlines,
}

/// A commune.
#[derive(Debug)]
pub struct Place {
    pub name: String,
    pub department_code: String,
    pub department_name: String,
    pub postal_codes: Vec<String>,
    pub population: u32,
}

/// The commune index of a geography.
pub type Places = Index<Place>;

impl Places {
    /// Indexes every commune of `geography` under its name and postal codes.
    pub fn of(geography: &Geography) -> Self {
        let departments: HashMap<&str, &str> = geography
            .departments()
            .iter()
            .map(|d| (d.code.as_str(), d.name.as_str()))
            .collect();
        Index::build(
            geography.communes().iter().map(|c| {
                let mut postal_codes = c.postal_codes.clone();
                postal_codes.sort_unstable();
                postal_codes.dedup();
                let place = Place {
                    name: c.name.clone(),
                    department_code: c.department.as_str().to_owned(),
                    department_name: departments
                        .get(c.department.as_str())
                        .map(|n| (*n).to_owned())
                        .unwrap_or_default(),
                    postal_codes: postal_codes.clone(),
                    population: c.population,
                };
                (place, c.name.as_str(), postal_codes)
            }),
            false,
        )
    }
}

/// A commune index built on first use and shared by the boards made from one geography.
#[derive(Debug, Default, Clone)]
pub struct SharedPlaces(Arc<OnceLock<Arc<Places>>>);

impl SharedPlaces {
    /// The index of `geography`, built now if it is the first call.
    pub fn get(&self, geography: &Geography) -> Arc<Places> {
        self.0
            .get_or_init(|| Arc::new(Places::of(geography)))
            .clone()
    }
}

/// What the suggestions found, each list best first.
#[derive(Debug, Default)]
pub struct Suggestions<'a> {
    /// Titles with how many open offers carry them.
    pub titles: Vec<(&'a Title, usize)>,
    /// Organisations with how many open offers they and their services have.
    pub organisations: Vec<(&'a OrganisationItem, usize)>,
    pub places: Vec<&'a Place>,
}

/// Suggestions of one board.
#[derive(Debug)]
pub struct Suggester {
    titles: Index<Title>,
    organisations: Index<OrganisationItem>,
    places: Arc<Places>,
}

impl Suggester {
    /// Indexes `board`'s published titles and organisations; the communes come from `places`.
    pub fn build(board: &Board, places: &SharedPlaces) -> Self {
        // Titles: one per folded spelling, labelled as the most recent offer writes it, unless
        // an older one starts with a capital letter and it does not.
        let mut titles: Vec<Title> = Vec::new();
        let mut title_of: HashMap<String, usize> = HashMap::new();
        // Organisations: each offer counts for its organisation and every ancestor.
        let organisations = board.organisations();
        let position: HashMap<_, _> = organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut org_deadlines: Vec<Deadlines> =
            organisations.iter().map(|_| Deadlines::default()).collect();
        for offer in board.offers() {
            let data = &offer.offer.data;
            if data.state != OfferState::Publiee {
                continue;
            }
            let key = split_words(&data.title).0.join(" ");
            if key.is_empty() {
                continue;
            }
            let i = *title_of.entry(key).or_insert_with(|| {
                titles.push(Title {
                    label: data.title.trim().to_owned(),
                    deadlines: Deadlines::default(),
                });
                titles.len() - 1
            });
            let title = &mut titles[i];
            let capital = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
            if !capital(&title.label) && capital(data.title.trim()) {
                title.label = data.title.trim().to_owned();
            }
            title.deadlines.push(data.deadline);
            let mut current = Some(data.organisation_id);
            // Bounded: the store refuses cycles, but a read model must never loop.
            for _ in 0..16 {
                let Some(&at) = current.and_then(|id| position.get(&id)) else {
                    break;
                };
                org_deadlines[at].push(data.deadline);
                current = organisations[at].data.parent_id;
            }
        }
        for title in &mut titles {
            title.deadlines.seal();
        }
        let titles = Index::build(
            titles.into_iter().map(|t| {
                let label = t.label.clone();
                (t, label, Vec::new())
            }),
            true,
        );
        let organisations = Index::build(
            organisations
                .iter()
                .zip(org_deadlines)
                .map(|(o, mut deadlines)| {
                    deadlines.seal();
                    let acronym = o.data.acronym.clone().filter(|a| !a.trim().is_empty());
                    (
                        OrganisationItem {
                            name: o.data.name.clone(),
                            acronym: acronym.clone(),
                            slug: o.data.slug.as_str().to_owned(),
                            deadlines,
                        },
                        o.data.name.as_str(),
                        acronym.into_iter().collect(),
                    )
                }),
            true,
        );
        Self {
            titles,
            organisations,
            places: places.get(board.geography()),
        }
    }

    /// Up to `limit` suggestions of each kind for what was typed, for offers open on `today`.
    pub fn suggest(&self, query: &Query, today: Date, limit: usize) -> Suggestions<'_> {
        if query.is_empty() {
            return Suggestions::default();
        }
        let titles = self
            .titles
            .search(
                query,
                limit,
                |t| t.deadlines.open_on(today) > 0,
                |t| t.deadlines.open_on(today) as u64,
            )
            .into_iter()
            .map(|t| (t, t.deadlines.open_on(today)))
            .collect();
        let organisations = self
            .organisations
            .search(
                query,
                limit,
                |_| true,
                |o| o.deadlines.open_on(today) as u64,
            )
            .into_iter()
            .map(|o| (o, o.deadlines.open_on(today)))
            .collect();
        let places = self
            .places
            .search(query, limit, |_| true, |p| u64::from(p.population));
        Suggestions {
            titles,
            organisations,
            places,
        }
    }
}

#[cfg(test)]
mod tests;
