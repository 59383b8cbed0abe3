import { describe, expect, it } from 'vitest';
import {
  type AnswersOf,
  assessQuestionnaire,
  classifyTimedUpAndGo,
  ELDERLY_QUESTIONNAIRES,
  GDS_15,
  KATZ_ADL,
  LAWTON_IADL,
  MINI_COG_INSTRUMENT,
  PRISMA_7,
} from '../../../../src-shared/clinical/instruments';
import { CLINICAL_THRESHOLDS } from '../../../../src-shared/clinical/thresholds';

type GdsAnswers = AnswersOf<typeof GDS_15.items>;
type PrismaAnswers = AnswersOf<typeof PRISMA_7.items>;

/** Every item answered with the same value. */
function allAnswered<V extends string>(items: readonly { id: string }[], value: V) {
  return Object.fromEntries(items.map((i) => [i.id, value]));
}

describe('every instrument definition', () => {
  it.each(Object.values(ELDERLY_QUESTIONNAIRES).map((q) => [q.id, q] as const))(
    '%s has unique item ids, numbers 1..n, bilingual NFC text and options',
    (_id, q) => {
      expect(new Set(q.items.map((i) => i.id)).size).toBe(q.items.length);
      expect(q.items.map((i) => i.number)).toEqual(q.items.map((_, index) => index + 1));
      for (const item of q.items) {
        for (const text of [item.text, ...item.options.map((o) => o.label)]) {
          expect(text.vi.length).toBeGreaterThan(0);
          expect(text.en.length).toBeGreaterThan(0);
          expect(text.vi).toBe(text.vi.normalize('NFC'));
        }
        expect(new Set(item.options.map((o) => o.value)).size).toBe(item.options.length);
      }
      expect(q.source.length).toBeGreaterThan(10);
    },
  );

  it('have the published ranges: Katz 0–6, Lawton 0–8, GDS 0–15, Mini-Cog 0–5, PRISMA 0–7', () => {
    expect(KATZ_ADL.items).toHaveLength(6);
    expect(KATZ_ADL.maxScore).toBe(6);
    expect(LAWTON_IADL.items).toHaveLength(8);
    expect(LAWTON_IADL.maxScore).toBe(8);
    expect(GDS_15.items).toHaveLength(15);
    expect(GDS_15.maxScore).toBe(15);
    expect(MINI_COG_INSTRUMENT.maxScore).toBe(5);
    expect(PRISMA_7.items).toHaveLength(7);
    expect(PRISMA_7.maxScore).toBe(7);
  });
});

describe('Katz ADL', () => {
  it('scores 1 per independent activity', () => {
    expect(KATZ_ADL.score(allAnswered(KATZ_ADL.items, 'independent'))).toBe(6);
    expect(KATZ_ADL.score(allAnswered(KATZ_ADL.items, 'dependent'))).toBe(0);
    expect(
      KATZ_ADL.score({
        bathing: 'dependent',
        dressing: 'independent',
        toileting: 'independent',
        transferring: 'independent',
        continence: 'dependent',
        feeding: 'independent',
      }),
    ).toBe(4);
  });

  it('flags any dependence (below 6), not full independence', () => {
    expect(KATZ_ADL.isFlagged(5)).toBe(true);
    expect(KATZ_ADL.isFlagged(6)).toBe(false);
  });

  it('is not scored while an activity is unanswered', () => {
    expect(
      KATZ_ADL.score({
        bathing: 'independent',
        dressing: 'independent',
        toileting: 'independent',
        transferring: 'independent',
        continence: 'independent',
        feeding: null,
      }),
    ).toBeNull();
    expect(KATZ_ADL.score(null)).toBeNull();
  });
});

describe('Lawton IADL (Lawton & Brody 1969)', () => {
  const independent = {
    telephone: '1',
    shopping: '1',
    foodPreparation: '1',
    housekeeping: '1',
    laundry: '1',
    transportation: '1',
    medications: '1',
    finances: '1',
  } as const;

  it('scores 8 when independent in every domain', () => {
    expect(LAWTON_IADL.score(independent)).toBe(8);
    expect(LAWTON_IADL.isFlagged(8)).toBe(false);
  });

  it('follows the scale’s own points: partial abilities that still score 1', () => {
    expect(
      LAWTON_IADL.score({
        ...independent,
        telephone: '3', // answers but does not dial: 1
        housekeeping: '4', // needs help with all tasks but takes part: 1
        laundry: '2', // small items only: 1
        transportation: '3', // public transport when accompanied: 1
        finances: '2', // day-to-day purchases: 1
      }),
    ).toBe(8);
  });

  it('and those that score 0', () => {
    expect(
      LAWTON_IADL.score({
        telephone: '4',
        shopping: '2',
        foodPreparation: '2',
        housekeeping: '5',
        laundry: '3',
        transportation: '4',
        medications: '2',
        finances: '3',
      }),
    ).toBe(0);
    expect(LAWTON_IADL.score({ ...independent, shopping: '3' })).toBe(7);
    expect(LAWTON_IADL.isFlagged(7)).toBe(true);
  });

  it('gives each domain the published number of options', () => {
    expect(LAWTON_IADL.items.map((i) => i.options.length)).toEqual([4, 4, 4, 5, 3, 5, 3, 3]);
  });

  it('is not scored with an answer the domain does not offer, or with a domain missing', () => {
    const unknownOption = { ...independent, laundry: '5' } as unknown as typeof independent;
    expect(LAWTON_IADL.score(unknownOption)).toBeNull();
    const { finances: _finances, ...withoutFinances } = independent;
    expect(LAWTON_IADL.score(withoutFinances)).toBeNull();
  });
});

describe('GDS-15 (Sheikh & Yesavage 1986)', () => {
  const REVERSED = [1, 5, 7, 11, 13];

  it('scores "no" on the positively worded items 1, 5, 7, 11, 13 and "yes" on the others', () => {
    for (const item of GDS_15.items) {
      const scoring = item.options.find((o) => o.points === 1)?.value;
      expect(scoring).toBe(REVERSED.includes(item.number) ? 'no' : 'yes');
    }
  });

  it('scores 0 for a resident with no depressive answer, 15 for all depressive answers', () => {
    const none = Object.fromEntries(
      GDS_15.items.map((i) => [i.id, REVERSED.includes(i.number) ? 'yes' : 'no']),
    ) as GdsAnswers;
    const all = Object.fromEntries(
      GDS_15.items.map((i) => [i.id, REVERSED.includes(i.number) ? 'no' : 'yes']),
    ) as GdsAnswers;
    expect(GDS_15.score(none)).toBe(0);
    expect(GDS_15.score(all)).toBe(15);
  });

  it('counts only the reversed items when every answer is "no"', () => {
    expect(GDS_15.score(allAnswered(GDS_15.items, 'no'))).toBe(5);
    expect(GDS_15.score(allAnswered(GDS_15.items, 'yes'))).toBe(10);
  });

  it('flags at 5 and not at 4', () => {
    expect(GDS_15.isFlagged(4)).toBe(false);
    expect(GDS_15.isFlagged(5)).toBe(true);
    expect(CLINICAL_THRESHOLDS.instruments.gds15.flagAtLeast).toBe(5);
  });

  it('is not scored with one of the fifteen unanswered', () => {
    const answers = { ...allAnswered(GDS_15.items, 'no'), hopeless: null } as GdsAnswers;
    expect(GDS_15.score(answers)).toBeNull();
  });
});

describe('Mini-Cog', () => {
  it.each([
    ['3', 'normal', 5, false],
    ['1', 'normal', 3, false],
    ['3', 'abnormal', 3, false],
    ['2', 'abnormal', 2, true],
    ['0', 'normal', 2, true],
    ['0', 'abnormal', 0, true],
  ] as const)('recall %s, clock %s → %i, positive: %s', (recall, clock, score, positive) => {
    const total = MINI_COG_INSTRUMENT.score({ wordRecall: recall, clockDraw: clock });
    expect(total).toBe(score);
    expect(MINI_COG_INSTRUMENT.isFlagged(score)).toBe(positive);
  });

  it('is not scored without the clock', () => {
    expect(MINI_COG_INSTRUMENT.score({ wordRecall: '3' })).toBeNull();
  });
});

describe('PRISMA-7 (Raîche 2008)', () => {
  const robust: PrismaAnswers = {
    olderThan85: 'no',
    male: 'no',
    healthLimitsActivities: 'no',
    needsRegularHelp: 'no',
    healthKeepsAtHome: 'no',
    canCountOnSomeone: 'yes',
    usesWalkingAid: 'no',
  };

  it('scores 0 for a woman under 85 with no limitation and someone to count on', () => {
    expect(PRISMA_7.score(robust)).toBe(0);
  });

  it('scores item 6 when there is no one to count on', () => {
    expect(PRISMA_7.score({ ...robust, canCountOnSomeone: 'no' })).toBe(1);
    expect(PRISMA_7.score(allAnswered(PRISMA_7.items, 'yes'))).toBe(6);
  });

  it('flags at 3 and not at 2', () => {
    const two = { ...robust, olderThan85: 'yes', male: 'yes' } as const;
    expect(PRISMA_7.score(two)).toBe(2);
    expect(PRISMA_7.isFlagged(2)).toBe(false);
    const three = { ...two, usesWalkingAid: 'yes' } as const;
    expect(PRISMA_7.score(three)).toBe(3);
    expect(PRISMA_7.isFlagged(3)).toBe(true);
  });

  it('is not scored with an item unanswered', () => {
    expect(PRISMA_7.score({ ...robust, male: null })).toBeNull();
  });
});

describe('assessQuestionnaire', () => {
  it('tells a skipped instrument from an incomplete one and from a scored one', () => {
    expect(assessQuestionnaire(GDS_15, null)).toEqual({ status: 'notDone' });
    expect(assessQuestionnaire(GDS_15, { satisfiedWithLife: null })).toEqual({
      status: 'notDone',
    });
    expect(assessQuestionnaire(GDS_15, { satisfiedWithLife: 'no', happy: 'no' })).toEqual({
      status: 'incomplete',
      answered: 2,
      total: 15,
    });
    expect(assessQuestionnaire(GDS_15, allAnswered(GDS_15.items, 'no'))).toEqual({
      status: 'scored',
      score: 5,
      maxScore: 15,
      flagged: true,
      source: CLINICAL_THRESHOLDS.instruments.gds15.source,
    });
  });
});

describe('Timed Up and Go', () => {
  it('flags a fall risk at 12 s and not at 11.9 s', () => {
    expect(classifyTimedUpAndGo(11.9)).toMatchObject({ category: 'withinNormal' });
    expect(classifyTimedUpAndGo(12)).toEqual({
      status: 'classified',
      category: 'fallRisk',
      seconds: 12,
      source: CLINICAL_THRESHOLDS.instruments.timedUpAndGo.source,
    });
  });

  it('refuses times no one takes, and is missing when blank', () => {
    expect(classifyTimedUpAndGo(0.5)).toEqual({
      status: 'implausible',
      message: 'validation.plausibleRange:3–300',
    });
    expect(classifyTimedUpAndGo(null)).toEqual({ status: 'missing' });
  });
});
