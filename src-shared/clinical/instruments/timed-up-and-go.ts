import { CLINICAL_THRESHOLDS, checkPlausible } from '../thresholds';
import { type Classification, isEntered, type LocalisedText } from '../types';

const TUG = CLINICAL_THRESHOLDS.instruments.timedUpAndGo;

/**
 * Timed Up and Go (Podsiadlo & Richardson 1991): seconds to rise from a chair, walk 3 m, turn,
 * walk back and sit down, at the usual pace with the usual walking aid. A measured time, not
 * a score: it is typed in, and only the flag is computed.
 */
export const TIMED_UP_AND_GO = {
  id: 'timedUpAndGo',
  name: { vi: 'Nghiệm pháp đứng dậy và đi (TUG)', en: 'Timed Up and Go' },
  unit: 's',
  flagAtLeastSeconds: TUG.flagAtLeastSeconds,
  flagLabel: { vi: 'Nguy cơ té ngã', en: 'At risk of falling' } satisfies LocalisedText,
  source: TUG.source,
  check: TUG.check,
} as const;

export const TUG_CATEGORIES = ['withinNormal', 'fallRisk'] as const;
export type TugCategory = (typeof TUG_CATEGORIES)[number];

export type TugAssessment = Classification<TugCategory, { readonly seconds: number }>;

export function classifyTimedUpAndGo(seconds: number | null | undefined): TugAssessment {
  if (!isEntered(seconds)) return { status: 'missing' };
  const problem = checkPlausible(seconds, CLINICAL_THRESHOLDS.plausible.timedUpAndGoSeconds);
  if (problem !== null) return { status: 'implausible', message: problem };
  return {
    status: 'classified',
    category: seconds >= TUG.flagAtLeastSeconds ? 'fallRisk' : 'withinNormal',
    source: TUG.source,
    seconds,
  };
}
