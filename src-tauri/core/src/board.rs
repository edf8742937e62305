//! The coordination board: cases by stage.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The stages of a case (Danish labels live in the UI).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
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
    /// The stages shown as board columns, in flow order.
    pub const BOARD: [Stage; 6] =
        [Stage::NewConcern, Stage::Screening, Stage::Assessment, Stage::Intervention, Stage::FollowUp, Stage::Closed];
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BoardCard {
    /// Pseudonymous case reference, e.g. "ØJP-2026-0042".
    pub reference: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BoardColumn {
    pub stage: Stage,
    pub cards: Vec<BoardCard>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Board {
    /// The police district the board is filtered to (the coordinator's home infohus).
    pub district_code: String,
    pub columns: Vec<BoardColumn>,
}

impl Board {
    /// The board for a district. Cases arrive with the case register; until then every column is
    /// empty.
    pub fn for_district(district_code: &str) -> Board {
        Board {
            district_code: district_code.to_string(),
            columns: Stage::BOARD.iter().map(|&stage| BoardColumn { stage, cards: Vec::new() }).collect(),
        }
    }
}
