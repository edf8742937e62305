// Danish labels for the case fields the Rust side sends as machine names.
import type { Category } from './bindings/Category';
import type { Channel } from './bindings/Channel';
import type { Urgency } from './bindings/Urgency';

export const CATEGORY_LABELS: Record<Category, string> = {
  right_wing: 'Højreekstremisme',
  left_wing: 'Venstreekstremisme',
  militant_islamism: 'Militant islamisme',
  other: 'Andet',
};

export const URGENCY_LABELS: Record<Urgency, string> = {
  normal: 'Normal',
  high: 'Høj',
  acute: 'Akut',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  hotline: 'Hotline',
  email: 'E-mail',
  in_person: 'Personlig henvendelse',
  referral: 'Henvisning',
};
