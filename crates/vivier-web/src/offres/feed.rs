//! `/offres-emploi/flux.atom`: the latest matching offers as an Atom feed, same filters as the list.

use atom_syndication::{Content, Entry, Feed, Link, Person, Text};
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use vivier_search::Mode;

use super::list::{list_href, parse_query};
use super::view::location_label;
use crate::AppState;
use crate::catalog::SearchRequest;
use crate::richtext;

/// How many offers a feed carries.
const FEED_SIZE: u32 = 50;

fn fixed(at: OffsetDateTime) -> atom_syndication::FixedDateTime {
    at.format(&Rfc3339)
        .ok()
        .and_then(|s| atom_syndication::FixedDateTime::parse_from_rfc3339(&s).ok())
        .unwrap_or_default()
}

fn bad_request(message: String) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// The feed.
pub async fn atom(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let query = match parse_query(raw.as_deref()) {
        Ok(query) => query,
        Err(error) => return bad_request(format!("Paramètre incorrect : {error}")),
    };
    let board = state.catalog.board();
    let filter = match board.resolve(&query) {
        Ok(filter) => filter,
        Err(error) => {
            return bad_request(format!(
                "Paramètre incorrect : {} : {}",
                error.param, error.message
            ));
        }
    };
    let today = state.config.clock.today();
    let hits = match state.catalog.text_hits(query.q.as_deref(), Mode::Words) {
        Ok(hits) => hits,
        Err(error) => {
            tracing::error!(%error, "feed search failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let results = board.search(&SearchRequest {
        hits: hits.as_deref(),
        sort: query.sort,
        ..SearchRequest::new(&filter, today, FEED_SIZE)
    });
    let base = state.config.public_url.as_str().trim_end_matches('/');
    let list = format!("{base}{}", list_href(&query.to_params()));

    let entries: Vec<Entry> = results
        .items
        .iter()
        .map(|offer| {
            let data = &offer.offer.data;
            let sections = offer.sections();
            let url = format!("{base}/emploi/{}", data.slug);
            let organisation = board
                .organisation(data.organisation_id)
                .map(|o| o.display_name())
                .unwrap_or_default();
            let summary = format!(
                "{organisation} — {} — {}",
                location_label(&board, &data.location),
                richtext::excerpt(sections.mission.as_deref().unwrap_or_default(), 300)
            );
            let html = richtext::sections_html(&sections);
            Entry {
                id: url.clone(),
                title: Text::plain(data.title.clone()),
                updated: fixed(offer.offer.updated_at),
                published: data.published_on.map(|d| fixed(d.midnight().assume_utc())),
                authors: vec![Person {
                    name: organisation,
                    ..Person::default()
                }],
                links: vec![Link {
                    href: url,
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Link::default()
                }],
                summary: Some(Text::plain(summary)),
                content: Some(Content {
                    value: Some(html),
                    content_type: Some("html".into()),
                    ..Content::default()
                }),
                ..Entry::default()
            }
        })
        .collect();
    let updated = results
        .items
        .iter()
        .map(|o| o.offer.updated_at)
        .max()
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let feed = Feed {
        id: list.clone(),
        title: Text::plain("Offres d’emploi du numérique de l’État — Vivier"),
        updated: fixed(updated),
        links: vec![
            Link {
                href: list,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
            Link {
                href: format!(
                    "{base}/offres-emploi/flux.atom{}",
                    raw.as_deref().map(|q| format!("?{q}")).unwrap_or_default()
                ),
                rel: "self".into(),
                ..Link::default()
            },
        ],
        entries,
        ..Feed::default()
    };
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response()
}
