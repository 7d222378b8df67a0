//! The analyzer on the real offers of the shared data folder (Place de l'emploi public exports
//! and beta.gouv.fr job posts), when that folder is present.

use std::path::{Path, PathBuf};

use vivier_search::analyze;

fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    dir.is_dir().then_some(dir)
}

/// Texts of the offers: every line of the PSV exports (fields joined, `\n` escapes restored)
/// and the role and body of each beta.gouv.fr job post.
fn offer_texts(dir: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    let exports = dir.join("place-emploi-public-exports");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&exports)
        .expect("readable exports folder")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "psv"))
        .collect();
    files.sort();
    for file in files {
        let content = std::fs::read_to_string(&file).expect("UTF-8 export");
        texts.extend(content.lines().skip(1).map(|l| l.replace("\\n", "\n")));
    }
    let jobs = std::fs::read_to_string(dir.join("beta-gouv-fr/jobs.jsonl")).expect("jobs file");
    for line in jobs.lines().filter(|l| !l.trim().is_empty()) {
        let job: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        for field in ["roles", "body_markdown"] {
            if let Some(text) = job[field].as_str() {
                texts.push(text.to_owned());
            }
        }
    }
    texts
}

#[test]
fn real_offers_are_analysed_with_the_expected_terms() {
    let Some(dir) = shared_data() else {
        println!("shared data absent: test skipped");
        return;
    };
    let texts = offer_texts(&dir);
    assert!(texts.len() > 1_000, "{} texts", texts.len());

    let developer = analyze("développeur").remove(0);
    let mut inclusive_developer_offers = 0;
    let mut terms_total = 0;
    let mut all = std::collections::HashSet::new();
    for text in &texts {
        let terms = analyze(text);
        terms_total += terms.len();
        assert!(terms.iter().all(|t| !t.is_empty() && t.len() <= 64));
        let inclusive = [
            "développeuse",
            "développeur·se",
            "développeur.se",
            "développeur·euse",
        ]
        .iter()
        .any(|form| text.to_lowercase().contains(form));
        if inclusive {
            inclusive_developer_offers += 1;
            assert!(
                terms.contains(&developer),
                "missing {developer} in: {text:.200}"
            );
        }
        all.extend(terms);
    }
    assert!(
        inclusive_developer_offers > 10,
        "{inclusive_developer_offers} offers"
    );

    for expected in ["si", "data", "api", "rgpd", "equip", "securit", "python"] {
        assert!(all.contains(expected), "no offer yields « {expected} »");
    }
    println!(
        "{} texts, {terms_total} terms, {inclusive_developer_offers} offers with a feminine or inclusive « développeur »",
        texts.len()
    );
}
