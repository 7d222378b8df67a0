//! `GET /api/v1/suggestions?q=…[&limit=…]`: what the search box suggests as you type.
//!
//! The answer is `{"q", "items"}`: `q` the query as read (trimmed), `items` the suggestions,
//! offer titles first, then organisations, then communes, each group best first and holding at
//! most `limit` entries (1 to 10, 5 by default). An item is:
//!
//! - `kind`: `intitule` (a title carried by open offers), `organisation` or `commune`;
//! - `label`: what to show (`Lyon (69)`, `Direction interministérielle du numérique (DINUM)`);
//! - `value`: what to put in the search box (the title, the organisation's or commune's name);
//! - `detail`: a short complement (`3 offres`, `Rhône · 69001 à 69009`);
//! - `href`: the offer list that suggestion leads to (`/offres-emploi?q=…`,
//!   `/offres-emploi?organisation={slug}`, `/offres-emploi?q={commune}&departement={code}`).
//!
//! Matching is described in [`crate::suggest`]. A missing or blank `q`, or one shorter than two
//! characters, answers an empty list; one longer than 200 characters (the search box's limit)
//! is refused, as are a repeated `q`, an invalid `limit` and a query string that is not UTF-8
//! (400, `invalid_parameter`). Answers may be cached for a minute.

use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::ApiError;
use crate::offres::list_href;
use crate::suggest::{DEFAULT_LIMIT, Place, Query};
use crate::{AppState, format};

/// Longest `q`, in characters: the search box's `maxlength`.
pub const MAX_QUERY_CHARS: usize = 200;
/// Shortest `q` that gets suggestions, in characters.
pub const MIN_QUERY_CHARS: usize = 2;
/// Largest `limit`.
pub const MAX_LIMIT: usize = 10;

/// The answer.
#[derive(Debug, Serialize)]
pub struct Answer {
    pub q: String,
    pub items: Vec<Item>,
}

/// One suggestion.
#[derive(Debug, Serialize)]
pub struct Item {
    pub kind: &'static str,
    pub label: String,
    pub value: String,
    pub detail: String,
    pub href: String,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::bad_request("invalid_parameter", message)
}

/// Whether the query string's percent-decoded bytes are UTF-8 (the usual decoders replace
/// invalid sequences silently; a client sending Latin-1 should hear about it).
fn is_utf8(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let value = hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0);
                decoded.push(u8::try_from(value).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    std::str::from_utf8(&decoded).is_ok()
}

/// The postal codes of a commune, briefly: `75001`, `20000, 20090`, `69001 à 69009`.
fn postal_summary(codes: &[String]) -> String {
    match codes {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => format!("{first}, {second}"),
        [first, .., last] => format!("{first} à {last}"),
    }
}

fn commune_item(place: &Place) -> Item {
    let detail = [
        place.department_name.clone(),
        postal_summary(&place.postal_codes),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    Item {
        kind: "commune",
        label: format!("{} ({})", place.name, place.department_code),
        value: place.name.clone(),
        detail,
        href: list_href(&[
            ("q", place.name.clone()),
            ("departement", place.department_code.clone()),
        ]),
    }
}

/// `GET /api/v1/suggestions`.
pub async fn suggestions(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let raw = raw.unwrap_or_default();
    if !is_utf8(&raw) {
        return Err(invalid(
            "paramètres illisibles : l’adresse doit être encodée en UTF-8.",
        ));
    }
    let params: Vec<(String, String)> = serde_urlencoded::from_str(&raw)
        .map_err(|e| invalid(format!("paramètres illisibles ({e}).")))?;
    let mut q = None;
    let mut limit = None;
    for (key, value) in params {
        let slot = match key.as_str() {
            "q" => &mut q,
            "limit" => &mut limit,
            _ => continue,
        };
        if slot.replace(value).is_some() {
            return Err(invalid(format!(
                "{key} : ce paramètre ne doit figurer qu’une fois."
            )));
        }
    }
    let limit = match limit.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => DEFAULT_LIMIT,
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or_else(|| {
                invalid(format!(
                    "limit : le nombre de suggestions doit être un entier entre 1 et {MAX_LIMIT}."
                ))
            })?,
    };
    // A space after the last word says it is complete: keep the end for matching.
    let typed = q.unwrap_or_default().trim_start().to_owned();
    let q = typed.trim_end().to_owned();
    let length = q.chars().count();
    if length > MAX_QUERY_CHARS {
        return Err(invalid(format!(
            "q : la recherche ne doit pas dépasser {MAX_QUERY_CHARS} caractères."
        )));
    }
    let mut answer = Answer {
        q,
        items: Vec::new(),
    };
    if length >= MIN_QUERY_CHARS {
        let board = std::sync::Arc::clone(&state.catalog.board());
        let today = state.config.clock.today();
        // Off the async workers: the first call builds the suggester (tens of milliseconds on a
        // large board), and a broad prefix weighs thousands of candidates.
        answer.items = tokio::task::spawn_blocking(move || {
            let query = Query::parse(&typed);
            let found = board.suggester().suggest(&query, today, limit);
            let mut items = Vec::new();
            items.extend(found.titles.into_iter().map(|(title, open)| Item {
                kind: "intitule",
                label: title.label.clone(),
                value: title.label.clone(),
                detail: format::count(open, "offre", "offres"),
                href: list_href(&[("q", title.label.clone())]),
            }));
            items.extend(found.organisations.into_iter().map(|(o, open)| Item {
                kind: "organisation",
                label: match &o.acronym {
                    Some(acronym) => format!("{} ({acronym})", o.name),
                    None => o.name.clone(),
                },
                value: o.name.clone(),
                detail: format!("{} en ligne", format::count(open, "offre", "offres")),
                href: list_href(&[("organisation", o.slug.clone())]),
            }));
            items.extend(found.places.into_iter().map(commune_item));
            items
        })
        .await
        .map_err(ApiError::internal)?;
    }
    Ok((
        [(header::CACHE_CONTROL, "public, max-age=60")],
        Json(answer),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked_after_decoding() {
        assert!(is_utf8("q=caf%C3%A9&limit=3"));
        assert!(is_utf8("q=%%41%"));
        assert!(!is_utf8("q=%FF"));
        assert!(!is_utf8("q=%C3%28"));
    }

    #[test]
    fn postal_codes_are_summarised() {
        let codes = |c: &[&str]| c.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(postal_summary(&codes(&["92000"])), "92000");
        assert_eq!(postal_summary(&codes(&["20000", "20090"])), "20000, 20090");
        assert_eq!(
            postal_summary(&codes(&["69001", "69005", "69009"])),
            "69001 à 69009"
        );
    }
}
