//! The coordination board: cases by stage.

use crate::cases::CaseSummary;
use crate::error::Result;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// The stages of a case (Danish labels live in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    NewConcern,
    Screening,
    Assessment,
    Intervention,
    FollowUp,
    Closed,
    Forwarded,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NewConcern => "new_concern",
            Stage::Screening => "screening",
            Stage::Assessment => "assessment",
            Stage::Intervention => "intervention",
            Stage::FollowUp => "follow_up",
            Stage::Closed => "closed",
            Stage::Forwarded => "forwarded",
        }
    }

    /// The Danish label (CLI output, minutes).
    pub fn label_da(self) -> &'static str {
        match self {
            Stage::NewConcern => "Ny henvendelse",
            Stage::Screening => "Screening",
            Stage::Assessment => "Vurdering",
            Stage::Intervention => "Indsats",
            Stage::FollowUp => "Opfølgning",
            Stage::Closed => "Afsluttet",
            Stage::Forwarded => "Videresendt",
        }
    }

    /// The stages shown as board columns, in flow order.
    pub const BOARD: [Stage; 6] =
        [Stage::NewConcern, Stage::Screening, Stage::Assessment, Stage::Intervention, Stage::FollowUp, Stage::Closed];
}

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
    let mut columns: Vec<BoardColumn> =
        Stage::BOARD.iter().map(|&stage| BoardColumn { stage, cards: Vec::new(), total: 0 }).collect();
    for card in crate::cases::board_cards(store.conn(), &district_code)? {
        if let Some(col) = columns.iter_mut().find(|c| c.stage == card.stage) {
            col.cards.push(card);
        }
    }
    for (stage, n) in crate::cases::stage_counts(store.conn(), &district_code)? {
        if let Some(col) = columns.iter_mut().find(|c| c.stage == stage) {
            col.total = n;
        }
    }
    crate::audit::record_read(store.conn(), store.actor(), "board.viewed", None)?;
    Ok(Board { district_code, columns })
}
