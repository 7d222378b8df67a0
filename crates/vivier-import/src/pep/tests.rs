use time::macros::date;
use vivier_domain::geo::DepartmentCode;
use vivier_domain::offer::{Category, ContractType};

use super::*;
use crate::columns::map_all;
use crate::read::Dialect;

fn rows<C: Column>(
    text: &str,
    dialect: Dialect,
    map: fn(&Record, &Columns<C>) -> Result<SourceOffer, Rejection>,
) -> Vec<Result<SourceOffer, Rejection>> {
    map_all(text.as_bytes(), dialect, map)
}

#[test]
fn a_talentsoft_row_keeps_its_hierarchy_texts_and_dates() {
    let header = TalentSoftColumn::ALL
        .iter()
        .map(|c| c.header())
        .collect::<Vec<_>>()
        .join(";");
    let values = [
        "o09261-201633",
        "Diffusée",
        "Responsable d'applications (h/f)",
        "Au sein de la DSI,\nvous assurez le support.",
        "- Windows\n- Web",
        "",
        "",
        "Envoyez CV et lettre.",
        "Responsable des études et applications (FPT - A7A/08)",
        "A",
        "Emploi ouvert aux titulaires et/ou aux contractuels",
        "",
        "Niveau I (bac+5 et supérieur) - Expérience souhaitée : de 1 à 3 ans",
        "",
        "Mairie de NEUILLY-SUR-SEINE",
        "DGAFP",
        "Fonction Publique Territoriale",
        "Communes",
        "",
        "",
        "Communes",
        "N.C 92522 NEUILLY SUR SEINE CEDEX",
        "NEUILLY SUR SEINE CEDEX",
        "Hauts-de-Seine (92)",
        "",
        "Temps non complet",
        "01/01/2021",
        "31/12/2020",
        "28/02/2021",
    ];
    let row = values
        .iter()
        .map(|v| format!("\"{}\"", v.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(";");
    let offer = rows(
        &format!("{header}\n{row}\n"),
        Dialect::SEMICOLON,
        map_talentsoft,
    )
    .remove(0)
    .expect("mapped");
    assert_eq!(offer.reference, "o09261-201633");
    assert!(offer.open);
    assert_eq!(
        offer.organisations,
        ["Communes", "Mairie de NEUILLY-SUR-SEINE"]
    );
    assert_eq!(
        offer.job_label.as_deref(),
        Some("Responsable des études et applications")
    );
    assert_eq!(offer.category, Some(Category::A));
    assert_eq!(offer.contract_types, [ContractType::TitulaireOuContractuel]);
    assert_eq!(offer.full_time, Some(false));
    assert_eq!(
        offer.education.as_deref(),
        Some("Niveau I (bac+5 et supérieur)")
    );
    assert_eq!(
        offer.experience.as_deref(),
        Some("Expérience souhaitée : de 1 à 3 ans")
    );
    assert_eq!(offer.place.as_deref(), Some("NEUILLY SUR SEINE CEDEX"));
    assert_eq!(offer.department, DepartmentCode::parse("92").ok());
    assert_eq!(offer.published_on, Some(date!(2021 - 01 - 01)));
    assert_eq!(offer.deadline, Some(date!(2021 - 02 - 28)));
    assert_eq!(
        offer.sections.mission.as_deref(),
        Some("Au sein de la DSI,\nvous assurez le support.")
    );
    assert_eq!(offer.sections.profile.as_deref(), Some("- Windows\n- Web"));
    assert_eq!(
        offer.sections.recruitment_process.as_deref(),
        Some("Envoyez CV et lettre.")
    );
}

#[test]
fn partner_lines_take_their_title_from_the_label_or_the_address() {
    let text = "Par_URL_offre|Code_ogr|Par_ref_offre|Description|Libelle_metier_OGR|DEP_cle|Off_date_creation\n\
        https://place-emploi-public.gouv.fr/offre-emploi/2020-1|19827|2020-1|Ligne un\\nLigne deux|Développeur web|75|16/04/2021\n\
        https://place-emploi-public.gouv.fr/offre-emploi/chef-de-projet-si-hf-reference-2021-2|12345|2021-2|Texte||2A|\n\
        https://place-emploi-public.gouv.fr/offre-emploi/2020-3|1|2020-3|Texte||75|\n\
        |1|2020-4|Texte|Data|99|\n\
        mal|formée\n";
    let rows = rows(text, Dialect::PIPE, map_partner);
    let first = rows[0].as_ref().expect("mapped");
    assert_eq!(first.title, "Développeur web");
    assert_eq!(first.ogr_code, Some(19_827));
    assert_eq!(
        first.sections.mission.as_deref(),
        Some("Ligne un\nLigne deux")
    );
    assert_eq!(first.department, DepartmentCode::parse("75").ok());
    assert_eq!(first.published_on, Some(date!(2021 - 04 - 16)));
    assert!(first.organisations.is_empty());
    let second = rows[1].as_ref().expect("mapped");
    assert_eq!(second.title, "Chef de projet si hf");
    assert_eq!(second.ogr_code, None, "12345 is a placeholder");
    assert_eq!(
        rows[2].as_ref().expect_err("no title").reason,
        "l'intitulé du poste est vide"
    );
    assert_eq!(
        rows[3].as_ref().expect_err("bad department").reason,
        "code de département inconnu « 99 »"
    );
    assert_eq!(
        rows[4].as_ref().expect_err("malformed"),
        &Rejection {
            line: 6,
            reference: None,
            reason: "2 champ(s) au lieu de 7 (un séparateur ou un guillemet mal placé ?)".into()
        }
    );
}

#[test]
fn titles_from_addresses_have_single_spaces() {
    assert_eq!(
        title_from_url("https://x.fr/offre-emploi/gestionnaire-paie-hf--reference-2021-528019"),
        Some("Gestionnaire paie hf".to_owned())
    );
    assert_eq!(
        title_from_url("https://x.fr/offre-emploi/-chef--de-projet-/"),
        Some("Chef de projet".to_owned())
    );
    assert_eq!(title_from_url("https://x.fr/offre-emploi/--2021-1"), None);
    assert_eq!(title_from_url("- C"), Some("C".to_owned()));
    assert_eq!(title_from_url("https://x.fr/ - 2021 -"), None);
}

#[test]
fn directory_codes_are_dropped_from_job_labels() {
    assert_eq!(
        without_code("Responsable des études et applications (FPT - A7A/08)"),
        "Responsable des études et applications"
    );
    assert_eq!(
        without_code("PILOTE DE LA PRODUCTION (FPE - FP2SIC14)"),
        "PILOTE DE LA PRODUCTION"
    );
    assert_eq!(without_code("Analyste (H/F)"), "Analyste (H/F)");
}
