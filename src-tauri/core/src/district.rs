//! The 12 Danish police districts, each with its infohus, and the 98 municipalities they cover.
//! The data is embedded from `data/police-districts.tsv` (public administrative facts).

use serde::Serialize;
use std::sync::LazyLock;

const TSV: &str = include_str!("../data/police-districts.tsv");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PoliceDistrict {
    /// Short code used in case references, e.g. "ØJP".
    pub code: &'static str,
    /// E.g. "Østjyllands Politi".
    pub name: &'static str,
    /// E.g. "Infohus Østjylland".
    pub infohus: &'static str,
}

/// (code, district name, infohus) in the order the police list them.
const DISTRICTS: [(&str, &str, &str); 12] = [
    ("NJP", "Nordjyllands Politi", "Infohus Nordjylland"),
    ("ØJP", "Østjyllands Politi", "Infohus Østjylland"),
    ("MVJP", "Midt- og Vestjyllands Politi", "Infohus Midt- og Vestjylland"),
    ("SØJP", "Sydøstjyllands Politi", "Infohus Sydøstjylland"),
    ("SSJP", "Syd- og Sønderjyllands Politi", "Infohus Syd- og Sønderjylland"),
    ("FYP", "Fyns Politi", "Infohus Fyn"),
    ("SSLP", "Sydsjællands og Lolland-Falsters Politi", "Infohus Sydsjælland og Lolland-Falster"),
    ("MVSP", "Midt- og Vestsjællands Politi", "Infohus Midt- og Vestsjælland"),
    ("NSJP", "Nordsjællands Politi", "Infohus Nordsjælland"),
    ("KVP", "Københavns Vestegns Politi", "Infohus Københavns Vestegn"),
    ("KBHP", "Københavns Politi", "Infohus København"),
    ("BHP", "Bornholms Politi", "Infohus Bornholm"),
];

static ALL: LazyLock<Vec<PoliceDistrict>> =
    LazyLock::new(|| DISTRICTS.iter().map(|&(code, name, infohus)| PoliceDistrict { code, name, infohus }).collect());

/// (municipality, district code) for all 98 municipalities.
static MUNICIPALITIES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    TSV.lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("police_district\t") && !l.is_empty())
        .map(|l| {
            let (district, municipality) = l.split_once('\t').expect("police-districts.tsv: two columns");
            let code = ALL
                .iter()
                .find(|d| d.name == district)
                .unwrap_or_else(|| panic!("police-districts.tsv: unknown district {district}"))
                .code;
            (municipality, code)
        })
        .collect()
});

/// Den nationale hotline, run jointly by the Copenhagen and Aarhus infohuse: a home an
/// installation can have (a hotline site), and an addressee of sealed cases between its two
/// sites, but no police district: no municipality routes to it, so every concern it takes
/// belongs to an infohus and waits to be sent there (`handover::waiting`).
pub const HOTLINE: PoliceDistrict =
    PoliceDistrict { code: "NH", name: "Den nationale hotline", infohus: "Den nationale hotline" };

static HOMES: LazyLock<Vec<PoliceDistrict>> = LazyLock::new(|| {
    let mut homes = ALL.clone();
    homes.push(HOTLINE);
    homes
});

/// The 12 police districts (what municipalities route to).
pub fn all() -> &'static [PoliceDistrict] {
    &ALL
}

/// Every home an installation can have: the 12 districts' infohuse and Den nationale hotline.
pub fn homes() -> &'static [PoliceDistrict] {
    &HOMES
}

/// A home by its code (a police district's, or the hotline's `NH`).
pub fn by_code(code: &str) -> Option<&'static PoliceDistrict> {
    HOMES.iter().find(|d| d.code == code)
}

/// Whether `code` is the hotline's.
pub fn is_hotline(code: &str) -> bool {
    code == HOTLINE.code
}

/// A district as every screen names it: its infohus, "Infohus Østjylland" (the code itself when
/// the code is unknown). The UI gets the same names generated (`DISTRICT_NAMES` in rules.ts).
pub fn display_name(code: &str) -> &str {
    by_code(code).map_or(code, |d| d.infohus)
}

/// A district by its code, its name or its infohus, ignoring case ("øjp", "Østjyllands Politi").
pub fn find(query: &str) -> Option<&'static PoliceDistrict> {
    let q = query.trim().to_lowercase();
    if q == "hotline" || q == "hotlinen" {
        return Some(&HOMES[HOMES.len() - 1]);
    }
    HOMES.iter().find(|d| [d.code, d.name, d.infohus].iter().any(|s| s.to_lowercase() == q))
}

/// All municipalities with the code of their police district.
pub fn municipalities() -> &'static [(&'static str, &'static str)] {
    &MUNICIPALITIES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_districts_cover_98_municipalities() {
        assert_eq!(all().len(), 12);
        assert_eq!(municipalities().len(), 98);
        for d in all() {
            assert!(municipalities().iter().any(|(_, c)| *c == d.code), "{} has no municipality", d.name);
        }
        assert_eq!(by_code("ØJP").unwrap().name, "Østjyllands Politi");
        assert!(by_code("XYZ").is_none());
        assert_eq!(find("øjp").unwrap().code, "ØJP");
        assert_eq!(find(" københavns politi ").unwrap().code, "KBHP");
        assert_eq!(find("Infohus Fyn").unwrap().code, "FYP");
        assert!(find("Politi").is_none());
        assert_eq!(display_name("NJP"), "Infohus Nordjylland");
        assert_eq!(display_name("XYZ"), "XYZ");
        // The hotline is a home, not a police district.
        assert_eq!(homes().len(), 13);
        assert_eq!(find("hotline").unwrap().code, "NH");
        assert_eq!(find("nh").unwrap().code, "NH");
        assert_eq!(display_name("NH"), "Den nationale hotline");
        assert!(!municipalities().iter().any(|(_, c)| *c == "NH"));
    }
}
