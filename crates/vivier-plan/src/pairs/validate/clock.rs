//! The validator's own reading of `registered_at`, by hand (the engine uses `time`'s parsers):
//! an instant in nanoseconds since 1970-01-01T00:00:00Z.

const NANOS: i128 = 1_000_000_000;

/// `text` as an instant: `YYYY-MM-DD`, optionally followed by `T` (or `t`, or a space),
/// `hh:mm`, optional `:ss` with an optional fraction (`.` or `,`), and an optional `Z` or
/// offset (`±hh`, `±hhmm`, `±hh:mm`). Without an offset the time is Paris time; a date alone is
/// midnight, Paris time.
pub(super) fn instant(text: &str) -> Option<i128> {
    let b = text.as_bytes();
    let year = number(b, 0, 4)?;
    let month = number(b, 5, 2)?;
    let day = number(b, 8, 2)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let midnight = days_from_civil(year, month, day) * 86_400;
    if b.len() == 10 {
        return Some(paris(year, midnight) * NANOS);
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.get(13) != Some(&b':') {
        return None;
    }
    let (hour, minute) = (number(b, 11, 2)?, number(b, 14, 2)?);
    if hour > 23 || minute > 59 {
        return None;
    }
    let mut at = 16;
    let (mut second, mut nanos) = (0, 0);
    if b.get(at) == Some(&b':') {
        second = number(b, at + 1, 2)?;
        if second > 59 {
            return None;
        }
        at += 3;
        if matches!(b.get(at), Some(b'.' | b',')) {
            let digits = b[at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_digit())
                .count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            nanos = number(b, at + 1, digits)? * 10i128.pow(9 - digits as u32);
            at += 1 + digits;
        }
    }
    let local = midnight + hour * 3_600 + minute * 60 + second;
    let seconds = match &b[at..] {
        [] => paris(year, local),
        [b'Z' | b'z'] => local,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest.len() {
                2 => (number(rest, 0, 2)?, 0),
                4 => (number(rest, 0, 2)?, number(rest, 2, 2)?),
                5 if rest[2] == b':' => (number(rest, 0, 2)?, number(rest, 3, 2)?),
                _ => return None,
            };
            if h > 25 || m > 59 {
                return None;
            }
            let offset = h * 3_600 + m * 60;
            if *sign == b'+' {
                local - offset
            } else {
                local + offset
            }
        }
        _ => return None,
    };
    Some(seconds * NANOS + nanos)
}

/// The decimal number written with exactly `len` ASCII digits at `at`.
fn number(b: &[u8], at: usize, len: usize) -> Option<i128> {
    let digits = b.get(at..at + len)?;
    digits.iter().try_fold(0i128, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + i128::from(c - b'0'))
    })
}

fn days_in_month(year: i128, month: i128) -> i128 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given date (proleptic Gregorian; Howard Hinnant's formula).
fn days_from_civil(year: i128, month: i128, day: i128) -> i128 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the epoch of `local` seconds of Paris legal time in `year`: summer time (UTC+2)
/// from the last Sunday of March to the last Sunday of October, 01:00 UTC, winter time (UTC+1)
/// otherwise; the first reading wins in the hour repeated in October.
fn paris(year: i128, local: i128) -> i128 {
    let last_sunday_one_am = |month: i128| {
        let day31 = days_from_civil(year, month, 31);
        // 1970-01-01 was a Thursday: day 0 of the week is Sunday.
        let weekday = (day31 + 4).rem_euclid(7);
        (day31 - weekday) * 86_400 + 3_600
    };
    let summer = local - 7_200;
    if (last_sunday_one_am(3)..last_sunday_one_am(10)).contains(&summer) {
        summer
    } else {
        local - 3_600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_the_engine_accepts() {
        // 2026-03-02T08:30:00Z
        let reference = 1_772_440_200 * NANOS;
        for text in [
            "2026-03-02T09:30:00+01:00",
            "2026-03-02t08:30:00z",
            "2026-03-02 09:30+01",
            "2026-03-02T09:30+0100",
            "2026-03-02T08:30Z",
            "2026-03-02T09:30:00",
            "2026-03-02 09:30",
        ] {
            assert_eq!(instant(text), Some(reference), "{text}");
        }
        assert_eq!(
            instant("2026-03-02T09:30:00,25"),
            Some(reference + NANOS / 4)
        );
        assert_eq!(instant("2026-03-02"), instant("2026-03-01T23:00:00Z"));
        assert_eq!(instant("2026-10-25T02:30:00"), instant("2026-10-25T00:30Z"));
        assert_eq!(instant("2026-03-29T02:30:00"), instant("2026-03-29T01:30Z"));
        for text in [
            "hier",
            "2026-02-29",
            "2026-03-02T24:00",
            "2026-03-02T09:30:00+1",
        ] {
            assert_eq!(instant(text), None, "{text}");
        }
    }
}
