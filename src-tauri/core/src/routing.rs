//! Routing a concern to the police district (and infohus) where the person lives.

use crate::district::{self, PoliceDistrict};
use crate::error::{Error, Result};
use crate::text::name_key;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Route {
    /// The official name, e.g. "Aarhus".
    pub municipality: &'static str,
    pub police_district: PoliceDistrict,
}

/// Names people use for a municipality that folding alone does not catch.
const ALIASES: &[(&str, &str)] = &[
    ("Kbh", "København"),
    ("Lyngby", "Lyngby-Taarbæk"),
    ("Kongens Lyngby", "Lyngby-Taarbæk"),
    ("Taastrup", "Høje-Taastrup"),
    ("Ikast", "Ikast-Brande"),
    ("Brande", "Ikast-Brande"),
    ("Ringkøbing", "Ringkøbing-Skjern"),
    ("Skjern", "Ringkøbing-Skjern"),
    ("Faaborg", "Faaborg-Midtfyn"),
    ("Midtfyn", "Faaborg-Midtfyn"),
    ("Nordfyn", "Nordfyns"),
    ("Bornholms Regionskommune", "Bornholm"),
    ("Rønne", "Bornholm"),
    ("Mors", "Morsø"),
];

/// Suffixes people add: "Aarhus Kommune", "Københavns Kommune".
const SUFFIXES: &[&str] = &["regionskommune", "kommune"];

static INDEX: LazyLock<HashMap<String, usize>> = LazyLock::new(|| {
    let all = district::municipalities();
    let mut index = HashMap::new();
    for (i, (name, _)) in all.iter().enumerate() {
        let previous = index.insert(name_key(name), i);
        assert!(previous.is_none(), "two municipalities fold to the same key: {name}");
    }
    for (alias, name) in ALIASES {
        let i = all.iter().position(|(n, _)| n == name).expect("alias of a known municipality");
        index.entry(name_key(alias)).or_insert(i);
    }
    index
});

fn route_of(i: usize) -> Route {
    let (municipality, code) = district::municipalities()[i];
    Route { municipality, police_district: district::by_code(code).expect("known district").clone() }
}

fn lookup(key: &str) -> Option<usize> {
    let stripped = SUFFIXES.iter().find_map(|s| key.strip_suffix(s)).unwrap_or(key);
    [key, stripped, stripped.strip_suffix('s').unwrap_or(stripped)].iter().find_map(|k| INDEX.get(*k).copied())
}

/// The municipality and police district for a name as typed, or `Invalid` naming the closest
/// municipalities.
pub fn route(name: &str) -> Result<Route> {
    let key = name_key(name);
    if key.is_empty() {
        return Err(Error::invalid("municipality", "skal udfyldes"));
    }
    match lookup(&key) {
        Some(i) => Ok(route_of(i)),
        None => {
            let s = suggestions(name, 3);
            let hint = if s.is_empty() { String::new() } else { format!(" Mente du {}?", s.join(", ")) };
            Err(Error::invalid("municipality", format!("er ikke en dansk kommune.{hint}")))
        }
    }
}

/// The `n` municipalities whose names are closest to what was typed (best first).
pub fn suggestions(name: &str, n: usize) -> Vec<&'static str> {
    let key = name_key(name);
    let mut scored: Vec<(f64, &'static str)> = district::municipalities()
        .iter()
        .map(|(m, _)| {
            let k = name_key(m);
            let prefix_bonus = if !key.is_empty() && k.starts_with(&key) { 0.2 } else { 0.0 };
            (strsim::jaro_winkler(&key, &k) + prefix_bonus, *m)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().filter(|(s, _)| *s > 0.7).take(n).map(|(_, m)| m).collect()
}

/// Municipalities for autocompletion: those whose folded name starts with, then contains, the
/// typed text.
pub fn complete(prefix: &str, limit: usize) -> Vec<Route> {
    let key = name_key(prefix);
    let all = district::municipalities();
    let starts = (0..all.len()).filter(|&i| name_key(all[i].0).starts_with(&key));
    let contains = (0..all.len()).filter(|&i| {
        let k = name_key(all[i].0);
        !k.starts_with(&key) && k.contains(&key)
    });
    starts.chain(contains).take(limit).map(route_of).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_municipality_routes_to_its_own_district() {
        let tsv = include_str!("../data/police-districts.tsv");
        let mut n = 0;
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.starts_with("police_district\t")) {
            let (district_name, municipality) = line.split_once('\t').unwrap();
            let r = route(municipality).unwrap();
            assert_eq!(r.municipality, municipality);
            assert_eq!(r.police_district.name, district_name, "{municipality}");
            // Upper case and the "Kommune" suffix route the same way.
            assert_eq!(route(&format!("{} KOMMUNE", municipality.to_uppercase())).unwrap(), r);
            n += 1;
        }
        assert_eq!(n, 98);
    }

    #[test]
    fn common_variants_resolve() {
        for (typed, official, code) in [
            ("Århus", "Aarhus", "ØJP"),
            ("aarhus kommune", "Aarhus", "ØJP"),
            ("Lyngby-Tårbæk", "Lyngby-Taarbæk", "NSJP"),
            ("Lyngby", "Lyngby-Taarbæk", "NSJP"),
            ("Høje Taastrup", "Høje-Taastrup", "KVP"),
            ("hoeje-taastrup", "Høje-Taastrup", "KVP"),
            ("Fåborg-Midtfyn", "Faaborg-Midtfyn", "FYP"),
            ("Faaborg", "Faaborg-Midtfyn", "FYP"),
            ("Københavns Kommune", "København", "KBHP"),
            ("Kobenhavn", "København", "KBHP"),
            ("Broendby", "Brøndby", "KVP"),
            ("Nordfyn", "Nordfyns", "FYP"),
            ("Aeroe", "Ærø", "FYP"),
            ("Ålborg", "Aalborg", "NJP"),
            ("  Bornholms Regionskommune ", "Bornholm", "BHP"),
        ] {
            let r = route(typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!((r.municipality, r.police_district.code), (official, code), "{typed}");
        }
    }

    #[test]
    fn an_unknown_name_is_invalid_with_suggestions() {
        match route("Århuus") {
            Err(Error::Invalid { field: "municipality", reason }) => assert!(reason.contains("Aarhus"), "{reason}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(suggestions("Silkebor", 1), vec!["Silkeborg"]);
        assert!(matches!(route("  "), Err(Error::Invalid { field: "municipality", .. })));
        assert!(matches!(route("Malmö"), Err(Error::Invalid { .. })));
    }

    #[test]
    fn an_unknown_name_is_not_repeated_in_the_error() {
        for typed in ["Jens Hansens vej 4\u{1b}[31m", "Gotham City", "Aarhus\u{202e}kcah"] {
            let e = route(typed).unwrap_err();
            for text in [e.to_string(), e.message_da(), format!("{e:?}")] {
                assert!(!text.contains("Jens") && !text.contains("Gotham") && !text.contains('\u{1b}'), "{text}");
                assert!(!text.contains("kcah") && !text.contains('\u{202e}'), "{text}");
            }
        }
    }

    #[test]
    fn completion_prefers_prefixes() {
        let names: Vec<_> = complete("fre", 10).into_iter().map(|r| r.municipality).collect();
        assert_eq!(names, vec!["Frederiksberg", "Fredensborg", "Frederikssund", "Fredericia", "Frederikshavn"]);
        assert_eq!(complete("taastrup", 5)[0].municipality, "Høje-Taastrup");
        assert_eq!(complete("", 200).len(), 98);
    }
}
