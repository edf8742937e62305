//! A concern report as taken at intake (hotline call, e-mail, in person, referral), and its
//! validation. The person of concern is pseudonymised: initials or a pseudonym, birth year,
//! optional gender, municipality. There is no CPR-number field, and CPR numbers are refused in
//! every free-text field (data minimisation).

use crate::error::{Error, Result};
use crate::routing::{self, Route};
use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal : $label:literal),+ $(,)? }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
        $(#[$m])*
        pub enum $name {
            $(#[serde(rename = $s)] $variant),+
        }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
            /// The Danish label the UI, the CLI and the minutes show.
            pub fn label_da(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
    };
}

string_enum!(
    /// How the concern reached us. Named `ContactChannel` in the TypeScript bindings (`Channel`
    /// is taken there by Tauri's IPC channel); JSON has no enum names, so the data is unchanged.
    #[serde(rename = "ContactChannel")]
    Channel {
        Hotline = "hotline": "Hotline",
        Email = "email": "E-mail",
        InPerson = "in_person": "Personligt fremmøde",
        Referral = "referral": "Henvisning",
    }
);
string_enum!(
    /// Who called or reported. With channel `referral`, the referring body (school, social
    /// services, police, other professional).
    CallerType {
        Parent = "parent": "Forælder",
        Relative = "relative": "Anden pårørende",
        Friend = "friend": "Ven/veninde",
        School = "school": "Skole/lærer",
        SocialWorker = "social_worker": "Socialrådgiver",
        Police = "police": "Politi",
        Professional = "professional": "Anden fagperson",
        Anonymous = "anonymous": "Anonym",
    }
);
string_enum!(Gender { Female = "female": "Kvinde", Male = "male": "Mand", Other = "other": "Andet" });
string_enum!(
    Category {
        RightWing = "right_wing": "Højreekstremisme",
        LeftWing = "left_wing": "Venstreekstremisme",
        MilitantIslamism = "militant_islamism": "Militant islamisme",
        Other = "other": "Anden/uafklaret",
    }
);
string_enum!(
    /// Observed signs of concern (a checklist, not an assessment instrument).
    Indicator {
        SharesPropaganda = "shares_propaganda": "Deler propaganda",
        EndorsesViolence = "endorses_violence": "Billiger vold",
        ExtremistContacts = "extremist_contacts": "Kontakt til ekstremistisk miljø",
        ChangedBehaviour = "changed_behaviour": "Ændret adfærd eller udseende",
        Isolation = "isolation": "Isolation",
        TravelPlans = "travel_plans": "Rejseplaner",
        WeaponsInterest = "weapons_interest": "Interesse for våben",
        Threats = "threats": "Trusler",
    }
);
string_enum!(
    /// `acute` means danger now: the caller is told to ring 112 and the case is flagged for police.
    Urgency { Normal = "normal": "Normal", High = "high": "Høj", Acute = "acute": "Akut" }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Caller {
    #[serde(rename = "type")]
    pub caller_type: CallerType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Initials or a pseudonym, never the full name.
    pub pseudonym: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub birth_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub gender: Option<Gender>,
    /// Municipality of residence, as typed; routed to its police district.
    pub municipality: String,
}

/// One concern report, the input of intake (`tovholder-cli intake`, the intake form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct IntakeReport {
    /// RFC 3339, e.g. "2026-11-25T14:05:00+01:00".
    pub received_at: String,
    pub channel: Channel,
    pub caller: Caller,
    pub subject: Subject,
    pub category: Category,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    pub urgency: Urgency,
    pub description: String,
}

pub const PSEUDONYM_MAX: usize = 40;
pub const NAME_MAX: usize = 100;
pub const PHONE_MAX: usize = 20;
pub const EMAIL_MAX: usize = 254;
pub const DESCRIPTION_MAX: usize = 4000;
pub const NOTE_MAX: usize = 4000;
pub const BIRTH_YEAR_MIN: i32 = 1900;
/// How far ahead of the clock a receipt time may lie (clock skew between machines).
pub const FUTURE_SLACK_MINUTES: i64 = 10;
/// No concern is older than this year.
pub const EARLIEST_YEAR: i32 = 2000;

/// A validated report: trimmed text, a parsed time, and the route.
#[derive(Debug, Clone)]
pub struct ValidIntake {
    pub report: IntakeReport,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub route: Route,
}

/// True if the text holds something shaped like a CPR number (DDMMYY-SSSS or ten digits).
pub fn contains_cpr_number(text: &str) -> bool {
    let b: Vec<char> = text.chars().collect();
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    (0..b.len()).any(|i| {
        if i > 0 && digit(i - 1) {
            return false;
        }
        let six = (i..i + 6).all(digit);
        if !six {
            return false;
        }
        let (dd, mm) = (
            b[i].to_digit(10).unwrap() * 10 + b[i + 1].to_digit(10).unwrap(),
            b[i + 2].to_digit(10).unwrap() * 10 + b[i + 3].to_digit(10).unwrap(),
        );
        if !(1..=31).contains(&dd) || !(1..=12).contains(&mm) {
            return false;
        }
        let rest = if b.get(i + 6).is_some_and(|c| *c == '-' || *c == ' ') { i + 7 } else { i + 6 };
        (rest..rest + 4).all(digit) && !digit(rest + 4)
    })
}

/// A phone number as people write it: digits, spaces, + - ( ), 8–15 digits.
pub fn is_phone_number(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    p.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c)) && (8..=15).contains(&digits)
}

/// Something@something.tld, without spaces (a plausibility check, not RFC 5322).
pub fn is_email_address(e: &str) -> bool {
    let ok = e.split_once('@').is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.ends_with('.'));
    ok && !e.contains(char::is_whitespace)
}

/// Checks free text: trimmed, not too long, no control characters (newlines and tabs allowed
/// where `multiline`), no CPR numbers.
pub fn clean_text(field: &'static str, value: &str, max: usize, multiline: bool) -> Result<String> {
    let v = value.trim();
    if v.chars().count() > max {
        return Err(Error::invalid(field, format!("må højst være {max} tegn")));
    }
    if v.chars().any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r'))) {
        return Err(Error::invalid(field, "må ikke indeholde kontroltegn"));
    }
    if contains_cpr_number(v) {
        return Err(Error::invalid(field, "må ikke indeholde CPR-numre (Tovholder registrerer ikke CPR-numre)"));
    }
    Ok(v.to_string())
}

fn required(field: &'static str, value: &str, max: usize, multiline: bool) -> Result<String> {
    let v = clean_text(field, value, max, multiline)?;
    if v.is_empty() {
        return Err(Error::invalid(field, "skal udfyldes"));
    }
    Ok(v)
}

fn optional(field: &'static str, value: &Option<String>, max: usize) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => Ok(Some(clean_text(field, v, max, false)?).filter(|v| !v.is_empty())),
    }
}

/// The year in Denmark at `now`.
pub fn year_at(now: chrono::DateTime<chrono::Utc>) -> i32 {
    use chrono::Datelike;
    now.with_timezone(&crate::dates::COPENHAGEN).year()
}

/// A birth year from 1900 up to the current year (at `now`).
pub fn validate_birth_year(year: Option<i32>, now: chrono::DateTime<chrono::Utc>) -> Result<Option<i32>> {
    let current = year_at(now);
    match year {
        Some(y) if !(BIRTH_YEAR_MIN..=current).contains(&y) => {
            Err(Error::invalid("subject.birth_year", format!("skal være mellem {BIRTH_YEAR_MIN} og {current}")))
        }
        other => Ok(other),
    }
}

/// What was wrong with a JSON document, without repeating the values it held (they may be
/// personal data): serde's own messages quote the offending input.
fn describe_json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let expected =
        |m: &str| m.split_once("expected ").map(|(_, x)| x.split(" at line").next().unwrap_or(x).to_string());
    if msg.starts_with("unknown field") {
        "ukendt felt".into()
    } else if msg.starts_with("missing field") {
        "mangler".into()
    } else if msg.starts_with("unknown variant") {
        format!("ukendt værdi; tilladt: {}", expected(&msg).unwrap_or_default())
    } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") || msg.starts_with("invalid length") {
        format!("forkert type; forventet {}", expected(&msg).unwrap_or_default())
    } else {
        format!("ikke gyldig JSON (linje {}, kolonne {})", e.line(), e.column())
    }
}

impl IntakeReport {
    /// Parses the JSON form (CLI, tests): unknown fields and wrong types are errors naming the field.
    pub fn from_json(text: &str) -> Result<IntakeReport> {
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            Error::Malformed {
                path: if path == "." { "(dokument)".into() } else { path },
                reason: describe_json_error(&inner),
            }
        })
    }

    /// Validates and normalises a report, judged at `now` (the store's clock). Nothing is stored here.
    pub fn validate(self, now: chrono::DateTime<chrono::Utc>) -> Result<ValidIntake> {
        let received_at = chrono::DateTime::parse_from_rfc3339(self.received_at.trim())
            .map_err(|_| Error::invalid("received_at", "skal være et gyldigt tidspunkt (RFC 3339)"))?
            .with_timezone(&chrono::Utc);
        if received_at > now + chrono::TimeDelta::minutes(FUTURE_SLACK_MINUTES) {
            return Err(Error::invalid("received_at", "må ikke ligge i fremtiden"));
        }
        let earliest =
            chrono::NaiveDate::from_ymd_opt(EARLIEST_YEAR, 1, 1).expect("a date").and_time(chrono::NaiveTime::MIN);
        if received_at < earliest.and_utc() {
            return Err(Error::invalid("received_at", "må ikke ligge før år 2000"));
        }
        let caller = Caller {
            caller_type: self.caller.caller_type,
            name: optional("caller.name", &self.caller.name, NAME_MAX)?,
            phone: optional("caller.phone", &self.caller.phone, PHONE_MAX)?,
            email: optional("caller.email", &self.caller.email, EMAIL_MAX)?,
        };
        if caller.phone.as_deref().is_some_and(|p| !is_phone_number(p)) {
            return Err(Error::invalid("caller.phone", "skal være et telefonnummer (8–15 cifre)"));
        }
        if caller.email.as_deref().is_some_and(|e| !is_email_address(e)) {
            return Err(Error::invalid("caller.email", "skal være en e-mailadresse"));
        }
        if caller.caller_type == CallerType::Anonymous
            && (caller.name.is_some() || caller.phone.is_some() || caller.email.is_some())
        {
            return Err(Error::invalid("caller.type", "en anonym henvender har ingen kontaktoplysninger"));
        }
        let pseudonym = required("subject.pseudonym", &self.subject.pseudonym, PSEUDONYM_MAX, false)?;
        let birth_year = validate_birth_year(self.subject.birth_year, now)?;
        let route = routing::route(&self.subject.municipality).map_err(|e| match e {
            Error::Invalid { reason, .. } => Error::invalid("subject.municipality", reason),
            other => other,
        })?;
        let description = required("description", &self.description, DESCRIPTION_MAX, true)?;
        let mut indicators = self.indicators;
        indicators.sort_by_key(|i| Indicator::ALL.iter().position(|a| a == i));
        indicators.dedup();
        let report = IntakeReport {
            received_at: self.received_at.trim().to_string(),
            channel: self.channel,
            caller,
            subject: Subject {
                pseudonym,
                birth_year,
                gender: self.subject.gender,
                municipality: route.municipality.to_string(),
            },
            category: self.category,
            indicators,
            urgency: self.urgency,
            description,
        };
        Ok(ValidIntake { report, received_at, route })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn example_json() -> String {
        serde_json::json!({
            "received_at": "2026-11-20T10:15:00+01:00",
            "channel": "hotline",
            "caller": {"type": "parent", "name": "Anna", "phone": "+45 20 30 40 50"},
            "subject": {"pseudonym": "J.K.", "birth_year": 2009, "gender": "male", "municipality": "Århus"},
            "category": "right_wing",
            "indicators": ["shares_propaganda", "isolation", "shares_propaganda"],
            "urgency": "high",
            "description": "Søn deler propaganda i klassens chatgruppe.\nTrækker sig fra venner."
        })
        .to_string()
    }

    fn with(path: &[&str], value: serde_json::Value) -> String {
        let mut v: serde_json::Value = serde_json::from_str(&example_json()).unwrap();
        let (last, parents) = path.split_last().unwrap();
        let mut cur = &mut v;
        for p in parents {
            cur = &mut cur[*p];
        }
        if value.is_null() {
            cur.as_object_mut().unwrap().remove(*last);
        } else {
            cur[*last] = value;
        }
        v.to_string()
    }

    /// The tests judge reports at a fixed time, never today's date.
    pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-11-25T13:05:00Z").unwrap().with_timezone(&chrono::Utc)
    }

    fn field_of(json: &str) -> String {
        match IntakeReport::from_json(json).and_then(|r| r.validate(now())) {
            Err(Error::Invalid { field, .. }) => field.to_string(),
            Err(Error::Malformed { path, .. }) => path,
            other => panic!("expected an input error, got {other:?}"),
        }
    }

    #[test]
    fn a_good_report_validates_and_routes() {
        let v = IntakeReport::from_json(&example_json()).unwrap().validate(now()).unwrap();
        assert_eq!(v.route.municipality, "Aarhus");
        assert_eq!(v.route.police_district.code, "ØJP");
        assert_eq!(v.report.subject.municipality, "Aarhus");
        assert_eq!(v.report.indicators, vec![Indicator::SharesPropaganda, Indicator::Isolation]);
    }

    #[test]
    fn every_rule_names_its_field() {
        use serde_json::json;
        let cases: Vec<(String, &str)> = vec![
            (with(&["extra"], json!(1)), "extra"),
            (with(&["subject", "cpr"], json!("x")), "subject.cpr"),
            (with(&["channel"], json!("fax")), "channel"),
            (with(&["caller", "type"], json!("neighbour")), "caller.type"),
            (with(&["urgency"], json!(3)), "urgency"),
            (with(&["indicators"], json!(["mood"])), "indicators[0]"),
            (with(&["subject", "birth_year"], json!("2009")), "subject.birth_year"),
            (with(&["received_at"], json!("2026-02-30T10:00:00Z")), "received_at"),
            (with(&["received_at"], json!("yesterday")), "received_at"),
            (with(&["received_at"], json!("2999-01-01T00:00:00Z")), "received_at"),
            (with(&["subject", "birth_year"], json!(2999)), "subject.birth_year"),
            (with(&["subject", "birth_year"], json!(1899)), "subject.birth_year"),
            (with(&["subject", "pseudonym"], json!("   ")), "subject.pseudonym"),
            (with(&["subject", "pseudonym"], json!("x".repeat(41))), "subject.pseudonym"),
            (with(&["subject", "pseudonym"], json!("A\u{0}B")), "subject.pseudonym"),
            (with(&["subject", "municipality"], json!("Gotham")), "subject.municipality"),
            (with(&["subject", "municipality"], serde_json::Value::Null), "subject"),
            (with(&["description"], json!("")), "description"),
            (with(&["description"], json!("x".repeat(4001))), "description"),
            (with(&["description"], json!("Født 010203-1234, bor hos mor")), "description"),
            (with(&["caller", "name"], json!("Anna\u{1b}[31m")), "caller.name"),
            (with(&["caller", "phone"], json!("ring mig")), "caller.phone"),
            (with(&["caller", "email"], json!("anna@")), "caller.email"),
            (with(&["caller"], json!({"type": "anonymous", "name": "Anna"})), "caller.type"),
        ];
        for (json, field) in cases {
            assert_eq!(field_of(&json), field, "{json}");
        }
    }

    #[test]
    fn json_errors_do_not_repeat_the_input() {
        for (json, secret) in [
            (with(&["subject", "birth_year"], serde_json::json!("Jens Hansen 2009")), "Jens"),
            (with(&["channel"], serde_json::json!("Jens Hansen")), "Jens"),
        ] {
            let e = IntakeReport::from_json(&json).unwrap_err();
            for text in [e.to_string(), e.message_da(), format!("{e:?}")] {
                assert!(!text.contains(secret), "{text}");
            }
        }
    }

    #[test]
    fn cpr_numbers_are_recognised_and_other_numbers_are_not() {
        for yes in ["010203-1234", "0102031234", "cpr 311299 1234."] {
            assert!(contains_cpr_number(yes), "{yes}");
        }
        for no in ["12345678", "tlf 20 30 40 50", "2026-11-25", "991299-1234", "01020312345", "sag ØJP-2026-0042"] {
            assert!(!contains_cpr_number(no), "{no}");
        }
    }
}
