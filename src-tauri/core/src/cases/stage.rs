//! A case's stage and the one place its rules live: which moves are allowed, when an outcome or
//! a reason is required. The case panel, the CLI and the board all move cases through
//! [`crate::cases::transition`], which checks [`check_move`].

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// The stages of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
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
    pub const ALL: [Stage; 7] = [
        Stage::NewConcern,
        Stage::Screening,
        Stage::Assessment,
        Stage::Intervention,
        Stage::FollowUp,
        Stage::Closed,
        Stage::Forwarded,
    ];

    /// The stages in which the infohus works on the case, in flow order.
    pub const ACTIVE: [Stage; 5] =
        [Stage::NewConcern, Stage::Screening, Stage::Assessment, Stage::Intervention, Stage::FollowUp];

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

    /// The snake_case key or the Danish label (any case), e.g. "screening" or "Ny henvendelse".
    pub fn parse(s: &str) -> Option<Stage> {
        let s = s.trim();
        Stage::ALL.into_iter().find(|st| st.as_str() == s || st.label_da().to_lowercase() == s.to_lowercase())
    }

    /// The Danish label (CLI output, UI, minutes).
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

    /// The stages in which the case has left the infohus's work: the archive.
    pub const ARCHIVED: [Stage; 2] = [Stage::Closed, Stage::Forwarded];

    pub fn is_active(self) -> bool {
        Stage::ACTIVE.contains(&self)
    }

    pub fn is_archived(self) -> bool {
        Stage::ARCHIVED.contains(&self)
    }

    /// [`Stage::ARCHIVED`] as an SQL list, `('closed', 'forwarded')`, generated from it.
    pub(crate) fn archived_sql() -> &'static str {
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
            let keys: Vec<String> = Stage::ARCHIVED.iter().map(|s| format!("'{}'", s.as_str())).collect();
            format!("({})", keys.join(", "))
        });
        &SQL
    }
}

/// How a closed case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Unfounded,
    Completed,
    HandedToPolice,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Unfounded, Outcome::Completed, Outcome::HandedToPolice];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Unfounded => "unfounded",
            Outcome::Completed => "completed",
            Outcome::HandedToPolice => "handed_to_police",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s.trim())
    }

    pub fn label_da(self) -> &'static str {
        match self {
            Outcome::Unfounded => "Grundløs",
            Outcome::Completed => "Afsluttet efter indsats",
            Outcome::HandedToPolice => "Overgivet til politiet",
        }
    }
}

/// What a move from one stage to another requires, or why it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MoveRule {
    /// Allowed; `reason_required` when the case is reopened or taken back, `outcome_required`
    /// when it is closed.
    Allowed { reason_required: bool, outcome_required: bool },
    /// Only through forwarding (to another district's infohus, with a reason).
    ForwardingOnly,
    /// The case is already there.
    Same,
}

/// The rule for moving a case from `from` to `to`.
pub fn move_rule(from: Stage, to: Stage) -> MoveRule {
    if to == Stage::Forwarded {
        return MoveRule::ForwardingOnly;
    }
    if from == to && to != Stage::Closed {
        return MoveRule::Same;
    }
    MoveRule::Allowed {
        // Reopening a closed case, or taking a forwarded one back, is explained in the history.
        reason_required: from != to && matches!(from, Stage::Closed | Stage::Forwarded),
        outcome_required: to == Stage::Closed,
    }
}

/// Checks a move; Danish reasons name the field at fault. Closed → closed is allowed only to
/// correct the outcome.
pub fn check_move(from: Stage, to: Stage, outcome: Option<Outcome>, reason: Option<&str>) -> Result<()> {
    match move_rule(from, to) {
        MoveRule::ForwardingOnly => {
            Err(Error::invalid("stage", "brug »Videresend« for at sende sagen til et andet infohus"))
        }
        MoveRule::Same => Err(Error::invalid("stage", "sagen er allerede i denne fase")),
        MoveRule::Allowed { reason_required, outcome_required } => {
            match (outcome_required, outcome) {
                (true, None) => return Err(Error::invalid("outcome", "vælg udfaldet, når sagen afsluttes")),
                (false, Some(_)) => {
                    return Err(Error::invalid("outcome", "udfald angives kun, når sagen afsluttes"));
                }
                _ => {}
            }
            if reason_required && reason.is_none_or(|r| r.trim().is_empty()) {
                let why = if from == Stage::Closed {
                    "skriv hvorfor sagen genåbnes"
                } else {
                    "skriv hvorfor sagen tages tilbage"
                };
                return Err(Error::invalid("reason", why));
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_between_every_pair_of_stages() {
        for from in Stage::ALL {
            for to in Stage::ALL {
                let rule = move_rule(from, to);
                let expected = if to == Stage::Forwarded {
                    MoveRule::ForwardingOnly
                } else if from == to && to != Stage::Closed {
                    MoveRule::Same
                } else {
                    MoveRule::Allowed {
                        reason_required: from != to && !from.is_active(),
                        outcome_required: to == Stage::Closed,
                    }
                };
                assert_eq!(rule, expected, "{from:?} → {to:?}");
                // Applying the rule: with what it asks for the move passes, without it it fails.
                let outcome = (to == Stage::Closed).then_some(Outcome::Completed);
                let ok = check_move(from, to, outcome, Some("Ny bekymring"));
                assert_eq!(ok.is_ok(), matches!(rule, MoveRule::Allowed { .. }), "{from:?} → {to:?}: {ok:?}");
                if let MoveRule::Allowed { reason_required: true, .. } = rule {
                    let e = check_move(from, to, outcome, Some("  ")).unwrap_err();
                    assert!(matches!(e, Error::Invalid { field: "reason", .. }), "{e:?}");
                }
                if let MoveRule::Allowed { outcome_required: true, .. } = rule {
                    let e = check_move(from, to, None, Some("x")).unwrap_err();
                    assert!(matches!(e, Error::Invalid { field: "outcome", .. }), "{e:?}");
                } else if matches!(rule, MoveRule::Allowed { .. }) {
                    let e = check_move(from, to, Some(Outcome::Unfounded), Some("x")).unwrap_err();
                    assert!(matches!(e, Error::Invalid { field: "outcome", .. }), "{e:?}");
                }
            }
        }
    }

    #[test]
    fn stages_parse_from_keys_and_danish_labels() {
        assert_eq!(Stage::parse("follow_up"), Some(Stage::FollowUp));
        assert_eq!(Stage::parse("ny henvendelse"), Some(Stage::NewConcern));
        assert_eq!(Stage::parse("Opfølgning"), Some(Stage::FollowUp));
        assert_eq!(Stage::parse("done"), None);
    }
}
