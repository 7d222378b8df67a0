//! Writing the sections of an offer from the family's fragments, the organisation and the
//! choices already made (contract, remote work, place…).

use rand::Rng;
use rand::seq::IndexedRandom;
use vivier_domain::offer::{ApplyMethod, ContractType, OfferSections, Remote, Seniority};

use super::Draft;
use crate::grammar::{a, capitalize, de, uncapitalize};

/// Sentences that fit any context section.
const GENERIC_CONTEXTS: &[&str] = &[
    "L'équipe suit une approche produit : petites équipes autonomes, mesure de l'impact et \
     amélioration continue.",
    "Ce recrutement s'inscrit dans un plan de renforcement des compétences internes, pour \
     moins dépendre des prestataires.",
    "Le poste est créé pour accompagner la montée en charge du service.",
    "Le poste est à pourvoir à la suite d'une mobilité interne.",
    "Le service publie ses codes sources et partage ses outils avec d'autres \
     administrations.",
    "Les équipes travaillent dans des locaux récemment rénovés, facilement accessibles en \
     transports en commun.",
];

/// Benefits that apply to any State job (list items).
const BENEFITS: &[&str] = &[
    "Prise en charge partielle de l'abonnement aux transports en commun",
    "Forfait mobilités durables pour les trajets à vélo ou en covoiturage",
    "Restaurant administratif ou titres-restaurant selon le site",
    "Congés annuels et jours de réduction du temps de travail (RTT)",
    "Horaires variables, dans le respect des nécessités du service",
    "Plan de formation individualisé, conférences et temps de veille",
    "Participation de l'employeur à la complémentaire santé",
    "Action sociale : aides pour la famille, le logement et les loisirs",
    "Accès à la communauté des métiers du numérique de l'État : événements, mentorat, \
     entraide",
    "Possibilité de contribuer à des projets en source ouverte sur votre temps de travail",
    "Matériel de travail récent, choisi avec l'équipe",
    "Places en crèche selon les disponibilités",
];

/// Personal qualities (sentences).
const QUALITIES: &[&str] = &[
    "Vous aimez apprendre et partager ce que vous savez.",
    "Vous savez avancer par petites étapes quand le chemin n'est pas tracé d'avance.",
    "Le sens de l'intérêt général vous motive.",
    "Vous êtes autonome et savez demander de l'aide quand il le faut.",
    "Vous appréciez le travail en équipe, avec des profils très différents du vôtre.",
    "Vous faites preuve de curiosité et de rigueur.",
];

/// Interview steps (lists of list items).
const STEPS: &[&[&str]] = &[
    &[
        "Un premier échange de 30 minutes en visioconférence avec le ou la responsable du poste",
        "Un entretien d'une heure avec l'équipe",
        "Une réponse sous deux semaines",
    ],
    &[
        "Un entretien avec le ou la manager et un membre de l'équipe",
        "Un échange avec les ressources humaines sur les conditions d'emploi et de rémunération",
    ],
    &[
        "Une présélection sur dossier",
        "Un entretien technique, appuyé sur un cas pratique préparé à l'avance",
        "Un entretien final avec la direction",
    ],
    &[
        "Un entretien avec le jury de recrutement",
        "Une prise de références, avec votre accord",
        "Une proposition écrite précisant le contrat et la rémunération",
    ],
];

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Writes every section of the offer; some are left empty on some offers.
pub(super) fn write(draft: &Draft<'_>, rng: &mut impl Rng) -> OfferSections {
    OfferSections {
        mission: Some(mission(draft, rng)),
        context: rng.random_bool(0.95).then(|| context(draft, rng)),
        activities: rng.random_bool(0.92).then(|| activities(draft, rng)),
        team: rng.random_bool(0.6).then(|| team(draft, rng)),
        profile: rng.random_bool(0.9).then(|| profile(draft, rng)),
        benefits: rng.random_bool(0.7).then(|| benefits(draft, rng)),
        recruitment_process: (!matches!(draft.apply, ApplyMethod::Vivier) || rng.random_bool(0.6))
            .then(|| recruitment_process(draft, rng)),
        special_conditions: special_conditions(draft, rng),
    }
}

/// Between `min` and `max` distinct items of a pool, in random order.
fn pick_some<'p>(
    pool: &'p [&'static str],
    min: usize,
    max: usize,
    rng: &mut impl Rng,
) -> Vec<&'p str> {
    let amount = rng.random_range(min..=max).min(pool.len());
    pool.choose_multiple(rng, amount).copied().collect()
}

fn list(items: &[&str]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("- ");
        out.push_str(item);
    }
    out
}

fn mission(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let first = draft.title.mission;
    // The family's generic sentences only go with titles that have no lists of their own.
    let second = if draft.title.fits_family() {
        draft
            .family
            .missions
            .choose(rng)
            .copied()
            .unwrap_or_default()
    } else {
        ""
    };
    let mut text = match draft.org {
        Some(org) if rng.random_bool(0.4) => {
            format!("Au sein {}, {}", de(org.short), uncapitalize(first))
        }
        _ => first.to_owned(),
    };
    if !second.is_empty() && rng.random_bool(0.5) {
        text.push(' ');
        text.push_str(second);
    }
    text
}

fn context(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let mut text = match draft.org {
        Some(org) => format!("{} {}.", capitalize(org.short), org.pitch),
        None => "Ce service de l'État renforce ses équipes numériques pour mener à bien ses \
                 projets."
            .to_owned(),
    };
    if let Some(sentence) = draft.family.contexts.choose(rng) {
        text.push(' ');
        text.push_str(sentence);
    }
    if rng.random_bool(0.4)
        && let Some(sentence) = GENERIC_CONTEXTS.choose(rng)
    {
        text.push(' ');
        text.push_str(sentence);
    }
    if rng.random_bool(0.5) {
        text.push_str("\n\n");
        match draft.country {
            Some(country) => {
                text.push_str(&format!("Le poste est basé à {} ({country}).", draft.city));
            }
            None => text.push_str(&format!("Le poste est basé à {}.", draft.city)),
        }
    }
    text
}

fn activities(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let items = pick_some(draft.title.activities(draft.family), 4, 6, rng);
    let intro = [
        "Vos principales activités :",
        "Au quotidien, vous serez amené·e à :",
        "Vous serez notamment chargé·e de :",
    ];
    let mut text = format!("{}\n\n", intro.choose(rng).copied().unwrap_or_default());
    // Lower-case the first letter after a colon introducing the list, as French typography wants.
    let items: Vec<String> = items.iter().map(|i| uncapitalize(i)).collect();
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    text.push_str(&list(&items));
    if rng.random_bool(0.8) {
        text.push_str(&format!(
            "\n\nEnvironnement technique et outils : {}.",
            draft.variant.stack
        ));
    }
    text
}

fn team(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let sentence = draft.family.teams.choose(rng).copied().unwrap_or_default();
    let size = rng.random_range(4..=18);
    let mut text = sentence.replace("{n}", &size.to_string());
    if let Some(org) = draft.org {
        match rng.random_range(0..6) {
            0 => text.push_str(
                " Vous rejoignez aussi la communauté des agents du numérique de l'État, ses \
                 événements et ses formations.",
            ),
            1 => text.push_str(&format!(
                " L'équipe est directement rattachée {} et présente ses travaux à la \
                 direction chaque mois.",
                a(org.short)
            )),
            _ => {}
        }
    }
    text
}

fn profile(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let intro = match draft.seniority {
        Some(Seniority::Debutant) => {
            "Ce poste est ouvert aux personnes en début de carrière, y compris aux jeunes \
             diplômé·es. Vous serez accompagné·e par un ou une référente."
        }
        Some(Seniority::Confirme) => {
            "Vous justifiez d'une expérience d'au moins deux ans sur des fonctions proches."
        }
        Some(Seniority::Expert) => {
            "Vous avez plus de sept ans d'expérience et avez déjà porté des sujets complexes \
             de bout en bout."
        }
        None => {
            "Votre parcours compte autant que vos diplômes : formation initiale, \
                 reconversion ou expérience acquise sur le terrain."
        }
    };
    let mut text = format!("{intro}\n\nVous apportez notamment :\n\n");
    let skills: Vec<String> = pick_some(draft.title.skills(draft.family), 3, 5, rng)
        .iter()
        .map(|s| uncapitalize(s))
        .collect();
    let skills: Vec<&str> = skills.iter().map(String::as_str).collect();
    text.push_str(&list(&skills));
    if let Some(quality) = QUALITIES.choose(rng) {
        text.push_str("\n\n");
        text.push_str(quality);
    }
    if draft.open_to_juniors && draft.seniority != Some(Seniority::Debutant) {
        text.push_str(
            " Les candidatures de profils juniors motivés seront étudiées avec attention.",
        );
    }
    text
}

fn benefits(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let mut items: Vec<String> = Vec::new();
    match draft.remote {
        Remote::Partiel => items.push(format!(
            "Télétravail jusqu'à {} jours par semaine",
            [2, 2, 3].choose(rng).copied().unwrap_or(2)
        )),
        Remote::Total => items.push(
            "Télétravail total, avec des regroupements de l'équipe une à deux fois par mois"
                .to_owned(),
        ),
        Remote::Aucun => {}
    }
    if draft
        .contract_types
        .contains(&ContractType::TitulaireOuContractuel)
    {
        items.push(
            "Poste ouvert aux fonctionnaires par voie de mutation ou de détachement".to_owned(),
        );
    }
    items.extend(
        pick_some(BENEFITS, 2, 4, rng)
            .into_iter()
            .map(str::to_owned),
    );
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    list(&items)
}

fn recruitment_process(draft: &Draft<'_>, rng: &mut impl Rng) -> String {
    let how = match &draft.apply {
        ApplyMethod::Vivier => "Candidatez directement sur Vivier avec votre CV ; une lettre de \
                                motivation est la bienvenue mais pas obligatoire."
            .to_owned(),
        ApplyMethod::Email(email) => format!(
            "Envoyez votre CV et quelques lignes de motivation à {email}, en rappelant la \
             référence {}.",
            draft.reference
        ),
        ApplyMethod::ExternalUrl(_) => format!(
            "Les candidatures sont reçues sur le site Choisir le service public, sous la \
             référence {}.",
            draft.reference
        ),
    };
    let steps = STEPS.choose(rng).copied().unwrap_or_default();
    format!("{how}\n\nLes étapes :\n\n{}", list(steps))
}

fn special_conditions(draft: &Draft<'_>, rng: &mut impl Rng) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let contracts = &draft.contract_types;
    if contracts.contains(&ContractType::Stage) {
        // `Month` counts from 1: its index in MONTHS is one less; start one to four months on.
        let month = usize::from(u8::from(draft.today.month()));
        let start = MONTHS[(month - 1 + rng.random_range(1..=4)) % 12];
        parts.push(format!(
            "Stage de {} mois à partir {}, dans le cadre d'une convention avec votre \
             établissement. Gratification selon la réglementation en vigueur.",
            [4, 5, 6].choose(rng).copied().unwrap_or(6),
            de(start)
        ));
    }
    if contracts.contains(&ContractType::Apprentissage) {
        parts.push(format!(
            "Contrat d'apprentissage de {} mois, en alternance avec une formation de niveau \
             licence, master ou école d'ingénieurs. Le rythme est défini avec l'établissement \
             de formation.",
            [12, 24, 24, 36].choose(rng).copied().unwrap_or(24)
        ));
    }
    if contracts.contains(&ContractType::ViaVie) {
        parts.push(format!(
            "Volontariat international en administration (VIA) de {} mois, ouvert aux \
             ressortissant·es de l'Espace économique européen âgé·es de 18 à 28 ans. \
             Indemnité mensuelle selon le pays d'affectation.",
            [12, 18, 24].choose(rng).copied().unwrap_or(12)
        ));
    }
    if contracts.contains(&ContractType::Freelance) {
        parts.push(
            "Mission en freelance de trois à six mois, renouvelable. Indiquez votre taux \
             journalier et vos disponibilités dans votre candidature."
                .to_owned(),
        );
    }
    if contracts.contains(&ContractType::ContractuelUniquement) && rng.random_bool(0.5) {
        parts.push("Contrat de droit public de trois ans, renouvelable.".to_owned());
    }
    let sensitive = draft
        .org
        .is_some_and(|o| o.domains.contains(&"defense-et-securite"));
    if sensitive && rng.random_bool(0.8) {
        parts.push(
            "Ce poste nécessite une habilitation au secret de la défense nationale ; la \
             procédure est engagée après votre recrutement."
                .to_owned(),
        );
    }
    if rng.random_bool(0.2) {
        let extra = [
            "Astreintes ponctuelles, organisées à tour de rôle et indemnisées.".to_owned(),
            "Déplacements ponctuels en région, quelques jours par trimestre.".to_owned(),
            "Prise de poste souhaitée dès que possible, en accord avec votre employeur actuel."
                .to_owned(),
        ];
        if let Some(extra) = extra.choose(rng) {
            parts.push(extra.clone());
        }
    }
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}
