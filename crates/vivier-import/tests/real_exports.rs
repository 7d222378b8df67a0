//! The record reader on the real exports of the shared data folder, when it is present.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use vivier_import::columns::{Column, Columns};
use vivier_import::digital::DigitalRule;
use vivier_import::pep;
use vivier_import::read::{Dialect, Record, Records};
use vivier_import::source::{Rejection, SourceOffer};

fn exports() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/place-emploi-public-exports");
    dir.is_dir().then_some(dir)
}

/// Every record of a file: (line, fields as text).
fn records(path: &Path, dialect: Dialect) -> Vec<(u64, Vec<String>)> {
    let file = BufReader::new(File::open(path).expect("readable export"));
    let mut records = Records::new(file, dialect, 1 << 20);
    let mut record = Record::default();
    let mut all = Vec::new();
    while records
        .read(&mut record)
        .expect("readable")
        .expect("no record over 1 MiB")
    {
        let fields = (0..record.len())
            .map(|i| String::from_utf8(record.bytes(i).to_vec()).expect("UTF-8"))
            .collect();
        all.push((record.line, fields));
    }
    all
}

#[test]
fn the_talentsoft_export_reads_as_50_offers_of_56_fields_over_multiline_cells() {
    let Some(dir) = exports() else {
        println!("shared data absent: test skipped");
        return;
    };
    let rows = records(
        &dir.join("talentsoft-raw-export-sample.csv"),
        Dialect::SEMICOLON,
    );
    let (header, offers) = rows.split_first().expect("a header");
    assert_eq!(header.1.len(), 56);
    assert_eq!(header.1[9], "Offer_Reference_");
    assert_eq!(offers.len(), 50);
    assert!(offers.iter().all(|(_, fields)| fields.len() == 56));
    // Multi-line cells: offers start on increasing lines, several lines apart.
    assert!(offers.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(
        offers
            .iter()
            .any(|(_, f)| f.iter().any(|cell| cell.contains('\n')))
    );
    let references: HashSet<&str> = offers.iter().map(|(_, f)| f[9].as_str()).collect();
    assert_eq!(references.len(), 50, "references are unique");
    assert_eq!(offers[0].1[9], "o09261-201633");
}

#[test]
fn the_partner_exports_read_line_by_line_with_their_line_breaks_restored() {
    let Some(dir) = exports() else {
        println!("shared data absent: test skipped");
        return;
    };
    for (file, columns, rows) in [
        ("pep2pe-export-2021-03-03.psv", 17, 406),
        ("pep2pe-export-2021-03-05.psv", 16, 267),
        ("pep2pe-export-2021-04-16.psv", 19, 606),
    ] {
        let all = records(&dir.join(file), Dialect::PIPE);
        let (header, offers) = all.split_first().expect("a header");
        // The columns change order from one export to the next.
        for column in ["Par_ref_offre", "Par_URL_offre", "Description"] {
            assert!(header.1.iter().any(|h| h == column), "{file}: {column}");
        }
        assert_eq!(header.1.len(), columns, "{file}");
        assert_eq!(offers.len(), rows, "{file}");
        for (i, (line, fields)) in offers.iter().enumerate() {
            assert_eq!(*line, i as u64 + 2, "{file}: one record per line");
            assert!(fields.iter().all(|f| !f.contains("\\n")), "{file}:{line}");
        }
        assert!(
            offers
                .iter()
                .any(|(_, f)| f.iter().any(|cell| cell.contains('\n'))),
            "{file}"
        );
    }
}

/// Every data row of a file, mapped.
fn mapped<C: Column>(
    path: &Path,
    dialect: Dialect,
    map: fn(&Record, &Columns<C>) -> Result<SourceOffer, Rejection>,
) -> Vec<Result<SourceOffer, Rejection>> {
    let file = BufReader::new(File::open(path).expect("readable export"));
    let mut records = Records::new(file, dialect, 1 << 20);
    let mut record = Record::default();
    records
        .read(&mut record)
        .expect("readable")
        .expect("header");
    let header: Vec<&[u8]> = (0..record.len()).map(|i| record.bytes(i)).collect();
    let columns = Columns::<C>::locate(&header, dialect.delimiter).expect("known header");
    let mut rows = Vec::new();
    while records
        .read(&mut record)
        .expect("readable")
        .expect("record")
    {
        rows.push(map(&record, &columns));
    }
    rows
}

#[test]
fn every_real_talentsoft_offer_maps_with_an_employer_and_a_department() {
    let Some(dir) = exports() else {
        println!("shared data absent: test skipped");
        return;
    };
    let rows = mapped(
        &dir.join("talentsoft-raw-export-sample.csv"),
        Dialect::SEMICOLON,
        pep::map_talentsoft,
    );
    let offers: Vec<SourceOffer> = rows.into_iter().map(|r| r.expect("mapped")).collect();
    assert_eq!(offers.len(), 50);
    for offer in &offers {
        assert!(!offer.organisations.is_empty(), "{}", offer.reference);
        assert!(offer.department.is_some(), "{}", offer.reference);
        assert!(offer.sections.mission.is_some(), "{}", offer.reference);
        assert!(offer.open);
    }
    let justice = offers
        .iter()
        .find(|o| o.title == "Administrateur Système")
        .expect("the Justice offer");
    assert_eq!(justice.organisations[0], "Ministère de la Justice");
}

#[test]
fn real_partner_lines_map_or_say_why_not() {
    let Some(dir) = exports() else {
        println!("shared data absent: test skipped");
        return;
    };
    let mut mapped_total = 0;
    for file in [
        "pep2pe-export-2021-03-03.psv",
        "pep2pe-export-2021-03-05.psv",
        "pep2pe-export-2021-04-16.psv",
    ] {
        let rows = mapped(&dir.join(file), Dialect::PIPE, pep::map_partner);
        let rejected: Vec<&Rejection> = rows.iter().filter_map(|r| r.as_ref().err()).collect();
        // A line is rejected only for a reason it states: no title at all, here.
        for rejection in &rejected {
            assert_eq!(
                rejection.reason, "l'intitulé du poste est vide",
                "{file}: {rejection:?}"
            );
        }
        assert!(rejected.len() <= 5, "{file}: {} rejected", rejected.len());
        mapped_total += rows.len() - rejected.len();
    }
    assert!(mapped_total >= 1_270, "{mapped_total} mapped");
}

#[test]
fn the_digital_rule_keeps_about_a_hundred_offers_per_real_export() {
    let Some(dir) = exports() else {
        println!("shared data absent: test skipped");
        return;
    };
    let rule = DigitalRule::builtin();
    let talentsoft: Vec<String> = mapped(
        &dir.join("talentsoft-raw-export-sample.csv"),
        Dialect::SEMICOLON,
        pep::map_talentsoft,
    )
    .into_iter()
    .filter_map(Result::ok)
    .filter(|o| rule.matches(o))
    .map(|o| o.title)
    .collect();
    assert!((10..=20).contains(&talentsoft.len()), "{talentsoft:?}");
    for title in [
        "DATA ANALYST (H/F)",
        "Administrateur Système",
        "Technicien de proximité",
    ] {
        assert!(talentsoft.iter().any(|t| t == title), "{title}");
    }
    assert!(!talentsoft.iter().any(|t| t.starts_with("Médecin")));
    // The files' documentation counts 90 to 100 offers with a digital job code per export;
    // titles add a few more.
    for file in [
        "pep2pe-export-2021-03-03.psv",
        "pep2pe-export-2021-03-05.psv",
        "pep2pe-export-2021-04-16.psv",
    ] {
        let offers: Vec<SourceOffer> = mapped(&dir.join(file), Dialect::PIPE, pep::map_partner)
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        let digital = offers.iter().filter(|o| rule.matches(o)).count();
        assert!(
            (85..=130).contains(&digital),
            "{file}: {digital} of {}",
            offers.len()
        );
    }
}
