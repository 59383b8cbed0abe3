import { describe, expect, it } from 'vitest';
import { NUTRITION_STATUS_LABELS } from '../../../src-shared/clinical/growth';
import {
  pupilMeasurementsSchema,
  type PupilMeasurementsInput,
} from '../../../src-shared/schemas/school';
import {
  percentOf,
  summariseClass,
  type PupilRoundResult,
} from '../../../src-shared/school/class-summary';
import { assessPupil } from '../../../src-shared/school/pupil-assessment';

const measured = (m: PupilMeasurementsInput, round: 'I' | 'II' = 'I'): PupilRoundResult => ({
  status: 'measured',
  assessment: assessPupil({
    sex: '2',
    birthDate: '2014-05-20',
    measuredOn: '2026-03-02',
    round,
    measurements: pupilMeasurementsSchema.parse(m),
  }),
});

describe('percentOf', () => {
  it('gives one decimal, half up, and nothing for an empty denominator', () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(0, 0)).toBeNull();
  });
});

describe('summariseClass', () => {
  it('lists the school-age statuses first, in order of weight, and stunting after them', () => {
    const summary = summariseClass('I', [measured({ heightCm: 150, weightKg: 40 })]);
    const nutrition = summary.groups.find((g) => g.group === 'nutrition');
    expect(nutrition?.rows.map((r) => [r.code, r.count])).toEqual([
      ['severe-thinness', 0],
      ['thinness', 0],
      ['normal', 1],
      ['overweight', 0],
      ['obesity', 0],
      ['stunting', 0],
    ]);
    expect(nutrition?.rows.find((r) => r.code === 'normal')?.label).toEqual(
      NUTRITION_STATUS_LABELS.normal,
    );
  });

  it('divides each item by the pupils measured for it, not by the class list', () => {
    const summary = summariseClass('I', [
      measured({ heightCm: 150, weightKg: 40, vision: { right: { uncorrected: '6/10' } } }),
      measured({ heightCm: 150, weightKg: 40 }),
      { status: 'absent', assessment: null },
      { status: 'notYet', assessment: null },
    ]);
    expect(summary.counts).toEqual({ enrolled: 4, measured: 2, absent: 1, notYet: 1 });
    const vision = summary.groups.find((g) => g.group === 'vision');
    expect(vision?.denominator).toBe(1);
    expect(vision?.rows.find((r) => r.code === 'reduced')).toMatchObject({
      count: 1,
      percent: 100,
    });
    expect(summary.groups.find((g) => g.group === 'nutrition')?.denominator).toBe(2);
  });

  it('leaves teeth and spine out of round II, the physique round', () => {
    const summary = summariseClass('II', [measured({ heightCm: 150, weightKg: 40 }, 'II')]);
    expect(summary.groups.map((g) => g.group)).toEqual([
      'nutrition',
      'bloodPressure',
      'vision',
      'referral',
    ]);
  });
});
