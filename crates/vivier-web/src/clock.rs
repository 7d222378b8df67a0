//! What day it is for the public: deadlines are French calendar dates, so "today" is the date
//! in Paris, not in UTC (an offer whose deadline is today stays open until midnight in Paris).

use time::{Date, Month};

/// Where "today" comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Clock {
    /// The current date in Europe/Paris.
    #[default]
    Paris,
    /// A fixed date (tests, reproducible benchmarks).
    Fixed(Date),
}

impl Clock {
    /// Today's date.
    pub fn today(self) -> Date {
        match self {
            Self::Fixed(date) => date,
            Self::Paris => paris_today(),
        }
    }
}

fn paris_today() -> Date {
    paris_date_of(jiff::Timestamp::now())
}

/// The date in Paris at `unix` (seconds since the epoch): the scheduled jobs count whole days
/// of the French calendar. Out-of-range times give the UTC date.
pub fn paris_date(unix: i64) -> Date {
    match jiff::Timestamp::from_second(unix) {
        Ok(at) => paris_date_of(at),
        Err(_) => time::OffsetDateTime::from_unix_timestamp(unix)
            .map_or(Date::MIN, time::OffsetDateTime::date),
    }
}

fn paris_date_of(at: jiff::Timestamp) -> Date {
    let date = jiff::tz::TimeZone::get("Europe/Paris")
        .map(|tz| at.to_zoned(tz).date())
        .unwrap_or_else(|_| at.to_zoned(jiff::tz::TimeZone::UTC).date());
    Month::try_from(date.month() as u8)
        .ok()
        .and_then(|month| {
            Date::from_calendar_date(date.year().into(), month, date.day() as u8).ok()
        })
        .unwrap_or_else(|| time::OffsetDateTime::now_utc().date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_is_at_most_a_day_from_utc() {
        let utc = time::OffsetDateTime::now_utc().date();
        let paris = Clock::Paris.today();
        assert!((paris - utc).whole_days().abs() <= 1);
        let fixed = time::macros::date!(2026 - 01 - 01);
        assert_eq!(Clock::Fixed(fixed).today(), fixed);
    }

    #[test]
    fn paris_dates_follow_the_french_calendar() {
        // 2026-11-21 23:30 UTC is already the 22nd in Paris (UTC+1 in winter).
        let late = time::macros::datetime!(2026-11-21 23:30 UTC).unix_timestamp();
        assert_eq!(paris_date(late), time::macros::date!(2026 - 11 - 22));
        // 2026-07-01 21:59 UTC is 23:59 in Paris (UTC+2 in summer).
        let summer = time::macros::datetime!(2026-07-01 21:59 UTC).unix_timestamp();
        assert_eq!(paris_date(summer), time::macros::date!(2026 - 07 - 01));
    }
}
