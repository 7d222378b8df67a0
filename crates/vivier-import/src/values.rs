//! The values of the exports' cells: French dates, a department code in parentheses, yes/no.

use time::{Date, Month};
use vivier_domain::geo::DepartmentCode;
use vivier_domain::offer::{Category, ContractType};
use vivier_domain::text;

/// From this year on, an end of publication means "no end date" (the CSP file writes 2099).
pub const NO_END_FROM_YEAR: i32 = 2090;

/// A date written `JJ/MM/AAAA` (the exports' form), maybe followed by a time (`02/01/2021
/// 05:01`, dropped), or `AAAA-MM-JJ`. `Err` holds a French message.
pub fn date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let day_part = text.split_whitespace().next().unwrap_or("");
    let parsed = if let Some((d, rest)) = day_part.split_once('/') {
        rest.split_once('/').and_then(|(m, y)| ymd(y, m, d))
    } else {
        let mut parts = day_part.splitn(3, '-');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(y), Some(m), Some(d)) => ymd(y, m, d),
            _ => None,
        }
    };
    parsed.ok_or_else(|| format!("date illisible « {} » (attendu JJ/MM/AAAA)", shorten(text)))
}

fn ymd(year: &str, month: &str, day: &str) -> Option<Date> {
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
    };
    let year = i32::from(number(year, 4..=4)?);
    let month = Month::try_from(u8::try_from(number(month, 1..=2)?).ok()?).ok()?;
    let day = u8::try_from(number(day, 1..=2)?).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

/// An end of publication: `None` when empty or "no end" (year 2090 or later).
pub fn end_date(text: &str) -> Result<Option<Date>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let date = date(text)?;
    Ok((date.year() < NO_END_FROM_YEAR).then_some(date))
}

/// A place written with its department code in parentheses: `Paris (75)`, `(2A)`,
/// `Saint-Denis (974)`. Gives the name before the parentheses (maybe empty) and the code; `None`
/// without a valid department code (the last parenthesised group is the one looked at).
pub fn place_with_department(text: &str) -> Option<(&str, DepartmentCode)> {
    let text = text.trim();
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let code = DepartmentCode::parse(&inner[open + 1..]).ok()?;
    Some((text[..open].trim(), code))
}

/// A yes/no cell: "Oui", "oui", "Télétravail : oui", "O"… are yes; anything else is no.
pub fn yes(text: &str) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case("o")
        || text
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.eq_ignore_ascii_case("oui"))
}

/// "Catégorie A", "A+", "catégorie b"…
pub fn category(text: &str) -> Option<Category> {
    let folded = text::fold(text);
    let rest = folded.trim().trim_start_matches("categorie").trim_start();
    match rest.chars().next()? {
        'a' => Some(Category::A),
        'b' => Some(Category::B),
        'c' => Some(Category::C),
        _ => None,
    }
}

/// Who may apply, from "Nature de l'emploi": only contract staff, or civil servants and
/// contract staff (the domain has no "civil servants only": such offers are open to
/// secondment, which is the first kind).
pub fn contract_type(text: &str) -> ContractType {
    let folded = text::fold(text);
    let contract = folded.contains("contractuel");
    let civil = folded.contains("titulaire") || folded.contains("fonctionnaire");
    if folded.contains("apprenti") {
        ContractType::Apprentissage
    } else if folded.contains("stage") {
        ContractType::Stage
    } else if contract && (!civil || folded.contains("uniquement")) {
        ContractType::ContractuelUniquement
    } else {
        ContractType::TitulaireOuContractuel
    }
}

/// The start of `text`, for a message (a cell may be megabytes long).
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    #[test]
    fn dates_are_read_the_way_the_exports_write_them() {
        assert_eq!(super::date("03/03/2021"), Ok(date!(2021 - 03 - 03)));
        assert_eq!(super::date(" 3/3/2021 "), Ok(date!(2021 - 03 - 03)));
        assert_eq!(super::date("02/01/2021 05:01"), Ok(date!(2021 - 01 - 02)));
        assert_eq!(super::date("2021-04-16"), Ok(date!(2021 - 04 - 16)));
        for bad in [
            "",
            "31/02/2021",
            "2021",
            "1/2/21",
            "aa/bb/cccc",
            "01/13/2020",
            "-1/-1/-1",
        ] {
            let message = super::date(bad).expect_err(bad);
            assert!(message.starts_with("date illisible"), "{message}");
        }
    }

    #[test]
    fn an_end_in_2090_or_later_means_no_end() {
        assert_eq!(end_date("31/12/2099"), Ok(None));
        assert_eq!(end_date("01/01/2090"), Ok(None));
        assert_eq!(end_date("31/12/2089"), Ok(Some(date!(2089 - 12 - 31))));
        assert_eq!(end_date("  "), Ok(None));
        assert!(end_date("demain").is_err());
    }

    #[test]
    fn department_codes_are_found_in_parentheses() {
        let code = |s: &str| DepartmentCode::parse(s).expect("valid");
        assert_eq!(
            place_with_department("Paris (75)"),
            Some(("Paris", code("75")))
        );
        assert_eq!(place_with_department("(2A)"), Some(("", code("2A"))));
        assert_eq!(
            place_with_department("Saint-Denis (974)"),
            Some(("Saint-Denis", code("974")))
        );
        assert_eq!(
            place_with_department("Bastia (Haute-Corse) (2b)"),
            Some(("Bastia (Haute-Corse)", code("2B")))
        );
        for none in [
            "Paris",
            "Paris (75",
            "Paris (20)",
            "Paris (100)",
            "()",
            "Lyon (Rhône)",
        ] {
            assert_eq!(place_with_department(none), None, "{none}");
        }
    }

    #[test]
    fn yes_is_read_loosely() {
        for yes in [
            "Oui",
            "oui",
            " OUI ",
            "O",
            "Télétravail : oui",
            "oui, 2 jours",
        ] {
            assert!(super::yes(yes), "{yes}");
        }
        for no in ["Non", "", "N", "ouistiti", "Non précisé"] {
            assert!(!super::yes(no), "{no}");
        }
    }

    #[test]
    fn categories_and_contracts_are_read_from_their_wording() {
        assert_eq!(category("Catégorie A+"), Some(Category::A));
        assert_eq!(category("catégorie c"), Some(Category::C));
        assert_eq!(category("B"), Some(Category::B));
        assert_eq!(category("Sans catégorie"), None);
        assert_eq!(category(""), None);
        for (text, contract) in [
            (
                "Emploi ouvert uniquement aux contractuels",
                ContractType::ContractuelUniquement,
            ),
            (
                "Emploi ouvert aux contractuels",
                ContractType::ContractuelUniquement,
            ),
            (
                "Emploi réservé aux fonctionnaires",
                ContractType::TitulaireOuContractuel,
            ),
            (
                "Emploi ouvert aux titulaires et aux contractuels",
                ContractType::TitulaireOuContractuel,
            ),
            ("Contrat d'apprentissage", ContractType::Apprentissage),
            ("", ContractType::TitulaireOuContractuel),
        ] {
            assert_eq!(contract_type(text), contract, "{text}");
        }
    }

    proptest! {
        #[test]
        fn every_date_reads_back_from_its_french_form(day in 0i32..73_000) {
            let date = date!(1950 - 01 - 01) + time::Duration::days(i64::from(day));
            let french = format!("{:02}/{:02}/{}", date.day(), u8::from(date.month()), date.year());
            prop_assert_eq!(super::date(&french), Ok(date));
            let iso = format!("{}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day());
            prop_assert_eq!(super::date(&iso), Ok(date));
        }

        #[test]
        fn date_parsing_never_panics(text in "\\PC{0,40}") {
            let _ = super::date(&text);
            let _ = end_date(&text);
        }

        #[test]
        fn any_department_code_is_found_after_any_name(
            name in "[\\p{L} '()-]{0,40}",
            code in prop::sample::select(vec!["01", "2A", "2B", "19", "21", "75", "95", "971", "976"]),
        ) {
            let text = format!("{name} ({code})");
            let (found_name, found) = place_with_department(&text).expect("a code");
            prop_assert_eq!(found.as_str(), code);
            prop_assert_eq!(found_name, name.trim());
        }

        #[test]
        fn place_parsing_never_panics(text in "\\PC{0,40}") {
            let _ = place_with_department(&text);
        }
    }
}
