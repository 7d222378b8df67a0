//! Tenant isolation, as a property: over a random organisation tree with random recruiters and
//! offers, a recruiter reaches nothing of an organisation outside their subtrees — by id, by
//! slug, through the list's filters and search, the CSV exports or the public API; neither an
//! offer's applications nor one application (read, moved, noted, its CV downloaded), nor a
//! proposal of the offer to a candidate — and changes nothing there. At least 1,000
//! cross-organisation cases per run, each checked against an oracle written apart from the
//! code under test (it walks parent links itself); positive controls make sure the same requests
//! do reach what the recruiter manages.
//!
//! The run is reproducible: it prints its seed, and `VIVIER_ISOLATION_SEED=N` replays it.

#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use axum::http::StatusCode;
use common::TestApp;
use common::accounts::agent;
use common::browser::Browser;
use common::candidates::{apply, candidate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use vivier_domain::account::OrgRole;
use vivier_domain::candidate::{ApplicationStatus, Target};
use vivier_domain::offer::{Offer, OfferData, OfferState};
use vivier_domain::organisation::{EmployerPage, Organisation, OrganisationData, OrganisationKind};
use vivier_domain::{OrganisationId, Slug};
use vivier_store::Store;

/// Cross-organisation cases per run and backend (the issue asks for at least 1,000).
const CASES: usize = 1_200;
const ORGANISATIONS: usize = 14;
const RECRUITERS: usize = 8;

/// A recruiter of the world: their browser and memberships.
struct Recruiter {
    browser: Browser,
    memberships: Vec<(OrganisationId, OrgRole)>,
}

/// The world the cases run in.
struct World {
    organisations: Vec<Organisation>,
    offers: Vec<Offer>,
    /// The application to each offer (published ones only), from a candidate named after the
    /// offer's marker.
    applications: Vec<Option<i64>>,
    /// A candidate of the talent pool, hidden from nobody.
    pooled: vivier_domain::UserId,
    recruiters: Vec<Recruiter>,
}

impl World {
    /// The oracle: whether `recruiter` manages `organisation`, walking parent links up from it.
    fn manages(&self, recruiter: &Recruiter, organisation: OrganisationId) -> bool {
        let parent: HashMap<_, _> = self
            .organisations
            .iter()
            .map(|o| (o.id, o.data.parent_id))
            .collect();
        let mut current = Some(organisation);
        while let Some(id) = current {
            if recruiter
                .memberships
                .iter()
                .any(|&(org, role)| org == id && role != OrgRole::Organiser)
            {
                return true;
            }
            current = parent.get(&id).copied().flatten();
        }
        false
    }

    fn organisation(&self, id: OrganisationId) -> &Organisation {
        self.organisations.iter().find(|o| o.id == id).unwrap()
    }
}

/// A marker that names one offer and nothing else.
fn marker(index: usize) -> String {
    format!("Marqueur{index:03}x")
}

async fn build(app: &TestApp, rng: &mut StdRng) -> World {
    let store = &app.store;
    let mut organisations = store.organisations().await.unwrap();
    for i in 0..ORGANISATIONS {
        let parent = rng
            .random_bool(0.7)
            .then(|| organisations[rng.random_range(0..organisations.len())].id);
        let created = store
            .create_organisation(&OrganisationData {
                slug: Slug::parse(&format!("organisation-{i}")).unwrap(),
                name: format!("Organisation {i}"),
                acronym: None,
                kind: OrganisationKind::Service,
                parent_id: parent,
                website: None,
                logo_url: None,
                page: EmployerPage {
                    raison_d_etre: Some(format!("Page de l’organisation {i}.")),
                    ..EmployerPage::default()
                },
            })
            .await
            .unwrap();
        organisations.push(created);
    }
    let template = app.offer("developpeuse-rust").await.data;
    let mut batch = Vec::new();
    for (i, organisation) in organisations.iter().enumerate() {
        for (j, state) in [
            OfferState::Brouillon,
            OfferState::Publiee,
            OfferState::Cloturee,
        ]
        .into_iter()
        .enumerate()
        {
            let index = i * 3 + j;
            batch.push(OfferData {
                slug: Slug::parse(&format!("offre-isolee-{index}")).unwrap(),
                title: format!("Poste {}", marker(index)),
                reference: format!("ISO-{index}"),
                organisation_id: organisation.id,
                state,
                ..template.clone()
            });
        }
    }
    store.create_offers(&batch).await.unwrap();
    let mut offers = Vec::new();
    let mut applications = Vec::new();
    for (index, data) in batch.iter().enumerate() {
        let offer = store.offer_by_slug(&data.slug).await.unwrap().unwrap();
        let application = if offer.data.state == OfferState::Publiee {
            let user = candidate(
                app,
                &format!("candidat{index}@exemple.fr"),
                &format!("Candidat {}", marker(index)),
            )
            .await;
            let motivation = format!("Motivation de {}", marker(index));
            // A CV whose file holds the marker, so that a download that leaks shows it.
            let key = format!("cv/isolation-{index}");
            app.state
                .config
                .files
                .put(
                    &vivier_files::objects::ObjectKey::parse(&key).unwrap(),
                    format!("%PDF-1.7 CV de {}", marker(index)).into(),
                )
                .await
                .unwrap();
            let cv = store
                .add_cv(&vivier_store::candidates::NewCv {
                    user: user.id,
                    key,
                    filename: "cv.pdf".into(),
                    bytes: 30,
                    pages: 1,
                    now: 1_000,
                })
                .await
                .unwrap()
                .id;
            Some(
                apply(
                    app,
                    &user,
                    Target::Offer(offer.id),
                    &motivation,
                    Some(cv),
                    1_000,
                )
                .await
                .id,
            )
        } else {
            None
        };
        offers.push(offer);
        applications.push(application);
    }
    let pooled = candidate(app, "vivier@exemple.fr", "Personne du vivier").await;
    store.set_pool(pooled.id, true, 100).await.unwrap();
    let mut recruiters = Vec::new();
    for r in 0..RECRUITERS {
        let count = rng.random_range(1..=2);
        let memberships: Vec<_> = (0..count)
            .map(|_| {
                let org = organisations[rng.random_range(0..organisations.len())].id;
                let role = [OrgRole::Recruiter, OrgRole::OrgAdmin, OrgRole::Organiser]
                    [rng.random_range(0..3)];
                (org, role)
            })
            .collect();
        // Every recruiter recruits somewhere (an organiser alone never reaches these routes).
        let mut memberships = memberships;
        if memberships
            .iter()
            .all(|&(_, role)| role == OrgRole::Organiser)
        {
            memberships[0].1 = OrgRole::Recruiter;
        }
        memberships.sort();
        memberships.dedup();
        let mut browser = agent(app, &format!("recruteur{r}@exemple.gouv.fr"), &memberships).await;
        let form = browser.get("/recruteur/offres/nouvelle").await;
        assert_eq!(form.status, StatusCode::OK);
        recruiters.push(Recruiter {
            browser,
            memberships,
        });
    }
    app.state.catalog.refresh().await.unwrap();
    World {
        organisations,
        offers,
        applications,
        pooled: pooled.id,
        recruiters,
    }
}

/// The ways a recruiter might reach another organisation's things.
const VECTORS: [&str; 20] = [
    "lire par id",
    "modifier par id",
    "publier par id",
    "pourvoir par id",
    "clôturer par id",
    "dupliquer par id",
    "page employeur par slug",
    "modifier la page employeur par slug",
    "modifier les témoignages par slug",
    "liste filtrée par organisation",
    "recherche dans la liste",
    "export CSV",
    "API publique et page publique",
    "candidatures d’une offre",
    "export CSV des candidatures",
    "proposer l’offre à un candidat",
    "lire une candidature par id",
    "changer l’étape d’une candidature par id",
    "noter une candidature par id",
    "télécharger le CV d’une candidature par id",
];

/// The public side: only for drafts (published offers are public by design).
const PUBLIC: usize = 12;
/// The vectors that need an application to the offer (published offers only).
const BY_APPLICATION: std::ops::Range<usize> = 16..20;

/// The vectors that apply to an offer in `state`.
fn vectors_for(state: OfferState) -> Vec<usize> {
    (0..VECTORS.len())
        .filter(|&v| v != PUBLIC || state == OfferState::Brouillon)
        .filter(|v| !BY_APPLICATION.contains(v) || state == OfferState::Publiee)
        .collect()
}

/// Runs one case; returns a description of the leak, if any.
async fn attempt(
    app: &TestApp,
    world: &mut World,
    who: usize,
    offer: usize,
    vector: usize,
) -> Option<String> {
    let target = world.offers[offer].clone();
    let organisation = world.organisation(target.data.organisation_id).clone();
    // The title is "Poste MarqueurNNNx"; searches ask for the marker alone, so that a page
    // echoing the query (the search field) is not mistaken for a result.
    let mark = target.data.title.clone();
    let query = mark.trim_start_matches("Poste ").to_owned();
    let application = world.applications[offer];
    let pooled = world.pooled.0;
    let browser = &mut world.recruiters[who].browser;
    let id = target.id.0;
    let slug = organisation.data.slug.to_string();
    let form_fields = [
        ("action", "enregistrer"),
        ("organisation", &organisation.id.0.to_string()),
        ("intitule", "Volée"),
    ]
    .map(|(k, v)| (k, v.to_owned()));
    let fields: Vec<(&str, &str)> = form_fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let page_fields: Vec<(&str, &str)> = [
        "site",
        "raison_d_etre",
        "valeurs",
        "enjeux",
        "missions",
        "projets",
        "organisation",
        "chiffres_cles",
        "profils_recherches",
        "processus_recrutement",
        "nous_rejoindre",
    ]
    .iter()
    .map(|name| {
        (
            *name,
            if *name == "raison_d_etre" {
                "Volée"
            } else {
                ""
            },
        )
    })
    .collect();
    let (answer, must_be_404) = match vector {
        0 => (browser.get(&format!("/recruteur/offres/{id}")).await, true),
        1 => (
            browser
                .post(&format!("/recruteur/offres/{id}"), &fields)
                .await,
            true,
        ),
        2..=5 => {
            let step = ["publier", "pourvoir", "cloturer", "dupliquer"][vector - 2];
            (
                browser
                    .post(&format!("/recruteur/offres/{id}/{step}"), &[])
                    .await,
                true,
            )
        }
        6 => (
            browser.get(&format!("/recruteur/employeurs/{slug}")).await,
            true,
        ),
        7 => (
            browser
                .post(&format!("/recruteur/employeurs/{slug}"), &page_fields)
                .await,
            true,
        ),
        8 => {
            let fields = [
                ("temoin1_nom", "Volé"),
                ("temoin1_fonction", "x"),
                ("temoin1_texte", "x"),
            ];
            let path = format!("/recruteur/employeurs/{slug}/temoignages");
            (browser.post(&path, &fields).await, true)
        }
        9 => (
            browser
                .get(&format!("/recruteur/offres?organisation={slug}"))
                .await,
            false,
        ),
        10 => (
            browser.get(&format!("/recruteur/offres?q={query}")).await,
            false,
        ),
        11 => (
            browser
                .get(&format!("/recruteur/offres/export.csv?q={query}"))
                .await,
            false,
        ),
        13 => (
            browser
                .get(&format!("/recruteur/offres/{id}/candidatures"))
                .await,
            true,
        ),
        14 => (
            browser
                .get(&format!("/recruteur/offres/{id}/candidatures.csv"))
                .await,
            true,
        ),
        15 => {
            let path = format!("/recruteur/candidats/{pooled}/proposer");
            let offer = id.to_string();
            (browser.post(&path, &[("offre", &offer)]).await, true)
        }
        16..=19 => {
            let path = format!("/recruteur/candidatures/{}", application.unwrap());
            let answer = match vector {
                16 => browser.get(&path).await,
                17 => {
                    let fields = [
                        ("depuis", "nouvelle"),
                        ("etape", "refusee"),
                        ("raisons", "profil"),
                        ("commentaire", "Volée"),
                    ];
                    browser.post(&format!("{path}/etape"), &fields).await
                }
                18 => {
                    let fields = [("note", "Volée")];
                    browser.post(&format!("{path}/notes"), &fields).await
                }
                _ => browser.get(&format!("{path}/cv")).await,
            };
            (answer, true)
        }
        _ => {
            // Drafts never reach the public side.
            for path in [
                format!("/api/v1/offres/{}", target.data.slug),
                format!("/emploi/{}", target.data.slug),
            ] {
                let answer = app.get(&path).await;
                if answer.status != StatusCode::NOT_FOUND {
                    return Some(format!("{path}: {}", answer.status));
                }
            }
            let search = app.get(&format!("/api/v1/offres?q={query}")).await;
            return search
                .body
                .contains(&mark)
                .then(|| "brouillon dans l’API".to_owned());
        }
    };
    if must_be_404 && answer.status != StatusCode::NOT_FOUND {
        return Some(format!("{}: {}", VECTORS[vector], answer.status));
    }
    if answer.body.contains(&mark) {
        return Some(format!("{}: le marqueur {mark} apparaît", VECTORS[vector]));
    }
    // The applications' pages echo nothing of the request: the marker alone (in candidates'
    // names and motivations) must not appear either.
    if vector > PUBLIC && answer.body.contains(&query) {
        return Some(format!("{}: le marqueur {query} apparaît", VECTORS[vector]));
    }
    None
}

/// Every organisation's testimonies.
async fn testimonies(
    app: &TestApp,
    world: &World,
) -> Vec<Vec<vivier_domain::organisation::Testimony>> {
    let mut all = Vec::new();
    for organisation in &world.organisations {
        all.push(app.store.testimonies(organisation.id).await.unwrap());
    }
    all
}

async fn isolation_holds(store: Arc<dyn Store>) {
    let seed = std::env::var("VIVIER_ISOLATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random::<u64>);
    println!("isolation: seed {seed} (VIVIER_ISOLATION_SEED={seed} replays this run)");
    let mut rng = StdRng::seed_from_u64(seed);
    let app = TestApp::on(store).await;
    let mut world = build(&app, &mut rng).await;
    let offers_before = app
        .store
        .offers_of_organisations(&world.organisations.iter().map(|o| o.id).collect::<Vec<_>>())
        .await
        .unwrap();
    let organisations_before = app.store.organisations().await.unwrap();
    let testimonies_before = testimonies(&app, &world).await;

    let mut leaks = Vec::new();
    let mut cases = 0;
    let mut controls = 0;
    let mut application_controls = 0;
    let mut per_vector = [0usize; VECTORS.len()];
    while cases < CASES {
        let who = rng.random_range(0..world.recruiters.len());
        let offer = rng.random_range(0..world.offers.len());
        let organisation = world.offers[offer].data.organisation_id;
        if world.manages(&world.recruiters[who], organisation) {
            // Positive controls: the same requests reach what the recruiter manages.
            let target = &world.offers[offer];
            let (id, title) = (target.id.0, target.data.title.clone());
            let browser = &mut world.recruiters[who].browser;
            let page = browser.get(&format!("/recruteur/offres/{id}")).await;
            assert_eq!(
                page.status,
                StatusCode::OK,
                "recruiter {who} manages offer {id}"
            );
            let query = title.trim_start_matches("Poste ");
            let list = browser.get(&format!("/recruteur/offres?q={query}")).await;
            assert!(
                list.body.contains(&title),
                "recruiter {who} finds offer {id}"
            );
            // And the offer's applications.
            if let Some(application) = world.applications[offer] {
                let list = browser
                    .get(&format!("/recruteur/offres/{id}/candidatures"))
                    .await;
                assert!(
                    list.body.contains(query),
                    "recruiter {who} lists the applications to offer {id}"
                );
                let page = browser
                    .get(&format!("/recruteur/candidatures/{application}"))
                    .await;
                assert_eq!(
                    page.status,
                    StatusCode::OK,
                    "recruiter {who} reads {application}"
                );
                assert!(page.body.contains(&format!("Motivation de {query}")));
                let cv = browser
                    .get(&format!("/recruteur/candidatures/{application}/cv"))
                    .await;
                assert_eq!(cv.status, StatusCode::OK, "recruiter {who} reads the CV");
                assert!(cv.body.contains(query), "the CV of {application}");
                application_controls += 1;
            }
            controls += 1;
            continue;
        }
        let vectors = vectors_for(world.offers[offer].data.state);
        let vector = vectors[rng.random_range(0..vectors.len())];
        if let Some(leak) = attempt(&app, &mut world, who, offer, vector).await {
            leaks.push(format!("recruteur {who}, offre {offer}: {leak}"));
        }
        per_vector[vector] += 1;
        cases += 1;
    }

    // Nothing of anyone changed: every offer and organisation is as it was, no copy was made.
    let offers_after = app
        .store
        .offers_of_organisations(&world.organisations.iter().map(|o| o.id).collect::<Vec<_>>())
        .await
        .unwrap();
    assert_eq!(offers_after.len(), offers_before.len(), "no offer created");
    for (before, after) in offers_before.iter().zip(&offers_after) {
        assert_eq!(before.data, after.data, "offer {} changed", before.id.0);
    }
    assert_eq!(
        app.store.organisations().await.unwrap(),
        organisations_before
    );
    assert_eq!(testimonies(&app, &world).await, testimonies_before);
    // Every application is where it was, without a note; no mail went (a refusal or a proposal
    // would have queued one).
    for id in world.applications.iter().flatten() {
        let stored = app.store.application(*id).await.unwrap().unwrap();
        assert_eq!(
            stored.status,
            ApplicationStatus::New,
            "application {id} moved"
        );
        assert!(
            app.store.notes(*id).await.unwrap().is_empty(),
            "application {id} noted"
        );
    }
    assert!(
        common::new_mails(app.store.as_ref()).await.is_empty(),
        "a mail was queued"
    );
    assert!(
        leaks.is_empty(),
        "{} leaks (seed {seed}):\n{}",
        leaks.len(),
        leaks.join("\n")
    );
    assert!(controls > 0, "no positive control ran");
    assert!(
        application_controls > 0,
        "no positive control of the applications ran"
    );
    println!(
        "isolation: {cases} cross-organisation cases, 0 leaks, {controls} positive controls \
         ({application_controls} on applications); per vector: {}",
        VECTORS
            .iter()
            .zip(per_vector)
            .map(|(v, n)| format!("{v} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[tokio::test]
async fn no_recruiter_reaches_another_organisation_on_sqlite() {
    let store: Arc<dyn Store> =
        Arc::new(vivier_store_sqlite::SqliteStore::in_memory().await.unwrap());
    isolation_holds(store).await;
}

#[tokio::test]
async fn no_recruiter_reaches_another_organisation_on_postgresql() {
    let Some(schema) = vivier_store_postgres::testing::private_schema("isolation").await else {
        return;
    };
    isolation_holds(Arc::new(schema.store.clone())).await;
    schema.drop().await;
}
