//! The coordination board: the home infohus's cases by stage.

use crate::audit::AuditEvent;
use crate::cases::{CaseSummary, Stage, register};
use crate::error::Result;
use crate::store::Store;
use serde::Serialize;

/// The stages shown as board columns, in flow order.
pub const COLUMNS: [Stage; 6] =
    [Stage::NewConcern, Stage::Screening, Stage::Assessment, Stage::Intervention, Stage::FollowUp, Stage::Closed];

/// How many closed cases the archive column shows.
pub const CLOSED_SHOWN: u32 = 30;

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BoardColumn {
    pub stage: Stage,
    /// The cards shown: every active case; for `closed`, the 30 most recently closed.
    pub cards: Vec<CaseSummary>,
    /// All cases of the district in this stage (more than `cards.len()` for `closed`).
    pub total: u64,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Board {
    /// The police district the board is filtered to (the coordinator's home infohus).
    pub district_code: String,
    pub columns: Vec<BoardColumn>,
}

/// The board for the coordinator's home infohus: active cases by stage (oldest concern first
/// within a stage) and the 30 most recently closed.
pub fn load(store: &Store) -> Result<Board> {
    let district_code = store.profile()?.district_code;
    store.read(|r| {
        let mut columns: Vec<BoardColumn> =
            COLUMNS.iter().map(|&stage| BoardColumn { stage, cards: Vec::new(), total: 0 }).collect();
        for card in register::active_and_recently_closed(r.conn(), &district_code, CLOSED_SHOWN)? {
            if let Some(col) = columns.iter_mut().find(|c| c.stage == card.stage) {
                col.cards.push(card);
            }
        }
        for (stage, n) in register::stage_counts(r.conn(), &district_code)? {
            if let Some(col) = columns.iter_mut().find(|c| c.stage == stage) {
                col.total = n;
            }
        }
        r.audit(AuditEvent::BoardViewed);
        Ok(Board { district_code: district_code.clone(), columns })
    })
}
