//! The minutes' content (`minutes::MinutesDoc`) built from a stored meeting; `minutes` renders it.

use super::stored::{Plan, plan, stored_items, stored_participants, summary};
use crate::actions;
use crate::cases::register;
use crate::dates::{Day, Stamp};
use crate::district;
use crate::error::{Error, Result};
use crate::minutes;
use crate::op::Reader;
use chrono::{DateTime, Utc};

/// The coordinator's role in the minutes' list of participants.
pub(crate) const COORDINATOR_ROLE: &str = "Tovholder/referent";

/// The minutes' content: exactly what the meeting recorded, with the case's pseudonym,
/// municipality and the source of the concern — never other fields of the case record. The
/// pseudonym is printed as initials (`screen::initials`); the coordinator is among the
/// participants; the action items still open are listed per case and in a closing table.
pub(super) fn minutes_doc(db: &Reader<'_>, id: i64, now: DateTime<Utc>, draft: bool) -> Result<minutes::MinutesDoc> {
    let Plan { district_code, held_at, place, next, delete_after, addendum_of, addendum_number } = plan(db, id)?;
    let when =
        |t: Stamp| format!("{} kl. {}", crate::dates::format_date(t.instant()), crate::dates::format_time(t.instant()));
    let district = district::by_code(&district_code).ok_or(Error::Internal("a known district"))?;
    let meeting = summary(db, id)?;
    let addendum = match (addendum_of, addendum_number) {
        (Some(original), Some(n)) => {
            let o = summary(db, original)?;
            Some(minutes::Addendum {
                title: format!("Tillæg {n} til møde {}", o.number),
                original_sha256: o.minutes_sha256.unwrap_or_default(),
            })
        }
        _ => None,
    };
    let mut participants: Vec<minutes::Participant> = stored_participants(db, id)?
        .into_iter()
        .map(|p| minutes::Participant {
            name: p.name,
            organisation: p.organisation,
            role: p.role.unwrap_or_default(),
            present: p.present,
        })
        .collect();
    participants.sort_by_key(|p| !p.present); // present first; stable, so by organisation and name
    // The coordinator runs the meeting and writes the minutes: among the participants without
    // being added by hand (first), or named in that role where the directory has them already.
    let me = crate::profile::read(db)?;
    match participants.iter_mut().find(|p| crate::text::name_key(&p.name) == crate::text::name_key(&me.name)) {
        Some(p) => {
            p.present = true;
            p.role = COORDINATOR_ROLE.into();
        }
        None => participants.insert(
            0,
            minutes::Participant {
                name: me.name.clone(),
                organisation: me.organisation_name.clone(),
                role: COORDINATOR_ROLE.into(),
                present: true,
            },
        ),
    }
    participants.sort_by_key(|p| !p.present);
    let today = Day::of(now);
    let stored = stored_items(db, id)?;
    let agenda_cases: Vec<i64> = stored.iter().filter_map(|i| i.case_id).collect();
    let open_actions: Vec<minutes::OpenAction> = actions::open_earlier(db, &district_code, id, &agenda_cases, today)?
        .into_iter()
        .map(|a| minutes::OpenAction {
            reference: a.reference,
            what: a.what,
            who: minutes::Responsible { agency: a.agency.label_da().into(), person: a.person },
            due: a.due.format_da(),
            status: if a.overdue { "Overskredet".into() } else { "Åben".into() },
        })
        .collect();
    let mut items = Vec::new();
    for item in stored {
        if item.kind == "free" {
            items.push(minutes::AgendaItem::Free(minutes::FreeItem {
                title: item.title.unwrap_or_default(),
                text: item.body.unwrap_or_default(),
            }));
            continue;
        }
        let Some(case_id) = item.case_id else { continue };
        let case = register::read(db, case_id)?;
        let discussed = !item.new_information.is_empty()
            || item.assessment.as_deref().is_some_and(|t| !t.trim().is_empty())
            || item.recommendation.as_deref().is_some_and(|t| !t.trim().is_empty())
            || !item.actions.is_empty()
            || item.resulting_stage.is_some_and(|s| s != case.summary.stage);
        let actions = item
            .actions
            .into_iter()
            .map(|a| {
                let due = Day::parse(&a.due).ok_or(Error::Internal("a stored due date"))?;
                Ok(minutes::ActionRow {
                    what: a.what,
                    who: minutes::Responsible { agency: a.agency.label_da().into(), person: a.person },
                    due: due.format_da(),
                })
            })
            .collect::<Result<_>>()?;
        items.push(minutes::AgendaItem::Case(minutes::CaseItem {
            reference: case.summary.reference.clone(),
            pseudonym: crate::screen::initials(&case.summary.pseudonym),
            municipality: case.summary.municipality.clone(),
            source: format!(
                "{} ({})",
                case.summary.channel.label_da(),
                case.caller.caller_type.label_da().to_lowercase()
            ),
            new_information: item
                .new_information
                .into_iter()
                .map(|n| minutes::NewInformation { authority: n.authority.label_da().into(), text: n.text })
                .collect(),
            assessment: item.assessment.unwrap_or_default(),
            recommendation: item.recommendation.unwrap_or_default(),
            actions,
            stage: match item.resulting_stage {
                Some(stage) => super::resulting_stage_label(stage, item.forward_to.as_deref()),
                None => case.summary.stage.label_da().into(),
            },
            discussed,
            open_actions: open_actions.iter().filter(|a| a.reference == case.summary.reference).cloned().collect(),
        }));
    }
    Ok(minutes::MinutesDoc {
        infohus: district.infohus.to_string(),
        meeting_number: meeting.number.clone(),
        addendum,
        date_time: when(held_at),
        place: place.unwrap_or_default(),
        next_meeting: next.map(when),
        distribution: participants.iter().map(|p| p.name.clone()).collect(),
        participants,
        items,
        open_actions,
        delete_by: delete_after.format_da(),
        generated_at: when(Stamp::new(now)),
        draft,
        audit_checkpoint: None,
    })
}
