import { dayFromNumber, dayNumber, FIRST_DAY, isDay, clampDay, today } from './dates.js';
import type { Labels } from './i18n.js';

interface Props {
  readonly asOf: string;
  readonly asKnown: boolean;
  readonly labels: Labels;
  readonly onDate: (asOf: string) => void;
  readonly onAsKnown: (asKnown: boolean) => void;
  readonly onLanguage: () => void;
}

/** The date slider (arrow keys move a day, Page Up/Down a larger step), the date input and the toggles. */
export function Controls({ asOf, asKnown, labels, onDate, onAsKnown, onLanguage }: Props) {
  const last = today();
  return (
    <section class="controls" aria-label={labels.date}>
      <div class="date-row">
        <label class="date-input">
          <span>{labels.date}</span>
          <input
            type="date" id="as-of" min={FIRST_DAY} max={last} value={asOf}
            onChange={(event) => {
              const value = event.currentTarget.value;
              if (isDay(value)) onDate(clampDay(value));
            }}
          />
        </label>
        <label class="toggle">
          <input type="checkbox" id="as-known" checked={asKnown} onChange={(event) => onAsKnown(event.currentTarget.checked)} />
          <span>{labels.asKnown}</span>
          <small>{labels.asKnownHint}</small>
        </label>
        <button type="button" class="language" onClick={onLanguage} aria-label={labels.languageName}>{labels.language}</button>
      </div>
      <input
        type="range" id="date-slider" class="slider" aria-label={labels.slider} aria-valuetext={asOf}
        min={0} max={dayNumber(last)} step={1} value={dayNumber(asOf)}
        onInput={(event) => onDate(dayFromNumber(Number(event.currentTarget.value)))}
      />
      <div class="slider-ends" aria-hidden="true"><span>{FIRST_DAY}</span><span>{last}</span></div>
    </section>
  );
}
