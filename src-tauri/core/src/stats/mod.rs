//! Statistik (#20): the figures of the coordinator's own store for a period — concerns received
//! and their breakdowns, times to forwarding and to the first meeting, stages, moves, outcomes,
//! meetings and action items — with small-cell protection ([`suppress`], docs/statistics.md).
//!
//! The period is whole Copenhagen days: from the local midnight that starts `from` to the one
//! that ends `to` (so a period across a change to or from summer time is counted in local days).
//! Every figure is a count or a duration: no reference, pseudonym or free text is read into them.
//! The module owns no table; it reads the register, the history, the meetings and the action
//! items through their modules' functions.

mod report;
pub mod settings;
pub mod suppress;

use crate::cases::history::{self, StageChange};
use crate::cases::register::{self, StatsRow};
use crate::cases::{Outcome, Stage};
use crate::dates::{Day, Stamp, start_of_day};
use crate::error::{Error, Result};
use crate::intake::{CallerType, Category, Channel, Urgency};
use crate::op::Reader;
use crate::store::Store;
use crate::{actions, district, meetings};
use chrono::Datelike;
pub use report::{ReportFiles, SavedReport, export, file_stem, report_files, save};
use serde::{Deserialize, Serialize};
pub use settings::{StatsSettings, save_settings, settings};
use std::collections::{BTreeMap, BTreeSet, HashMap};
pub use suppress::Hidden;

/// The threshold of small-cell protection unless another is chosen: counts under it are hidden.
pub const THRESHOLD_DEFAULT: u64 = 5;
pub const THRESHOLD_MIN: u64 = 3;
pub const THRESHOLD_MAX: u64 = 10;
/// The longest period, in days (ten years and their leap days).
pub const PERIOD_DAYS_MAX: i64 = 3653;

/// A period of whole days in Copenhagen, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: Day,
    pub to: Day,
}

impl Period {
    /// Checks the period: `from` not after `to` (`invalid_input` on `from`), at most
    /// [`PERIOD_DAYS_MAX`] days (on `to`).
    pub fn new(from: Day, to: Day) -> Result<Period> {
        if from > to {
            return Err(Error::invalid("from", "startdatoen ligger efter slutdatoen"));
        }
        if from.days_until(to) >= PERIOD_DAYS_MAX {
            return Err(Error::invalid("to", "perioden må højst være 10 år"));
        }
        Ok(Period { from, to })
    }

    /// The first instant of the period: Copenhagen midnight at the start of `from`.
    pub fn start(self) -> Stamp {
        Stamp::new(start_of_day(self.from.date()))
    }

    /// The first instant after the period: Copenhagen midnight at the end of `to`.
    pub fn end(self) -> Stamp {
        Stamp::new(start_of_day(self.to.date().succ_opt().unwrap_or(self.to.date())))
    }

    fn contains(self, t: Stamp) -> bool {
        self.start() <= t && t < self.end()
    }
}

/// Checks a threshold (3–10). `invalid_input` on `suppress`.
pub fn check_threshold(n: u64) -> Result<u64> {
    if (THRESHOLD_MIN..=THRESHOLD_MAX).contains(&n) {
        Ok(n)
    } else {
        Err(Error::invalid("suppress", format!("skal være mellem {THRESHOLD_MIN} og {THRESHOLD_MAX}")))
    }
}

/// One count of a table: its value (`None` when it is hidden and the figures are published) and
/// why it is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub struct Cell {
    pub value: Option<u64>,
    pub hidden: Option<Hidden>,
}

impl Cell {
    /// As the report, the CSV and the JSON show it: the count, »< 5« or »x«.
    pub fn text(self, threshold: u64) -> String {
        match (self.hidden, self.value) {
            (Some(Hidden::Small), _) => format!("< {threshold}"),
            (Some(Hidden::Secondary), _) => "x".into(),
            (None, Some(v)) => v.to_string(),
            (None, None) => String::new(),
        }
    }
}

/// A table of counts: rows × columns, with totals when its rows add up to something.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Table {
    /// A stable key ("by_month"), also the CSV file's name.
    pub key: String,
    pub title: String,
    /// What is counted (the report prints it under the table).
    pub definition: String,
    /// The heading of the row labels' column.
    pub row_heading: String,
    pub rows: Vec<String>,
    /// One column ("Antal") or several (the moves: to which stage).
    pub columns: Vec<String>,
    pub cells: Vec<Vec<Cell>>,
    /// Each row's total (tables with several columns only).
    pub row_totals: Vec<Cell>,
    /// Each column's total (tables with several columns only).
    pub column_totals: Vec<Cell>,
    /// The grand total ("I alt"), when the rows add up to one.
    pub total: Option<Cell>,
    /// Shown as a bar chart beside the table (on screen and in the report).
    pub chart: bool,
}

/// A duration from one event to another, over the cases where the second happened in the period.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct DurationFigure {
    pub key: String,
    pub title: String,
    pub definition: String,
    /// How many cases it is measured over.
    pub count: Cell,
    /// The median, in minutes (`None` when there is none, or when published over fewer cases
    /// than the threshold).
    pub median_minutes: Option<i64>,
    pub longest_minutes: Option<i64>,
}

/// The figures of a period.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Statistics {
    pub period: Period,
    /// The home infohus, "Infohus Østjylland".
    pub infohus: String,
    /// Counts under this are hidden (»< N«).
    pub threshold: u64,
    /// True: every count is here, also the hidden ones (the screen, internal use only). False:
    /// hidden counts carry no value (the report, the CSV, the CLI's JSON).
    pub exact: bool,
    pub tables: Vec<Table>,
    pub durations: Vec<DurationFigure>,
}

/// "1. mar. 2026 – 31. mar. 2026" (one day: "1. mar. 2026").
pub fn period_da(p: Period) -> String {
    if p.from == p.to { p.from.format_da() } else { format!("{} – {}", p.from.format_da(), p.to.format_da()) }
}

/// A duration in minutes as people read it: "45 min", "3 t 20 min", "19 dage 13 t".
pub fn duration_da(minutes: i64) -> String {
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    match (d, h) {
        (0, 0) => format!("{m} min"),
        (0, _) => format!("{h} t {m} min"),
        (1, _) => format!("1 dag {h} t"),
        _ => format!("{d} dage {h} t"),
    }
}

/// The rule printed in the report and shown on screen.
pub fn suppression_rule(threshold: u64) -> String {
    format!(
        "Tal under {threshold} vises som »< {threshold}«. Hvor et skjult tal ellers kunne regnes ud \
         af totalerne i rækken eller kolonnen, skjules også et andet tal (vist som »x«). Varigheder \
         vises kun, når de bygger på mindst {threshold} sager."
    )
}

/// A table under construction: exact counts.
struct Counts {
    key: &'static str,
    title: &'static str,
    definition: &'static str,
    row_heading: &'static str,
    rows: Vec<String>,
    columns: Vec<String>,
    cells: Vec<Vec<u64>>,
    with_total: bool,
    chart: bool,
}

impl Counts {
    fn list(
        key: &'static str,
        title: &'static str,
        definition: &'static str,
        row_heading: &'static str,
        rows: Vec<(String, u64)>,
    ) -> Counts {
        let (labels, values): (Vec<String>, Vec<u64>) = rows.into_iter().unzip();
        Counts {
            key,
            title,
            definition,
            row_heading,
            rows: labels,
            columns: vec!["Antal".into()],
            cells: values.into_iter().map(|v| vec![v]).collect(),
            with_total: true,
            chart: false,
        }
    }

    fn charted(mut self) -> Counts {
        self.chart = true;
        self
    }

    fn without_total(mut self) -> Counts {
        self.with_total = false;
        self
    }

    /// The table with each count's protection at this threshold.
    fn protected(self, threshold: u64) -> Table {
        let layout = suppress::grid_layout(&self.cells, self.with_total);
        let hidden = suppress::protect(&layout, threshold);
        let cell = |i: usize| Cell { value: Some(layout.values[i]), hidden: hidden[i] };
        let cols = self.columns.len();
        let rows = self.rows.len();
        let inner = rows * cols;
        let cells = (0..rows).map(|r| (0..cols).map(|c| cell(r * cols + c)).collect()).collect();
        let (row_totals, column_totals, total) = match (self.with_total, cols) {
            (false, _) => (Vec::new(), Vec::new(), None),
            (true, 1) => (Vec::new(), Vec::new(), Some(cell(inner))),
            (true, _) => (
                (0..rows).map(|r| cell(inner + r)).collect(),
                (0..cols).map(|c| cell(inner + rows + c)).collect(),
                Some(cell(inner + rows + cols)),
            ),
        };
        Table {
            key: self.key.into(),
            title: self.title.into(),
            definition: self.definition.into(),
            row_heading: self.row_heading.into(),
            rows: self.rows,
            columns: self.columns,
            cells,
            row_totals,
            column_totals,
            total,
            chart: self.chart,
        }
    }
}

/// The Danish month, "jan. 2026".
fn month_label(year: i32, month: u32) -> String {
    Day::new(chrono::NaiveDate::from_ymd_opt(year, month, 1).expect("a month's first day"))
        .format_da()
        .trim_start_matches("1. ")
        .to_string()
}

/// The age bands of the person of concern, by age in the year the concern came in.
const AGE_BANDS: [&str; 5] = ["Under 15 år", "15–17 år", "18–24 år", "25 år og derover", "Ukendt alder"];

fn age_band(birth_year: Option<i32>, received: Stamp) -> usize {
    match birth_year.map(|y| received.year_in_copenhagen() - y) {
        None => 4,
        Some(a) if a < 15 => 0,
        Some(a) if a < 18 => 1,
        Some(a) if a < 25 => 2,
        Some(_) => 3,
    }
}

/// Median and longest of durations in minutes (the median of an even count: the mean of the
/// middle two, rounded down).
fn median_and_longest(mut minutes: Vec<i64>) -> (Option<i64>, Option<i64>) {
    if minutes.is_empty() {
        return (None, None);
    }
    minutes.sort_unstable();
    let n = minutes.len();
    let median = if n % 2 == 1 { minutes[n / 2] } else { (minutes[n / 2 - 1] + minutes[n / 2]).div_euclid(2) };
    (Some(median), minutes.last().copied())
}

fn minutes_between(from: Stamp, to: Stamp) -> i64 {
    (to.instant() - from.instant()).num_minutes().max(0)
}

/// The stage a case was in just before `t`, from its stage changes (in order): the last change
/// before `t`, or Ny henvendelse.
fn stage_before(changes: &[&StageChange], t: Stamp) -> Stage {
    changes
        .iter()
        .rev()
        .find(|c| c.stage && c.at < t)
        .and_then(|c| c.new_value.as_deref())
        .and_then(Stage::parse)
        .unwrap_or(Stage::NewConcern)
}

/// Where `v` stands in `all`.
fn position<T: PartialEq>(all: &[T], v: T) -> usize {
    all.iter().position(|x| *x == v).unwrap_or(0)
}

/// The exact figures of a period (each count with the protection it gets at `threshold`).
/// Read without an audit entry: the figures hold counts only.
pub fn figures(store: &Store, period: Period, threshold: u64) -> Result<Statistics> {
    let threshold = check_threshold(threshold)?;
    store.read_unlogged(|r| figures_in(r, period, threshold))
}

/// [`figures`] on a read handle (one snapshot: inside a read, or the write that saves a report).
pub(crate) fn figures_in(r: &Reader<'_>, period: Period, threshold: u64) -> Result<Statistics> {
    let threshold = check_threshold(threshold)?;
    let (start, end) = (period.start(), period.end());
    let home = crate::profile::read(r)?.district_code;
    let cases = register::stats_rows(r, end)?;
    let changes = history::stage_changes(r, end)?;
    let meetings_held = meetings::stored::held_with_cases(r, end)?;
    let items = actions::created_between(r, start, end)?;
    let mut by_case: HashMap<i64, Vec<&StageChange>> = HashMap::with_capacity(cases.len());
    for c in &changes {
        by_case.entry(c.case_id).or_default().push(c);
    }
    let no_changes: Vec<&StageChange> = Vec::new();

    // Concerns received in the period, and their breakdowns.
    let received: Vec<&StatsRow> = cases.iter().filter(|c| period.contains(c.received_at)).collect();
    let mut months: BTreeMap<(i32, u32), u64> = BTreeMap::new();
    {
        let (mut y, mut m) = (period.from.date().year(), period.from.date().month());
        let last = (period.to.date().year(), period.to.date().month());
        while (y, m) <= last {
            months.insert((y, m), 0);
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }
    let mut channel = vec![0u64; Channel::ALL.len()];
    let mut caller = vec![0u64; CallerType::ALL.len()];
    let mut category = vec![0u64; Category::ALL.len()];
    let mut urgency = vec![0u64; Urgency::ALL.len()];
    let mut age = [0u64; 5];
    let mut municipality: BTreeMap<&str, u64> = BTreeMap::new();
    let mut infohus: BTreeMap<usize, u64> = BTreeMap::new();
    for c in &received {
        let day = Day::of(c.received_at.instant()).date();
        *months.entry((day.year(), day.month())).or_default() += 1;
        channel[position(Channel::ALL, c.channel)] += 1;
        caller[position(CallerType::ALL, c.caller_type)] += 1;
        category[position(Category::ALL, c.category)] += 1;
        urgency[position(Urgency::ALL, c.urgency)] += 1;
        age[age_band(c.birth_year, c.received_at)] += 1;
        *municipality.entry(c.municipality.as_str()).or_default() += 1;
        let d = district::all().iter().position(|d| d.code == c.district_code).unwrap_or(usize::MAX);
        *infohus.entry(d).or_default() += 1;
    }

    // Stages, moves, outcomes and forwarding: each case's stage changes up to the period's end.
    let stages = Stage::ALL;
    let mut at_end = vec![0u64; stages.len()];
    let mut moves = vec![vec![0u64; stages.len()]; stages.len()];
    let mut outcomes = vec![0u64; Outcome::ALL.len()];
    let mut to_forwarded: Vec<i64> = Vec::new();
    let received_at: HashMap<i64, Stamp> = cases.iter().map(|c| (c.id, c.received_at)).collect();
    for c in &cases {
        let ch = by_case.get(&c.id).unwrap_or(&no_changes);
        for m in ch.iter().filter(|m| m.stage && m.at >= start) {
            let from = m.old_value.as_deref().and_then(Stage::parse);
            let to = m.new_value.as_deref().and_then(Stage::parse);
            if let (Some(f), Some(t)) = (from, to) {
                moves[position(&stages, f)][position(&stages, t)] += 1;
            }
        }
        if stage_before(ch, start).is_archived() && c.received_at < start {
            continue; // closed or forwarded before the period: not in its stages
        }
        let now = stage_before(ch, end);
        at_end[position(&stages, now)] += 1;
        let last_move = ch.iter().rev().find(|m| m.stage);
        let moved_in_period = last_move.is_some_and(|m| m.at >= start);
        match now {
            Stage::Closed if moved_in_period => {
                let outcome =
                    ch.iter().rev().find(|m| !m.stage).and_then(|m| m.new_value.as_deref()).and_then(Outcome::parse);
                if let Some(o) = outcome {
                    outcomes[position(&Outcome::ALL, o)] += 1;
                }
            }
            Stage::Forwarded if moved_in_period => {
                if let Some(m) = last_move {
                    to_forwarded.push(minutes_between(c.received_at, m.at));
                }
            }
            _ => {}
        }
    }

    // Meetings: held in the period, the cases they discussed, each case's first meeting.
    let mut held: BTreeSet<i64> = BTreeSet::new();
    let mut discussed: BTreeSet<i64> = BTreeSet::new();
    let mut first_meeting: HashMap<i64, Stamp> = HashMap::new();
    for (meeting, at, case) in &meetings_held {
        let in_period = period.contains(*at);
        if in_period {
            held.insert(*meeting);
        }
        if let Some(case) = case {
            first_meeting.entry(*case).or_insert(*at);
            if in_period {
                discussed.insert(*case);
            }
        }
    }
    let to_first_meeting: Vec<i64> = first_meeting
        .iter()
        .filter(|(_, at)| period.contains(**at))
        .filter_map(|(case, at)| received_at.get(case).map(|r| minutes_between(*r, *at)))
        .collect();

    // Action items created in the period, by what came of them by the period's end.
    let mut item_status = [0u64; 4];
    for i in &items {
        let done_by_end = i.status_at.is_some_and(|t| t < end);
        let k = match i.status {
            actions::ActionStatus::Done if done_by_end => {
                if i.status_at.is_some_and(|t| Day::of(t.instant()) <= i.due) { 0 } else { 1 }
            }
            actions::ActionStatus::Cancelled if done_by_end => 3,
            _ => 2,
        };
        item_status[k] += 1;
    }

    let labelled = |labels: Vec<&str>, values: Vec<u64>| -> Vec<(String, u64)> {
        labels.into_iter().map(String::from).zip(values).collect()
    };
    let counts = vec![
        Counts::list(
            "by_month",
            "Henvendelser pr. måned",
            "Sager modtaget i perioden (modtagelsestidspunktet, dansk tid), pr. kalendermåned.",
            "Måned",
            months.into_iter().map(|((y, m), n)| (month_label(y, m), n)).collect(),
        )
        .charted(),
        Counts::list(
            "by_channel",
            "Henvendelser efter kanal",
            "Sager modtaget i perioden efter, hvordan henvendelsen kom ind.",
            "Kanal",
            labelled(Channel::ALL.iter().map(|c| c.label_da()).collect(), channel),
        ),
        Counts::list(
            "by_caller",
            "Henvendelser efter henvender",
            "Sager modtaget i perioden efter, hvem der henvendte sig.",
            "Henvender",
            labelled(CallerType::ALL.iter().map(|c| c.label_da()).collect(), caller),
        ),
        Counts::list(
            "by_category",
            "Henvendelser efter type af ekstremisme",
            "Sager modtaget i perioden efter kategori, som sagen står nu.",
            "Kategori",
            labelled(Category::ALL.iter().map(|c| c.label_da()).collect(), category),
        )
        .charted(),
        Counts::list(
            "by_urgency",
            "Henvendelser efter hastegrad",
            "Sager modtaget i perioden efter hastegrad, som sagen står nu.",
            "Hastegrad",
            labelled(Urgency::ALL.iter().map(|c| c.label_da()).collect(), urgency),
        ),
        Counts::list(
            "by_age",
            "Henvendelser efter alder",
            "Sager modtaget i perioden efter personens alder i modtagelsesåret (ud fra fødselsåret).",
            "Alder",
            labelled(AGE_BANDS.to_vec(), age.to_vec()),
        ),
        Counts::list(
            "by_municipality",
            "Henvendelser efter bopælskommune",
            "Sager modtaget i perioden efter personens bopælskommune; kun kommuner med sager.",
            "Kommune",
            municipality.into_iter().map(|(m, n)| (m.to_string(), n)).collect(),
        ),
        Counts::list(
            "by_infohus",
            "Henvendelser efter infohus",
            "Sager modtaget i perioden efter det infohus (politikreds), bopælskommunen hører under.",
            "Infohus",
            infohus
                .into_iter()
                .map(|(d, n)| (district::all().get(d).map_or("Ukendt", |d| d.infohus).to_string(), n))
                .collect(),
        )
        .charted(),
        Counts::list(
            "stage_at_end",
            "Sager efter fase ved periodens slutning",
            "Sager, der var åbne på et tidspunkt i perioden (modtaget før dens slutning og ikke \
             afsluttet eller videresendt før dens start), efter fasen ved periodens slutning.",
            "Fase",
            labelled(stages.iter().map(|s| s.label_da()).collect(), at_end),
        ),
        Counts {
            key: "moves",
            title: "Flytninger mellem faser",
            definition: "Faseskift i perioden: fra fasen i rækken til fasen i kolonnen (også tilbage, \
                         videresendelser og sager taget tilbage).",
            row_heading: "Fra \\ til",
            rows: stages.iter().map(|s| s.label_da().to_string()).collect(),
            columns: stages.iter().map(|s| s.label_da().to_string()).collect(),
            cells: moves,
            with_total: true,
            chart: false,
        },
        Counts::list(
            "outcomes",
            "Afsluttede sager efter udfald",
            "Sager afsluttet i perioden og stadig afsluttet ved dens slutning, efter udfald.",
            "Udfald",
            labelled(Outcome::ALL.iter().map(|o| o.label_da()).collect(), outcomes),
        ),
        Counts::list(
            "action_items",
            "Opgaver oprettet i perioden",
            "Opgaver oprettet i perioden efter status ved periodens slutning; udført inden fristen \
             betyder på eller før fristens dato.",
            "Status",
            labelled(vec!["Udført inden fristen", "Udført efter fristen", "Åben", "Annulleret"], item_status.to_vec()),
        ),
        Counts::list(
            "meetings",
            "Møder",
            "Afsluttede møder (med referat) holdt i perioden, og de sager, de drøftede.",
            "Møder",
            vec![("Møder holdt".into(), held.len() as u64), ("Sager drøftet".into(), discussed.len() as u64)],
        )
        .without_total(),
    ];
    let tables = counts.into_iter().map(|c| c.protected(threshold)).collect();

    let duration = |key: &str, title: &str, definition: &str, minutes: Vec<i64>| {
        let n = minutes.len() as u64;
        let (median, longest) = median_and_longest(minutes);
        DurationFigure {
            key: key.into(),
            title: title.into(),
            definition: definition.into(),
            count: Cell { value: Some(n), hidden: (n < threshold).then_some(Hidden::Small) },
            median_minutes: median,
            longest_minutes: longest,
        }
    };
    let durations = vec![
        duration(
            "to_forwarded",
            "Fra modtaget til videresendt",
            "Sager videresendt i perioden (og stadig videresendt ved dens slutning): tiden fra \
             modtagelsen til videresendelsen.",
            to_forwarded,
        ),
        duration(
            "to_first_meeting",
            "Fra modtaget til første møde",
            "Sager drøftet første gang på et møde i perioden: tiden fra modtagelsen til mødet.",
            to_first_meeting,
        ),
    ];
    Ok(Statistics {
        period,
        infohus: district::display_name(&home).to_string(),
        threshold,
        exact: true,
        tables,
        durations,
    })
}

impl Statistics {
    /// The figures as they may be published: hidden counts carry no value, and durations over
    /// fewer cases than the threshold no median or longest.
    pub fn published(mut self) -> Statistics {
        let clear = |c: &mut Cell| {
            if c.hidden.is_some() {
                c.value = None;
            }
        };
        for t in &mut self.tables {
            t.cells.iter_mut().flatten().for_each(clear);
            t.row_totals.iter_mut().for_each(clear);
            t.column_totals.iter_mut().for_each(clear);
            t.total.iter_mut().for_each(clear);
        }
        for d in &mut self.durations {
            if d.count.hidden.is_some() {
                d.count.value = None;
                d.median_minutes = None;
                d.longest_minutes = None;
            }
        }
        self.exact = false;
        self
    }
}

/// The published figures of a period (what the report, the CSV and the CLI show).
pub fn published(store: &Store, period: Period, threshold: u64) -> Result<Statistics> {
    Ok(figures(store, period, threshold)?.published())
}
