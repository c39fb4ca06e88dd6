import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { decide, initialState, jurisdictions, LIMITS, type FactInput } from '../libs/domain/src/index.js';
import { documentSeeds, SIXTEEN_PROVINCES } from './documents/index.js';
import { researchSeeds } from './research/index.js';
import type { SeedNotice } from './seed-notice.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = path.resolve(here, '..', '..', 'shared');
const sourceText = (document: string): string => readFileSync(path.join(sharedDir, 'sources', document), 'utf8');
const researchText = readFileSync(path.join(sharedDir, 'research', 'timeline-facts.md'), 'utf8');

const allSeeds: SeedNotice[] = [...documentSeeds, ...researchSeeds];
const quotesOf = (seed: SeedNotice): string[] => [
  seed.notice.source.quote,
  ...seed.notice.effects.map((effect) => effect.quote ?? seed.notice.source.quote),
];
const effectsOfDocument = (prefix: string): FactInput[] =>
  documentSeeds.filter((seed) => seed.key.startsWith(prefix)).flatMap((seed) => seed.notice.effects);
const code = (jurisdiction: string): string | undefined => jurisdictions.find(jurisdiction)?.code;
const collapse = (text: string): string => text.replace(/\s+/g, ' ');

describe('seeds', () => {
  it('has a unique key for every seed', () => {
    const keys = allSeeds.map((seed) => seed.key);
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
  });

  it('fits the limits and slug format the HTTP layer enforces', () => {
    const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
    for (const { notice } of allSeeds) {
      expect(notice.title.length).toBeLessThanOrEqual(LIMITS.text);
      for (const text of [notice.authority, notice.source.document, notice.source.publisher]) {
        expect(text.length).toBeLessThanOrEqual(LIMITS.shortText);
      }
      for (const effect of notice.effects) {
        expect((effect.note ?? '').length).toBeLessThanOrEqual(LIMITS.text);
        const slugs = [
          'businessLine' in effect ? effect.businessLine : undefined,
          effect.type === 'StatisticReported' ? effect.metric : undefined,
        ];
        for (const value of slugs) if (value !== undefined) expect(value).toMatch(slug);
      }
    }
  });

  it.each(allSeeds.map((seed) => [seed.key, seed] as const))('%s passes the domain decider', (_key, seed) => {
    const events = decide(
      { type: 'PublishNotice', noticeId: 'test', now: '2026-01-01T00:00:00Z', notice: seed.notice },
      initialState(),
    );
    expect(events).toHaveLength(1 + seed.notice.effects.length);
  });
});

describe('document seeds', () => {
  it('cover all five source documents and nothing else', () => {
    const documents = new Set(documentSeeds.map((seed) => seed.notice.source.document));
    expect([...documents].sort()).toEqual([
      '000_75f2afc41285faae.txt',
      '001_23c39a3baf8a8859.txt',
      '002_4a6bbc94062e667f.txt',
      '003_120a717767cf1151.txt',
      '004_ba8a3840d4a23d3b.txt',
    ]);
    for (const seed of documentSeeds) {
      expect(seed.key.startsWith(`src${seed.notice.source.document.slice(0, 3)}-`)).toBe(true);
    }
  });

  it.each(documentSeeds.map((seed) => [seed.key, seed] as const))(
    '%s quotes its document verbatim (notice and every effect)',
    (_key, seed) => {
      const text = sourceText(seed.notice.source.document);
      for (const quote of quotesOf(seed)) {
        expect(quote.trim()).not.toBe('');
        if (!text.includes(quote)) throw new Error(`not verbatim in ${seed.notice.source.document}: ${quote}`);
      }
      for (const effect of seed.notice.effects) expect(effect.quote).toBeDefined();
    },
  );

  it('records a BusinessLineProhibited (online lending) for each of the 16 provinces of document 000', () => {
    expect(SIXTEEN_PROVINCES).toHaveLength(16);
    const prohibited = effectsOfDocument('src000-')
      .filter((effect) => effect.type === 'BusinessLineProhibited' && effect.businessLine === 'online-lending')
      .map((effect) => code(effect.jurisdiction));
    const sixteen = ['CN-HN', 'CN-SD', 'CN-CQ', 'CN-HA', 'CN-SC', 'CN-YN', 'CN-HE', 'CN-GS', 'CN-SX', 'CN-NM',
      'CN-SN', 'CN-JL', 'CN-HL', 'CN-JX', 'CN-AH', 'CN-HB'];
    expect([...prohibited].sort()).toEqual([...sixteen].sort());
    const text = sourceText('000_75f2afc41285faae.txt');
    for (const [, name] of SIXTEEN_PROVINCES) expect(text).toContain(name);
  });

  it("records Ningxia's bans as 28 institutions in total", () => {
    const total = effectsOfDocument('src')
      .filter((effect) => effect.type === 'InstitutionsBanned' && code(effect.jurisdiction) === 'CN-NX')
      .reduce((sum, effect) => sum + (effect.type === 'InstitutionsBanned' ? (effect.count ?? 0) : 0), 0);
    expect(total).toBe(28);
  });

  it("takes Ningxia's forbidden name words verbatim from the restriction's quote", () => {
    const restriction = effectsOfDocument('src000-').find((effect) => effect.type === 'NameRestrictionImposed');
    if (restriction?.type !== 'NameRestrictionImposed') throw new Error('no NameRestrictionImposed in document 000');
    for (const word of restriction.forbiddenWords) expect(restriction.quote).toContain(word);
  });

  it('records what each report of the April 2020 meeting says about the -80% and -62% groups', () => {
    const changes = (prefix: string) =>
      effectsOfDocument(prefix)
        .filter((effect) => effect.type === 'StatisticReported' && (effect.value === -80 || effect.value === -62))
        .map((effect) => (effect.type === 'StatisticReported' ? `${effect.metric} ${effect.value}` : ''));
    expect(changes('src001-')).toEqual(['borrowers -80', 'consumers -62']);
    expect(changes('src002-')).toEqual(['borrowers -80', 'borrowers -62']);
    expect(changes('src003-')).toEqual(['lenders -80', 'borrowers -62']);
  });
});

describe('research seeds', () => {
  it('are kept apart from the document seeds', () => {
    for (const seed of researchSeeds) {
      expect(seed.key.startsWith('res-')).toBe(true);
      expect(seed.notice.source.document).toBe('research/timeline-facts.md');
    }
  });

  it.each(researchSeeds.map((seed) => [seed.key, seed] as const))(
    '%s quotes the research table and states its confidence',
    (_key, seed) => {
      for (const quote of quotesOf(seed)) {
        if (!collapse(researchText).includes(collapse(quote))) throw new Error(`not in the research notes: ${quote}`);
      }
      const { url } = seed.notice.source;
      if (url !== null && url !== undefined) expect(url.startsWith('https://')).toBe(true);
      for (const effect of seed.notice.effects) expect(effect.note).toMatch(/^confidence: /);
      if (seed.notice.effects.length === 0) expect(seed.notice.title).toMatch(/confidence: /);
    },
  );
});
