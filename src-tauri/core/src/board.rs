//! The coordination board (the home screen): the home infohus's active cases by stage, the
//! archive (latest closed and forwarded), each card with its days in the stage, its next open
//! action item and the agencies involved; swimlanes, filters and soft WIP limits from the
//! coordinator's settings (table `board_settings`, owned here).

use crate::actions::{self, Agency};
use crate::audit::AuditEvent;
use crate::cases::{CaseSummary, Outcome, Stage, register};
use crate::dates::{Day, Stamp};
use crate::error::{Error, Result};
use crate::intake::{Category, Urgency};
use crate::op::{Op, Reader};
use crate::store::Store;
use crate::text::fold;
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The board's columns, in flow order: the active stages, then the archive.
pub const COLUMNS: [Stage; 7] = Stage::ALL;

/// How many cards each archive column (closed, forwarded) shows: the latest.
pub const CLOSED_SHOWN: u32 = 30;

/// How many cards of each active column the board sends at first; "Vis flere" asks for more.
pub const CARDS_SHOWN: u32 = 50;

/// The most cards of one column the board sends at once.
pub const CARDS_SHOWN_MAX: u32 = 10_000;

/// The swimlanes a coordinator can choose.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    #[default]
    None,
    Urgency,
    /// By the agency of the case's next open action item.
    Agency,
    Municipality,
}

impl Lane {
    pub const ALL: [Lane; 4] = [Lane::None, Lane::Urgency, Lane::Agency, Lane::Municipality];

    pub fn as_str(self) -> &'static str {
        match self {
            Lane::None => "none",
            Lane::Urgency => "urgency",
            Lane::Agency => "agency",
            Lane::Municipality => "municipality",
        }
    }

    pub fn parse(s: &str) -> Option<Lane> {
        Lane::ALL.into_iter().find(|l| l.as_str() == s.trim())
    }

    pub fn label_da(self) -> &'static str {
        match self {
            Lane::None => "Ingen",
            Lane::Urgency => "Hastegrad",
            Lane::Agency => "Ansvarlig myndighed",
            Lane::Municipality => "Kommune",
        }
    }
}

/// What the board shows. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct BoardFilter {
    #[specta(optional)]
    pub municipality: Option<String>,
    #[specta(optional)]
    pub category: Option<Category>,
    #[specta(optional)]
    pub urgency: Option<Urgency>,
    /// Cases with an open action item for this agency.
    #[specta(optional)]
    pub agency: Option<Agency>,
    /// Cases with an overdue action item.
    pub overdue: bool,
    /// Cases flagged "til møde".
    pub meeting: bool,
    /// Words in the reference, pseudonym or municipality (Danish-folded).
    #[specta(optional)]
    pub text: Option<String>,
}

/// The coordinator's board settings, kept in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct BoardSettings {
    pub lane: Lane,
    pub filter: BoardFilter,
    /// Soft limits per active stage (a warning past the limit, never a block).
    pub wip_limits: BTreeMap<Stage, u32>,
    /// A card idle this many days in its stage is shown as stale.
    pub stale_days: u32,
}

impl Default for BoardSettings {
    fn default() -> Self {
        BoardSettings { lane: Lane::None, filter: BoardFilter::default(), wip_limits: BTreeMap::new(), stale_days: 30 }
    }
}

/// What the board should show beyond the saved settings (nothing here is saved).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, specta::Type)]
#[serde(default, deny_unknown_fields)]
pub struct BoardView {
    /// Another lane than the saved one.
    #[specta(optional)]
    pub lane: Option<Lane>,
    /// Another filter than the saved one.
    #[specta(optional)]
    pub filter: Option<BoardFilter>,
    /// Cards to send per active column (default `CARDS_SHOWN`, at most `CARDS_SHOWN_MAX`).
    pub shown: BTreeMap<Stage, u32>,
    /// A case whose card must be sent (with the cards before it): the card just moved or focused.
    #[specta(optional)]
    pub include: Option<String>,
}

/// The next open action item on a card.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct NextAction {
    pub what: String,
    pub agency: Agency,
    pub due: Day,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct BoardCard {
    #[serde(flatten)]
    pub summary: CaseSummary,
    /// When the case entered its stage; edits and notes do not change it.
    pub stage_entered_at: Stamp,
    /// Whole Copenhagen civil days since then.
    pub days_in_stage: u32,
    /// Idle in its stage past the coordinator's limit (active stages only).
    pub stale: bool,
    /// Flagged for the next meeting ("til møde").
    pub meeting: bool,
    pub next_action: Option<NextAction>,
    pub open_actions: u32,
    pub overdue_actions: u32,
    /// Agencies with open action items.
    pub agencies: Vec<Agency>,
    pub outcome: Option<Outcome>,
    pub forwarded_to: Option<String>,
    /// The swimlane key (see `Board::lanes`).
    pub lane: String,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BoardColumn {
    pub stage: Stage,
    pub label: String,
    /// Closed and forwarded: shown collapsed, with the latest cards only.
    pub archive: bool,
    /// All cases of the district in this stage.
    pub total: u64,
    /// The cases in this stage that pass the filter (for the archive: of those shown).
    pub matching: u64,
    pub wip_limit: Option<u32>,
    /// Past its WIP limit (a warning).
    pub over_limit: bool,
    /// The first cards that pass the filter, in display order (by lane, then oldest first): as
    /// many as asked for (`BoardView::shown`); `matching` counts them all.
    pub cards: Vec<BoardCard>,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct LaneInfo {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Board {
    /// The police district the board is filtered to (the coordinator's home infohus).
    pub district_code: String,
    pub settings: BoardSettings,
    /// The lanes in display order (one, "all", when there are no swimlanes).
    pub lanes: Vec<LaneInfo>,
    pub columns: Vec<BoardColumn>,
    /// Active cases of the district (all active columns' totals).
    pub active_total: u64,
    /// Active cases that pass the filter.
    pub active_matching: u64,
}

fn read_settings(db: &Reader<'_>) -> Result<BoardSettings> {
    let row: Option<(String, String, String, u32)> = db
        .conn()
        .prepare_cached("SELECT lane, filters, wip_limits, stale_days FROM board_settings WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((lane, filters, wip, stale_days)) = row else { return Ok(BoardSettings::default()) };
    Ok(BoardSettings {
        lane: Lane::parse(&lane).unwrap_or_default(),
        // Settings written by an older or newer version degrade to defaults, never to an error.
        filter: serde_json::from_str(&filters).unwrap_or_default(),
        wip_limits: serde_json::from_str(&wip).unwrap_or_default(),
        stale_days,
    })
}

/// The coordinator's board settings.
pub fn settings(store: &Store) -> Result<BoardSettings> {
    store.read(|r| read_settings(r))
}

fn validated(s: BoardSettings) -> Result<BoardSettings> {
    if !(1..=365).contains(&s.stale_days) {
        return Err(Error::invalid("stale_days", "skal være mellem 1 og 365 dage"));
    }
    for (stage, limit) in &s.wip_limits {
        if !stage.is_active() {
            return Err(Error::invalid("wip_limits", "grænser gælder kun de aktive faser"));
        }
        if !(1..=10_000).contains(limit) {
            return Err(Error::invalid("wip_limits", "en grænse skal være mellem 1 og 10.000"));
        }
    }
    let mut filter = s.filter;
    if let Some(t) = &filter.text {
        let t = crate::text::clean_text("filter.text", t, 100, false)?;
        filter.text = Some(t).filter(|t| !t.is_empty());
    }
    if let Some(m) = &filter.municipality {
        filter.municipality = Some(
            crate::routing::route(m)
                .map_err(|_| Error::invalid("filter.municipality", "ukendt kommune"))?
                .municipality
                .to_string(),
        );
    }
    Ok(BoardSettings { filter, ..s })
}

/// Saves the coordinator's board settings (lane, filter, WIP limits, stale days).
pub fn save_settings(store: &Store, s: BoardSettings) -> Result<BoardSettings> {
    let s = validated(s)?;
    store.write(|op| {
        save_settings_in(op, &s)?;
        op.audit(AuditEvent::BoardSettingsChanged);
        Ok(s.clone())
    })
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|_| Error::Internal("settings as JSON"))
}

pub fn save_settings_in(op: &Op<'_>, s: &BoardSettings) -> Result<()> {
    op.conn().execute(
        "INSERT INTO board_settings (id, lane, filters, wip_limits, stale_days, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET lane = ?1, filters = ?2, wip_limits = ?3, stale_days = ?4, updated_at = ?5",
        params![s.lane.as_str(), json(&s.filter)?, json(&s.wip_limits)?, s.stale_days, op.stamp()],
    )?;
    Ok(())
}

fn urgency_rank(u: Urgency) -> usize {
    match u {
        Urgency::Acute => 0,
        Urgency::High => 1,
        Urgency::Normal => 2,
    }
}

/// The board with the saved settings and the first cards of each column.
pub fn load(store: &Store) -> Result<Board> {
    view(store, &BoardView::default())
}

/// The board with the given lane and filter instead of the saved ones (nothing is saved).
pub fn load_with(store: &Store, lane: Option<Lane>, filter: Option<BoardFilter>) -> Result<Board> {
    view(store, &BoardView { lane, filter, ..BoardView::default() })
}

/// The board as the UI asks for it: the saved settings, optionally another lane or filter, and
/// how many cards of each column to send.
pub fn view(store: &Store, view: &BoardView) -> Result<Board> {
    let district_code = store.profile()?.district_code;
    store.read(|r| {
        let mut settings = read_settings(r)?;
        if let Some(l) = view.lane {
            settings.lane = l;
        }
        if let Some(f) = &view.filter {
            settings.filter = f.clone();
        }
        let board = build(r, &district_code, settings, view, Day::of(r.now()))?;
        let refs =
            board.columns.iter().flat_map(|c| c.cards.iter().map(|card| card.summary.reference.clone())).collect();
        r.audit(AuditEvent::BoardViewed { refs });
        Ok(board)
    })
}

/// The board's filter, with its text folded once.
struct Matcher<'f> {
    f: &'f BoardFilter,
    text: Option<String>,
}

impl Matcher<'_> {
    fn passes(&self, k: &register::BoardKeys<'_>, s: Option<&actions::OpenSummary>) -> bool {
        let f = self.f;
        f.municipality.as_deref().is_none_or(|m| m == k.municipality)
            && f.category.is_none_or(|x| x == k.category)
            && f.urgency.is_none_or(|x| x == k.urgency)
            && f.agency.is_none_or(|a| s.is_some_and(|s| s.agencies.contains(&a)))
            && (!f.overdue || s.is_some_and(|s| s.overdue > 0))
            && (!f.meeting || k.meeting)
            && self.text.as_ref().is_none_or(|t| {
                fold(&format!("{} {} {}", k.reference, k.pseudonym, k.municipality)).contains(t.as_str())
            })
    }
}

/// The lanes in display order, and the lane of a card.
struct Lanes {
    lane: Lane,
    /// Municipality lanes, by name.
    municipalities: BTreeMap<String, ()>,
}

impl Lanes {
    /// The lane's key for a case (see `Board::lanes`).
    fn key(&self, k: &register::BoardKeys<'_>, s: Option<&actions::OpenSummary>) -> String {
        match self.lane {
            Lane::None => "all".to_string(),
            Lane::Urgency => k.urgency.as_str().to_string(),
            Lane::Agency => {
                s.and_then(|s| s.next.as_ref()).map_or("none".to_string(), |(_, a, _)| a.as_str().to_string())
            }
            Lane::Municipality => k.municipality.to_string(),
        }
    }

    /// Where a case's lane comes in the display order (municipalities: by name, settled later).
    fn rank(&mut self, k: &register::BoardKeys<'_>, s: Option<&actions::OpenSummary>) -> usize {
        match self.lane {
            Lane::None => 0,
            Lane::Urgency => urgency_rank(k.urgency),
            Lane::Agency => s
                .and_then(|s| s.next.as_ref())
                .map_or(Agency::ALL.len(), |(_, a, _)| Agency::ALL.iter().position(|x| x == a).unwrap_or(0)),
            Lane::Municipality => {
                if !self.municipalities.contains_key(k.municipality) {
                    self.municipalities.insert(k.municipality.to_string(), ());
                }
                0
            }
        }
    }

    fn infos(&self) -> Vec<LaneInfo> {
        match self.lane {
            Lane::None => vec![LaneInfo { key: "all".into(), label: "Alle sager".into() }],
            Lane::Urgency => [Urgency::Acute, Urgency::High, Urgency::Normal]
                .iter()
                .map(|u| LaneInfo { key: u.as_str().into(), label: u.label_da().into() })
                .collect(),
            Lane::Agency => Agency::ALL
                .iter()
                .map(|a| LaneInfo { key: a.as_str().into(), label: a.label_da().into() })
                .chain([LaneInfo { key: "none".into(), label: "Ingen åbne opgaver".into() }])
                .collect(),
            Lane::Municipality => {
                self.municipalities.keys().map(|m| LaneInfo { key: m.clone(), label: m.clone() }).collect()
            }
        }
    }
}

/// A case that passed the filter: where it goes, before its row is read.
struct Passing {
    id: i64,
    rank: usize,
    /// The municipality (municipality lanes only: ranked by name once all are known).
    municipality: Option<String>,
    included: bool,
}

fn build(db: &Reader<'_>, district_code: &str, settings: BoardSettings, view: &BoardView, today: Day) -> Result<Board> {
    let mut open = actions::open_by_case(db, today)?;
    let matcher =
        Matcher { f: &settings.filter, text: settings.filter.text.as_deref().map(fold).filter(|t| !t.is_empty()) };
    let mut lanes = Lanes { lane: settings.lane, municipalities: BTreeMap::new() };
    let include = view.include.as_deref();

    // Every active case: counted, filtered and placed by its keys; whole rows are read below
    // only for the cards the board sends.
    let mut totals: BTreeMap<Stage, u64> = register::archive_counts(db, district_code)?.into_iter().collect();
    let mut passing: BTreeMap<Stage, Vec<Passing>> = BTreeMap::new();
    register::for_each_active(db, district_code, |k| {
        *totals.entry(k.stage).or_default() += 1;
        let s = open.get(&k.id);
        if matcher.passes(&k, s) {
            let rank = lanes.rank(&k, s);
            let municipality = (settings.lane == Lane::Municipality).then(|| k.municipality.to_string());
            let included = include == Some(k.reference);
            passing.entry(k.stage).or_default().push(Passing { id: k.id, rank, municipality, included });
        }
        Ok(())
    })?;
    let mut archive_rows: Vec<register::BoardRow> = register::archive_rows(db, district_code, CLOSED_SHOWN)?
        .into_iter()
        .filter(|row| {
            let k = register::BoardKeys::of(row);
            let s = open.get(&row.id);
            let ok = matcher.passes(&k, s);
            if ok {
                lanes.rank(&k, s);
            }
            ok
        })
        .collect();

    let lane_infos = lanes.infos();
    let municipality_rank: BTreeMap<&str, usize> =
        lane_infos.iter().enumerate().map(|(i, l)| (l.key.as_str(), i)).collect();
    // The Copenhagen date of an instant changes only with the hour's UTC offset: convert each
    // UTC hour once (the time-zone lookup is most of what a card costs otherwise).
    let mut days_by_hour: std::collections::HashMap<i64, Day> = std::collections::HashMap::new();
    let mut card = |row: register::BoardRow, open: &mut std::collections::HashMap<i64, actions::OpenSummary>| {
        let s = open.remove(&row.id);
        let lane = lanes.key(&register::BoardKeys::of(&row), s.as_ref());
        let s = s.unwrap_or_default();
        let i = row.stage_entered_at.instant();
        let entered = *days_by_hour.entry(i.timestamp().div_euclid(3600)).or_insert_with(|| Day::of(i));
        let days = entered.days_until(today).max(0) as u32;
        BoardCard {
            stage_entered_at: row.stage_entered_at,
            days_in_stage: days,
            stale: row.summary.stage.is_active() && days > settings.stale_days,
            meeting: row.meeting,
            next_action: s.next.map(|(what, agency, due)| NextAction { what, agency, due, overdue: due < today }),
            open_actions: s.open,
            overdue_actions: s.overdue,
            agencies: s.agencies,
            outcome: row.outcome,
            forwarded_to: row.forwarded_to,
            lane,
            summary: row.summary,
        }
    };

    // Which cards each active column sends: the first `shown` in display order (and up to the
    // included card); their rows are read in one go.
    let mut sent: BTreeMap<Stage, (u64, usize)> = BTreeMap::new();
    let mut ids: Vec<i64> = Vec::new();
    for stage in COLUMNS.into_iter().filter(|s| s.is_active()) {
        let mut list = passing.remove(&stage).unwrap_or_default();
        if settings.lane == Lane::Municipality {
            for p in &mut list {
                p.rank = p.municipality.as_deref().and_then(|m| municipality_rank.get(m)).copied().unwrap_or(0);
            }
        }
        // Stable: within a lane the query's order (oldest concern first).
        list.sort_by_key(|p| p.rank);
        let mut n = view.shown.get(&stage).copied().unwrap_or(CARDS_SHOWN).clamp(1, CARDS_SHOWN_MAX) as usize;
        if let Some(at) = list.iter().position(|p| p.included) {
            n = n.max(at + 1);
        }
        let n = n.min(list.len());
        ids.extend(list.iter().take(n).map(|p| p.id));
        sent.insert(stage, (list.len() as u64, n));
    }
    let mut active_rows = register::board_rows_by_id(db, district_code, &ids)?.into_iter();

    let mut columns = Vec::with_capacity(COLUMNS.len());
    for stage in COLUMNS {
        let wip_limit = settings.wip_limits.get(&stage).copied();
        let total = totals.get(&stage).copied().unwrap_or(0);
        let (matching, cards) = if stage.is_active() {
            let (matching, n) = sent.get(&stage).copied().unwrap_or((0, 0));
            (matching, active_rows.by_ref().take(n).map(|row| card(row, &mut open)).collect())
        } else {
            let (mine, rest): (Vec<_>, Vec<_>) =
                std::mem::take(&mut archive_rows).into_iter().partition(|r| r.summary.stage == stage);
            archive_rows = rest;
            let mut cards: Vec<BoardCard> = mine.into_iter().map(|row| card(row, &mut open)).collect();
            if settings.lane != Lane::None {
                let pos = |key: &str| lane_infos.iter().position(|l| l.key == key).unwrap_or(usize::MAX);
                cards.sort_by_key(|c| pos(&c.lane));
            }
            (cards.len() as u64, cards)
        };
        columns.push(BoardColumn {
            stage,
            label: stage.label_da().to_string(),
            archive: !stage.is_active(),
            total,
            matching,
            wip_limit,
            over_limit: wip_limit.is_some_and(|l| total > u64::from(l)),
            cards,
        });
    }
    let active_total = columns.iter().filter(|c| !c.archive).map(|c| c.total).sum();
    let active_matching = columns.iter().filter(|c| !c.archive).map(|c| c.matching).sum();
    Ok(Board {
        district_code: district_code.to_string(),
        settings,
        lanes: lane_infos,
        columns,
        active_total,
        active_matching,
    })
}
