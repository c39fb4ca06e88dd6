/**
 * Where a quote stands in its document, as a W3C Web Annotation `TextPositionSelector` would say:
 * `start` and `end` are UTF-16 offsets into the document's text (JavaScript string indexes), `end`
 * exclusive, so `text.slice(start, end)` is the passage quoted.
 */
export interface QuotePosition {
  /** @asType integer */
  readonly start: number;
  /** @asType integer */
  readonly end: number;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The rule a quote is checked by: it must stand **verbatim** in the document's text (same
 * characters, same case, same punctuation), except that **any run of whitespace in the quote
 * matches any run of whitespace in the text** (a space for a line break, two spaces for one, a
 * tab for a space: `\s`, so Unicode spaces such as U+3000 too). A run of whitespace in the quote
 * needs at least one whitespace character in the text: words never run together. Whitespace at
 * either end of the quote is ignored. The first place the quote stands is returned, or null when
 * it stands nowhere (or is only whitespace).
 */
export function locateQuote(text: string, quote: string): QuotePosition | null {
  const words = quote.split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return null;
  if (words.length === 1) {
    const start = text.indexOf(words[0] as string);
    return start < 0 ? null : { start, end: start + (words[0] as string).length };
  }
  const match = new RegExp(words.map(escapeRegExp).join('\\s+')).exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : null;
}
