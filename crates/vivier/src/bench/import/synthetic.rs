//! A synthetic "Choisir le service public" file for `vivier bench import`: the real file's 30
//! columns, realistic cell sizes (~465 bytes a row: the real 183,000 rows make ~85 MB), ~5 %
//! digital offers, a few duplicated references and a few rows the importer must reject.

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, macros::date};
use vivier_import::columns::Column;
use vivier_import::csp::CspColumn;

/// What a generated file holds, to check an import's counts against.
///
/// A [`vivier_import::sync::scan`] of the file (built-in rule) counts `read == rows`,
/// `rejected == bad` and `kept == digital`; an import into a store without CSP offers creates
/// `digital - digital_duplicates` offers and rejects `bad + digital_duplicates` rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Synthetic {
    /// Data rows, the header left out.
    pub rows: u64,
    /// The file's size, header included.
    pub bytes: u64,
    /// Rows that map and that the built-in digital rule keeps, duplicates included.
    pub digital: u64,
    /// Rows that map and repeat the reference of an earlier row that maps, digital or not.
    pub duplicates: u64,
    /// The digital ones among `duplicates`: the import rejects them ("référence déjà lue");
    /// the others are left out by the rule before references are compared.
    pub digital_duplicates: u64,
    /// Rows that cannot be mapped (empty title or reference, title too long, unreadable first
    /// publication date, a stray separator), digital or not.
    pub bad: u64,
}

/// Share of the rows whose profile is digital.
const DIGITAL_SHARE: f64 = 0.05;
/// Share of the rows repeating an earlier reference.
const DUPLICATE_SHARE: f64 = 0.005;
/// Share of the rows that cannot be mapped, and the share of those given a digital profile (so
/// that the import's rejections are seen, not only the scan's).
const BAD_SHARE: f64 = 0.002;
const BAD_DIGITAL_SHARE: f64 = 0.3;
/// How many recent references a duplicate may repeat.
const RECENT: usize = 256;

/// Digital jobs: (title, job label); each matches the built-in rule by its title, its label or
/// both (tested).
#[rustfmt::skip]
const DIGITAL: &[(&str, &str)] = &[
    ("Développeur·se full stack", "Développeuse / Développeur"),
    ("Cheffe / Chef de projet SI", "Cheffe / Chef de projet maîtrise d'œuvre SI"),
    ("Administrateur systèmes et réseaux",
        "Administratrice / Administrateur d'outils, de systèmes, de réseaux et/ou de télécoms"),
    ("Data scientist", "Data scientist"),
    ("Responsable de la sécurité des systèmes d'information",
        "Responsable sécurité des systèmes d'information - RSSI"),
    ("Technicien support utilisateurs", "Technicienne / Technicien support utilisateurs"),
    ("Ingénieur·e DevOps", ""),
    ("Chargé de mission", "Chargée / Chargé de conception et développement"),
    ("Assistant de proximité", "Technicienne / Technicien de proximité"),
    ("Urbaniste des systèmes d'information",
        "Urbaniste des systèmes d'information et de communication"),
    ("Chargée de gouvernance des données", "Chargée / Chargé de gouvernance de données"),
    ("Analyste en cybersécurité", "Chargée / Chargé de cyberdéfense"),
    ("Webmestre éditorial", ""),
    ("Géomaticienne / Géomaticien SIG", ""),
    ("Product owner", ""),
    ("Pilote d'exploitation", "Pilote de la production"),
    ("Intégrateur d'exploitation", "Intégratrice / Intégrateur d'exploitation"),
    ("Chef du bureau des infrastructures",
        "Responsable des systèmes et réseaux d'information et de communication"),
];

/// Other State jobs: (title, job label); none matches the built-in rule (tested).
#[rustfmt::skip]
const OTHER: &[(&str, &str)] = &[
    ("Assistant de gestion administrative", "Assistante / Assistant de gestion administrative"),
    ("Infirmier / Infirmière", "Infirmière / Infirmier en soins généraux"),
    ("Gestionnaire RH", "Gestionnaire des ressources humaines"),
    ("Agent d'accueil", "Chargée / Chargé d'accueil et d'information"),
    ("Inspecteur des finances publiques", "Inspectrice / Inspecteur des finances publiques"),
    ("Technicien de laboratoire", "Technicienne / Technicien de laboratoire"),
    ("Secrétaire médical", "Secrétaire médicale / Secrétaire médical"),
    ("Gestionnaire comptable", "Gestionnaire comptable"),
    ("Chargé de développement économique", ""),
    ("Professeur de mathématiques", "Enseignante / Enseignant"),
    ("Adjoint administratif en préfecture", ""),
    ("Agent d'entretien des espaces verts", "Jardinière / Jardinier"),
    ("Conseiller en insertion professionnelle", ""),
    ("Juriste en droit public", "Juriste"),
    ("Contrôleur des douanes", "Contrôleuse / Contrôleur des douanes"),
    ("Architecte des bâtiments de France", ""),
    ("Responsable sécurité incendie", ""),
    ("Chargé de mission politique de la ville", ""),
    ("Aide-soignant de nuit", "Aide-soignante / Aide-soignant"),
    ("Acheteur public – pôle marchés", "Acheteuse / Acheteur public"),
    ("Gardien de la paix", ""),
    ("Agent d'exploitation des routes", "Agente / Agent d'exploitation des routes"),
    ("Chef du service des ressources humaines", "Responsable des ressources humaines"),
    ("Chargée de communication", "Chargée / Chargé de communication"),
    ("Greffier des services judiciaires", "Greffière / Greffier"),
    ("Assistant social du personnel", "Assistante sociale / Assistant social"),
    ("Cuisinier en restauration collective", "Cuisinière / Cuisinier"),
    ("Contrôleur de gestion", "Contrôleuse / Contrôleur de gestion"),
];

/// Real communes (found by name in their department by the importer) with a postal code.
#[rustfmt::skip]
const PLACES: &[(&str, &str, &str)] = &[
    ("Paris", "75", "75007"), ("Lyon", "69", "69003"), ("Marseille", "13", "13002"),
    ("Toulouse", "31", "31000"), ("Nice", "06", "06000"), ("Nantes", "44", "44000"),
    ("Strasbourg", "67", "67000"), ("Montpellier", "34", "34000"), ("Bordeaux", "33", "33000"),
    ("Lille", "59", "59000"), ("Rennes", "35", "35000"), ("Reims", "51", "51100"),
    ("Toulon", "83", "83000"), ("Grenoble", "38", "38000"), ("Dijon", "21", "21000"),
    ("Nîmes", "30", "30000"), ("Clermont-Ferrand", "63", "63000"), ("Saint-Étienne", "42", "42000"),
    ("Aix-en-Provence", "13", "13100"), ("Brest", "29", "29200"), ("Limoges", "87", "87000"),
    ("Metz", "57", "57000"), ("Besançon", "25", "25000"), ("Orléans", "45", "45000"),
    ("Rouen", "76", "76000"), ("Caen", "14", "14000"), ("Versailles", "78", "78000"),
    ("Créteil", "94", "94000"), ("Nanterre", "92", "92000"), ("Ajaccio", "2A", "20000"),
    ("Bastia", "2B", "20200"), ("Pointe-à-Pitre", "971", "97110"), ("Cayenne", "973", "97300"),
    ("Fort-de-France", "972", "97200"), ("Saint-Denis", "974", "97400"),
    ("Mamoudzou", "976", "97600"),
];

const MINISTRIES: &[&str] = &[
    "Ministère de l'Intérieur",
    "Ministère des Armées",
    "Ministère de l'Économie, des Finances et de la Souveraineté industrielle et numérique",
    "Ministère de la Justice",
    "Ministère de l'Éducation nationale",
    "Ministère de la Transition écologique",
    "Ministère du Travail, de la Santé et des Solidarités",
    "Ministère de l'Agriculture et de la Souveraineté alimentaire",
    "Ministère de la Culture",
    "Services du Premier ministre",
];

const EMPLOYERS: &[&str] = &[
    "Direction départementale des finances publiques",
    "Préfecture",
    "Direction départementale des territoires et de la mer",
    "Centre hospitalier universitaire",
    "Rectorat de l'académie",
    "Direction interministérielle du numérique (DINUM)",
    "Tribunal judiciaire",
    "Direction régionale de l'environnement, de l'aménagement et du logement",
    "Direction départementale de la sécurité publique",
    "Agence régionale de santé",
    "Institut national de la statistique et des études économiques (Insee)",
    "Groupement de soutien de la base de défense",
    "Direction régionale des douanes et droits indirects",
    "Conseil départemental",
];

/// Sentences of "Compétences attendues", some with `;` and `"`.
const SKILLS: &[&str] = &[
    "Connaissance de l'organisation et du fonctionnement des services de l'État.",
    "Maîtrise des outils bureautiques (traitement de texte, tableur, messagerie) ; aisance \
     rédactionnelle.",
    "Capacité à travailler en équipe et à rendre compte à sa hiérarchie.",
    "Sens du service public, discrétion et respect de la confidentialité des dossiers traités.",
    "Rigueur, méthode et sens de l'organisation ; capacité à hiérarchiser les priorités.",
    "Qualités relationnelles avérées : vous serez l'interlocuteur \"privilégié\" des usagers et \
     des partenaires.",
    "Connaissance de la réglementation applicable au domaine d'activité et de ses évolutions \
     récentes.",
    "Capacité d'analyse et de synthèse, force de proposition auprès de l'encadrement.",
    "Savoir conduire un projet, animer une réunion et mobiliser des interlocuteurs variés.",
    "Une première expérience dans un poste similaire serait appréciée ; débutants acceptés.",
    "Disponibilité et réactivité, notamment lors des périodes de forte activité (clôture \
     budgétaire, campagne d'avancement).",
    "Le poste implique des déplacements ponctuels dans le département et en région.",
];

const DOCUMENTS: &[&str] = &[
    "CV et lettre de motivation",
    "CV ; lettre de motivation ; dernier arrêté de situation administrative",
    "Lettre de motivation, curriculum vitae et trois derniers comptes rendus d'entretien \
     professionnel",
    "CV, lettre de motivation, copie des diplômes",
];

#[rustfmt::skip]
const CATEGORIES: &[&str] = &["Catégorie A", "Catégorie A+", "Catégorie B", "Catégorie C"];
#[rustfmt::skip]
const JOB_NATURES: &[&str] = &[
    "Emploi ouvert aux titulaires et aux contractuels", "Emploi réservé aux fonctionnaires",
    "Emploi ouvert uniquement aux contractuels",
];
#[rustfmt::skip]
const EDUCATION: &[&str] = &[
    "Niveau 7 Master/diplôme d'ingénieur", "Niveau 6 Licence/licence professionnelle",
    "Niveau 5 Diplôme de niveau bac+2", "Niveau 4 Baccalauréat",
];
const EXPERIENCE: &[&str] = &["Débutant", "Confirmé", "Expert", "Maîtrise"];
#[rustfmt::skip]
const STREETS: &[&str] = &[
    "rue de la République", "boulevard du Général-de-Gaulle", "place de la Préfecture",
    "avenue Jean-Jaurès", "quai de l'Hôtel-de-Ville",
];

/// Rows the importer cannot map, by cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bad {
    NoTitle,
    NoReference,
    LongTitle,
    UnreadableDate,
    StraySeparator,
}

#[rustfmt::skip]
const BAD: &[Bad] = &[
    Bad::NoTitle, Bad::NoReference, Bad::LongTitle, Bad::UnreadableDate, Bad::StraySeparator,
];

/// What a row's cells are drawn from.
#[derive(Debug, Clone, Copy)]
struct Row {
    reference: u64,
    job: (&'static str, &'static str),
    place: (&'static str, &'static str, &'static str),
    published: Date,
    bad: Option<Bad>,
}

/// Writes a CSP file of `rows` data rows (plus its header) to `out`, deterministic for a `seed`.
///
/// Rows are written one by one through a `BufWriter` of its own: `out` needs none.
pub fn write_csp(out: impl Write, rows: u64, seed: u64) -> io::Result<Synthetic> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut line = String::with_capacity(1 << 14);
    let headers: Vec<&str> = CspColumn::ALL.iter().map(|c| c.header()).collect();
    line.push_str(&headers.join(";"));
    line.push('\n');
    out.write_all(line.as_bytes())?;
    let mut synthetic = Synthetic {
        rows,
        bytes: line.len() as u64,
        ..Synthetic::default()
    };
    // Recent rows that map: (reference, job, digital), for duplicates to repeat.
    let mut recent: Vec<(u64, (&str, &str), bool)> = Vec::with_capacity(RECENT);
    let mut cell = String::with_capacity(1 << 14);
    for n in 0..rows {
        let bad = rng.random_bool(BAD_SHARE).then(|| pick(&mut rng, BAD));
        let repeat = (bad.is_none() && rng.random_bool(DUPLICATE_SHARE))
            .then(|| recent.choose(&mut rng).copied())
            .flatten();
        let (reference, job, digital) = match repeat {
            Some(earlier) => earlier,
            None => {
                let share = if bad.is_some() {
                    BAD_DIGITAL_SHARE
                } else {
                    DIGITAL_SHARE
                };
                let digital = rng.random_bool(share);
                let job = pick(&mut rng, if digital { DIGITAL } else { OTHER });
                (1_000_000 + n, job, digital)
            }
        };
        if bad.is_some() {
            synthetic.bad += 1;
        } else {
            synthetic.digital += u64::from(digital);
            if repeat.is_some() {
                synthetic.duplicates += 1;
                synthetic.digital_duplicates += u64::from(digital);
            } else if recent.len() < RECENT {
                recent.push((reference, job, digital));
            } else {
                recent[(n as usize) % RECENT] = (reference, job, digital);
            }
        }
        let place = if rng.random_bool(0.25) {
            PLACES[0]
        } else {
            pick(&mut rng, PLACES)
        };
        let row = Row {
            reference,
            job,
            place,
            published: date!(2026 - 01 - 05) + Duration::days(rng.random_range(-200..240)),
            bad,
        };
        line.clear();
        for (i, &column) in CspColumn::ALL.iter().enumerate() {
            if i > 0 {
                line.push(';');
            }
            cell.clear();
            if column == CspColumn::Specialisation && bad == Some(Bad::StraySeparator) {
                // Unquoted: one field too many.
                line.push_str("Gestion; comptabilité");
                continue;
            }
            fill(&mut rng, column, &row, &mut cell);
            push_quoted(&mut line, &cell);
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
        synthetic.bytes += line.len() as u64;
    }
    out.flush()?;
    Ok(synthetic)
}

/// Writes the cell of `column` for `row` into `cell`.
fn fill(rng: &mut ChaCha8Rng, column: CspColumn, row: &Row, cell: &mut String) {
    use CspColumn as C;
    let (city, department, postal) = row.place;
    match column {
        C::Reference if row.bad == Some(Bad::NoReference) => {}
        C::Reference => _ = write!(cell, "2026-{}", row.reference),
        C::Title => match row.bad {
            Some(Bad::NoTitle) => {}
            Some(Bad::LongTitle) => {
                let long = "au sein du bureau de la coordination des moyens et des méthodes";
                _ = write!(cell, "{} {long}, {long}, {long}", row.job.0);
            }
            _ => {
                cell.push_str(row.job.0);
                match rng.random_range(0..4) {
                    0 => cell.push_str(" (H/F)"),
                    1 => _ = write!(cell, " - {city}"),
                    _ => {}
                }
            }
        },
        C::ParentOrganisation => maybe(rng, cell, 0.6, MINISTRIES),
        C::Employer => {
            cell.push_str(pick(rng, EMPLOYERS));
            if rng.random_bool(0.25) {
                _ = write!(cell, " – {city}");
            }
            if rng.random_bool(0.04) {
                let street = pick(rng, STREETS);
                let number = rng.random_range(1..120);
                _ = write!(cell, "\n{number} {street}\nCS {number}0\n{postal} {city}");
            }
        }
        C::Branch => cell.push_str(match rng.random_range(0..20) {
            0 => "Fonction publique Territoriale",
            1 => "Fonction publique Hospitalière",
            _ => "Fonction publique de l'Etat",
        }),
        C::Category => maybe(rng, cell, 0.95, CATEGORIES),
        C::JobNature => maybe(rng, cell, 1.0, JOB_NATURES),
        C::ContractNature => maybe(rng, cell, 0.3, &["CDD", "CDI", "CDD de durée variable"]),
        C::ContractLength => maybe(
            rng,
            cell,
            0.15,
            &["12 mois", "36 mois", "3 ans renouvelable"],
        ),
        C::JobLabel => cell.push_str(row.job.1),
        C::Specialisation => maybe(rng, cell, 0.05, &["Finances publiques", "Soins critiques"]),
        C::Management | C::Remote => maybe(rng, cell, 0.6, &["Oui", "Non"]),
        C::FullTime => cell.push_str(if rng.random_bool(0.9) { "Oui" } else { "Non" }),
        C::PostLength => maybe(rng, cell, 0.2, &["Durée indéterminée", "Durée déterminée"]),
        C::PostStatus => maybe(rng, cell, 0.5, &["Vacant", "Susceptible d'être vacant"]),
        C::Education => maybe(rng, cell, 0.3, EDUCATION),
        C::Experience => maybe(rng, cell, 0.4, EXPERIENCE),
        C::Levels => maybe(
            rng,
            cell,
            0.05,
            &["Administrateur de l'État", "Attaché principal"],
        ),
        C::Languages => maybe(
            rng,
            cell,
            0.05,
            &["Anglais (Intermédiaire)", "Allemand (Courant)"],
        ),
        C::Skills => skills(rng, cell),
        C::Documents => maybe(rng, cell, 0.35, DOCUMENTS),
        C::JournalNotice => {
            if rng.random_bool(0.05) {
                _ = write!(
                    cell,
                    "Les candidatures (lettre de motivation, curriculum vitae et dernier \
                     entretien professionnel) sont à adresser avant le {} à \
                     recrutement.{}@interieur.gouv.fr, en précisant la référence de l'offre.",
                    french(row.published + Duration::days(45)),
                    department.to_lowercase()
                );
            }
        }
        C::Workplace => {
            if rng.random_bool(0.2) {
                let street = pick(rng, STREETS);
                _ = write!(
                    cell,
                    "{} {street} {postal} {city}",
                    rng.random_range(1..120)
                );
            }
        }
        C::WorkplaceText => maybe(rng, cell, 0.1, &[city]),
        C::Location if rng.random_bool(0.03) => _ = write!(cell, "({department})"),
        C::Location => _ = write!(cell, "{city} ({department})"),
        C::VacancyDate => {
            if rng.random_bool(0.3) {
                cell.push_str(&french(row.published + Duration::days(60)));
            }
        }
        C::FirstPublication if row.bad == Some(Bad::UnreadableDate) => {
            maybe(
                rng,
                cell,
                1.0,
                &["31/02/2026", "à préciser", "15.03.2026", "2026/13/01"],
            );
        }
        C::FirstPublication | C::PublicationStart => cell.push_str(&french(row.published)),
        C::PublicationEnd if rng.random_bool(0.4) => cell.push_str("31/12/2099"),
        C::PublicationEnd => {
            let days = rng.random_range(30..120);
            cell.push_str(&french(row.published + Duration::days(days)));
        }
    }
}

/// "Compétences attendues": often empty or a sentence or two, sometimes a few paragraphs,
/// rarely 5 to 10 KB.
fn skills(rng: &mut ChaCha8Rng, cell: &mut String) {
    let sentences = match rng.random_range(0..1000) {
        0..460 => 0,
        460..840 => 1,
        840..975 => rng.random_range(2..4),
        975..998 => rng.random_range(4..8),
        _ => rng.random_range(50..90),
    };
    for i in 0..sentences {
        if i > 0 {
            cell.push_str(if rng.random_bool(0.3) { "\n\n" } else { " " });
        }
        cell.push_str(pick(rng, SKILLS));
    }
}

/// `JJ/MM/AAAA`.
fn french(date: Date) -> String {
    format!(
        "{:02}/{:02}/{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// `text` as a field of the file: quoted when it holds a separator, a quote or a line break.
fn push_quoted(line: &mut String, text: &str) {
    if text.contains([';', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&text.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(text);
    }
}

/// Writes one of `values` into `cell`, `share` of the times (an empty cell otherwise).
fn maybe(rng: &mut ChaCha8Rng, cell: &mut String, share: f64, values: &[&str]) {
    if rng.random_bool(share) {
        cell.push_str(pick(rng, values));
    }
}

fn pick<T: Copy>(rng: &mut ChaCha8Rng, values: &[T]) -> T {
    *values.choose(rng).expect("word lists are not empty")
}

#[cfg(test)]
mod tests;
