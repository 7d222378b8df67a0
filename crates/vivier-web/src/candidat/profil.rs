//! `/espace-candidat/profil`: what a candidate tells recruiters about themselves.
//!
//! The form arrives as name/value pairs (checkbox groups repeat their name); a field the form
//! does not have is refused (400), a wrong value gets a French message next to its field (422)
//! and nothing is saved.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use time::Date;
use url::Url;
use vivier_domain::candidate::Profile;
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::ContractType;
use vivier_domain::{DomainId, JobFamilyId, OrganisationId};
use vivier_store::accounts::UserChange;

use super::{Choice, candidate, candidate_layout, now};
use crate::AppState;
use crate::auth::SignedIn;
use crate::auth::csrf::CsrfToken;
use crate::compte::Field;
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm};
use crate::page::Nav;

/// Longest name, current job or link, in characters.
const TEXT_MAX: usize = 200;

/// The form as typed: every field, lists as repeated names.
#[derive(Debug, Default)]
struct Input {
    nom: String,
    telephone: String,
    region: String,
    poste: String,
    experience: String,
    disponible: String,
    linkedin: String,
    github: String,
    portfolio: String,
    contrats: Vec<String>,
    familles: Vec<String>,
    domaines: Vec<String>,
    masquer: Vec<String>,
}

impl Input {
    fn from_pairs(pairs: Vec<(String, String)>) -> Result<Self, PageError> {
        let mut input = Self::default();
        for (name, value) in pairs {
            let slot = match name.as_str() {
                "nom" => &mut input.nom,
                "telephone" => &mut input.telephone,
                "region" => &mut input.region,
                "poste" => &mut input.poste,
                "experience" => &mut input.experience,
                "disponible" => &mut input.disponible,
                "linkedin" => &mut input.linkedin,
                "github" => &mut input.github,
                "portfolio" => &mut input.portfolio,
                "contrats" => {
                    input.contrats.push(value);
                    continue;
                }
                "familles" => {
                    input.familles.push(value);
                    continue;
                }
                "domaines" => {
                    input.domaines.push(value);
                    continue;
                }
                "masquer" => {
                    input.masquer.push(value);
                    continue;
                }
                _ => {
                    return Err(PageError::BadRequest(
                        "Le formulaire contient un champ inconnu. Rechargez la page et recommencez."
                            .into(),
                    ));
                }
            };
            *slot = value.trim().to_owned();
        }
        Ok(input)
    }

    fn of(name: &str, profile: &Profile) -> Self {
        let link = |url: &Option<Url>| url.as_ref().map(Url::to_string).unwrap_or_default();
        Self {
            nom: name.to_owned(),
            telephone: profile.phone.clone().unwrap_or_default(),
            region: profile
                .region
                .as_ref()
                .map(|r| r.as_str().to_owned())
                .unwrap_or_default(),
            poste: profile.current_job.clone(),
            experience: profile
                .experience_years
                .map(|y| y.to_string())
                .unwrap_or_default(),
            disponible: profile
                .available_from
                .map(|d| d.to_string())
                .unwrap_or_default(),
            linkedin: link(&profile.linkedin),
            github: link(&profile.github),
            portfolio: link(&profile.portfolio),
            contrats: profile
                .contracts
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            familles: profile.families.iter().map(|f| f.0.to_string()).collect(),
            domaines: profile.domains.iter().map(|d| d.0.to_string()).collect(),
            masquer: profile
                .hidden_from
                .iter()
                .map(|o| o.0.to_string())
                .collect(),
        }
    }
}

/// The form's fields with their errors.
#[derive(Debug, Default)]
struct Fields {
    nom: Field,
    telephone: Field,
    poste: Field,
    experience: Field,
    disponible: Field,
    linkedin: Field,
    github: Field,
    portfolio: Field,
    /// An error on a list (a value the lists do not have: a forged form).
    lists: Option<String>,
}

impl Fields {
    /// The fields as typed, without errors yet.
    fn of(input: &Input) -> Self {
        Self {
            nom: field(&input.nom),
            telephone: field(&input.telephone),
            poste: field(&input.poste),
            experience: field(&input.experience),
            disponible: field(&input.disponible),
            linkedin: field(&input.linkedin),
            github: field(&input.github),
            portfolio: field(&input.portfolio),
            lists: None,
        }
    }

    fn has_errors(&self) -> bool {
        [
            &self.nom,
            &self.telephone,
            &self.poste,
            &self.experience,
            &self.disponible,
            &self.linkedin,
            &self.github,
            &self.portfolio,
        ]
        .iter()
        .any(|f| f.error.is_some())
            || self.lists.is_some()
    }
}

fn field(value: &str) -> Field {
    Field {
        value: value.to_owned(),
        error: None,
    }
}

fn text(field: &mut Field, required: Option<&str>) -> String {
    if field.value.is_empty() {
        if let Some(message) = required {
            field.error = Some(message.to_owned());
        }
    } else if field.value.chars().count() > TEXT_MAX {
        field.error = Some(format!("{TEXT_MAX} caractères au plus."));
    }
    field.value.clone()
}

fn link(field: &mut Field, host: Option<&str>) -> Option<Url> {
    if field.value.is_empty() {
        return None;
    }
    let parsed = Url::parse(&field.value).ok().filter(|url| {
        url.scheme() == "https" && url.as_str().len() <= TEXT_MAX && url.host_str().is_some()
    });
    let on_host = |url: &Url| {
        host.is_none_or(|host| {
            url.host_str()
                .is_some_and(|h| h == host || h.ends_with(&format!(".{host}")))
        })
    };
    match parsed {
        Some(url) if on_host(&url) => Some(url),
        _ => {
            field.error = Some(match host {
                Some(host) => format!(
                    "Saisissez l’adresse complète de votre page, commençant par https:// et sur {host}."
                ),
                None => "Saisissez une adresse complète, commençant par https://.".to_owned(),
            });
            None
        }
    }
}

/// Checks the input against the lists of the catalog; gives the profile, or the fields with
/// their errors.
fn parse(state: &AppState, input: &Input) -> Result<(String, Profile), Box<Fields>> {
    let board = state.catalog.board();
    let mut fields = Fields::of(input);
    let name = text(
        &mut fields.nom,
        Some("Saisissez votre prénom et votre nom."),
    );
    let phone = text(&mut fields.telephone, None);
    let phone_ok = phone.is_empty()
        || (phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +.-()".contains(c))
            && (6..=20).contains(&phone.chars().filter(char::is_ascii_digit).count()));
    if !phone_ok && fields.telephone.error.is_none() {
        fields.telephone.error =
            Some("Saisissez un numéro de téléphone, par exemple 06 12 34 56 78.".into());
    }
    let current_job = text(&mut fields.poste, None);
    let experience = match fields.experience.value.as_str() {
        "" => None,
        typed => match typed.parse::<u8>() {
            Ok(years) if years <= 60 => Some(years),
            _ => {
                fields.experience.error =
                    Some("Saisissez un nombre d’années entre 0 et 60.".into());
                None
            }
        },
    };
    let available_from = match fields.disponible.value.as_str() {
        "" => None,
        typed => match Date::parse(typed, &time::format_description::well_known::Iso8601::DATE) {
            Ok(date) => Some(date),
            Err(_) => {
                fields.disponible.error = Some("Saisissez une date au format jj/mm/aaaa.".into());
                None
            }
        },
    };
    let linkedin = link(&mut fields.linkedin, Some("linkedin.com"));
    let github = link(&mut fields.github, Some("github.com"));
    let portfolio = link(&mut fields.portfolio, None);
    let region = match input.region.as_str() {
        "" => None,
        code => RegionCode::parse(code)
            .ok()
            .filter(|code| board.geography().region(code).is_some()),
    };
    let contracts: Option<Vec<ContractType>> = input
        .contrats
        .iter()
        .map(|c| ContractType::from_code(c))
        .collect();
    let families: Option<Vec<JobFamilyId>> = input
        .familles
        .iter()
        .map(|f| {
            let id = f.parse().ok().map(JobFamilyId)?;
            board
                .job_families()
                .iter()
                .any(|j| j.id == id)
                .then_some(id)
        })
        .collect();
    let domains: Option<Vec<DomainId>> = input
        .domaines
        .iter()
        .map(|d| {
            let id = d.parse().ok().map(DomainId)?;
            board.domains().iter().any(|j| j.id == id).then_some(id)
        })
        .collect();
    let hidden: Option<Vec<OrganisationId>> = input
        .masquer
        .iter()
        .map(|o| {
            let id = o.parse().ok().map(OrganisationId)?;
            board.organisation(id).map(|_| id)
        })
        .collect();
    let lists_ok = (input.region.is_empty() || region.is_some())
        && contracts.is_some()
        && families.is_some()
        && domains.is_some()
        && hidden.is_some();
    if !lists_ok {
        fields.lists = Some(
            "Une des valeurs choisies n’existe pas (ou plus). Rechargez la page et recommencez."
                .into(),
        );
    }
    if fields.has_errors() {
        return Err(Box::new(fields));
    }
    Ok((
        name,
        Profile {
            phone: Some(phone).filter(|p| !p.is_empty()),
            region,
            current_job,
            experience_years: experience,
            contracts: sorted(contracts),
            families: sorted(families),
            domains: sorted(domains),
            linkedin,
            github,
            portfolio,
            available_from,
            hidden_from: sorted(hidden),
        },
    ))
}

/// A list sorted, without duplicates (an absent one is empty).
fn sorted<T: Ord>(list: Option<Vec<T>>) -> Vec<T> {
    let mut list = list.unwrap_or_default();
    list.sort();
    list.dedup();
    list
}

#[derive(Template)]
#[template(path = "candidat/profil.html")]
struct FormPage {
    layout: crate::page::Layout,
    csrf: String,
    email: String,
    fields: Fields,
    regions: Vec<Choice>,
    contracts: Vec<Choice>,
    families: Vec<Choice>,
    domains: Vec<Choice>,
    /// Ministries and what is right under them, indented by depth.
    organisations: Vec<(Choice, usize)>,
    saved: bool,
}

fn page(
    state: &AppState,
    csrf: String,
    email: String,
    input: &Input,
    fields: Fields,
    saved: bool,
) -> FormPage {
    let board = state.catalog.board();
    let has = |list: &[String], value: &str| list.iter().any(|v| v == value);
    let mut organisations = Vec::new();
    for root in board.roots() {
        let id = root.id.0.to_string();
        organisations.push((
            Choice::new(&id, root.display_name(), has(&input.masquer, &id)),
            0,
        ));
        for child in board.children(root.id) {
            let id = child.id.0.to_string();
            organisations.push((
                Choice::new(&id, child.display_name(), has(&input.masquer, &id)),
                1,
            ));
        }
    }
    FormPage {
        layout: candidate_layout("Mon profil"),
        csrf,
        email,
        regions: board
            .geography()
            .regions()
            .iter()
            .map(|r| {
                Choice::new(
                    r.code.as_str(),
                    r.name.clone(),
                    input.region == r.code.as_str(),
                )
            })
            .collect(),
        contracts: ContractType::ALL
            .iter()
            .map(|c| Choice::new(c.code(), c.label(), has(&input.contrats, c.code())))
            .collect(),
        families: board
            .job_families()
            .iter()
            .map(|f| {
                Choice::new(
                    f.id.0,
                    f.name.clone(),
                    has(&input.familles, &f.id.0.to_string()),
                )
            })
            .collect(),
        domains: board
            .domains()
            .iter()
            .map(|d| {
                Choice::new(
                    d.id.0,
                    d.name.clone(),
                    has(&input.domaines, &d.id.0.to_string()),
                )
            })
            .collect(),
        organisations,
        fields,
        saved,
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct Done {
    fait: String,
}

/// GET `/espace-candidat/profil`.
pub(super) async fn form(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(done): LenientQuery<Done>,
) -> Result<Response, PageError> {
    let candidate = candidate(&state, &signed_in).await?;
    let input = Input::of(&candidate.user.display_name, &candidate.profile);
    let fields = Fields::of(&input);
    let email = candidate.user.email.to_string();
    crate::page::render(&page(
        &state,
        csrf,
        email,
        &input,
        fields,
        done.fait == "enregistre",
    ))
}

/// POST `/espace-candidat/profil`.
pub(super) async fn save(
    State(state): State<AppState>,
    signed_in: SignedIn,
    CsrfToken(csrf): CsrfToken,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = Input::from_pairs(pairs)?;
    let candidate = candidate(&state, &signed_in).await?;
    match parse(&state, &input) {
        Ok((name, profile)) => {
            if name != candidate.user.display_name {
                state
                    .store
                    .update_user(candidate.user.id, &UserChange::DisplayName(name))
                    .await?;
            }
            state
                .store
                .save_profile(candidate.user.id, &profile, now())
                .await?;
            Ok(Redirect::to("/espace-candidat/profil?fait=enregistre").into_response())
        }
        Err(fields) => {
            let email = candidate.user.email.to_string();
            let page = page(&state, csrf, email, &input, *fields, false);
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                crate::page::render(&page)?,
            )
                .into_response())
        }
    }
}
