import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { DomainError } from '../errors.js';
import { InvalidTimeParameterError, parseTimeParameter, parseTimeQuery } from './time-query.js';

const NOW = DateTime.fromISO('2024-06-01T08:00:00Z', { zone: 'utc' });

const rejects = (input: Parameters<typeof parseTimeQuery>[0]) => {
  try {
    parseTimeQuery(input, { now: NOW });
  } catch (error) {
    return error;
  }
  throw new Error('expected the query to be rejected');
};

describe('parseTimeQuery', () => {
  it('given nothing, when parsed, then asOf is now, knownAt unlimited and recordedAt latest', () => {
    const query = parseTimeQuery({}, { now: NOW });
    expect(query.asOf.toISO()).toBe('2024-06-01T08:00:00.000Z');
    expect(query.knownAt).toBeNull();
    expect(query.recordedAt).toBeNull();
  });

  it.each([
    ['2020', '2020-12-31T23:59:59.999+08:00'],
    ['2020-06', '2020-06-30T23:59:59.999+08:00'],
    ['2020-02', '2020-02-29T23:59:59.999+08:00'],
    ['2020-06-30', '2020-06-30T23:59:59.999+08:00'],
  ])('given the period %s, when parsed, then it means its end in Asia/Shanghai: %s', (text, expected) => {
    expect(parseTimeQuery({ asOf: text }, { now: NOW }).asOf.toISO()).toBe(expected);
  });

  it('given a period and another zone, when parsed, then the end is in that zone', () => {
    expect(parseTimeParameter('asOf', '2020-06', 'Europe/Paris').toUTC().toISO()).toBe('2020-06-30T21:59:59.999Z');
  });

  it('given timestamps with an offset, when parsed, then they are those instants', () => {
    const query = parseTimeQuery({ knownAt: '2020-06-30T12:00:00+08:00', recordedAt: '2020-07-01T00:00:00Z' }, { now: NOW });
    expect(query.knownAt?.toUTC().toISO()).toBe('2020-06-30T04:00:00.000Z');
    expect(query.recordedAt?.toUTC().toISO()).toBe('2020-07-01T00:00:00.000Z');
  });

  it.each([
    ['asOf', '2020-13', 'month 13 does not exist'],
    ['asOf', '2020-02-30', 'day 30 does not exist'],
    ['knownAt', 'yesterday', 'is not a date'],
    ['knownAt', '../2020-06-30', 'is not a date'],
    ['recordedAt', '2020-06-30T12:00:00', 'has no offset'],
    ['recordedAt', '2020-06-30T25:00:00Z', 'is not a valid timestamp'],
    ['asOf', '', 'is empty'],
  ] as const)('given %s=%s, when parsed, then a typed error names the parameter and the reason (%s)', (parameter, value, reason) => {
    const error = rejects({ [parameter]: value });
    expect(error).toBeInstanceOf(InvalidTimeParameterError);
    expect(error).toBeInstanceOf(DomainError);
    const typed = error as InvalidTimeParameterError;
    expect({ parameter: typed.parameter, field: typed.field, code: typed.code }).toStrictEqual({
      parameter, field: parameter, code: 'invalid-input',
    });
    expect(typed.reason).toContain(reason);
    expect(typed.message.startsWith(`${parameter}: `)).toBe(true);
  });
});
