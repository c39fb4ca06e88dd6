import { useEffect, useState } from 'preact/hooks';
import { dayFromNumber, dayNumber, FIRST_DAY, formatDay, isDay, today } from './dates.js';
import type { Labels, Lang } from './i18n.js';

/**
 * A day typed as year-month-day in both languages (the browser's date field would show the
 * US format to everyone); the page takes it once it is a whole valid day, and shows it in the
 * reader's format beside it.
 */
export function DayInput({ id, value, label, lang, labels, onDay }: {
  readonly id: string; readonly value: string; readonly label: string; readonly lang: Lang; readonly labels: Labels;
  readonly onDay: (day: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const valid = isDay(draft);
  return (
    <label class="date-input">
      <span>{label}</span>
      <input
        type="text" id={id} inputMode="numeric" autoComplete="off" spellcheck={false} size={10} maxLength={10}
        pattern="\d{4}-\d{2}-\d{2}" placeholder={labels.datePlaceholder} value={draft} aria-invalid={!valid}
        aria-describedby={`${id}-shown`}
        onInput={(event) => {
          const text = event.currentTarget.value.trim();
          setDraft(text);
          if (isDay(text) && text !== value) onDay(text);
        }}
      />
      <output id={`${id}-shown`} class="date-shown" lang={lang === 'zh' ? 'zh-Hans' : 'en'}>
        {valid ? formatDay(draft, lang) : labels.dateHint}
      </output>
    </label>
  );
}

interface Props {
  readonly asOf: string;
  readonly asKnown: boolean;
  readonly from: string | null;
  readonly lang: Lang;
  readonly labels: Labels;
  readonly onDate: (asOf: string) => void;
  readonly onAsKnown: (asKnown: boolean) => void;
  readonly onFrom: (from: string | null) => void;
  readonly onLanguage: () => void;
}

/** The day shown (typed or slid: arrow keys move a day, Page Up/Down a larger step), the toggles and compare mode. */
export function Controls({ asOf, asKnown, from, lang, labels, onDate, onAsKnown, onFrom, onLanguage }: Props) {
  const last = today();
  const max = dayNumber(last);
  // a day outside the range keeps its value (the page says so); only the slider's thumb rests at its end
  const position = Math.min(Math.max(dayNumber(asOf), 0), max);
  return (
    <section class="controls" aria-label={labels.date}>
      <div class="date-row">
        <DayInput id="as-of" value={asOf} label={labels.date} lang={lang} labels={labels} onDay={onDate} />
        <label class="toggle">
          <input type="checkbox" id="as-known" checked={asKnown} onChange={(event) => onAsKnown(event.currentTarget.checked)} />
          <span>{labels.asKnown}</span>
          <small>{labels.asKnownHint}</small>
        </label>
        <button type="button" class="language" onClick={onLanguage} aria-label={labels.languageName}>{labels.language}</button>
      </div>
      <input
        type="range" id="date-slider" class="slider" aria-label={labels.slider} aria-valuetext={formatDay(asOf, lang)}
        min={0} max={max} step={1} value={position}
        onInput={(event) => onDate(dayFromNumber(Number(event.currentTarget.value)))}
      />
      <div class="slider-ends" aria-hidden="true"><span>{formatDay(FIRST_DAY, lang)}</span><span>{formatDay(last, lang)}</span></div>
      <div class="compare-row">
        <label class="toggle">
          <input type="checkbox" id="compare" checked={from !== null}
            onChange={(event) => onFrom(event.currentTarget.checked ? dayFromNumber(Math.max(0, dayNumber(asOf) - 182)) : null)} />
          <span>{labels.compare}</span>
        </label>
        {from !== null && (
          <>
            <DayInput id="compare-from" value={from} label={labels.compareFrom} lang={lang} labels={labels} onDay={onFrom} />
            <span class="compare-to">{labels.compareTo} ({formatDay(asOf, lang)})</span>
          </>
        )}
      </div>
    </section>
  );
}
