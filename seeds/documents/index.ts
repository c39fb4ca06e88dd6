import type { SeedNotice } from '../seed-notice.js';
import { document000Seeds } from './000-sixteen-provinces.js';
import { document001Seeds } from './001-nearly-5000-withdrawn.js';
import { document002Seeds } from './002-china-news-agency-meeting.js';
import { document003Seeds } from './003-guangzhou-one-platform.js';
import { document004Seeds } from './004-bank-lending-assistance.js';

export { document000Seeds, document001Seeds, document002Seeds, document003Seeds, document004Seeds };
export { SIXTEEN_PROVINCES } from './000-quotes.js';

/** Every fact the five source documents state, in document order. */
export const documentSeeds: SeedNotice[] = [
  ...document000Seeds,
  ...document001Seeds,
  ...document002Seeds,
  ...document003Seeds,
  ...document004Seeds,
];
