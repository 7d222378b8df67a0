//! How values read in French on pages.

use time::{Date, Month};

/// "3 novembre 2026".
pub fn date_long(date: Date) -> String {
    let month = match date.month() {
        Month::January => "janvier",
        Month::February => "février",
        Month::March => "mars",
        Month::April => "avril",
        Month::May => "mai",
        Month::June => "juin",
        Month::July => "juillet",
        Month::August => "août",
        Month::September => "septembre",
        Month::October => "octobre",
        Month::November => "novembre",
        Month::December => "décembre",
    };
    let day = date.day();
    if day == 1 {
        format!("1er {month} {}", date.year())
    } else {
        format!("{day} {month} {}", date.year())
    }
}

/// ISO 8601 calendar date, "2026-11-03".
pub fn date_iso(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// "45 000" with a narrow no-break space between thousands, as French typography wants.
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// "45 000 € à 60 000 € bruts par an".
pub fn salary(min: u32, max: u32) -> String {
    if min == max {
        format!("{} € bruts par an", thousands(min.into()))
    } else {
        format!(
            "{} € à {} € bruts par an",
            thousands(min.into()),
            thousands(max.into())
        )
    }
}

/// A number with `decimals` decimals and a French decimal comma: "12,5".
pub fn decimal(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// A moment as Paris reads it: "22/11/2026 à 14:05".
pub fn moment_paris(moment: time::OffsetDateTime) -> String {
    let zone = jiff::tz::TimeZone::get("Europe/Paris").unwrap_or(jiff::tz::TimeZone::UTC);
    match jiff::Timestamp::from_second(moment.unix_timestamp()) {
        Ok(timestamp) => timestamp
            .to_zoned(zone)
            .strftime("%d/%m/%Y à %H:%M")
            .to_string(),
        Err(_) => moment.to_string(),
    }
}

/// "1 offre", "12 offres", "aucune offre".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    match n {
        0 => format!("aucune {singular}"),
        1 => format!("1 {singular}"),
        n => format!("{} {plural}", thousands(n as u64)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn french_dates() {
        assert_eq!(date_long(date!(2026 - 11 - 03)), "3 novembre 2026");
        assert_eq!(date_long(date!(2027 - 02 - 01)), "1er février 2027");
        assert_eq!(date_iso(date!(2027 - 02 - 01)), "2027-02-01");
    }

    #[test]
    fn french_numbers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(45_000), "45\u{202f}000");
        assert_eq!(thousands(1_234_567), "1\u{202f}234\u{202f}567");
        assert_eq!(salary(40_000, 40_000), "40\u{202f}000 € bruts par an");
        assert_eq!(count(0, "offre", "offres"), "aucune offre");
        assert_eq!(count(2_000, "offre", "offres"), "2\u{202f}000 offres");
    }
}
