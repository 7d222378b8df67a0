use time::macros::date;
use vivier_domain::geo::DepartmentCode;
use vivier_domain::offer::{Category, ContractType};

use super::*;
use crate::columns::map_all;
use crate::read::Dialect;

/// A file's rows, mapped: the header first, in the column order given.
fn import(text: &str) -> Vec<Result<SourceOffer, Rejection>> {
    map_all(text.as_bytes(), Dialect::SEMICOLON, map)
}

const HEADER: &str = "Date de fin de publication par défaut;Référence;Intitulé du poste;\
Organisme de rattachement;Employeur;Catégorie;Nature de l'emploi;Métier;Télétravail;Temps Plein;\
Compétences attendues;Localisation du poste;Date de première publication";

#[test]
fn a_row_becomes_an_offer_whatever_the_column_order() {
    let text = format!(
        "{HEADER}\n31/12/2099;2026-1284492;Développeur / Développeuse full stack (H/F);\
         Ministère des Armées;\"Direction du numérique\n60 boulevard du Général Martial Valin\n75015 Paris\";\
         Catégorie A;Emploi ouvert aux titulaires et aux contractuels;Développeuse / Développeur;\
         Oui;Oui;\"- Rust\n- PostgreSQL\";Ajaccio (2A);05/11/2026\n"
    );
    let offer = import(&text).remove(0).expect("mapped");
    assert_eq!(offer.line, 2);
    assert_eq!(offer.reference, "2026-1284492");
    assert_eq!(offer.title, "Développeur / Développeuse full stack (H/F)");
    assert_eq!(
        offer.organisations,
        ["Ministère des Armées", "Direction du numérique"]
    );
    assert_eq!(
        offer.job_label.as_deref(),
        Some("Développeuse / Développeur")
    );
    assert_eq!(offer.category, Some(Category::A));
    assert_eq!(offer.contract_types, [ContractType::TitulaireOuContractuel]);
    assert_eq!(offer.remote, Remote::Partiel);
    assert_eq!(offer.full_time, Some(true));
    assert_eq!(offer.place.as_deref(), Some("Ajaccio"));
    assert_eq!(offer.department, DepartmentCode::parse("2A").ok());
    assert_eq!(offer.published_on, Some(date!(2026 - 11 - 05)));
    assert_eq!(offer.deadline, None, "2099 means no end");
    assert_eq!(
        offer.sections.profile.as_deref(),
        Some("- Rust\n- PostgreSQL")
    );
    assert_eq!(
        offer.source_url.as_deref(),
        Some(
            "https://choisirleservicepublic.gouv.fr/offre-emploi/\
             developpeur-developpeuse-full-stack-h-f-reference-2026-1284492/"
        )
    );
}

#[test]
fn bad_rows_are_rejected_with_their_line_and_reason_and_the_others_import() {
    let text = format!(
        "{HEADER}\n\
         ;2026-1;Cheffe de projet;Ministère;Service;A;;;non;non;;Paris (75);01/02/2026\n\
         ;2026-2;;Ministère;Service;A;;;non;non;;Paris (75);01/02/2026\n\
         ;2026-3;Data scientist;Ministère;Service;A;;;non;non;;Paris (75);31/02/2026\n\
         ;2026-4;Trop court;Ministère\n\
         ;2026-5;Intitulé;Ministère;Service;A;;;non;non;;Lyon (69);\n\
         ;2026-6;Analyste;Ministère;Service;B;Emploi ouvert uniquement aux contractuels;;non;non;;;01/03/2026\n"
    );
    let rows = import(&text);
    let rejection = |i: usize| rows[i].as_ref().expect_err("rejected").clone();
    assert_eq!(rows[0].as_ref().map(|o| o.line), Ok(2));
    assert_eq!(
        rejection(1),
        Rejection {
            line: 3,
            reference: Some("2026-2".into()),
            reason: "l'intitulé du poste est vide".into()
        }
    );
    assert_eq!(
        rejection(2).reason,
        "date illisible « 31/02/2026 » (attendu JJ/MM/AAAA)"
    );
    assert_eq!(
        rejection(3).reason,
        "4 champ(s) au lieu de 13 (un séparateur ou un guillemet mal placé ?)"
    );
    assert_eq!(rejection(4).reason, "aucune date de publication");
    let last = rows[5].as_ref().expect("mapped");
    assert_eq!(last.contract_types, [ContractType::ContractuelUniquement]);
    assert_eq!(last.category, Some(Category::B));
    assert_eq!(last.department, None);
    assert_eq!(last.place, None);
}

#[test]
fn a_cell_that_is_not_utf8_rejects_its_row_only() {
    let mut text = format!("{HEADER}\n").into_bytes();
    text.extend_from_slice(b";2026-1;D\xe9veloppeur;M;S;A;;;non;non;;Paris (75);01/02/2026\n");
    text.extend_from_slice(
        ";2026-2;Développeur;M;S;A;;;non;non;;Paris (75);01/02/2026\n".as_bytes(),
    );
    let rows = map_all(&text, Dialect::SEMICOLON, map);
    assert_eq!(
        rows[0].as_ref().expect_err("latin-1").reason,
        "la colonne « Intitulé du poste » n'est pas du texte UTF-8 (fichier en Latin-1 ?)"
    );
    assert!(rows[1].is_ok());
}
