//! A synthetic meeting (no real people) for tests, the benchmark and the example page.

use super::{
    ActionRow, AgendaItem, CaseItem, FreeItem, MinutesDoc, NewInformation, OpenAction, Participant, Responsible,
};

const MUNICIPALITIES: [&str; 9] =
    ["Aarhus", "Randers", "Silkeborg", "Skanderborg", "Favrskov", "Syddjurs", "Norddjurs", "Odder", "Samsø"];
const SOURCES: [&str; 5] = [
    "Hotline mod radikalisering (anonym henvendelse)",
    "Underretning fra skole",
    "Socialforvaltningen, familieafdelingen",
    "Politiets egen viden (patruljering)",
    "Pårørende via SSP-konsulent",
];
const AUTHORITIES: [&str; 4] = ["Østjyllands Politi", "SSP", "Socialforvaltningen", "Kriminalforsorgen"];
const INFO: [&str; 4] = [
    "Ingen registreringer siden sidste møde. Personen er fortsat i skole og har kontakt til sin mentor.",
    "Forældrene har deltaget i to samtaler og oplever, at den unge er mere åben om sine venskaber; skolen melder stabilt fremmøde.",
    "Der er iværksat forældrecoaching efter serviceloven § 12 b. Familien har takket ja til et forløb på otte gange.",
    "Tilsyn under prøveløsladelse forløber planmæssigt; vilkår om bopæl og beskæftigelse overholdes.",
];
const ASSESSMENTS: [&str; 3] = [
    "Risici: interesse for ekstremistisk indhold på sociale medier. Beskyttende faktorer: stabil \
     skolegang og god kontakt til mentor.",
    "Risici: tidligere udtalelser om vold; isolation i fritiden. Beskyttende faktorer: fritidsjob og \
     en ældre søster, som personen har tillid til.",
    "Bekymringen vurderes som aftagende; de beskyttende faktorer er styrket.",
];
const RECOMMENDATIONS: [&str; 3] = [
    "Mentorforløbet fortsætter; SSP holder en opfølgende samtale med familien.",
    "Bekymringssamtale ved politiet med forældrene; opfølgning om seks uger.",
    "Sagen overgår til opfølgning med status på næste møde.",
];
const ACTIONS: [&str; 4] = [
    "Bekymringssamtale med forældre",
    "Opfølgende samtale med mentor og status til infohuset",
    "Undersøge mulighed for fritidsjob via jobcentret",
    "Kontakt til skolens AKT-vejleder",
];
const AGENCIES: [&str; 4] = ["Østjyllands Politi", "SSP", "Socialforvaltningen", "Jobcenter"];
const PEOPLE: [&str; 6] = ["A. Çelik", "Łukasz Nowak", "Nguyễn Thị Lan", "Mette Sørensen", "Jens Æbelø", "Søren Ørum"];
const STAGES: [&str; 3] = ["Indsats", "Opfølgning", "Vurdering"];
const DUES: [&str; 4] = ["9. dec. 2026", "23. dec. 2026", "6. jan. 2027", "20. jan. 2027"];

/// A meeting with `cases` case items between "Orientering fra SSP" and "Eventuelt". Deterministic.
pub fn sample(cases: usize) -> MinutesDoc {
    let participants = vec![
        participant("Mette Sørensen", "Østjyllands Politi, Forebyggelse", "Tovholder (politi)", true),
        participant("Ayşe Çelik", "Aarhus Kommune, SSP", "Tovholder (kommune)", true),
        participant("Łukasz Nowak", "Kriminalforsorgen Østjylland", "Deltager", true),
        participant("Nguyễn Thị Lan", "Aarhus Kommune, Socialforvaltningen", "Deltager", true),
        participant("Jens Æbelø", "Randers Kommune, SSP", "Deltager", true),
        participant("Søren Ørum", "Østjyllands Politi, Efterretning", "Referent", true),
        participant("Karin Ågård", "Region Midtjylland, Psykiatrien", "Deltager efter behov", false),
    ];
    let mut items = vec![AgendaItem::Free(FreeItem {
        title: "Orientering fra SSP".into(),
        text: "SSP orienterede om den nye netværksindsats i Aarhus Vest og om et fælles \
               temamøde for skolernes AKT-vejledere i januar. Der er ikke behov for opfølgning \
               i infohuset."
            .into(),
    })];
    for i in 0..cases {
        items.push(AgendaItem::Case(case(i)));
    }
    items.push(AgendaItem::Free(FreeItem { title: "Eventuelt".into(), text: "Intet.".into() }));
    let open_actions = (0..cases.div_ceil(3))
        .map(|i| OpenAction {
            reference: reference(1000 + i),
            what: ACTIONS[i % ACTIONS.len()].into(),
            who: responsible(i + 1),
            due: DUES[(i + 1) % DUES.len()].into(),
            status: if i % 4 == 0 { "Overskredet".into() } else { "Åben".into() },
        })
        .collect();
    MinutesDoc {
        infohus: "Infohus Østjylland".into(),
        meeting_number: "23/2026".into(),
        addendum: None,
        date_time: "25. nov. 2026 kl. 14.05".into(),
        place: "Østjyllands Politi, Ridderstræde 1, Aarhus".into(),
        next_meeting: Some("9. dec. 2026 kl. 14.00".into()),
        distribution: participants.iter().filter(|p| p.present).map(|p| p.name.clone()).collect(),
        participants,
        items,
        open_actions,
        delete_by: "25. nov. 2031".into(),
        generated_at: "25. nov. 2026 kl. 16.12".into(),
        draft: false,
        audit_checkpoint: None,
    }
}

fn participant(name: &str, organisation: &str, role: &str, present: bool) -> Participant {
    Participant { name: name.into(), organisation: organisation.into(), role: role.into(), present }
}

fn reference(n: usize) -> String {
    format!("ØJP-2026-{:04}", n + 1)
}

fn responsible(i: usize) -> Responsible {
    Responsible {
        agency: AGENCIES[i % AGENCIES.len()].into(),
        person: i.is_multiple_of(2).then(|| PEOPLE[i % PEOPLE.len()].into()),
    }
}

fn case(i: usize) -> CaseItem {
    let letters = ['A', 'B', 'D', 'E', 'F', 'H', 'K', 'L', 'M', 'N', 'S', 'T', 'Ø', 'Å'];
    CaseItem {
        reference: reference(i),
        pseudonym: format!("{}.{}.", letters[i % letters.len()], letters[(i * 5 + 3) % letters.len()]),
        municipality: MUNICIPALITIES[i % MUNICIPALITIES.len()].into(),
        source: SOURCES[i % SOURCES.len()].into(),
        new_information: (0..1 + usize::from(i.is_multiple_of(3)))
            .map(|k| NewInformation {
                authority: AUTHORITIES[(i + k) % AUTHORITIES.len()].into(),
                text: INFO[(i + k) % INFO.len()].into(),
            })
            .collect(),
        assessment: ASSESSMENTS[i % ASSESSMENTS.len()].into(),
        recommendation: RECOMMENDATIONS[i % RECOMMENDATIONS.len()].into(),
        actions: (0..1 + usize::from(i.is_multiple_of(4)))
            .map(|k| ActionRow {
                what: ACTIONS[(i + k) % ACTIONS.len()].into(),
                who: responsible(i + k),
                due: DUES[(i + k) % DUES.len()].into(),
            })
            .collect(),
        stage: STAGES[i % STAGES.len()].into(),
        discussed: true,
        open_actions: Vec::new(),
    }
}
