//! A concern report as taken at intake (hotline call, e-mail, in person, referral), and its
//! validation. The person of concern is pseudonymised: initials or a pseudonym, birth year,
//! optional gender, municipality. There is no CPR-number field, and CPR numbers are refused in
//! every free-text field (data minimisation).

use crate::error::{Error, Result};
use crate::routing::{self, Route};
use crate::text::{clean_optional, clean_text, is_email_address, is_phone_number};
use serde::{Deserialize, Serialize};

use crate::keys::key_enum;

key_enum!(
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
key_enum!(
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
key_enum!(Gender { Female = "female": "Kvinde", Male = "male": "Mand", Other = "other": "Andet" });
key_enum!(
    Category {
        RightWing = "right_wing": "Højreekstremisme",
        LeftWing = "left_wing": "Venstreekstremisme",
        MilitantIslamism = "militant_islamism": "Militant islamisme",
        Other = "other": "Anden/uafklaret",
    }
);
key_enum!(
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
key_enum!(
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

fn required(field: &'static str, value: &str, max: usize, multiline: bool) -> Result<String> {
    let v = clean_text(field, value, max, multiline)?;
    if v.is_empty() {
        return Err(Error::invalid(field, "skal udfyldes"));
    }
    Ok(v)
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

/// The part of a serde message after its last ", expected " (what the schema wanted: "a
/// string", "one of `hotline`, `email`, …"), if it holds nothing that could come from the input:
/// serde quotes the offending value before it.
fn expected_part(msg: &str) -> Option<String> {
    let (_, x) = msg.rsplit_once("expected ")?;
    let x = x.split(" at line").next().unwrap_or(x);
    x.chars().all(|c| c.is_ascii_alphanumeric() || " `,_".contains(c)).then(|| x.to_string())
}

/// What was wrong with a JSON document, without repeating the values it held (they may be
/// personal data): serde's own messages quote the offending input.
pub(crate) fn describe_json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let expected = || expected_part(&msg).unwrap_or_else(|| "en anden værdi".into());
    if msg.starts_with("unknown field") {
        "ukendt felt".into()
    } else if msg.starts_with("missing field") {
        "mangler".into()
    } else if msg.starts_with("unknown variant") {
        format!("ukendt værdi; tilladt: {}", expected())
    } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") || msg.starts_with("invalid length") {
        format!("forkert type; forventet {}", expected())
    } else if e.is_eof() {
        "ikke gyldig JSON (dokumentet slutter for tidligt)".into()
    } else {
        format!("ikke gyldig JSON (linje {}, kolonne {})", e.line(), e.column())
    }
}

/// Every field name of the report format (`IntakeReport`, `Caller`, `Subject`), and "cpr": the
/// field people add that Tovholder refuses by design. Only these are named in an error's path;
/// any other key is user input (it may be a name, or hold control characters) and is shown as
/// "(ukendt felt)".
const KNOWN_FIELDS: &[&str] = &[
    "received_at",
    "channel",
    "caller",
    "subject",
    "category",
    "indicators",
    "urgency",
    "description",
    "type",
    "name",
    "phone",
    "email",
    "pseudonym",
    "birth_year",
    "gender",
    "municipality",
    "cpr",
];

/// The path to the fault ("subject.birth_year", "indicators[2]"), naming known fields only.
fn safe_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(KNOWN_FIELDS.iter().find(|k| **k == key.as_str()).copied().unwrap_or("(ukendt felt)"));
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    if out.is_empty() { "(dokument)".into() } else { out }
}

impl IntakeReport {
    /// Parses the JSON form (CLI, tests): exactly one JSON document (anything after it is
    /// refused, so two reports piped in are not half stored); unknown fields and wrong types are
    /// errors naming the field.
    pub fn from_json(text: &str) -> Result<IntakeReport> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let report: IntakeReport = serde_path_to_error::deserialize(&mut *de)
            .map_err(|e| Error::Malformed { path: safe_path(e.path()), reason: describe_json_error(e.inner()) })?;
        de.end().map_err(|_| Error::Malformed {
            path: "(dokument)".into(),
            reason: "der står mere efter rapporten; send én rapport ad gangen".into(),
        })?;
        Ok(report)
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
            name: clean_optional("caller.name", &self.caller.name, NAME_MAX, false)?,
            phone: clean_optional("caller.phone", &self.caller.phone, PHONE_MAX, false)?,
            email: clean_optional("caller.email", &self.caller.email, EMAIL_MAX, false)?,
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
    use crate::text::{BIDI_CONTROLS, in_ranges, is_invisible};

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
            (with(&["extra"], json!(1)), "(ukendt felt)"),
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
    fn only_one_document_is_read() {
        let one = example_json();
        assert!(IntakeReport::from_json(&format!("\n {one} \n\t")).is_ok(), "surrounding whitespace is fine");
        for trailing in
            [format!("{one}{one}"), format!("{one}\n{one}"), format!("{one} x"), format!("{one},"), format!("{one}]")]
        {
            match IntakeReport::from_json(&trailing) {
                Err(Error::Malformed { path, reason }) => {
                    assert_eq!(path, "(dokument)");
                    assert!(reason.contains("mere efter rapporten"), "{reason}");
                }
                other => panic!("trailing content accepted: {other:?}"),
            }
        }
    }

    /// Escape codes, bidi overrides, line separators and a name in every field, as values and as
    /// keys: no error text repeats any of it.
    #[test]
    fn no_error_repeats_escape_codes_bidi_overrides_or_names() {
        use serde_json::json;
        let hostile = [
            "Jens\u{1b}[31mHansen",
            "Jens\u{202e}Hansen",
            "\u{2066}Jens\u{2069}",
            "Jens\u{2028}Hansen",
            "Jens\u{0}\u{7}\u{85}Hansen",
            "Jens expected Hansen at line 1",
            "Jens\", expected `x` Hansen",
        ];
        let fields: &[&[&str]] = &[
            &["received_at"],
            &["channel"],
            &["category"],
            &["urgency"],
            &["description"],
            &["caller", "type"],
            &["caller", "name"],
            &["caller", "phone"],
            &["caller", "email"],
            &["subject", "pseudonym"],
            &["subject", "municipality"],
            &["subject", "gender"],
            &["subject", "birth_year"],
            &["indicators"],
        ];
        let mut checked = 0;
        for h in hostile {
            let mut docs: Vec<String> = fields.iter().map(|f| with(f, json!(h))).collect();
            docs.push(with(&["indicators"], json!([h])));
            docs.push(with(&[h], json!(1)));
            docs.push(with(&["subject", h], json!(h)));
            docs.push(with(&["caller"], json!({ h: h })));
            for doc in docs {
                let e = match IntakeReport::from_json(&doc).and_then(|r| r.validate(now())) {
                    Err(e) => e,
                    // Plain words are fine text (a name in the caller's name field), and a line
                    // separator is a line break in a description.
                    Ok(_) if h.chars().all(|c| !c.is_control() && !in_ranges(BIDI_CONTROLS, c)) => continue,
                    Ok(_) => panic!("accepted {doc}"),
                };
                let (display, danish) = (e.to_string(), e.message_da());
                let command = crate::error::CommandError::from(e);
                for text in [display, danish, command.message, command.field.unwrap_or_default()] {
                    assert!(!text.contains("Jens") && !text.contains("Hansen"), "{text:?}");
                    assert!(!text.chars().any(|c| c.is_control() || is_invisible(c) || c == '\u{2028}'), "{text:?}");
                }
                checked += 1;
            }
        }
        assert!(checked > 4 * (fields.len() + 4), "{checked}");
    }

    #[test]
    fn utc_offsets_stay_within_a_day() {
        for ok in [
            "2026-11-20T10:15:00+23:59",
            "2026-11-20T10:15:00-23:59",
            "2026-11-20T10:15:00+00:00",
            "2026-11-20T10:15:00Z",
        ] {
            assert!(
                IntakeReport::from_json(&with(&["received_at"], ok.into())).unwrap().validate(now()).is_ok(),
                "{ok}"
            );
        }
        for bad in [
            "2026-11-20T10:15:00+24:00",
            "2026-11-20T10:15:00+99:00",
            "2026-11-20T10:15:00-99:59",
            "2026-11-20T10:15:00+23:60",
            "2026-11-20T10:15:00+01:99",
            "2026-11-20T10:15:00+0100",
            "2026-11-20T10:15:00+1",
        ] {
            assert_eq!(field_of(&with(&["received_at"], bad.into())), "received_at", "{bad}");
        }
    }
}
