import type { Doubts } from './api.js';
import type { Labels, Lang } from './i18n.js';

/**
 * How a fact or count holds on the day shown (truth rule 4): "in force" or "possibly in force", and,
 * when the page asks "as known on that date" and the two doubts differ, "known" or "possibly known"
 * as a second label. A disputed figure says so. In a list of what is in force, `quiet` leaves
 * out the "in force" a certain entry would repeat.
 */
export function DoubtTags({ doubts, asKnown, disputed = false, quiet = false, labels }: {
  readonly doubts: Doubts;
  readonly asKnown: boolean;
  readonly disputed?: boolean;
  readonly quiet?: boolean;
  readonly labels: Labels;
}) {
  const possible = doubts.inForce === 'possible';
  const showKnown = asKnown && (doubts.known !== doubts.inForce || doubts.known === 'possible');
  return (
    <>
      {(possible || !quiet) && <span class={`tag ${possible ? 'tag-possible' : 'tag-in-force'}`} data-in-force={doubts.inForce}
        title={possible ? labels.possiblyInForceHint : undefined}>
        {possible ? labels.possiblyInForce : labels.inForce}
      </span>}
      {showKnown && (
        <span class={`tag ${doubts.known === 'possible' ? 'tag-possible' : ''}`} data-known={doubts.known}
          title={doubts.known === 'possible' ? labels.possiblyKnownHint : undefined}>
          {doubts.known === 'possible' ? labels.possiblyKnown : labels.known}
        </span>
      )}
      {disputed && <span class="tag tag-disputed" title={labels.disputedHint}>{labels.disputed}</span>}
    </>
  );
}

const FORMATS: Record<Lang, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en-US'),
  zh: new Intl.NumberFormat('zh-CN'),
};

/** 5000 -> "5,000" */
export const formatNumber = (value: number, lang: Lang): string => FORMATS[lang].format(value);
