//! The coordinator's profile: the author of every note and change, and the board's default filter.

use crate::district;
use crate::error::{Error, Result};
use crate::op::{Op, Reader};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    Police,
    Municipality,
}

impl OrganisationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Police => "police",
            OrganisationKind::Municipality => "municipality",
        }
    }

    pub fn label_da(self) -> &'static str {
        match self {
            OrganisationKind::Police => "Politi",
            OrganisationKind::Municipality => "Kommune",
        }
    }

    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "police" => Ok(OrganisationKind::Police),
            "municipality" => Ok(OrganisationKind::Municipality),
            _ => Err(Error::invalid("organisation_kind", "skal være »police« eller »municipality«")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The coordinator's name, e.g. "Mette Holm".
    pub name: String,
    pub organisation_kind: OrganisationKind,
    /// E.g. "Østjyllands Politi" or "SSP Aarhus Kommune".
    pub organisation_name: String,
    /// The home infohus, as a police district code (see `district`).
    pub district_code: String,
}

pub const NAME_MAX: usize = 100;
pub const ORGANISATION_MAX: usize = 120;

/// A required single-line text: the intake rules (no control, direction or invisible
/// characters; invisible-only text is empty), then not empty.
fn clean_text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let v = crate::text::clean_text(field, value, max, false)?;
    if v.is_empty() {
        return Err(Error::invalid(field, "skal udfyldes"));
    }
    Ok(v)
}

impl Profile {
    /// Checks and normalises (trims) a profile.
    pub fn validated(self) -> Result<Profile> {
        let name = clean_text("name", &self.name, NAME_MAX)?;
        let organisation_name = clean_text("organisation_name", &self.organisation_name, ORGANISATION_MAX)?;
        if district::by_code(&self.district_code).is_none() {
            return Err(Error::invalid("district_code", "ukendt politikreds"));
        }
        Ok(Profile { name, organisation_name, ..self })
    }
}

/// The profile row (the store's own table, written once at setup).
pub fn insert(op: &Op<'_>, p: &Profile) -> Result<()> {
    op.conn().execute(
        "INSERT INTO profile (id, name, organisation_kind, organisation_name, district_code, created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?5)",
        (&p.name, p.organisation_kind.as_str(), &p.organisation_name, &p.district_code, op.stamp()),
    )?;
    Ok(())
}

pub(crate) fn read(db: &Reader<'_>) -> Result<Profile> {
    db.conn()
        .query_row(
            "SELECT name, organisation_kind, organisation_name, district_code FROM profile WHERE id = 1",
            [],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?)),
        )
        .optional()?
        .map(|(name, kind, organisation_name, district_code)| {
            Ok(Profile { name, organisation_kind: OrganisationKind::parse(&kind)?, organisation_name, district_code })
        })
        .unwrap_or_else(|| Err(Error::Corrupt("the store has no profile".into())))
}

pub(crate) fn count(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM profile", [], |r| r.get::<_, i64>(0))? as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Profile {
        Profile {
            name: "  Mette Holm ".into(),
            organisation_kind: OrganisationKind::Police,
            organisation_name: "Østjyllands Politi".into(),
            district_code: "ØJP".into(),
        }
    }

    #[test]
    fn trims_and_accepts_a_good_profile() {
        assert_eq!(p().validated().unwrap().name, "Mette Holm");
    }

    #[test]
    fn rejects_bad_fields_naming_the_field() {
        let field_of = |p: Profile| match p.validated() {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected Invalid, got {other:?}"),
        };
        assert_eq!(field_of(Profile { name: " ".into(), ..p() }), "name");
        assert_eq!(field_of(Profile { name: "a".repeat(101), ..p() }), "name");
        assert_eq!(field_of(Profile { name: "a\u{7}b".into(), ..p() }), "name");
        assert_eq!(field_of(Profile { name: "\u{200b}\u{feff}".into(), ..p() }), "name");
        assert_eq!(field_of(Profile { name: "Mette\u{202e}Holm".into(), ..p() }), "name");
        assert_eq!(field_of(Profile { organisation_name: "SSP\u{2028}Aarhus".into(), ..p() }), "organisation_name");
        assert_eq!(field_of(Profile { organisation_name: "".into(), ..p() }), "organisation_name");
        assert_eq!(field_of(Profile { district_code: "XX".into(), ..p() }), "district_code");
    }
}
