//! `/recruteur/candidats`: the open spontaneous applications a recruiter may read (to their
//! organisations, or to the State) and the talent pool, searched by job family, region,
//! experience and contract; and proposing an offer to one of these candidates
//! (`POST /recruteur/candidats/{user}/proposer`), which mails them its link, once.
//!
//! Candidates who hid their profile from an organisation the recruiter acts for, or from one
//! above it, are left out, and cannot be proposed anything.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use vivier_domain::candidate::{Target, visible_to};
use vivier_domain::geo::RegionCode;
use vivier_domain::offer::{ContractType, OfferState};
use vivier_domain::{JobFamilyId, UserId};
use vivier_store::StoreError;
use vivier_store::candidates::{Application, Candidate, CandidateSearch, Proposal};

use super::{Scope, day, organisation_name, read_fields, target_label};
use crate::AppState;
use crate::auth::csrf::CsrfToken;
use crate::auth::{ClientIp, SignedIn};
use crate::catalog::Board;
use crate::error::PageError;
use crate::extract::{LenientQuery, PageForm, Segments};
use crate::page::{Choice, Crumb, Layout, Nav};
use crate::pagination::{PageLink, Pagination, PaginationView};
use crate::recruteur::offres::recruiter_layout;

/// Candidates on one page.
const PER_PAGE: u32 = 20;

/// The page's query: which list, the search, the page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct PoolQuery {
    vue: String,
    metier: String,
    region: String,
    experience: String,
    contrat: String,
    page: String,
    fait: String,
}

impl PoolQuery {
    /// The pool, unless the spontaneous applications are asked for.
    fn spontaneous(&self) -> bool {
        self.vue == "spontanees"
    }

    fn href(&self, page: u32) -> String {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(
                "vue",
                if self.spontaneous() {
                    "spontanees"
                } else {
                    "vivier"
                },
            )
            .append_pair("metier", &self.metier)
            .append_pair("region", &self.region)
            .append_pair("experience", &self.experience)
            .append_pair("contrat", &self.contrat)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/recruteur/candidats?{query}")
    }

    /// The search, as the store reads it (what does not parse is left out).
    fn search(&self, board: &Board, scope: &Scope, page: u32) -> CandidateSearch {
        CandidateSearch {
            family: self
                .metier
                .parse::<i64>()
                .ok()
                .map(JobFamilyId)
                .filter(|id| board.job_families().iter().any(|f| f.id == *id)),
            region: RegionCode::parse(&self.region).ok(),
            min_experience: self.experience.trim().parse::<u8>().ok(),
            contract: ContractType::from_code(&self.contrat),
            hidden_from_any: scope.hidden_from_any(),
            page: page - 1,
            per_page: PER_PAGE,
        }
    }
}

/// One candidate of the list.
struct Person {
    user: i64,
    name: String,
    facts: Vec<(&'static str, String)>,
    /// The spontaneous application: its id, where it goes, when it came.
    application: Option<(i64, String, String)>,
}

#[derive(Template)]
#[template(path = "recruteur/candidats.html")]
struct PoolPage {
    layout: Layout,
    csrf: String,
    spontaneous: bool,
    notice: Option<&'static str>,
    people: Vec<Person>,
    total: String,
    families: Vec<Choice>,
    regions: Vec<Choice>,
    contracts: Vec<Choice>,
    experience: String,
    offers: Vec<Choice>,
    back: String,
    pool_href: String,
    spontaneous_href: String,
    pagination: PaginationView,
}

/// What a recruiter reads of a candidate in a list.
fn person(
    board: &Board,
    candidate: &Candidate,
    application: Option<(i64, String, String)>,
) -> Person {
    let profile = &candidate.profile;
    let mut facts = Vec::new();
    if !profile.current_job.is_empty() {
        facts.push(("Poste actuel", profile.current_job.clone()));
    }
    if let Some(region) = profile
        .region
        .as_ref()
        .and_then(|r| board.geography().region(r))
    {
        facts.push(("Région", region.name.clone()));
    }
    if let Some(years) = profile.experience_years {
        facts.push((
            "Expérience",
            match years {
                0 => "moins d’un an".to_owned(),
                1 => "1 an".to_owned(),
                n => format!("{n} ans"),
            },
        ));
    }
    let families: Vec<&str> = board
        .job_families()
        .iter()
        .filter(|f| profile.families.contains(&f.id))
        .map(|f| f.name.as_str())
        .collect();
    if !families.is_empty() {
        facts.push(("Métiers", families.join(", ")));
    }
    if !profile.contracts.is_empty() {
        let contracts: Vec<&str> = profile.contracts.iter().map(|c| c.label()).collect();
        facts.push(("Contrats", contracts.join(", ")));
    }
    if let Some(from) = profile.available_from {
        facts.push(("Disponible à partir du", crate::format::date_long(from)));
    }
    Person {
        user: candidate.user.id.0,
        name: candidate.user.display_name.clone(),
        facts,
        application,
    }
}

/// GET `/recruteur/candidats`.
pub async fn list(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    CsrfToken(csrf): CsrfToken,
    LenientQuery(query): LenientQuery<PoolQuery>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let board = state.catalog.board();
    let requested = query.page.parse::<u32>().unwrap_or(1).max(1);
    let (people, total) = if query.spontaneous() {
        let search = query.search(&board, &scope, requested);
        let (found, total) = state
            .store
            .spontaneous_applications(&scope.organisation_ids(), &search)
            .await?;
        let people = found
            .iter()
            .map(|(application, candidate): &(Application, Candidate)| {
                let about = (
                    application.id,
                    target_label(&scope, application),
                    day(application.created_at),
                );
                person(&board, candidate, Some(about))
            })
            .collect::<Vec<_>>();
        (people, total)
    } else {
        let search = query.search(&board, &scope, requested);
        let found = state.store.pool(&search).await?;
        let people = found
            .candidates
            .iter()
            .map(|candidate| person(&board, candidate, None))
            .collect();
        (people, found.total)
    };
    let pages = u32::try_from(total.div_ceil(u64::from(PER_PAGE)))
        .unwrap_or(u32::MAX)
        .max(1);
    let offers = super::published_offers(&state, &scope).await?;
    let choice = |value: String, label: String, current: &str| Choice {
        selected: value == current,
        value,
        label,
    };
    let (what, heading) = if query.spontaneous() {
        (
            ("candidature spontanée", "candidatures spontanées"),
            "Candidatures spontanées",
        )
    } else {
        (("personne", "personnes"), "Vivier de talents")
    };
    crate::page::render(&PoolPage {
        layout: recruiter_layout(
            &format!("Candidats : {}", heading.to_lowercase()),
            vec![Crumb::here("Candidats")],
        ),
        csrf,
        spontaneous: query.spontaneous(),
        notice: (query.fait == "proposee").then_some(
            "La proposition est envoyée : la personne reçoit un courriel avec le lien de l’offre.",
        ),
        people,
        total: crate::format::count(total as usize, what.0, what.1),
        families: board
            .job_families()
            .iter()
            .map(|f| choice(f.id.0.to_string(), f.name.clone(), &query.metier))
            .collect(),
        regions: board
            .geography()
            .regions()
            .iter()
            .map(|r| choice(r.code.as_str().to_owned(), r.name.clone(), &query.region))
            .collect(),
        contracts: ContractType::ALL
            .iter()
            .map(|c| choice(c.code().to_owned(), c.label().to_owned(), &query.contrat))
            .collect(),
        experience: query.experience.clone(),
        offers: super::offer_choices(&scope, &offers),
        back: if query.spontaneous() {
            "/recruteur/candidats?vue=spontanees".to_owned()
        } else {
            "/recruteur/candidats?vue=vivier".to_owned()
        },
        pool_href: "/recruteur/candidats?vue=vivier".to_owned(),
        spontaneous_href: "/recruteur/candidats?vue=spontanees".to_owned(),
        pagination: Pagination::new(requested.min(pages), pages).view(|n| query.href(n)),
    })
}

/// Where to go back after a proposal: one of the pages that offer the form.
fn back(retour: &str) -> String {
    let known = match retour {
        "/recruteur/candidats?vue=vivier" | "/recruteur/candidats?vue=spontanees" => true,
        other => other
            .strip_prefix("/recruteur/candidatures/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())),
    };
    let base = if known {
        retour
    } else {
        "/recruteur/candidats?vue=vivier"
    };
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}fait=proposee")
}

/// POST `/recruteur/candidats/{user}/proposer`.
pub async fn propose(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    Segments(user): Segments<String>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let scope = Scope::of(&state, signed_in, ip).await?;
    let mut fields = read_fields(pairs, &["offre", "retour"])?;
    let mut one = |name: &str| {
        fields
            .remove(name)
            .and_then(|mut v| v.pop())
            .unwrap_or_default()
    };
    let (offer_id, retour) = (one("offre"), one("retour"));
    let user = user
        .parse::<i64>()
        .map(UserId)
        .map_err(|_| PageError::NotFound)?;
    let Some(candidate) = state.store.candidate(user).await? else {
        return Err(PageError::NotFound);
    };
    if offer_id.is_empty() {
        return Err(PageError::BadRequest(
            "Choisissez l’offre à proposer.".to_owned(),
        ));
    }
    let offer = scope.offer(&state, &offer_id).await?;
    if offer.data.state != OfferState::Publiee {
        return Err(PageError::BadRequest(
            "Cette offre n’est pas publiée : seule une offre publiée peut être proposée."
                .to_owned(),
        ));
    }
    if !offer.data.is_active(state.config.clock.today()) {
        return Err(PageError::BadRequest(
            "La date limite de candidature de cette offre est passée : elle ne peut plus être \
             proposée."
                .to_owned(),
        ));
    }
    let hidden = &candidate.profile.hidden_from;
    let in_pool = candidate.pool_since.is_some() && scope.sees_profile(hidden);
    let applied = state
        .store
        .applications_of_candidate(user)
        .await?
        .iter()
        .any(|a| {
            !a.status.is_final()
                && match a.target {
                    Target::State => scope.sees_profile(hidden),
                    Target::Organisation(o) => scope.manages(o),
                    Target::Offer(_) => false,
                }
        });
    let visible = visible_to(hidden, offer.data.organisation_id, |org, ancestor| {
        scope.tree().is_within(org, ancestor)
    });
    if !(in_pool || applied) || !visible {
        scope.deny(&state, &format!("candidat {}", user.0)).await;
        return Err(PageError::NotFound);
    }
    let base = state.config.public_url.as_str().trim_end_matches('/');
    let mail = super::mails::proposal(
        &candidate.user.email,
        &candidate.user.display_name,
        &organisation_name(&scope, offer.data.organisation_id),
        &offer.data.title,
        format!("{base}/emploi/{}", offer.data.slug),
    )?;
    let proposal = Proposal {
        offer: offer.id,
        candidate: user,
        by: scope.signed_in.user.id,
        now: crate::auth::session::now(),
    };
    match state.store.propose(&proposal, &mail).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(PageError::Conflict(format!(
                "L’offre « {} » a déjà été proposée à cette personne : aucun nouveau courriel \
                 n’est envoyé.",
                offer.data.title
            )));
        }
        Err(error) => return Err(error.into()),
    }
    scope
        .audit(
            &state,
            "candidat.proposition",
            &format!("candidat {}", user.0),
            &format!("offre {}", offer.id.0),
        )
        .await;
    Ok(Redirect::to(&back(&retour)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proposal_goes_back_only_to_the_pages_that_offer_it() {
        assert_eq!(
            back("/recruteur/candidats?vue=spontanees"),
            "/recruteur/candidats?vue=spontanees&fait=proposee"
        );
        assert_eq!(
            back("/recruteur/candidatures/42"),
            "/recruteur/candidatures/42?fait=proposee"
        );
        for elsewhere in [
            "https://ailleurs.example/",
            "//ailleurs.example",
            "/recruteur/candidatures/",
            "/recruteur/candidatures/4/../../x",
            "",
        ] {
            assert_eq!(
                back(elsewhere),
                "/recruteur/candidats?vue=vivier&fait=proposee",
                "{elsewhere}"
            );
        }
    }
}
