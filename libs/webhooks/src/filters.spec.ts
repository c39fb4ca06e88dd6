import { describe, expect, it } from '@jest/globals';
import { matchesFilter, normaliseEventType, normaliseJurisdiction } from './filters.js';

const banned = (jurisdiction: string) => ({ type: 'InstitutionsBanned.v1', jurisdictions: [jurisdiction] });

describe('subscription filters', () => {
  it('no filter: every event', () => {
    expect(matchesFilter({ eventTypes: [], jurisdictions: [] }, banned('CN-NX'))).toBe(true);
    expect(matchesFilter({ eventTypes: [], jurisdictions: [] }, { type: 'FactRetracted.v1', jurisdictions: [] })).toBe(true);
  });

  it('no filter: every notice and fact event, never a document registration (docs/provenance.md)', () => {
    expect(matchesFilter({ eventTypes: [], jurisdictions: [] }, { type: 'DocumentRegistered.v1', jurisdictions: [] })).toBe(false);
  });

  it('a province receives its own and its cities\' events, not its neighbours\'', () => {
    const guangdong = { eventTypes: [], jurisdictions: ['CN-GD'] };
    expect(matchesFilter(guangdong, banned('CN-GD'))).toBe(true);
    expect(matchesFilter(guangdong, banned('CN-440100'))).toBe(true);
    expect(matchesFilter(guangdong, banned('CN-ZJ'))).toBe(false);
    expect(matchesFilter(guangdong, banned('CN'))).toBe(false);
  });

  it('the country receives everything in China', () => {
    expect(matchesFilter({ eventTypes: [], jurisdictions: ['CN'] }, banned('CN-440300'))).toBe(true);
  });

  it('event types match exactly or by name without version', () => {
    expect(matchesFilter({ eventTypes: ['InstitutionsBanned'], jurisdictions: [] }, banned('CN'))).toBe(true);
    expect(matchesFilter({ eventTypes: ['InstitutionsBanned.v1'], jurisdictions: [] }, banned('CN'))).toBe(true);
    expect(matchesFilter({ eventTypes: ['NoticePublished.v1'], jurisdictions: [] }, banned('CN'))).toBe(false);
  });

  it('a correction matches the old or the new jurisdiction', () => {
    const moved = { type: 'FactCorrected.v1', jurisdictions: ['CN-ZJ', 'CN-GD'] };
    expect(matchesFilter({ eventTypes: [], jurisdictions: ['CN-GD'] }, moved)).toBe(true);
  });

  it('normalises names and refuses unknown ones', () => {
    expect(normaliseJurisdiction('Guangdong')).toBe('CN-GD');
    expect(normaliseJurisdiction('Atlantis')).toBeNull();
    expect(normaliseEventType('FactRetracted.v1')).toBe('FactRetracted.v1');
    expect(normaliseEventType('Nope.v1')).toBeNull();
  });
});
