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
    let now = jiff::Timestamp::now();
    let date = jiff::tz::TimeZone::get("Europe/Paris")
        .map(|tz| now.to_zoned(tz).date())
        .unwrap_or_else(|_| now.to_zoned(jiff::tz::TimeZone::UTC).date());
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
}
