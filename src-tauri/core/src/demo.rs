//! Synthetic demo data for trying the app and for benchmarks. No real people: pseudonyms are
//! initials (two letters, or a common first name's), descriptions are stitched from generic phrases.

use crate::actions::{self, ActionStatus, Agency, NewActionItem};
use crate::audit::AuditEvent;
use crate::cases::{self, Outcome, Stage, notes, register};
use crate::dates::Day;
use crate::district;
use crate::error::Result;
use crate::intake::{Caller, CallerType, Category, Channel, Gender, Indicator, IntakeReport, Subject, Urgency};
use crate::op::{Op, Reader};
use crate::store::Store;
use chrono::{TimeDelta, Timelike};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde::Serialize;

/// Approximate populations (thousands) for weighting; municipalities not listed weigh 30.
const POPULATION: &[(&str, u32)] = &[
    ("København", 660),
    ("Aarhus", 365),
    ("Aalborg", 222),
    ("Odense", 210),
    ("Vejle", 120),
    ("Esbjerg", 116),
    ("Frederiksberg", 105),
    ("Randers", 99),
    ("Viborg", 98),
    ("Silkeborg", 97),
    ("Kolding", 95),
    ("Horsens", 94),
    ("Roskilde", 90),
    ("Herning", 89),
    ("Næstved", 83),
    ("Slagelse", 80),
    ("Gentofte", 75),
    ("Sønderborg", 74),
    ("Holbæk", 73),
    ("Gladsaxe", 70),
    ("Hjørring", 64),
    ("Skanderborg", 64),
    ("Helsingør", 63),
    ("Køge", 62),
    ("Guldborgsund", 60),
    ("Frederikshavn", 59),
    ("Holstebro", 59),
    ("Svendborg", 59),
    ("Aabenraa", 58),
    ("Lyngby-Taarbæk", 57),
    ("Rudersdal", 57),
    ("Ringkøbing-Skjern", 56),
    ("Haderslev", 55),
    ("Hvidovre", 54),
    ("Høje-Taastrup", 52),
    ("Hillerød", 52),
    ("Fredericia", 52),
    ("Faaborg-Midtfyn", 51),
    ("Greve", 50),
    ("Varde", 50),
    ("Ballerup", 49),
    ("Favrskov", 49),
    ("Kalundborg", 48),
    ("Hedensted", 47),
    ("Skive", 45),
    ("Vordingborg", 45),
    ("Frederikssund", 45),
    ("Egedal", 44),
    ("Tårnby", 43),
    ("Syddjurs", 43),
    ("Thisted", 43),
    ("Ikast-Brande", 42),
    ("Mariagerfjord", 42),
    ("Vejen", 42),
    ("Furesø", 41),
    ("Gribskov", 41),
    ("Fredensborg", 41),
    ("Assens", 41),
    ("Rødovre", 41),
    ("Lolland", 40),
    ("Middelfart", 39),
    ("Bornholm", 39),
    ("Jammerbugt", 38),
    ("Tønder", 37),
    ("Vesthimmerland", 37),
    ("Faxe", 37),
    ("Norddjurs", 37),
    ("Brøndby", 36),
    ("Ringsted", 36),
    ("Brønderslev", 36),
    ("Odsherred", 33),
    ("Nyborg", 32),
    ("Halsnæs", 31),
    ("Herlev", 30),
    ("Sorø", 30),
    ("Rebild", 30),
    ("Nordfyns", 29),
    ("Albertslund", 28),
    ("Lejre", 28),
    ("Billund", 27),
    ("Allerød", 26),
    ("Hørsholm", 25),
    ("Kerteminde", 24),
    ("Glostrup", 23),
    ("Ishøj", 23),
    ("Solrød", 23),
    ("Stevns", 23),
    ("Odder", 23),
    ("Struer", 21),
    ("Morsø", 20),
    ("Lemvig", 19),
    ("Vallensbæk", 17),
    ("Dragør", 14),
    ("Langeland", 12),
    ("Ærø", 6),
    ("Samsø", 4),
    ("Fanø", 3),
    ("Læsø", 2),
];

const FIRST_NAMES: &[&str] = &[
    "Emil", "Noah", "Oliver", "Lucas", "William", "Oscar", "Victor", "Malthe", "Magnus", "Frederik", "Alfred", "Carl",
    "Elias", "Mads", "Jonas", "Mikkel", "Ali", "Omar", "Yusuf", "Adam", "Ida", "Freja", "Emma", "Clara", "Alma",
    "Sofie", "Laura", "Maja", "Sara", "Nora", "Amina", "Leila",
];
const LETTERS: &[char] =
    &['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'R', 'S', 'T', 'U', 'V', 'Y'];
const OPENINGS: &[&str] = &[
    "Forælder ringer bekymret over sin søn.",
    "Lærer oplever en markant ændring hos eleven.",
    "Socialrådgiver har bemærket bekymrende udtalelser.",
    "Veninde fortæller om nye kontakter på nettet.",
    "Klubmedarbejder har hørt eleven tale om et nyt fællesskab.",
    "Mor er urolig efter en samtale ved middagsbordet.",
    "Skolen har modtaget en bekymring fra flere klassekammerater.",
];
const DETAILS: &[&str] = &[
    "Deler videoer med voldsforherligende indhold i en gruppechat.",
    "Har trukket sig fra venner og fritidsaktiviteter.",
    "Taler om at rejse til udlandet for at slutte sig til en gruppe.",
    "Har vist interesse for våben og skydetræning.",
    "Bruger symboler fra et ekstremistisk miljø på tøj og taske.",
    "Har udtrykt sympati for et nyligt terrorangreb.",
    "Har fået nye ældre venner, som familien ikke kender.",
    "Bruger mange timer på lukkede fora om natten.",
    "Har truet en klassekammerat efter en diskussion om politik.",
    "Har skiftet udseende og påklædning på kort tid.",
];
const ACTIONS: &[(&str, Agency)] = &[
    ("Bekymringssamtale med den unge og forældrene", Agency::Ssp),
    ("Tjek i politiets registre", Agency::Police),
    ("Afklare behov for forældrecoaching", Agency::SocialServices),
    ("Samtale med klasselærer og skoleleder", Agency::School),
    ("Finde en mentor", Agency::Ssp),
    ("Vurdere tilbud efter servicelovens § 12 b", Agency::SocialServices),
    ("Kontakt til jobcenteret om uddannelsesforløb", Agency::Employment),
    ("Opfølgende samtale med PPR", Agency::School),
    ("Koordinere med Kriminalforsorgen om tilsyn", Agency::Probation),
    ("Drøfte udredning med psykiatrien", Agency::Psychiatry),
];
const NOTES: &[&str] = &[
    "Politiet har tjekket egne registre; intet kriminelt forhold.",
    "Bekymringssamtale afholdt med forældre og SSP-konsulent.",
    "Skolen følger op med ugentlige samtaler med klasselæreren.",
    "Mentor tilknyttet; første møde gik godt.",
    "Socialforvaltningen vurderer behov for forældrecoaching.",
    "Drøftet på infohusmødet; anbefaling om fortsat opfølgning.",
    "Familien har accepteret tilbud om rådgivning efter servicelovens § 12 b.",
    "Ingen nye bekymringstegn siden sidste møde.",
    "Eleven er begyndt i en fritidsjob-ordning via gadeplan.",
    "Opfølgende samtale aftalt om fire uger.",
];

/// Marks a case as demo data (table `demo_cases`, this module's own).
pub fn mark(op: &Op<'_>, case_id: i64) -> Result<()> {
    op.conn().execute("INSERT INTO demo_cases (case_id) VALUES (?1)", [case_id])?;
    Ok(())
}

/// Demo cases in the store (table `demo_cases`, this module's own).
fn count_marked(db: &Reader<'_>) -> Result<u64> {
    Ok(db.conn().query_row("SELECT count(*) FROM demo_cases", [], |r| r.get::<_, i64>(0))? as u64)
}

#[derive(Debug, Serialize)]
pub struct DemoSummary {
    pub cases: u32,
    pub notes: u32,
}

/// Adds `cases` synthetic cases with about three notes each (refused in a store with real cases).
pub fn fill(store: &Store, cases: u32, seed: u64) -> Result<DemoSummary> {
    fill_with_options(store, cases, 3, seed, false)
}

/// [`fill`] with on average `notes_per_case` notes (refused in a store with real cases).
pub fn fill_with(store: &Store, cases: u32, notes_per_case: u32, seed: u64) -> Result<DemoSummary> {
    fill_with_options(store, cases, notes_per_case, seed, false)
}

/// Adds `cases` synthetic cases with on average `notes_per_case` notes, in one transaction, each
/// marked as demo data (`cases.demo`). Each case's history tells its past: created when it was
/// received, then moved stage by stage. A store that holds real (non-demo) cases is refused
/// unless `force`: demo data mixed into a real register would look like real concerns.
pub fn fill_with_options(
    store: &Store,
    cases: u32,
    notes_per_case: u32,
    seed: u64,
    force: bool,
) -> Result<DemoSummary> {
    let mut rng = StdRng::seed_from_u64(seed);
    let municipalities: Vec<(&str, u32)> = district::municipalities()
        .iter()
        .map(|(m, _)| (*m, POPULATION.iter().find(|(n, _)| n == m).map_or(30, |(_, p)| *p)))
        .collect();
    let now = store.now();
    let three_years = 3 * 365 * 24 * 3600;
    let this_year = crate::intake::year_at(now);
    store.write(|op| {
        let home = crate::profile::read(op)?.district_code;
        if !force && register::count(op)? > count_marked(op)? {
            return Err(crate::error::Error::Refused(
                "the store holds real cases; demo data is only added to a store without them (use --force to add it anyway)"
                    .into(),
            ));
        }
        let mut note_count = 0;
        for _ in 0..cases {
            let age_secs: i64 = rng.random_range(0..three_years);
            let received = now - TimeDelta::seconds(age_secs);
            let received = received.with_nanosecond(0).unwrap_or(received);
            let channel = *[
                Channel::Hotline,
                Channel::Hotline,
                Channel::Referral,
                Channel::Referral,
                Channel::Email,
                Channel::InPerson,
            ]
            .choose(&mut rng)
            .expect("non-empty");
            let caller_type = match channel {
                Channel::Referral => {
                    *[CallerType::School, CallerType::SocialWorker, CallerType::Police, CallerType::Professional]
                        .choose(&mut rng)
                        .expect("non-empty")
                }
                _ => *[
                    CallerType::Parent,
                    CallerType::Parent,
                    CallerType::Relative,
                    CallerType::Friend,
                    CallerType::School,
                    CallerType::Anonymous,
                ]
                .choose(&mut rng)
                .expect("non-empty"),
            };
            let pseudonym = if rng.random_bool(0.5) {
                format!(
                    "{}.{}.",
                    LETTERS.choose(&mut rng).expect("letters"),
                    LETTERS.choose(&mut rng).expect("letters")
                )
            } else {
                // Initials, as the intake asks for (the name drawn keeps the demo's sequence).
                crate::screen::initials(FIRST_NAMES.choose(&mut rng).expect("names"))
            };
            let municipality = municipalities.choose_weighted(&mut rng, |m| m.1).expect("weights").0;
            let how_many = rng.random_range(1..=4);
            let mut indicators: Vec<Indicator> = Indicator::ALL.choose_multiple(&mut rng, how_many).copied().collect();
            indicators.sort_by_key(|i| Indicator::ALL.iter().position(|a| a == i));
            let urgency = match rng.random_range(0..100) {
                0..5 => Urgency::Acute,
                5..25 => Urgency::High,
                _ => Urgency::Normal,
            };
            let category = match rng.random_range(0..100) {
                0..35 => Category::RightWing,
                35..70 => Category::MilitantIslamism,
                70..80 => Category::LeftWing,
                _ => Category::Other,
            };
            let description = format!(
                "{} {} {}",
                OPENINGS.choose(&mut rng).expect("openings"),
                DETAILS.choose(&mut rng).expect("details"),
                DETAILS.choose(&mut rng).expect("details")
            );
            let report = IntakeReport {
                received_at: crate::dates::stamp(received),
                channel,
                caller: Caller { caller_type, name: None, phone: None, email: None },
                subject: Subject {
                    pseudonym,
                    birth_year: Some(this_year - rng.random_range(12..=30)),
                    gender: match rng.random_range(0..100) {
                        0..75 => Some(Gender::Male),
                        75..95 => Some(Gender::Female),
                        _ => None,
                    },
                    municipality: municipality.to_string(),
                },
                category,
                indicators,
                urgency,
                description,
            };
            let valid = report.validate(now)?;
            // Made as a coordinator would have made it over the years: through the same
            // operations and stage rules as the app, each step at its own time.
            let (id, _) = op.as_of(received, DEMO_ACTOR, |op| {
                let created = cases::create(op, &valid)?;
                op.audit(AuditEvent::CaseCreated { reference: created.1.clone() });
                Ok(created)
            })?;
            mark(op, id)?;

            // Older cases have come further; most cases older than a year are closed.
            let days = age_secs / 86_400;
            let target = match days {
                0..14 => *[Stage::NewConcern, Stage::Screening].choose(&mut rng).expect("stages"),
                14..90 => *[Stage::Screening, Stage::Assessment, Stage::Intervention].choose(&mut rng).expect("stages"),
                90..365 => *[Stage::Intervention, Stage::FollowUp, Stage::Closed].choose(&mut rng).expect("stages"),
                _ => {
                    if rng.random_bool(0.9) {
                        Stage::Closed
                    } else {
                        Stage::FollowUp
                    }
                }
            };
            let notes = if notes_per_case == 0 { 0 } else { rng.random_range(0..=2 * notes_per_case) };
            for k in 0..notes {
                let at = received + TimeDelta::days(7 * i64::from(k + 1));
                let at = if at > now { now } else { at };
                let body = *NOTES.choose(&mut rng).expect("notes");
                op.as_of(at, DEMO_ACTOR, |op| notes::add(op, id, body))?;
                note_count += 1;
            }
            // Another district's case (a concern about someone living elsewhere): as in the app,
            // it waits here to be forwarded, or was forwarded there soon after; nothing else is
            // done to it here (`cases::ensure_own`).
            let code = valid.route.police_district.code;
            if code != home {
                if days >= 7 || rng.random_bool(0.5) {
                    let at = received + TimeDelta::seconds((age_secs / 10).min(3 * 86_400));
                    let why = format!("Hører under {}", district::display_name(code));
                    op.as_of(at, DEMO_ACTOR, |op| cases::forward_in(op, id, code, &why))?;
                }
                continue;
            }
            // The way there, one stage at a time, spread over the case's age.
            let path: Vec<Stage> = if target == Stage::Closed {
                let last = rng.random_range(1..Stage::ACTIVE.len());
                Stage::ACTIVE[1..=last].iter().copied().chain([Stage::Closed]).collect()
            } else {
                Stage::ACTIVE.iter().copied().skip(1).take_while(|s| *s != target).chain([target]).collect()
            };
            let path: Vec<Stage> = path.into_iter().filter(|s| *s != Stage::NewConcern).collect();
            let step = TimeDelta::seconds(age_secs / (path.len() as i64 + 1));
            for (k, stage) in path.into_iter().enumerate() {
                let at = received + step * (k as i32 + 1);
                let outcome = (stage == Stage::Closed).then(|| {
                    *[Outcome::Unfounded, Outcome::Completed, Outcome::Completed, Outcome::HandedToPolice]
                        .choose(&mut rng)
                        .expect("outcomes")
                });
                op.as_of(at, DEMO_ACTOR, |op| cases::transition_in(op, id, stage, None, outcome))?;
            }
            // Active cases carry action items: some done, some open (a few overdue), and a tenth
            // is flagged for the next meeting.
            if target.is_active() && target != Stage::NewConcern {
                for _ in 0..rng.random_range(0..=3) {
                    let (what, agency) = *ACTIONS.choose(&mut rng).expect("actions");
                    let created = received + TimeDelta::seconds(rng.random_range(0..=age_secs.max(1)));
                    let due = Day::of(now + TimeDelta::days(rng.random_range(-10..=45)));
                    let closed = rng.random_bool(0.3).then(|| {
                        if rng.random_bool(0.85) { ActionStatus::Done } else { ActionStatus::Cancelled }
                    });
                    let item = NewActionItem { what: what.into(), agency, person: None, due: due.as_text() };
                    let added = op.as_of(created, DEMO_ACTOR, |op| {
                        let added = actions::add_in(op, id, &item)?;
                        op.audit(AuditEvent::ActionItemAdded { reference: added.reference.clone() });
                        Ok(added)
                    })?;
                    if let Some(status) = closed {
                        op.as_of(now, DEMO_ACTOR, |op| {
                            let item = actions::set_status_in(op, added.id, status)?;
                            op.audit(AuditEvent::ActionItemChanged { reference: item.reference });
                            Ok(())
                        })?;
                    }
                }
                if rng.random_bool(0.1) {
                    op.as_of(now, DEMO_ACTOR, |op| cases::set_meeting_flag_in(op, id, true))?;
                }
            }
        }
        op.audit(AuditEvent::DemoFilled { cases });
        Ok(DemoSummary { cases, notes: note_count })
    })
}

/// The author of demo rows.
const DEMO_ACTOR: &str = "Demo";
