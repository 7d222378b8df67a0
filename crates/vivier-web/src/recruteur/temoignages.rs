//! `/recruteur/employeurs/{slug}/temoignages`: the agents' words shown on an employer page, in
//! a few fixed slots (a slot left empty removes its testimony).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use vivier_domain::organisation::Testimony;

use super::employeur::page_of;
use super::scope::Scope;
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn};
use crate::error::PageError;
use crate::extract::{PageForm, Segments};

/// How many testimonies an employer page shows at most.
pub const SLOTS: usize = 3;
const NAME_MAX: usize = 100;
const TEXT_MAX: usize = 1_000;

/// One slot of the form: what was typed and what is wrong with it.
#[derive(Debug, Default, Clone)]
pub struct Slot {
    pub name: String,
    pub role: String,
    pub text: String,
    pub error: Option<String>,
}

impl Slot {
    fn of(testimony: &Testimony) -> Self {
        Self {
            name: testimony.name.clone(),
            role: testimony.role.clone(),
            text: testimony.text.clone(),
            error: None,
        }
    }

    fn is_empty(&self) -> bool {
        [&self.name, &self.role, &self.text]
            .iter()
            .all(|v| v.trim().is_empty())
    }

    /// The testimony of a filled slot, or why it cannot be one (kept in `error`).
    fn read(&mut self) -> Option<Testimony> {
        let (name, role, text) = (self.name.trim(), self.role.trim(), self.text.trim());
        let problem = if name.is_empty() || role.is_empty() || text.is_empty() {
            Some(
                "Indiquez le prénom, la fonction et le témoignage, ou videz les trois champs."
                    .to_owned(),
            )
        } else if name.chars().count() > NAME_MAX || role.chars().count() > NAME_MAX {
            Some(format!(
                "Le nom et la fonction ne doivent pas dépasser {NAME_MAX} caractères."
            ))
        } else if text.chars().count() > TEXT_MAX {
            Some(format!(
                "Le témoignage ne doit pas dépasser {TEXT_MAX} caractères."
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            self.error = Some(message);
            return None;
        }
        // Photos are not shown (the CSP admits images from Vivier only): none is asked.
        Some(Testimony {
            name: name.to_owned(),
            role: role.to_owned(),
            text: text.to_owned(),
            photo_url: None,
        })
    }
}

/// The slots of these testimonies, padded with empty ones.
pub fn slots(testimonies: &[Testimony]) -> Vec<Slot> {
    let mut slots: Vec<Slot> = testimonies.iter().take(SLOTS).map(Slot::of).collect();
    slots.resize_with(SLOTS, Slot::default);
    slots
}

/// Reads the posted pairs (`temoin{n}_{nom,fonction,texte}`); an unknown
/// field answers 400.
fn read_pairs(pairs: Vec<(String, String)>) -> Result<Vec<Slot>, PageError> {
    let mut slots = vec![Slot::default(); SLOTS];
    for (name, value) in pairs {
        let slot = name
            .strip_prefix("temoin")
            .and_then(|rest| rest.split_once('_'))
            .and_then(|(n, field)| Some((n.parse::<usize>().ok()?.checked_sub(1)?, field)))
            .filter(|(n, _)| *n < SLOTS);
        let target = match slot {
            Some((n, "nom")) => &mut slots[n].name,
            Some((n, "fonction")) => &mut slots[n].role,
            Some((n, "texte")) => &mut slots[n].text,
            _ => {
                return Err(PageError::BadRequest(
                    "Le formulaire envoyé contient des champs inconnus. Rechargez la page et \
                     recommencez."
                        .to_owned(),
                ));
            }
        };
        *target = value;
    }
    Ok(slots)
}

/// POST `/recruteur/employeurs/{slug}/temoignages`.
pub async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    Segments(slug): Segments<String>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let organisation = scope.organisation_by_slug(&state, &slug).await?;
    let mut slots = read_pairs(pairs)?;
    let testimonies: Vec<Testimony> = slots
        .iter_mut()
        .filter(|slot| !slot.is_empty())
        .filter_map(Slot::read)
        .collect();
    if slots.iter().any(|slot| slot.error.is_some()) {
        let page = page_of(&state, organisation, csrf, None, Some(slots), false).await?;
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            crate::page::render(&page)?,
        )
            .into_response());
    }
    state
        .store
        .set_testimonies(organisation.id, &testimonies)
        .await?;
    scope
        .audit(
            &state,
            "employeur.temoignages",
            &format!("organisation {}", organisation.id.0),
            &format!("{} témoignages", testimonies.len()),
        )
        .await;
    Ok(Redirect::to(&format!(
        "/recruteur/employeurs/{}?fait=enregistree#temoignages",
        organisation.data.slug
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_read_by_number_and_unknown_fields_refused() {
        let pairs = |list: &[(&str, &str)]| {
            list.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<Vec<_>>()
        };
        let slots =
            read_pairs(pairs(&[("temoin2_nom", "Awa"), ("temoin2_texte", "Bien.")])).unwrap();
        assert_eq!(
            (slots[1].name.as_str(), slots[1].text.as_str()),
            ("Awa", "Bien.")
        );
        assert!(slots[0].is_empty() && slots[2].is_empty());
        for bad in [
            "temoin0_nom",
            "temoin4_nom",
            "temoin1_age",
            "nom",
            "temoinx_nom",
        ] {
            assert!(read_pairs(pairs(&[(bad, "x")])).is_err(), "{bad}");
        }
        let mut half = Slot {
            name: "Awa".into(),
            ..Slot::default()
        };
        assert!(half.read().is_none() && half.error.is_some());
        let mut long = Slot {
            name: "Awa".into(),
            role: "Développeuse".into(),
            text: "x".repeat(TEXT_MAX + 1),
            error: None,
        };
        assert!(long.read().is_none() && long.error.is_some());
    }
}
