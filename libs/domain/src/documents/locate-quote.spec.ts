import { describe, expect, it } from '@jest/globals';
import { locateQuote } from './locate-quote.js';

/**
 * The rule: a quote stands verbatim in its document, except that any run of whitespace in the
 * quote matches any run of whitespace in the text. Offsets are UTF-16 (string indexes), end exclusive.
 */
describe('locateQuote', () => {
  const notes = 'Ningxia closed 24 platforms in two batches in July and\nSeptember 2019 (hk.epochtimes.com).';

  it('given a verbatim quote, then its first position, end exclusive', () => {
    const at = locateQuote('abc abc', 'abc');
    expect(at).toStrictEqual({ start: 0, end: 3 });
    expect(locateQuote('xx closed 24 platforms', 'closed 24')).toStrictEqual({ start: 3, end: 12 });
  });

  it('given a quote whose space stands for a line break of the text, then the passage with the line break', () => {
    const at = locateQuote(notes, 'in July and September 2019');
    expect(at).not.toBeNull();
    expect(notes.slice(at!.start, at!.end)).toBe('in July and\nSeptember 2019');
  });

  it('given a quote with a line break and double spaces where the text has one space, then found', () => {
    const at = locateQuote('a  b c', 'a\nb   c');
    expect(at).toStrictEqual({ start: 0, end: 6 });
  });

  it('given a quote with whitespace at either end, then the words alone are located', () => {
    expect(locateQuote('say hello world.', '  hello world \n')).toStrictEqual({ start: 4, end: 15 });
  });

  it('given a space in the quote where the text has none, then null: words never run together', () => {
    expect(locateQuote('in Julyand September', 'July and')).toBeNull();
    expect(locateQuote('全区P2P网贷机构', '全区 P2P')).toBeNull();
  });

  it('given another case, other punctuation or another word, then null: nothing else is forgiven', () => {
    expect(locateQuote(notes, 'ningxia closed')).toBeNull();
    expect(locateQuote(notes, 'Ningxia closed 24 platforms,')).toBeNull();
    expect(locateQuote(notes, 'Ningxia closed 25 platforms')).toBeNull();
  });

  it('given regular-expression characters in the quote, then they are taken literally', () => {
    const text = 'profit margins dropping from approximately 4% to around 2% per loan [4][5]. (a+b)*c? $1 ^x|y\\z';
    expect(locateQuote(text, '[4][5]. (a+b)*c? $1 ^x|y\\z')).toStrictEqual({ start: text.indexOf('[4]'), end: text.length });
    expect(locateQuote(text, '[4][5].. ')).toBeNull();
  });

  it('given text outside the Basic Multilingual Plane, then offsets count UTF-16 code units', () => {
    const text = '𠀀 湖北省取缔全部P2P网贷机构';
    const at = locateQuote(text, '取缔全部');
    expect(at).toStrictEqual({ start: 6, end: 10 });
    expect(text.slice(at!.start, at!.end)).toBe('取缔全部');
  });

  it('given an ideographic space (U+3000) in the text, then a space of the quote matches it', () => {
    expect(locateQuote('第一批\u3000取缔', '第一批 取缔')).toStrictEqual({ start: 0, end: 6 });
  });

  it('given an empty or blank quote, then null', () => {
    expect(locateQuote('text', '')).toBeNull();
    expect(locateQuote('text', ' \n ')).toBeNull();
  });
});
