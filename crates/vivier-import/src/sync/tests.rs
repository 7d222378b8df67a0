use std::sync::Arc;

use time::macros::date;
use vivier_domain::geo::{
    Commune, CommuneCode, Department, DepartmentCode, Geography, Region, RegionCode,
};
use vivier_domain::offer::OfferState;
use vivier_store_sqlite::SqliteStore;

use super::*;

async fn store() -> Arc<dyn Store> {
    let store = SqliteStore::in_memory().await.expect("store");
    store.migrate().await.expect("migrations");
    let region = Region {
        code: RegionCode::parse("11").expect("region"),
        name: "Île-de-France".into(),
    };
    let department = |code: &str| Department {
        code: DepartmentCode::parse(code).expect("department"),
        name: format!("Département {code}"),
        region: RegionCode::parse("11").expect("region"),
    };
    let paris = Commune {
        code: CommuneCode::parse("75056").expect("commune"),
        name: "Paris".into(),
        department: DepartmentCode::parse("75").expect("department"),
        postal_codes: vec!["75001".into()],
        population: 2_000_000,
    };
    store
        .save_geography(&Geography::new(
            vec![region],
            vec![department("75"), department("92")],
            vec![paris],
        ))
        .await
        .expect("geography");
    Arc::new(store)
}

const HEADER: &str = "Référence;Intitulé du poste;Organisme de rattachement;Employeur;\
Nature de l'emploi;Télétravail;Compétences attendues;Localisation du poste;\
Date de première publication;Date de fin de publication par défaut";

fn row(reference: &str, title: &str, skills: &str) -> String {
    format!(
        "{reference};{title};Ministère de l'Intérieur;Direction du numérique;\
         Emploi ouvert aux contractuels;Oui;\"{skills}\";Paris (75);05/11/2026;31/12/2099"
    )
}

fn file(rows: &[String]) -> String {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text
}

fn options(all: bool) -> ImportOptions {
    ImportOptions {
        format: Format::Csp,
        all,
        rule: DigitalRule::builtin(),
        today: date!(2026 - 11 - 22),
    }
}

async fn run(store: &dyn Store, text: &str, all: bool) -> Result<Summary, ImportError> {
    let run = NewImportRun {
        source: Source::Csp,
        file_name: "offres.csv".into(),
        checksum: hex::encode(Sha256::digest(text.as_bytes())),
        all_offers: all,
    };
    import(store, text.as_bytes(), run, &options(all), &mut |_| {}).await
}

fn counts(summary: &Summary) -> [u64; 9] {
    let c = summary.counts;
    [
        c.read,
        c.kept,
        c.created,
        c.updated,
        c.unchanged,
        c.closed,
        c.reopened,
        c.conflicts,
        c.rejected,
    ]
}

#[tokio::test]
async fn a_file_is_imported_then_kept_in_step_without_duplicates() {
    let store = store().await;
    let first = vec![
        row("2026-1", "Développeur·se Rust", "Rust"),
        row("2026-2", "Data engineer", "SQL"),
        row("2026-3", "Jardinier", "Taille"),
        row("2026-1", "Développeur·se Rust", "Rust"),
        "2026-4;;Ministère;Service;;;;Paris (75);05/11/2026;".to_owned(),
    ];
    let summary = run(&*store, &file(&first), false).await.expect("imported");
    // read, kept, created, updated, unchanged, closed, reopened, conflicts, rejected
    assert_eq!(counts(&summary), [5, 3, 2, 0, 0, 0, 0, 0, 2]);
    assert!(
        summary
            .report
            .contains("6;2026-4;l'intitulé du poste est vide"),
        "{}",
        summary.report
    );
    assert!(
        summary
            .report
            .contains("5;2026-1;référence déjà lue ligne 2"),
        "{}",
        summary.report
    );
    let offers = store.imported_offers(Source::Csp).await.expect("offers");
    assert_eq!(offers.len(), 2);
    let organisations = store.organisations().await.expect("organisations");
    let names: Vec<&str> = organisations.iter().map(|o| o.data.name.as_str()).collect();
    assert!(
        names.contains(&"Ministère de l'Intérieur") && names.contains(&"Direction du numérique")
    );
    let direction = organisations
        .iter()
        .find(|o| o.data.name == "Direction du numérique")
        .expect("direction");
    assert!(direction.data.parent_id.is_some());
    let offer = store
        .offer(
            offers
                .iter()
                .find(|o| o.reference == "2026-1")
                .expect("1")
                .id,
        )
        .await
        .expect("read")
        .expect("found");
    assert_eq!(offer.data.organisation_id, direction.id);
    assert_eq!(offer.data.source, Source::Csp);
    assert_eq!(offer.data.deadline, None);

    // The same file again changes nothing.
    let again = run(&*store, &file(&first), false).await.expect("imported");
    assert_eq!(counts(&again), [5, 3, 0, 0, 2, 0, 0, 0, 2]);
    assert_eq!(store.count_offers().await.expect("count"), 2);

    // A newer file: offer 1 changed, offer 2 gone.
    let second = vec![row("2026-1", "Développeur·se Rust senior", "Rust")];
    let summary = run(&*store, &file(&second), false).await.expect("imported");
    assert_eq!(counts(&summary), [1, 1, 0, 1, 0, 1, 0, 0, 0]);
    let offers = store.imported_offers(Source::Csp).await.expect("offers");
    let state = |reference: &str| {
        offers
            .iter()
            .find(|o| o.reference == reference)
            .expect("listed")
            .state
    };
    assert_eq!(state("2026-2"), OfferState::Cloturee);
    let updated = store
        .offer(
            offers
                .iter()
                .find(|o| o.reference == "2026-1")
                .expect("1")
                .id,
        )
        .await
        .expect("read")
        .expect("found");
    assert_eq!(updated.data.title, "Développeur·se Rust senior");
    assert_eq!(updated.data.slug, offer.data.slug, "the address stays");

    // Offer 2 comes back: reopened.
    let third = vec![second[0].clone(), first[1].clone()];
    let summary = run(&*store, &file(&third), false).await.expect("imported");
    assert_eq!(counts(&summary), [2, 2, 0, 0, 1, 0, 1, 0, 0]);
    let offers = store.imported_offers(Source::Csp).await.expect("offers");
    assert!(offers.iter().all(|o| o.state == OfferState::Publiee));

    let runs = store.import_runs(10).await.expect("runs");
    assert_eq!(runs.len(), 4);
    assert!(
        runs.iter()
            .all(|r| r.outcome.status == RunStatus::Completed)
    );
}

#[tokio::test]
async fn offers_edited_in_vivier_are_not_overwritten_but_reported() {
    let store = store().await;
    let rows = vec![
        row("2026-1", "Développeur·se Rust", "Rust"),
        row("2026-2", "Data engineer", "SQL"),
    ];
    run(&*store, &file(&rows), false).await.expect("imported");
    let offers = store.imported_offers(Source::Csp).await.expect("offers");
    for offer in &offers {
        let mut data = store
            .offer(offer.id)
            .await
            .expect("read")
            .expect("found")
            .data;
        data.title = format!("{} (retouché)", data.title);
        store.update_offer(offer.id, &data).await.expect("edited");
    }
    let changed = vec![row("2026-1", "Développeur·se Rust", "Rust, Tokio")];
    let summary = run(&*store, &file(&changed), false)
        .await
        .expect("imported");
    assert_eq!(counts(&summary), [1, 1, 0, 0, 0, 0, 0, 2, 0]);
    assert!(
        summary
            .report
            .contains("2;2026-1;conflit : modifiée dans Vivier"),
        "{}",
        summary.report
    );
    assert!(
        summary
            .report
            .contains(";2026-2;conflit : absente du fichier"),
        "{}",
        summary.report
    );
    for offer in store.imported_offers(Source::Csp).await.expect("offers") {
        let data = store
            .offer(offer.id)
            .await
            .expect("read")
            .expect("found")
            .data;
        assert!(data.title.ends_with("(retouché)"));
        assert_eq!(data.state, OfferState::Publiee);
    }
}

#[tokio::test]
async fn every_offer_is_imported_on_request() {
    let store = store().await;
    let rows = vec![
        row("2026-3", "Jardinier", "Taille"),
        row("2026-1", "Développeur", "Rust"),
    ];
    let summary = run(&*store, &file(&rows), true).await.expect("imported");
    assert_eq!(counts(&summary), [2, 2, 2, 0, 0, 0, 0, 0, 0]);
}

#[tokio::test]
async fn an_unreadable_header_fails_the_run_and_records_why() {
    let store = store().await;
    let error = run(&*store, "Référence,Intitulé du poste\n1,Dev\n", false)
        .await
        .expect_err("wrong delimiter");
    assert_eq!(
        error.to_string(),
        "en-tête du fichier : la ligne d'en-tête n'est pas séparée par « ; » (elle semble l'être par « , »)"
    );
    let runs = store.import_runs(1).await.expect("runs");
    assert_eq!(runs[0].outcome.status, RunStatus::Failed);
    assert_eq!(
        runs[0].outcome.error.as_deref(),
        Some(error.to_string().as_str())
    );
    assert!(matches!(
        run(&*store, "", false).await,
        Err(ImportError::Empty)
    ));
    // A header whose quote never closes is cut off, not read to the end of the file.
    let huge = format!("\"{}\n", "x".repeat(MAX_RECORD_BYTES + 10));
    let error = run(&*store, &huge, false).await.expect_err("too long");
    assert!(
        error
            .to_string()
            .starts_with("en-tête du fichier : lignes 1 à 1 : enregistrement de plus de"),
        "{error}"
    );
}

#[test]
fn formats_are_recognised_from_their_header() {
    assert_eq!(Format::detect(HEADER.as_bytes()), Some(Format::Csp));
    assert_eq!(
        Format::detect(b"OfferID;Offer_Reference_;X"),
        Some(Format::PepTalentSoft)
    );
    assert_eq!(
        Format::detect(b"Par_URL_offre|Par_ref_offre"),
        Some(Format::PepPartner)
    );
    assert_eq!(Format::detect(b"a;b;c"), None);
}

/// A file that cannot be read past its first bytes (a disk error, a dropped download).
struct Broken<'a>(&'a [u8]);

impl std::io::Read for Broken<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0.is_empty() {
            return Err(std::io::Error::other("erreur de lecture du disque"));
        }
        let n = buf.len().min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[tokio::test]
async fn a_run_that_fails_midway_is_recorded_with_what_it_did() {
    let store = store().await;
    let text = file(&[
        row("2026-1", "Développeur·se Rust", "Rust"),
        row("2026-2", "Data engineer", "SQL"),
    ]);
    let run = NewImportRun {
        source: Source::Csp,
        file_name: "offres.csv".into(),
        checksum: String::new(),
        all_offers: false,
    };
    let input = std::io::BufReader::new(Broken(text.as_bytes()));
    let error = import(&*store, input, run, &options(false), &mut |_| {})
        .await
        .expect_err("the file breaks");
    assert!(
        error.to_string().contains("erreur de lecture du disque"),
        "{error}"
    );
    let runs = store.import_runs(1).await.expect("runs");
    let outcome = &runs[0].outcome;
    assert_eq!(outcome.status, RunStatus::Failed);
    assert_eq!(outcome.counts.read, 2, "{outcome:?}");
    // Nothing was written (the batch was still waiting), so nothing is counted as created.
    assert_eq!(outcome.counts.created, 0, "{outcome:?}");
    assert!(
        store
            .imported_offers(Source::Csp)
            .await
            .expect("offers")
            .is_empty()
    );
}
