use time::macros::date;
use vivier_import::digital::DigitalRule;
use vivier_import::sync::{Format, ImportOptions, import, scan};
use vivier_store::Store;
use vivier_store::import::NewImportRun;
use vivier_store_sqlite::SqliteStore;

use super::*;

fn generate(rows: u64, seed: u64) -> (Vec<u8>, Synthetic) {
    let mut bytes = Vec::new();
    let synthetic = write_csp(&mut bytes, rows, seed).expect("in memory");
    assert_eq!(synthetic.bytes, bytes.len() as u64);
    (bytes, synthetic)
}

fn options() -> ImportOptions {
    ImportOptions {
        format: Format::Csp,
        all: false,
        rule: DigitalRule::builtin(),
        today: date!(2026 - 06 - 01),
    }
}

/// Whether the built-in rule keeps a job of this title and label.
fn digital(rule: &DigitalRule, title: &str, label: &str) -> bool {
    rule.matches_job(title, (!label.is_empty()).then_some(label), None)
}

#[test]
fn digital_jobs_and_only_they_match_the_builtin_rule() {
    let rule = DigitalRule::builtin();
    for &(title, label) in DIGITAL {
        assert!(digital(&rule, title, label), "{title} / {label}");
    }
    for &(title, label) in OTHER {
        for &(city, _, _) in PLACES {
            let title = format!("{title} (H/F) - {city}");
            assert!(!digital(&rule, &title, label), "{title} / {label}");
        }
    }
}

#[test]
fn every_place_is_a_commune_of_its_department() {
    let geography = vivier_assets::geography();
    for &(city, department, _) in PLACES {
        assert!(
            geography
                .communes()
                .iter()
                .any(|c| c.name == city && c.department.as_str() == department),
            "{city} ({department})"
        );
    }
}

#[test]
fn a_scan_counts_what_the_generator_wrote() {
    let (bytes, synthetic) = generate(5_000, 7);
    let counts = scan(&bytes[..], &options()).expect("scanned");
    assert_eq!(counts.read, synthetic.rows);
    assert_eq!(counts.rejected, synthetic.bad);
    assert_eq!(counts.kept, synthetic.digital);
    let share = synthetic.digital as f64 / synthetic.rows as f64;
    assert!((0.04..=0.06).contains(&share), "{synthetic:?}");
    assert!(
        synthetic.bad > 0 && synthetic.duplicates > 0,
        "{synthetic:?}"
    );
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.contains("\"Gestion; comptabilité") || text.contains("Gestion; comptabilité"));
    assert!(text.contains("31/12/2099") && text.contains("Ajaccio (2A)"));
}

#[test]
fn the_real_files_183_000_rows_would_make_about_85_mb() {
    // 183,000 rows take ~10 s in a debug build: 10,000 give the average row.
    let (_, synthetic) = generate(10_000, 1);
    let megabytes = synthetic.bytes * 183_000 / synthetic.rows / 1_000_000;
    assert!((75..=95).contains(&megabytes), "{megabytes} MB");
}

#[test]
fn a_seed_gives_one_file() {
    assert_eq!(generate(500, 3), generate(500, 3));
    assert_ne!(generate(500, 3).0, generate(500, 4).0);
}

#[tokio::test]
async fn an_import_creates_the_distinct_digital_rows_and_rejects_the_others() {
    let store = SqliteStore::in_memory().await.expect("store");
    store.migrate().await.expect("migrations");
    crate::seed::referentials(&store)
        .await
        .expect("referentials");
    let (bytes, synthetic) = generate(2_000, 11);
    let run = NewImportRun {
        source: vivier_domain::offer::Source::Csp,
        file_name: "synthetique.csv".into(),
        checksum: "0".into(),
        all_offers: false,
    };
    let summary = import(&store, &bytes[..], run, &options(), &mut |_| {})
        .await
        .expect("imported");
    let counts = summary.counts;
    assert_eq!(counts.read, synthetic.rows, "{}", summary.report);
    assert_eq!(counts.kept, synthetic.digital);
    assert_eq!(
        counts.created,
        synthetic.digital - synthetic.digital_duplicates,
        "{}",
        summary.report
    );
    assert_eq!(
        counts.rejected,
        synthetic.bad + synthetic.digital_duplicates,
        "{}",
        summary.report
    );
    assert!(
        !summary.report.contains("département"),
        "{}",
        summary.report
    );
    assert_eq!(store.count_offers().await.expect("count"), counts.created);
}
