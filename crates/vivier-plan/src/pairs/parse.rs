//! Reading and checking a pairing input: JSON errors and rule errors both come back as an
//! [`InputError`] naming the field by its JSON path (`students[3].wishes[1]`), in French.

use std::collections::HashMap;

use time::format_description::well_known::Rfc3339;
use time::macros::{format_description, offset, time};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Weekday};

use super::model::{Mode, PairsInput};
use crate::InputError;

/// Reads a pairing input from JSON text. Syntax and type errors name the field at fault
/// (`agents[2].capacity` for a capacity of `-1`); the rules are checked later, by the engine.
pub fn parse_input(json: &str) -> Result<PairsInput, InputError> {
    let (mut input, ignored): (PairsInput, _) = crate::json::from_str_noting_unknown(json)?;
    input.ignored_fields = ignored;
    Ok(input)
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
            Some(text) => Some(parse_registration(text).ok_or_else(|| {
                InputError::new(
                    format!("{at}.registered_at"),
                    format!(
                        "horodatage « {text} » invalide : formats acceptés (ISO 8601) \
                         2026-03-02T09:30:00+01:00 ou …Z, 2026-03-02T09:30:00 ou \
                         2026-03-02 09:30 (heure de Paris), 2026-03-02 (minuit, heure de Paris)"
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
            // An agent with no seat (withdrawn) stays a valid wish, compatible with no one.
            if host.capacity == 0 {
                continue;
            }
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

/// A registration time, in the ISO 8601 forms organisers' scripts write:
///
/// - with an offset: RFC 3339 (`2026-03-02T09:30:00+01:00`, `…:00Z`, `…:00.250Z`), or with the
///   seconds left out, a space for the `T`, a `,` for the decimal point, or a short offset
///   (`2026-03-02 09:30+01`, `…T09:30+0100`, `…T09:30Z`), as SQL and Python print them;
/// - without an offset (`2026-03-02T09:30:00`, `2026-03-02 09:30`): legal time in Paris, where
///   the organisers are (see [`paris`]);
/// - a date alone (`2026-03-02`): midnight, Paris time, at the start of that day, so it comes
///   before every registration later that day.
pub(crate) fn parse_registration(text: &str) -> Option<OffsetDateTime> {
    // RFC 3339 as `time` reads it takes any character between date and time: only `T` or a
    // space here, as everywhere else.
    if text
        .as_bytes()
        .get(10)
        .is_some_and(|c| !matches!(c, b'T' | b't' | b' '))
    {
        return None;
    }
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    let with_offset = format_description!(
        version = 2,
        "[year]-[month]-[day][first [T] [t] [ ]][hour]:[minute]\
         [optional [:[second][optional [[first [.] [,]][subsecond]]]]]\
         [offset_hour sign:mandatory][optional [[optional [:]][offset_minute]]]"
    );
    if let Ok(at) = OffsetDateTime::parse(text, &with_offset) {
        return Some(at);
    }
    let local = format_description!(
        version = 2,
        "[year]-[month]-[day][first [T] [t] [ ]][hour]:[minute]\
         [optional [:[second][optional [[first [.] [,]][subsecond]]]]]"
    );
    if let Some(utc) = text.strip_suffix(['Z', 'z']) {
        return PrimitiveDateTime::parse(utc, &local)
            .ok()
            .map(PrimitiveDateTime::assume_utc);
    }
    if let Ok(at) = PrimitiveDateTime::parse(text, &local) {
        return Some(paris(at));
    }
    parse_date(text).map(|day| paris(PrimitiveDateTime::new(day, time!(00:00))))
}

/// A local time in metropolitan France as an instant: UTC+2 from the last Sunday of March to
/// the last Sunday of October (changes at 01:00 UTC), UTC+1 otherwise, the European rule in
/// force since 1996. In the hour repeated in October the first one is meant (summer time); a
/// time skipped in March is read as winter time.
pub(crate) fn paris(local: PrimitiveDateTime) -> OffsetDateTime {
    let last_sunday = |month: Month| {
        let end = Date::from_calendar_date(local.year(), month, month.length(local.year()))
            .unwrap_or(local.date());
        let day = if end.weekday() == Weekday::Sunday {
            end
        } else {
            end.prev_occurrence(Weekday::Sunday)
        };
        PrimitiveDateTime::new(day, time!(01:00)).assume_utc()
    };
    let summer = local.assume_offset(offset!(+2));
    if (last_sunday(Month::March)..last_sunday(Month::October)).contains(&summer) {
        summer
    } else {
        local.assume_offset(offset!(+1))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> OffsetDateTime {
        parse_registration(text).unwrap_or_else(|| panic!("{text} refused"))
    }

    #[test]
    fn registration_times_with_an_offset_are_read_as_written() {
        let reference = at("2026-03-02T08:30:00Z");
        for text in [
            "2026-03-02T09:30:00+01:00",
            "2026-03-02t08:30:00z",
            "2026-03-02 09:30:00+01:00",
            "2026-03-02T09:30+01:00",
            "2026-03-02 09:30:00+01",
            "2026-03-02T09:30+0100",
            "2026-03-02T08:30Z",
            "2026-03-02T08:30:00.000Z",
        ] {
            assert_eq!(at(text), reference, "{text}");
        }
        assert_eq!(
            at("2026-03-02T08:30:00,5Z"),
            reference + time::Duration::milliseconds(500)
        );
    }

    #[test]
    fn registration_times_without_an_offset_are_paris_time() {
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(at("2026-01-15T09:00:00"), at("2026-01-15T08:00:00Z"));
        assert_eq!(at("2026-07-01 09:00"), at("2026-07-01T07:00:00Z"));
        // A date alone is midnight, Paris time.
        assert_eq!(at("2026-03-02"), at("2026-03-01T23:00:00Z"));
        assert_eq!(at("2026-08-02"), at("2026-08-01T22:00:00Z"));
    }

    #[test]
    fn paris_time_changes_on_the_last_sundays_of_march_and_october() {
        // 2026: summer time from Sunday 29 March to Sunday 25 October, at 01:00 UTC.
        assert_eq!(at("2026-03-29T01:59:00"), at("2026-03-29T00:59:00Z"));
        assert_eq!(at("2026-03-29T03:00:00"), at("2026-03-29T01:00:00Z"));
        // 02:30 does not exist that night: read as winter time.
        assert_eq!(at("2026-03-29T02:30:00"), at("2026-03-29T01:30:00Z"));
        assert_eq!(at("2026-03-28T12:00:00"), at("2026-03-28T11:00:00Z"));
        assert_eq!(at("2026-10-25T01:59:00"), at("2026-10-24T23:59:00Z"));
        // 02:30 happens twice that night: the first one, in summer time.
        assert_eq!(at("2026-10-25T02:30:00"), at("2026-10-25T00:30:00Z"));
        assert_eq!(at("2026-10-25T03:00:00"), at("2026-10-25T02:00:00Z"));
        assert_eq!(at("2026-10-26T12:00:00"), at("2026-10-26T11:00:00Z"));
    }

    #[test]
    fn malformed_registration_times_are_refused() {
        for text in [
            "hier",
            "",
            "2026-3-2",
            "2026-02-30",
            "2026-03-02T25:00",
            "2026-03-02T9:30",
            "2026-03-02T09",
            "2026-03-02T09:30:00+01:00 et des poussières",
            "02/03/2026",
            "2026-03-02_09:30:00Z",
        ] {
            assert_eq!(parse_registration(text), None, "{text}");
        }
    }
}
