//! Reading and checking a pairing input: JSON errors and rule errors both come back as an
//! [`InputError`] naming the field by its JSON path (`students[3].wishes[1]`), in French.

use std::collections::HashMap;

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime};

use super::model::{Mode, PairsInput};
use crate::InputError;

/// Reads a pairing input from JSON text. Syntax and type errors name the field at fault
/// (`agents[2].capacity` for a capacity of `-1`); the rules are checked later, by the engine.
pub fn parse_input(json: &str) -> Result<PairsInput, InputError> {
    crate::json::from_str(json)
}

/// One compatible agent of a student.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Choice {
    /// Index of the agent in the input.
    pub agent: usize,
    /// Rank of the wish (1 = first).
    pub rank: u32,
    /// The day of the visit, if one is set (see [`super::Pair::date`]).
    pub date: Option<Date>,
}

/// A checked input: compatibilities worked out, priorities ordered.
#[derive(Debug, Clone)]
pub(crate) struct Instance {
    /// Per student (input order), the compatible agents by increasing rank.
    pub choices: Vec<Vec<Choice>>,
    /// Per agent (input order), its capacity.
    pub capacity: Vec<u32>,
    /// Students from the highest priority (earliest registration) to the lowest.
    pub by_priority: Vec<usize>,
}

impl Instance {
    /// Largest rank among all choices (0 when there is none).
    pub fn max_rank(&self) -> u32 {
        self.choices
            .iter()
            .filter_map(|c| c.last())
            .map(|c| c.rank)
            .max()
            .unwrap_or(0)
    }
}

/// Checks every rule of the input and works out who is compatible with whom.
pub(crate) fn compile(input: &PairsInput) -> Result<Instance, InputError> {
    let mut agent_index: HashMap<&str, usize> = HashMap::with_capacity(input.agents.len());
    let mut agent_dates = Vec::with_capacity(input.agents.len());
    for (i, agent) in input.agents.iter().enumerate() {
        let at = format!("agents[{i}]");
        check_id(&agent.id, &format!("{at}.id"))?;
        if let Some(first) = agent_index.insert(agent.id.as_str(), i) {
            return Err(InputError::new(
                format!("{at}.id"),
                format!(
                    "l’identifiant « {} » est déjà celui de agents[{first}]",
                    agent.id
                ),
            ));
        }
        if agent.capacity == 0 {
            return Err(InputError::new(
                format!("{at}.capacity"),
                "la capacité doit être d’au moins 1 étudiant",
            ));
        }
        agent_dates.push(parse_dates(agent.dates.as_deref(), &at)?);
    }

    let mut student_index: HashMap<&str, usize> = HashMap::with_capacity(input.students.len());
    let mut registered = Vec::with_capacity(input.students.len());
    let mut choices = Vec::with_capacity(input.students.len());
    for (i, student) in input.students.iter().enumerate() {
        let at = format!("students[{i}]");
        check_id(&student.id, &format!("{at}.id"))?;
        if let Some(first) = student_index.insert(student.id.as_str(), i) {
            return Err(InputError::new(
                format!("{at}.id"),
                format!(
                    "l’identifiant « {} » est déjà celui de students[{first}]",
                    student.id
                ),
            ));
        }
        let dates = parse_dates(student.dates.as_deref(), &at)?;
        registered.push(match &student.registered_at {
            None => None,
            Some(text) => Some(OffsetDateTime::parse(text, &Rfc3339).map_err(|_| {
                InputError::new(
                    format!("{at}.registered_at"),
                    format!(
                        "horodatage « {text} » invalide : le format attendu est ISO 8601 avec \
                         fuseau, par exemple 2026-03-02T09:30:00+01:00"
                    ),
                )
            })?),
        });
        let mut seen: HashMap<usize, usize> = HashMap::with_capacity(student.wishes.len());
        let mut mine = Vec::new();
        for (k, wish) in student.wishes.iter().enumerate() {
            let field = format!("{at}.wishes[{k}]");
            let Some(&agent) = agent_index.get(wish.as_str()) else {
                return Err(InputError::new(
                    field,
                    format!("l’agent « {wish} » ne figure pas dans la liste agents"),
                ));
            };
            if let Some(first) = seen.insert(agent, k) {
                return Err(InputError::new(
                    field,
                    format!("l’agent « {wish} » est déjà le vœu {at}.wishes[{first}]"),
                ));
            }
            let rank = u32::try_from(k + 1).map_err(|_| {
                InputError::new(field.clone(), "trop de vœux pour un seul étudiant")
            })?;
            let host = &input.agents[agent];
            let Some(date) = shared_date(dates.as_deref(), agent_dates[agent].as_deref()) else {
                continue;
            };
            if modes_compatible(
                student.mode,
                student.city.as_deref(),
                host.mode,
                host.city.as_deref(),
            ) {
                mine.push(Choice { agent, rank, date });
            }
        }
        choices.push(mine);
    }

    // Earlier registration first, then students without a registration time, then input order
    // (the sort is stable).
    let mut by_priority: Vec<usize> = (0..input.students.len()).collect();
    by_priority.sort_by_key(|&s| (registered[s].is_none(), registered[s]));
    Ok(Instance {
        choices,
        capacity: input.agents.iter().map(|a| a.capacity).collect(),
        by_priority,
    })
}

fn check_id(id: &str, field: &str) -> Result<(), InputError> {
    if id.trim().is_empty() {
        return Err(InputError::new(field, "l’identifiant est vide"));
    }
    Ok(())
}

/// Parses an optional list of `YYYY-MM-DD` dates, sorted and without duplicates.
fn parse_dates(dates: Option<&[String]>, at: &str) -> Result<Option<Vec<Date>>, InputError> {
    let Some(dates) = dates else {
        return Ok(None);
    };
    if dates.is_empty() {
        return Err(InputError::new(
            format!("{at}.dates"),
            "la liste des dates est vide : omettez le champ pour accepter toutes les dates",
        ));
    }
    let mut parsed = dates
        .iter()
        .enumerate()
        .map(|(k, text)| {
            parse_date(text).ok_or_else(|| {
                InputError::new(
                    format!("{at}.dates[{k}]"),
                    format!("date « {text} » invalide : le format attendu est AAAA-MM-JJ"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    parsed.sort_unstable();
    parsed.dedup();
    Ok(Some(parsed))
}

/// A calendar date written exactly `YYYY-MM-DD`.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

/// The day of a compatible pair: `None` (outer) when the dates exclude each other.
fn shared_date(student: Option<&[Date]>, agent: Option<&[Date]>) -> Option<Option<Date>> {
    match (student, agent) {
        (Some(s), Some(a)) => s
            .iter()
            .find(|d| a.binary_search(d).is_ok())
            .map(|d| Some(*d)),
        (Some(one), None) | (None, Some(one)) => Some(one.first().copied()),
        (None, None) => Some(None),
    }
}

/// Whether the modes (and, for a visit that can only be on site, the cities) agree.
fn modes_compatible(
    student: Option<Mode>,
    student_city: Option<&str>,
    agent: Option<Mode>,
    agent_city: Option<&str>,
) -> bool {
    let allows = |mode: Option<Mode>, wanted: Mode| {
        matches!(mode, None | Some(Mode::Either)) || mode == Some(wanted)
    };
    let remote = allows(student, Mode::Remote) && allows(agent, Mode::Remote);
    let on_site = allows(student, Mode::OnSite) && allows(agent, Mode::OnSite);
    if remote {
        return true;
    }
    on_site
        && match (student_city, agent_city) {
            (Some(s), Some(a)) => s.trim().to_lowercase() == a.trim().to_lowercase(),
            _ => true,
        }
}
