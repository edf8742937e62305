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
  board_cards_shown: 50,
  board_cards_shown_max: 10000,
  action_what_max: 300,
  action_person_max: 100,
  directory_name_max: 100,
  directory_organisation_max: 120,
  directory_role_max: 100,
  directory_email_max: 254,
  meeting_place_max: 200,
  meeting_title_max: 200,
  meeting_text_max: 8000,
  minutes_keep_years_min: 1,
  minutes_keep_years_max: 10,
  minutes_keep_years_default: 5,
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
  action_status: {
    open: "Åben",
    done: "Udført",
    cancelled: "Annulleret",
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

/** Each police district as the screens name it (its infohus), by code. */
export const DISTRICT_NAMES = {
  "NJP": "Infohus Nordjylland",
  "ØJP": "Infohus Østjylland",
  "MVJP": "Infohus Midt- og Vestjylland",
  "SØJP": "Infohus Sydøstjylland",
  "SSJP": "Infohus Syd- og Sønderjylland",
  "FYP": "Infohus Fyn",
  "SSLP": "Infohus Sydsjælland og Lolland-Falster",
  "MVSP": "Infohus Midt- og Vestsjælland",
  "NSJP": "Infohus Nordsjælland",
  "KVP": "Infohus Københavns Vestegn",
  "KBHP": "Infohus København",
  "BHP": "Infohus Bornholm",
} as const;

/** Character classes of the text rules, as inclusive code point ranges (src-tauri/core/src/text.rs). */
export const TEXT_CLASSES = {
  bidi_controls: [[0x202A, 0x202E], [0x2066, 0x2069]],
  invisible: [[0xAD, 0xAD], [0x34F, 0x34F], [0x61C, 0x61C], [0x115F, 0x1160], [0x17B4, 0x17B5], [0x180B, 0x180F], [0x200B, 0x200F], [0x202A, 0x202E], [0x2060, 0x206F], [0x2800, 0x2800], [0x3164, 0x3164], [0xFE00, 0xFE0F], [0xFEFF, 0xFEFF], [0xFFA0, 0xFFA0], [0xFFF9, 0xFFFB], [0x1D173, 0x1D17A], [0xE0000, 0xE0FFF]],
  line_separators: [[0x2028, 0x2029]],
  dashes: [[0x2D, 0x2D], [0x2010, 0x2015], [0x2043, 0x2043], [0x2212, 0x2212], [0xFE58, 0xFE58], [0xFE63, 0xFE63], [0xFF0D, 0xFF0D]],
  dots: [[0x2E, 0x2E], [0x2024, 0x2024], [0xFE52, 0xFE52], [0xFF0E, 0xFF0E]],
  underscores: [[0x5F, 0x5F], [0x2017, 0x2017], [0xFE4D, 0xFE4F], [0xFF3F, 0xFF3F]],
  slashes: [[0x2F, 0x2F], [0x5C, 0x5C], [0x2044, 0x2044], [0x2215, 0x2215], [0x29F8, 0x29F9], [0xFF0F, 0xFF0F], [0xFF3C, 0xFF3C]],
  number_joiners: [[0x2C, 0x2C], [0x3A, 0x3A], [0x66B, 0x66C], [0xFE50, 0xFE50], [0xFE55, 0xFE55], [0xFF0C, 0xFF0C], [0xFF1A, 0xFF1A]],
  whitespace: [[0x9, 0xD], [0x20, 0x20], [0x85, 0x85], [0xA0, 0xA0], [0x1680, 0x1680], [0x2000, 0x200A], [0x2028, 0x2029], [0x202F, 0x202F], [0x205F, 0x205F], [0x3000, 0x3000]],
  /** The zero of each run of ten decimal digits (general category Nd). */
  digit_zeros: [0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0],
} as const;
