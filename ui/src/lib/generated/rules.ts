// Generated from the Rust rules by `cargo test -p tovholder-core` (src-tauri/core/src/rules.rs).
// Do not edit: change the Rust definitions and run the tests.

export const LIMITS = {
  pseudonym_max: 40,
  caller_name_max: 100,
  phone_max: 20,
  email_max: 254,
  description_max: 4000,
  note_max: 4000,
  reason_max: 500,
  birth_year_min: 1900,
  future_slack_minutes: 10,
  earliest_year: 2000,
  profile_name_max: 100,
  organisation_max: 120,
  recovery_code_length: 32,
  search_query_max: 200,
  list_page_max: 500,
  board_closed_shown: 30,
} as const;

/** Danish labels, in the order forms and filters show them. */
export const LABELS = {
  stage: {
    new_concern: "Ny henvendelse",
    screening: "Screening",
    assessment: "Vurdering",
    intervention: "Indsats",
    follow_up: "Opfølgning",
    closed: "Afsluttet",
    forwarded: "Videresendt",
  },
  outcome: {
    unfounded: "Grundløs",
    completed: "Afsluttet efter indsats",
    handed_to_police: "Overgivet til politiet",
  },
  category: {
    right_wing: "Højreekstremisme",
    left_wing: "Venstreekstremisme",
    militant_islamism: "Militant islamisme",
    other: "Anden/uafklaret",
  },
  urgency: {
    normal: "Normal",
    high: "Høj",
    acute: "Akut",
  },
  channel: {
    hotline: "Hotline",
    email: "E-mail",
    in_person: "Personligt fremmøde",
    referral: "Henvisning",
  },
  caller_type: {
    parent: "Forælder",
    relative: "Anden pårørende",
    friend: "Ven/veninde",
    school: "Skole/lærer",
    social_worker: "Socialrådgiver",
    police: "Politi",
    professional: "Anden fagperson",
    anonymous: "Anonym",
  },
  gender: {
    female: "Kvinde",
    male: "Mand",
    other: "Andet",
  },
  indicator: {
    shares_propaganda: "Deler propaganda",
    endorses_violence: "Billiger vold",
    extremist_contacts: "Kontakt til ekstremistisk miljø",
    changed_behaviour: "Ændret adfærd eller udseende",
    isolation: "Isolation",
    travel_plans: "Rejseplaner",
    weapons_interest: "Interesse for våben",
    threats: "Trusler",
  },
  agency: {
    police: "Politi",
    ssp: "SSP",
    social_services: "Socialforvaltning",
    employment: "Beskæftigelse/Integration",
    school: "Skole/PPR",
    probation: "Kriminalforsorgen",
    psychiatry: "Psykiatri",
    other: "Andet",
  },
  lane: {
    none: "Ingen",
    urgency: "Hastegrad",
    agency: "Ansvarlig myndighed",
    municipality: "Kommune",
  },
  organisation_kind: {
    police: "Politi",
    municipality: "Kommune",
  },
} as const;

/** What moving a case from one stage (outer key) to another (inner key) requires. */
export const STAGE_MOVES = {
  new_concern: {
    new_concern: { kind: 'same' },
    screening: { kind: 'allowed', reason_required: false, outcome_required: false },
    assessment: { kind: 'allowed', reason_required: false, outcome_required: false },
    intervention: { kind: 'allowed', reason_required: false, outcome_required: false },
    follow_up: { kind: 'allowed', reason_required: false, outcome_required: false },
    closed: { kind: 'allowed', reason_required: false, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
  screening: {
    new_concern: { kind: 'allowed', reason_required: false, outcome_required: false },
    screening: { kind: 'same' },
    assessment: { kind: 'allowed', reason_required: false, outcome_required: false },
    intervention: { kind: 'allowed', reason_required: false, outcome_required: false },
    follow_up: { kind: 'allowed', reason_required: false, outcome_required: false },
    closed: { kind: 'allowed', reason_required: false, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
  assessment: {
    new_concern: { kind: 'allowed', reason_required: false, outcome_required: false },
    screening: { kind: 'allowed', reason_required: false, outcome_required: false },
    assessment: { kind: 'same' },
    intervention: { kind: 'allowed', reason_required: false, outcome_required: false },
    follow_up: { kind: 'allowed', reason_required: false, outcome_required: false },
    closed: { kind: 'allowed', reason_required: false, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
  intervention: {
    new_concern: { kind: 'allowed', reason_required: false, outcome_required: false },
    screening: { kind: 'allowed', reason_required: false, outcome_required: false },
    assessment: { kind: 'allowed', reason_required: false, outcome_required: false },
    intervention: { kind: 'same' },
    follow_up: { kind: 'allowed', reason_required: false, outcome_required: false },
    closed: { kind: 'allowed', reason_required: false, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
  follow_up: {
    new_concern: { kind: 'allowed', reason_required: false, outcome_required: false },
    screening: { kind: 'allowed', reason_required: false, outcome_required: false },
    assessment: { kind: 'allowed', reason_required: false, outcome_required: false },
    intervention: { kind: 'allowed', reason_required: false, outcome_required: false },
    follow_up: { kind: 'same' },
    closed: { kind: 'allowed', reason_required: false, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
  closed: {
    new_concern: { kind: 'allowed', reason_required: true, outcome_required: false },
    screening: { kind: 'allowed', reason_required: true, outcome_required: false },
    assessment: { kind: 'allowed', reason_required: true, outcome_required: false },
    intervention: { kind: 'allowed', reason_required: true, outcome_required: false },
    follow_up: { kind: 'allowed', reason_required: true, outcome_required: false },
    closed: { kind: 'allowed', reason_required: false, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
  forwarded: {
    new_concern: { kind: 'allowed', reason_required: true, outcome_required: false },
    screening: { kind: 'allowed', reason_required: true, outcome_required: false },
    assessment: { kind: 'allowed', reason_required: true, outcome_required: false },
    intervention: { kind: 'allowed', reason_required: true, outcome_required: false },
    follow_up: { kind: 'allowed', reason_required: true, outcome_required: false },
    closed: { kind: 'allowed', reason_required: true, outcome_required: true },
    forwarded: { kind: 'forwarding_only' },
  },
} as const;

/** The board's columns, in flow order. */
export const BOARD_COLUMNS = ['new_concern', 'screening', 'assessment', 'intervention', 'follow_up', 'closed', 'forwarded'] as const;
