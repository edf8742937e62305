//! Time in Denmark (chrono + chrono-tz). Everything is stored as UTC in one fixed-width format;
//! dates people see are Europe/Copenhagen.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Copenhagen;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

pub use chrono_tz::Tz;

/// The time zone of every date a person sees.
pub const COPENHAGEN: Tz = Copenhagen;

/// A stored instant: UTC, RFC 3339, always milliseconds ("2026-11-25T13:05:00.000Z"). Fixed
/// width, so SQL text order is time order. The same text in JSON (CLI, UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, specta::Type)]
#[specta(type = String)]
pub struct Stamp(DateTime<Utc>);

impl Stamp {
    pub fn new(t: DateTime<Utc>) -> Stamp {
        // Millisecond precision, so a stamp survives a round trip through its text unchanged.
        Stamp(t.with_nanosecond(t.nanosecond() / 1_000_000 * 1_000_000).unwrap_or(t))
    }

    pub fn instant(self) -> DateTime<Utc> {
        self.0
    }

    /// Parses the stored format (or any RFC 3339 time).
    pub fn parse(s: &str) -> Option<Stamp> {
        Stamp::parse_stored(s)
            .or_else(|| DateTime::parse_from_rfc3339(s).ok().map(|t| Stamp::new(t.with_timezone(&Utc))))
    }

    /// The fixed-width stored form, "2026-11-25T13:05:00.000Z", read without a general parser
    /// (the board reads three per card; this is most of what a row costs). None for anything else.
    fn parse_stored(s: &str) -> Option<Stamp> {
        let b = s.as_bytes();
        if b.len() != 24 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        if b[19] != b'.' || b[23] != b'Z' {
            return None;
        }
        let num = |from: usize, to: usize| -> Option<u32> {
            b[from..to].iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
        };
        let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
        let time = chrono::NaiveTime::from_hms_milli_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?, num(20, 23)?)?;
        Some(Stamp(date.and_time(time).and_utc()))
    }

    pub fn as_text(self) -> String {
        stamp(self.0)
    }

    /// The year in Copenhagen.
    pub fn year_in_copenhagen(self) -> i32 {
        self.0.with_timezone(&COPENHAGEN).year()
    }
}

impl std::fmt::Display for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_text())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Stamp, D::Error> {
        let s = String::deserialize(d)?;
        Stamp::parse(&s).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 time"))
    }
}

impl ToSql for Stamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_text()))
    }
}

impl FromSql for Stamp {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        Stamp::parse(s).ok_or_else(|| FromSqlError::Other("not a stored timestamp".into()))
    }
}

/// A civil date in Europe/Copenhagen (a due date): "2026-11-25" in the store and in JSON; people
/// type and see it the Danish way ("25.11.2026", "25. nov. 2026").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, specta::Type)]
#[specta(type = String)]
pub struct Day(NaiveDate);

impl Day {
    pub fn new(d: NaiveDate) -> Day {
        Day(d)
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }

    /// The civil date in Copenhagen of an instant.
    pub fn of(t: DateTime<Utc>) -> Day {
        Day(t.with_timezone(&COPENHAGEN).date_naive())
    }

    /// "2026-11-25" (the stored form) or Danish "25.11.2026" (four-digit years only, so "1.2.26"
    /// is never read as the year 26). Impossible dates ("30.02.2026") are None.
    pub fn parse(s: &str) -> Option<Day> {
        let s = s.trim();
        let iso = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|_| s.len() == 10);
        let danish = || {
            let parts: Vec<&str> = s.split('.').collect();
            match parts.as_slice() {
                [d, m, y] if y.len() == 4 && (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) => {
                    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                }
                _ => None,
            }
        };
        iso.or_else(danish).map(Day)
    }

    /// Exactly "YYYY-MM-DD" (the import format's `due`): no Danish form, no spaces, no sign.
    pub fn parse_iso(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) || !digits(8..10) {
            return None;
        }
        NaiveDate::from_ymd_opt(s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?).map(Day)
    }

    pub fn as_text(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// "25. nov. 2026".
    pub fn format_da(self) -> String {
        format!("{}. {} {}", self.0.day(), MONTHS[self.0.month0() as usize], self.0.year())
    }

    /// Whole days from `self` to `later` (negative when `later` is before).
    pub fn days_until(self, later: Day) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// ISO 8601 (year, week): "uge 48".
    pub fn iso_week(self) -> (i32, u32) {
        let w = self.0.iso_week();
        (w.year(), w.week())
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.as_text())
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
        let s = String::deserialize(d)?;
        Day::parse(&s).ok_or_else(|| serde::de::Error::custom("not a date (YYYY-MM-DD)"))
    }
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_text()))
    }
}

impl FromSql for Day {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let s = value.as_str()?;
        Day::parse(s).ok_or_else(|| FromSqlError::Other("not a stored date".into()))
    }
}

/// The one format timestamps are stored in.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

const MONTHS: [&str; 12] =
    ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];

/// "25. nov. 2026" (Danish style, Copenhagen time).
pub fn format_date(t: DateTime<Utc>) -> String {
    let z = t.with_timezone(&COPENHAGEN);
    format!("{}. {} {}", z.day(), MONTHS[z.month0() as usize], z.year())
}

/// "14.05" (Danish style, Copenhagen time).
pub fn format_time(t: DateTime<Utc>) -> String {
    let z = t.with_timezone(&COPENHAGEN);
    format!("{:02}.{:02}", z.hour(), z.minute())
}

/// The start of a civil day in Copenhagen, as an instant.
pub fn start_of_day(date: chrono::NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists");
    match COPENHAGEN.from_local_datetime(&midnight) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        // Denmark never skips midnight, but be total: the first instant after the gap.
        chrono::LocalResult::None => COPENHAGEN.from_utc_datetime(&midnight).with_timezone(&Utc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn stored_timestamps_are_fixed_width_so_text_order_is_time_order() {
        let a = t("2026-11-25T13:05:00.9Z");
        let b = t("2026-11-25T13:05:00.123Z");
        let c = t("2026-11-25T13:05:00Z");
        assert_eq!(stamp(a), "2026-11-25T13:05:00.900Z");
        assert_eq!(stamp(c), "2026-11-25T13:05:00.000Z");
        assert!(stamp(c) < stamp(b) && stamp(b) < stamp(a));
        assert_eq!(Stamp::parse(&stamp(a)).unwrap().instant(), a);
        // The fast path and the general parser agree; anything else falls back or fails.
        for text in ["2026-11-25T13:05:00.123Z", "2026-02-28T23:59:59.999Z", "2000-01-01T00:00:00.000Z"] {
            let general = DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc);
            assert_eq!(Stamp::parse_stored(text).unwrap().instant(), general, "{text}");
        }
        for odd in
            ["2026-02-30T10:00:00.000Z", "2026-11-25T25:00:00.000Z", "2026-11-25 13:05:00.000Z", "2026-11-25T13:05:00Z"]
        {
            assert_eq!(Stamp::parse_stored(odd), None, "{odd}");
        }
        assert!(Stamp::parse("2026-11-25T14:05:00+01:00").is_some(), "other RFC 3339 forms still parse");
        assert_eq!(stamp(t("2026-11-25T14:05:00.123456+01:00")), "2026-11-25T13:05:00.123Z");
        assert_eq!(serde_json::to_string(&Stamp::new(c)).unwrap(), "\"2026-11-25T13:05:00.000Z\"");
    }

    #[test]
    fn danish_dates_in_copenhagen_time() {
        let winter = t("2026-11-25T13:05:00Z");
        assert_eq!(format_date(winter), "25. nov. 2026");
        assert_eq!(format_time(winter), "14.05");
        let summer = t("2026-05-31T22:30:00Z");
        assert_eq!(format_date(summer), "1. jun. 2026");
        assert_eq!(format_time(summer), "00.30");
    }

    #[test]
    fn days_parse_the_iso_and_the_danish_way_and_refuse_impossible_dates() {
        assert_eq!(Day::parse("2026-11-25").unwrap().as_text(), "2026-11-25");
        assert_eq!(Day::parse("25.11.2026").unwrap().as_text(), "2026-11-25");
        assert_eq!(Day::parse(" 1.2.2027 ").unwrap().as_text(), "2027-02-01");
        for bad in [
            "30.02.2026",
            "2026-02-30",
            "29.02.2027",
            "25.11.26",
            "25-11-2026",
            "2026-1-5",
            "",
            "i morgen",
            "32.01.2026",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert_eq!(Day::parse("29.02.2028").unwrap().format_da(), "29. feb. 2028");
        assert_eq!(Day::parse("2026-12-28").unwrap().iso_week(), (2026, 53));
        assert_eq!(Day::parse("2027-01-04").unwrap().iso_week(), (2027, 1));
        // The civil date in Copenhagen: 23.30 UTC on 24 Nov is 25 Nov in Denmark.
        assert_eq!(Day::of(t("2026-11-24T23:30:00Z")).as_text(), "2026-11-25");
        assert_eq!(Day::of(t("2026-06-30T22:30:00Z")).as_text(), "2026-07-01");
    }

    #[test]
    fn days_start_at_copenhagen_midnight_across_daylight_saving() {
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(stamp(start_of_day(d("2026-03-29"))), "2026-03-28T23:00:00.000Z");
        assert_eq!(stamp(start_of_day(d("2026-03-30"))), "2026-03-29T22:00:00.000Z");
        assert_eq!(stamp(start_of_day(d("2026-10-26"))), "2026-10-25T23:00:00.000Z");
    }
}
