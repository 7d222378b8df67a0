//! A test application: the real router on a real (in-memory) SQLite store holding a small,
//! hand-written board whose every offer has a known purpose.

// Test support: a failed set-up should stop the test loudly.
#![allow(dead_code, clippy::unwrap_used)]

pub mod accounts;
pub mod alerts;
pub mod browser;
pub mod candidates;
pub mod npm;
pub mod pdf;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use time::Date;
use time::macros::date;
use tower::ServiceExt;
use url::Url;
use vivier_domain::geo::{CommuneCode, DepartmentCode, RegionCode};
use vivier_domain::offer::{
    ApplyMethod, Category, ContractType, Location, Offer, OfferData, OfferSections, OfferState,
    Remote, Seniority, Source,
};
use vivier_domain::organisation::{
    EmployerPage, Organisation, OrganisationData, OrganisationKind, Testimony,
};
use vivier_domain::referential::{NewDomain, NewJobFamily};
use vivier_domain::{Email, OrganisationId, SalaryRange, Slug};
use vivier_store::Store;
use vivier_store_sqlite::SqliteStore;
use vivier_web::{AppState, Clock, WebConfig};

/// The date the tests live on.
pub const TODAY: Date = date!(2026 - 11 - 22);

/// How many filler offers the ministry of the armed forces publishes (for pagination).
pub const FILLERS: usize = 25;

/// The settings every test node uses.
pub fn config() -> WebConfig {
    WebConfig {
        public_url: Url::parse("https://vivier.example.gouv.fr").unwrap(),
        clock: Clock::Fixed(TODAY),
        page_cache_bytes: vivier_web::DEFAULT_PAGE_CACHE_BYTES,
        synonyms: vivier_search::Synonyms::builtin(),
        oidc: vivier_web::OidcConfig::default(),
        files: std::sync::Arc::new(vivier_files::objects::LocalStore::new(
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("files-{}", std::process::id())),
        )),
        retention: vivier_web::jobs::Retention::default(),
    }
}

/// GET `uri` from `router`.
pub async fn get(router: &Router, uri: &str) -> Answer {
    request(router, "GET", uri).await
}

/// Sends an empty `method` request for `uri` to `router`.
pub async fn request(router: &Router, method: &str, uri: &str) -> Answer {
    let response = router
        .clone()
        .oneshot(
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub store: Arc<dyn Store>,
    pub ministry: Organisation,
    pub direction: Organisation,
    pub service: Organisation,
    pub armees: Organisation,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (downloads).
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

async fn org(
    store: &dyn Store,
    slug_text: &str,
    name: &str,
    kind: OrganisationKind,
    parent: Option<OrganisationId>,
    page: EmployerPage,
) -> Organisation {
    store
        .create_organisation(&OrganisationData {
            slug: slug(slug_text),
            name: name.into(),
            acronym: None,
            kind,
            parent_id: parent,
            website: Some(Url::parse("https://www.numerique.gouv.fr/").unwrap()),
            logo_url: None,
            page,
        })
        .await
        .unwrap()
}

pub fn paris() -> Location {
    Location::France {
        region: RegionCode::parse("11").unwrap(),
        department: Some(DepartmentCode::parse("75").unwrap()),
        commune: Some(CommuneCode::parse("75056").unwrap()),
    }
}

impl TestApp {
    /// The test board on a private in-memory SQLite database.
    pub async fn new() -> Self {
        Self::on(Arc::new(SqliteStore::in_memory().await.unwrap())).await
    }

    /// The test board written into `store` (empty), and a node serving it.
    pub async fn on(store: Arc<dyn Store>) -> Self {
        Self::on_with(store, config()).await
    }

    /// The test board in a fresh in-memory store, served with `config`.
    pub async fn configured(config: WebConfig) -> Self {
        Self::on_with(Arc::new(SqliteStore::in_memory().await.unwrap()), config).await
    }

    /// The test board written into `store` (empty), and a node serving it with `config`.
    pub async fn on_with(store: Arc<dyn Store>, config: WebConfig) -> Self {
        store.migrate().await.unwrap();
        store
            .save_geography(&vivier_store::contract::small_geography())
            .await
            .unwrap();
        let dev = store
            .upsert_job_family(&NewJobFamily {
                slug: slug("developpement"),
                name: "Développement".into(),
                description: "Construire des services.".into(),
            })
            .await
            .unwrap();
        let data = store
            .upsert_job_family(&NewJobFamily {
                slug: slug("donnees"),
                name: "Données".into(),
                description: "Valoriser les données.".into(),
            })
            .await
            .unwrap();
        let ia = store
            .upsert_domain(&NewDomain {
                slug: slug("ia"),
                name: "Intelligence artificielle".into(),
            })
            .await
            .unwrap();
        let cloud = store
            .upsert_domain(&NewDomain {
                slug: slug("cloud"),
                name: "Cloud".into(),
            })
            .await
            .unwrap();

        let page = EmployerPage {
            raison_d_etre: Some("Transformer l’action publique par le numérique.".into()),
            valeurs: Some("- Intérêt général\n- Ouverture".into()),
            ..EmployerPage::default()
        };
        let ministry = org(
            &*store,
            "ministere-du-numerique",
            "Ministère du Numérique",
            OrganisationKind::Ministere,
            None,
            page,
        )
        .await;
        let direction = org(
            &*store,
            "direction-du-numerique",
            "Direction du numérique",
            OrganisationKind::Direction,
            Some(ministry.id),
            EmployerPage::default(),
        )
        .await;
        let service = org(
            &*store,
            "service-des-donnees",
            "Service des données",
            OrganisationKind::Service,
            Some(direction.id),
            EmployerPage::default(),
        )
        .await;
        let armees = org(
            &*store,
            "ministere-des-armees",
            "Ministère des Armées",
            OrganisationKind::Ministere,
            None,
            EmployerPage::default(),
        )
        .await;
        store
            .set_testimonies(
                ministry.id,
                &[Testimony {
                    name: "Awa Diallo".into(),
                    role: "Développeuse".into(),
                    text: "On construit pour tout le monde.".into(),
                    photo_url: None,
                }],
            )
            .await
            .unwrap();

        let base = OfferData {
            slug: slug("x"),
            reference: "REF".into(),
            title: "x".into(),
            organisation_id: armees.id,
            job_family_id: Some(dev.id),
            domain_ids: vec![],
            contract_types: vec![ContractType::TitulaireOuContractuel],
            category: Some(Category::A),
            remote: Remote::Partiel,
            open_to_juniors: false,
            seniority: Some(Seniority::Confirme),
            salary: None,
            location: paris(),
            state: OfferState::Publiee,
            published_on: Some(date!(2026 - 11 - 01)),
            deadline: Some(date!(2026 - 12 - 31)),
            source: Source::Vivier,
            source_reference: None,
            source_url: None,
            apply: ApplyMethod::Vivier,
            sections: OfferSections {
                mission: Some("Une mission.".into()),
                ..OfferSections::default()
            },
        };
        let offers = vec![
            OfferData {
                slug: slug("developpeuse-rust"),
                reference: "DN-2026-001".into(),
                title: "Développeuse ou développeur Rust".into(),
                organisation_id: service.id,
                domain_ids: vec![cloud.id],
                contract_types: vec![ContractType::ContractuelUniquement],
                open_to_juniors: true,
                salary: Some(SalaryRange::new(45_000, 60_000).unwrap()),
                published_on: Some(date!(2026 - 11 - 20)),
                deadline: Some(date!(2026 - 12 - 15)),
                apply: ApplyMethod::ExternalUrl(Url::parse("https://recrutement.example.gouv.fr/offre/1").unwrap()),
                sections: OfferSections {
                    mission: Some("Construire des services de données sécurisées.\n\n- écrire du Rust\n- relire le code".into()),
                    team: Some("Une équipe de huit personnes.".into()),
                    profile: Some("Vous aimez le travail bien fait.".into()),
                    ..OfferSections::default()
                },
                ..base.clone()
            },
            OfferData {
                slug: slug("data-scientist-ajaccio"),
                title: "Data scientist".into(),
                organisation_id: direction.id,
                job_family_id: Some(data.id),
                domain_ids: vec![ia.id],
                remote: Remote::Total,
                location: Location::France {
                    region: RegionCode::parse("94").unwrap(),
                    department: Some(DepartmentCode::parse("2A").unwrap()),
                    commune: Some(CommuneCode::parse("2A004").unwrap()),
                },
                published_on: Some(date!(2026 - 11 - 19)),
                deadline: None,
                apply: ApplyMethod::Email(Email::parse("recrutement@numerique.gouv.fr").unwrap()),
                sections: OfferSections { mission: Some("Modèles statistiques et apprentissage automatique.".into()), ..OfferSections::default() },
                ..base.clone()
            },
            OfferData {
                slug: slug("chef-de-projet-expire"),
                title: "Chef de projet expiré".into(),
                contract_types: vec![ContractType::Stage],
                location: Location::France {
                    region: RegionCode::parse("11").unwrap(),
                    department: Some(DepartmentCode::parse("92").unwrap()),
                    commune: Some(CommuneCode::parse("92050").unwrap()),
                },
                published_on: Some(date!(2026 - 10 - 01)),
                deadline: Some(date!(2026 - 11 - 21)),
                ..base.clone()
            },
            OfferData { slug: slug("administrateur-pourvu"), title: "Administrateur systèmes pourvu".into(), state: OfferState::Pourvue, ..base.clone() },
            OfferData { slug: slug("architecte-cloture"), title: "Architecte clôturé".into(), state: OfferState::Cloturee, ..base.clone() },
            OfferData { slug: slug("brouillon-secret"), title: "Brouillon secret".into(), state: OfferState::Brouillon, published_on: None, ..base.clone() },
        ];
        store.create_offers(&offers).await.unwrap();
        let fillers: Vec<_> = (1..=FILLERS)
            .map(|i| OfferData {
                slug: slug(&format!("offre-numero-{i}")),
                title: format!("Offre numéro {i}"),
                published_on: Some(
                    date!(2026 - 10 - 01).saturating_add(time::Duration::days(i as i64)),
                ),
                deadline: Some(
                    date!(2026 - 12 - 01).saturating_add(time::Duration::days(i as i64)),
                ),
                ..base.clone()
            })
            .collect();
        store.create_offers(&fillers).await.unwrap();

        let state = AppState::load(store.clone(), config).await.unwrap();
        Self {
            router: vivier_web::router(state.clone()),
            state,
            store,
            ministry,
            direction,
            service,
            armees,
        }
    }

    pub async fn get(&self, uri: &str) -> Answer {
        get(&self.router, uri).await
    }

    pub async fn request(&self, method: &str, uri: &str) -> Answer {
        request(&self.router, method, uri).await
    }

    pub async fn offer(&self, slug_text: &str) -> Offer {
        self.store
            .offer_by_slug(&slug(slug_text))
            .await
            .unwrap()
            .unwrap()
    }
}

/// The mails written to the outbox since the last call (each is handed out once, like a
/// sender claiming it).
pub async fn new_mails(store: &dyn Store) -> Vec<vivier_store::accounts::OutgoingMail> {
    let far = time::OffsetDateTime::now_utc().unix_timestamp() + 10 * 365 * 86_400;
    store
        .claim_mail(far, 1_000_000_000, 1_000)
        .await
        .unwrap()
        .into_iter()
        .map(|queued| queued.mail)
        .collect()
}

/// Sends `request` to `router`.
pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}
