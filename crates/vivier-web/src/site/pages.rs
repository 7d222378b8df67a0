//! The home page and the pages every public service site has.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use time::Date;

use crate::catalog::Board;
use crate::error::PageError;
use crate::offres::view::OfferCard;
use crate::page::{Crumb, Layout, Nav, render};
use crate::{AppState, format, richtext};

/// An employer as a tile.
struct EmployerTile {
    href: String,
    name: String,
    offers: String,
}

/// A key figure.
struct Figure {
    value: String,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "site/home.html")]
struct HomePage {
    layout: Layout,
    figures: Vec<Figure>,
    cards: Vec<OfferCard>,
    employers: Vec<EmployerTile>,
    job_families: Vec<(String, String)>,
}

/// `/`: search box, latest offers, employers, key figures.
pub async fn home(State(state): State<AppState>) -> Result<Response, PageError> {
    let board = state.catalog.board();
    let today = state.config.clock.today();
    board
        .pages()
        .html(format!("{today}|/"), || render_home(&board, today))
}

fn render_home(board: &Board, today: Date) -> Result<String, PageError> {
    let active: Vec<_> = board.active_offers(today).collect();
    let per_organisation = board.live_offers_by_organisation(today);
    let mut employers: Vec<_> = board
        .roots()
        .map(|o| {
            let count: usize = board
                .subtree(o.id)
                .iter()
                .map(|id| per_organisation.get(id).copied().unwrap_or(0))
                .sum();
            (o, count)
        })
        .collect();
    employers.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.data.name.cmp(&b.0.data.name))
    });
    let hiring = per_organisation.len();
    let layout = Layout::new(
        "Accueil",
        "Vivier rassemble les offres d’emploi du numérique de l’État : développement, données, \
         cybersécurité, produit, design, infrastructure. Découvrez les employeurs publics et \
         leurs métiers.",
        Nav::Home,
    );
    let template = HomePage {
        figures: vec![
            Figure {
                value: format::thousands(active.len() as u64),
                label: "offres ouvertes",
            },
            Figure {
                value: format::thousands(hiring as u64),
                label: "employeurs qui recrutent",
            },
            Figure {
                value: format::thousands(
                    active
                        .iter()
                        .filter(|o| o.offer.data.open_to_juniors)
                        .count() as u64,
                ),
                label: "offres ouvertes aux débutant·es",
            },
            Figure {
                value: format::thousands(board.job_families().len() as u64),
                label: "familles de métiers",
            },
        ],
        cards: active
            .iter()
            .take(6)
            .map(|o| OfferCard::new(board, o))
            .collect(),
        employers: employers
            .into_iter()
            .take(8)
            .map(|(o, count)| EmployerTile {
                href: format!("/employeurs/{}", o.data.slug),
                name: o.display_name(),
                offers: format::count(count, "offre ouverte", "offres ouvertes"),
            })
            .collect(),
        job_families: board
            .job_families()
            .iter()
            .map(|f| (format!("/offres-emploi?metier={}", f.slug), f.name.clone()))
            .collect(),
        layout,
    };
    Ok(template.render()?)
}

/// A section of a text page.
struct TextSection {
    title: &'static str,
    html: String,
}

#[derive(Template)]
#[template(path = "site/text.html")]
struct TextPage {
    layout: Layout,
    heading: &'static str,
    sections: Vec<TextSection>,
}

fn text_page(
    heading: &'static str,
    description: &'static str,
    sections: Vec<(&'static str, String)>,
) -> Result<Response, PageError> {
    let layout =
        Layout::new(heading, description, Nav::None).with_breadcrumb(vec![Crumb::here(heading)]);
    render(&TextPage {
        layout,
        heading,
        sections: sections
            .into_iter()
            .map(|(title, text)| TextSection {
                title,
                html: richtext::to_html(&text),
            })
            .collect(),
    })
}

/// `/mentions-legales`.
pub async fn legal() -> Result<Response, PageError> {
    text_page(
        "Mentions légales",
        "Éditeur, licences et sources des données de Vivier.",
        vec![
            (
                "Éditeur",
                "Vivier est le service public numérique de recrutement des talents du numérique de \
                 l’État. Cette instance est éditée et hébergée par l’administration qui l’exploite ; \
                 le directeur ou la directrice de la publication est son ou sa responsable."
                    .to_owned(),
            ),
            (
                "Contenus et réutilisation",
                "Sauf mention contraire, les contenus de ce site sont publiés sous licence \
                 Etalab 2.0 (Licence Ouverte) : vous pouvez les réutiliser librement en citant la \
                 source. Les offres d’emploi sont également disponibles par l’API publique \
                 (/api/v1/offres)."
                    .to_owned(),
            ),
            ("Données géographiques", vivier_assets::GEOGRAPHY_ATTRIBUTION.to_owned()),
            (
                "Système de design",
                format!(
                    "Ce site utilise le Système de design de l’État (DSFR), version {}. La marque de \
                     l’État et la police Marianne sont réservées aux sites de l’État.",
                    vivier_assets::DSFR_VERSION
                ),
            ),
        ],
    )
}

/// `/donnees-personnelles`.
pub async fn privacy() -> Result<Response, PageError> {
    text_page(
        "Données personnelles",
        "Quelles données personnelles Vivier traite, pourquoi, combien de temps, et vos droits.",
        vec![
            (
                "Ce que Vivier collecte aujourd’hui",
                "La consultation des offres et des pages employeurs ne demande aucun compte. Vivier \
                 ne dépose aucun cookie de mesure d’audience ni de publicité et n’intègre aucun \
                 service tiers de suivi.\n\nComme tout serveur web, Vivier journalise les requêtes \
                 reçues (adresse IP, page demandée, date) pour assurer la sécurité et le bon \
                 fonctionnement du service. Ces journaux sont conservés au plus un an."
                    .to_owned(),
            ),
            (
                "Comptes candidats et recruteurs",
                "Lorsque les comptes ouvriront, cette page détaillera les données collectées \
                 (profil, CV, candidatures), leurs finalités, leurs destinataires (les seuls \
                 recruteurs des offres auxquelles vous candidatez) et leurs durées de conservation, \
                 conformes aux recommandations de la CNIL en matière de recrutement."
                    .to_owned(),
            ),
            (
                "Vos droits",
                "Vous disposez d’un droit d’accès, de rectification, d’effacement, de limitation et \
                 d’opposition sur les données qui vous concernent. Pour les exercer, adressez-vous \
                 à l’administration qui exploite ce service. Si vous estimez, après l’avoir \
                 contactée, que vos droits ne sont pas respectés, vous pouvez adresser une \
                 réclamation à la CNIL (www.cnil.fr)."
                    .to_owned(),
            ),
        ],
    )
}

/// `/accessibilite`: an honest status.
pub async fn accessibility() -> Result<Response, PageError> {
    text_page(
        "Déclaration d’accessibilité",
        "État de conformité de Vivier au référentiel général d’amélioration de l’accessibilité (RGAA).",
        vec![
            (
                "État de conformité",
                "Vivier est non conforme avec le référentiel général d’amélioration de \
                 l’accessibilité (RGAA) version 4.1 : aucun audit de conformité n’a encore été \
                 réalisé. Le service est construit avec le Système de design de l’État, en \
                 français, et fonctionne sans JavaScript ; des tests automatisés d’accessibilité \
                 de ses pages sont en cours de mise en place."
                    .to_owned(),
            ),
            (
                "Ce qui est fait",
                "- composants du Système de design de l’État (DSFR)\n- structure de titres, \
                 liens d’évitement et fil d’Ariane sur chaque page\n- formulaires dont chaque \
                 champ a une étiquette\n- navigation possible au clavier et sans JavaScript"
                    .to_owned(),
            ),
            (
                "Retour d’information et contact",
                "Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez \
                 l’administration qui exploite ce site pour être orienté·e vers une alternative \
                 accessible ou obtenir le contenu sous une autre forme."
                    .to_owned(),
            ),
            (
                "Voies de recours",
                "Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu \
                 ou à une fonctionnalité du site, que vous nous le signalez et que vous ne \
                 parvenez pas à obtenir une réponse de notre part, vous êtes en droit de saisir le \
                 Défenseur des droits (www.defenseurdesdroits.fr) : par un formulaire en ligne, \
                 par un de ses délégués dans votre région, ou par courrier postal gratuit (Défenseur \
                 des droits, Libre réponse 71120, 75342 Paris CEDEX 07)."
                    .to_owned(),
            ),
        ],
    )
}

/// An entry of the site map, with its children.
struct SiteMapEntry {
    href: String,
    label: String,
    children: Vec<SiteMapEntry>,
}

#[derive(Template)]
#[template(path = "site/plan.html")]
struct SiteMapPage {
    layout: Layout,
    entries: Vec<SiteMapEntry>,
}

/// `/plan-du-site`.
pub async fn site_map(State(state): State<AppState>) -> Result<Response, PageError> {
    let board = state.catalog.board();
    let ministries: Vec<_> = board.roots().collect();
    let employer = |o: &vivier_domain::organisation::Organisation| SiteMapEntry {
        href: format!("/employeurs/{}", o.data.slug),
        label: o.display_name(),
        children: Vec::new(),
    };
    let entries = vec![
        SiteMapEntry {
            href: "/".into(),
            label: "Accueil".into(),
            children: Vec::new(),
        },
        SiteMapEntry {
            href: "/offres-emploi".into(),
            label: "Offres d’emploi".into(),
            children: board
                .job_families()
                .iter()
                .map(|f| SiteMapEntry {
                    href: format!("/offres-emploi?metier={}", f.slug),
                    label: format!("Offres en {}", f.name),
                    children: Vec::new(),
                })
                .collect(),
        },
        SiteMapEntry {
            href: "/employeurs".into(),
            label: "Employeurs".into(),
            children: ministries
                .into_iter()
                .map(|m| SiteMapEntry {
                    children: board
                        .children(m.id)
                        .into_iter()
                        .map(|c| employer(c))
                        .collect(),
                    ..employer(m)
                })
                .collect(),
        },
        SiteMapEntry {
            href: "/api/v1/offres".into(),
            label: "API des offres (JSON)".into(),
            children: Vec::new(),
        },
        SiteMapEntry {
            href: "/mentions-legales".into(),
            label: "Mentions légales".into(),
            children: Vec::new(),
        },
        SiteMapEntry {
            href: "/donnees-personnelles".into(),
            label: "Données personnelles".into(),
            children: Vec::new(),
        },
        SiteMapEntry {
            href: "/accessibilite".into(),
            label: "Accessibilité".into(),
            children: Vec::new(),
        },
    ];
    let layout = Layout::new("Plan du site", "Toutes les pages de Vivier.", Nav::None)
        .with_breadcrumb(vec![Crumb::here("Plan du site")]);
    render(&SiteMapPage { layout, entries })
}
