import { describe, expect, it } from 'vitest';
import {
  ageInDays,
  assessGrowth,
  classifyZ,
  growthReferenceForAge,
  isImplausible,
  type GrowthAssessment,
  type GrowthIndicator,
  type GrowthInput,
} from '../../../../src-shared/clinical/growth';

function daysAfter(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * 86_400_000).toISOString().slice(0, 10);
}
function lmsZ(x: number, l: number, m: number, s: number): number {
  return ((x / m) ** l - 1) / (l * s);
}
function sdK(l: number, m: number, s: number, k: number): number {
  return m * (1 + l * s * k) ** (1 / l);
}
function twoDecimals(z: number): number {
  return Math.round(z * 100) / 100;
}
function indicator(result: GrowthAssessment, name: GrowthIndicator) {
  return result.indicators.find((r) => r.indicator === name);
}
function codes(result: GrowthAssessment): string[] {
  return result.statuses.map((s) => s.code);
}

const BIRTH = '2014-01-01';

function pupil(days: number, fields: Partial<GrowthInput> = {}): GrowthAssessment {
  return assessGrowth({ sex: 1, birthDate: BIRTH, measuredOn: daysAfter(BIRTH, days), ...fields });
}

describe('age', () => {
  it('counts whole calendar days, leap days included', () => {
    expect(ageInDays('2022-01-01', '2024-01-01')).toBe(730);
    expect(ageInDays('2019-01-01', '2024-01-01')).toBe(1826);
    expect(ageInDays('2024-02-28', '2024-03-01')).toBe(2);
  });

  it('refuses a date that is not ISO yyyy-mm-dd', () => {
    expect(() => ageInDays('01/01/2020', '2024-01-01')).toThrow(RangeError);
  });

  it('uses WHO 2006 below 60 months and WHO 2007 from 60 months (day 1826 vs 1827)', () => {
    expect(1826 / 30.4375).toBeLessThan(60);
    expect(1827 / 30.4375).toBeGreaterThan(60);
    expect(growthReferenceForAge(0)).toBe('WHO 2006');
    expect(growthReferenceForAge(1826)).toBe('WHO 2006');
    expect(growthReferenceForAge(1827)).toBe('WHO 2007');
    // 61 completed months
    expect(growthReferenceForAge(1857)).toBe('WHO 2007');
  });

  it('stops at 228 completed months: day 6970 is a pupil, day 6971 an adult', () => {
    expect(growthReferenceForAge(6970)).toBe('WHO 2007');
    expect(growthReferenceForAge(6971)).toBeNull();
    expect(growthReferenceForAge(-1)).toBeNull();
  });
});

describe('the 60/61-month boundary', () => {
  it('assesses a child of 1826 days on WHO 2006’s last day row', () => {
    const result = assessGrowth({
      sex: 1,
      birthDate: '2019-01-01',
      measuredOn: '2024-01-01',
      weightKg: 18,
      heightCm: 110,
    });
    expect(result.ageDays).toBe(1826);
    expect(result.reference).toBe('WHO 2006');
    expect(result.indicators.map((r) => r.table)).toEqual([
      'wfa-2006',
      'lhfa-2006',
      'wfh-2006',
      'bmi-2006',
    ]);
    // lenanthro.txt: 1 1826 1 109.9593 0.04214
    expect(indicator(result, 'length-height-for-age')?.z).toBe(
      twoDecimals((110 / 109.9593 - 1) / 0.04214),
    );
  });

  it('assesses the next day (60.02 months) on WHO 2007 between months 60 and 61', () => {
    const result = assessGrowth({
      sex: 1,
      birthDate: '2019-01-01',
      measuredOn: '2024-01-02',
      weightKg: 18,
      heightCm: 110,
    });
    expect(result.ageDays).toBe(1827);
    expect(result.reference).toBe('WHO 2007');
    expect(result.indicators.map((r) => r.table)).toEqual(['bfa-2007', 'hfa-2007', 'wfa-2007']);
    const f = 1827 / 30.4375 - 60;
    // hfawho2007.txt boys: 60 → 109.7265 0.04156; 61 → 110.2647 0.04164
    const m = 109.7265 + f * (110.2647 - 109.7265);
    const s = 0.04156 + f * (0.04164 - 0.04156);
    expect(indicator(result, 'length-height-for-age')?.z).toBe(twoDecimals((110 / m - 1) / s));
  });

  it('gives weight-for-age to 120 completed months only', () => {
    expect(indicator(pupil(3682, { weightKg: 30 }), 'weight-for-age')?.table).toBe('wfa-2007');
    expect(indicator(pupil(3683, { weightKg: 30 }), 'weight-for-age')).toBeUndefined();
  });

  it('does not classify an adult', () => {
    const result = pupil(6971, { weightKg: 60, heightCm: 170 });
    expect(result.notClassifiedReason).toBe('adult');
    expect(codes(result)).toEqual(['not-classified']);
    expect(result.statuses[0]?.source).toContain('neither applies outside these ages');
    expect(result.indicators).toEqual([]);
    expect(pupil(6970, { weightKg: 60, heightCm: 170 }).reference).toBe('WHO 2007');
  });
});

describe('length or height at 730/731 days (WHO anthro’s ±0.7 cm rule)', () => {
  const at730 = (fields: Partial<GrowthInput>) =>
    assessGrowth({ sex: 1, birthDate: '2022-01-01', measuredOn: '2024-01-01', ...fields });
  const at731 = (fields: Partial<GrowthInput>) =>
    assessGrowth({ sex: 1, birthDate: '2022-01-01', measuredOn: '2024-01-02', ...fields });

  it('adds 0.7 cm to a standing height before 731 days and uses weight-for-length', () => {
    const result = at730({ heightCm: 80, weightKg: 10.5, measurement: 'height' });
    expect(result.ageDays).toBe(730);
    expect(result.lengthHeightCm).toBeCloseTo(80.7, 10);
    expect(indicator(result, 'weight-for-length-height')?.table).toBe('wfl-2006');
    // lenanthro.txt: 1 730 1 87.8018 0.03479 (L)
    expect(indicator(result, 'length-height-for-age')?.z).toBe(
      twoDecimals((80.7 / 87.8018 - 1) / 0.03479),
    );
    // wflanthro.txt: 1 80.7 -0.3521 10.5781 0.08298
    expect(indicator(result, 'weight-for-length-height')?.z).toBe(
      twoDecimals(lmsZ(10.5, -0.3521, 10.5781, 0.08298)),
    );
  });

  it('subtracts 0.7 cm from a recumbent length from 731 days and uses weight-for-height', () => {
    const result = at731({ heightCm: 80, weightKg: 10.5, measurement: 'length' });
    expect(result.lengthHeightCm).toBeCloseTo(79.3, 10);
    expect(indicator(result, 'weight-for-length-height')?.table).toBe('wfh-2006');
    // wfhanthro.txt: 1 79.3 -0.3521 10.4475 0.08308
    expect(indicator(result, 'weight-for-length-height')?.z).toBe(
      twoDecimals(lmsZ(10.5, -0.3521, 10.4475, 0.08308)),
    );
  });

  it('keeps a measurement taken in the expected position, or of unknown position', () => {
    expect(at730({ heightCm: 80, measurement: 'length' }).lengthHeightCm).toBe(80);
    expect(at731({ heightCm: 80, measurement: 'height' }).lengthHeightCm).toBe(80);
    expect(at730({ heightCm: 80 }).lengthHeightCm).toBe(80);
    expect(at731({ heightCm: 80 }).lengthHeightCm).toBe(80);
  });

  it('switches the BMI row from length-based to height-based too', () => {
    // The same 80.7 cm child: BMI from the adjusted length, day 730 row (L).
    const result = at730({ heightCm: 80, weightKg: 10.5, measurement: 'height' });
    const bmi = 10.5 / 0.807 ** 2;
    expect(result.bmi).toBeCloseTo(bmi, 10);
    // bmianthro.txt: 1 730 -0.6473 15.7356 0.07771 (L)
    expect(indicator(result, 'bmi-for-age')?.z).toBe(
      twoDecimals(lmsZ(bmi, -0.6473, 15.7356, 0.07771)),
    );
  });

  it('flags a standing height recorded before 9 months instead of adjusting it', () => {
    const result = assessGrowth({
      sex: 1,
      birthDate: '2024-01-01',
      measuredOn: daysAfter('2024-01-01', 200),
      heightCm: 68.5,
      weightKg: 8,
      measurement: 'height',
    });
    expect(result.measurementPositionImplausible).toBe(true);
    expect(result.lengthHeightCm).toBe(68.5);
    expect(result.needsRemeasurement).toBe(true);
    expect(result.statuses[0]).toMatchObject({
      code: 'remeasure',
      indicator: 'length-height-for-age',
    });
    expect(codes(result)).not.toContain('normal');
  });
});

describe('cut-offs are strict, on the rounded z-score', () => {
  it.each([
    [-3.01, 'severe-thinness'],
    [-3, 'thinness'],
    [-2.01, 'thinness'],
    [-2, 'normal'],
    [1, 'normal'],
    [1.01, 'overweight'],
    [2, 'overweight'],
    [2.01, 'obesity'],
  ])('5–19 years, BMI-for-age z %d → %s', (z, code) => {
    expect(classifyZ('WHO 2007', 'bmi-for-age', z)).toBe(code);
  });

  it.each([
    [-3.01, 'severe-stunting'],
    [-3, 'stunting'],
    [-2.01, 'stunting'],
    [-2, 'normal'],
  ])('height-for-age z %d → %s (both references)', (z, code) => {
    expect(classifyZ('WHO 2007', 'length-height-for-age', z)).toBe(code);
    expect(classifyZ('WHO 2006', 'length-height-for-age', z)).toBe(code);
  });

  it.each([
    [-3.01, 'severe-wasting'],
    [-3, 'wasting'],
    [-2.01, 'wasting'],
    [-2, 'normal'],
    [2, 'normal'],
    [2.01, 'overweight'],
    [3, 'overweight'],
    [3.01, 'obesity'],
  ])('under 5, weight-for-length/height z %d → %s', (z, code) => {
    expect(classifyZ('WHO 2006', 'weight-for-length-height', z)).toBe(code);
  });

  it.each([
    [-3.01, 'severe-underweight'],
    [-3, 'underweight'],
    [-2.01, 'underweight'],
    [-2, 'normal'],
    [4, 'normal'],
  ])('under 5, weight-for-age z %d → %s', (z, code) => {
    expect(classifyZ('WHO 2006', 'weight-for-age', z)).toBe(code);
  });

  it('reports BMI-for-age under 5 and weight-for-age from 5 years without classifying', () => {
    expect(classifyZ('WHO 2006', 'bmi-for-age', 2.5)).toBeNull();
    expect(classifyZ('WHO 2007', 'weight-for-age', -2.5)).toBeNull();
  });
});

describe('implausible z-scores', () => {
  it.each<[GrowthIndicator, number, boolean]>([
    ['bmi-for-age', 5, false],
    ['bmi-for-age', 5.01, true],
    ['bmi-for-age', -5, false],
    ['bmi-for-age', -5.01, true],
    ['length-height-for-age', 6, false],
    ['length-height-for-age', 6.01, true],
    ['length-height-for-age', -6.01, true],
    ['weight-for-age', -6, false],
    ['weight-for-age', -6.01, true],
    ['weight-for-age', 5, false],
    ['weight-for-age', 5.01, true],
    ['weight-for-length-height', 5.01, true],
    ['weight-for-length-height', -5, false],
  ])('%s z %d implausible: %s', (name, z, expected) => {
    expect(isImplausible(name, z)).toBe(expected);
  });

  it('asks for a re-measurement instead of calling a 12-year-old obese at BMI-for-age > +5', () => {
    const result = pupil(4383, { weightKg: 95, heightCm: 149 });
    const bmi = indicator(result, 'bmi-for-age');
    expect(bmi?.z).toBeGreaterThan(5);
    expect(bmi?.implausible).toBe(true);
    expect(bmi?.status).toBe('remeasure');
    expect(codes(result)).toEqual(['remeasure']);
    expect(result.needsRemeasurement).toBe(true);
    expect(result.statuses[0]?.source).toContain('WHO anthro and AnthroPlus flags');
  });

  it('flags a height-for-age below −6 and still classifies the plausible indicators', () => {
    // hfawho2007.txt: 1 144 1 149.0807 0.04753 → 100 cm is z ≈ −6.9
    const result = pupil(4383, { weightKg: 16, heightCm: 100 });
    expect(indicator(result, 'length-height-for-age')?.implausible).toBe(true);
    expect(codes(result)).toContain('remeasure');
    expect(codes(result)).not.toContain('severe-stunting');
    expect(codes(result)).not.toContain('normal');
  });
});

describe('a whole assessment', () => {
  // A 12-year-old boy (4383 days = 144 months exactly) of median height.
  // bfawho2007.txt: 1 144 -1.7751 17.5334 0.11522; hfawho2007.txt: 1 144 1 149.0807 0.04753
  const height = 149.0807;
  const weightAtBmiSd = (k: number) => sdK(-1.7751, 17.5334, 0.11522, k) * (height / 100) ** 2;

  it('is normal exactly at BMI-for-age −2.00', () => {
    const result = pupil(4383, { weightKg: weightAtBmiSd(-2), heightCm: height });
    expect(indicator(result, 'bmi-for-age')?.z).toBe(-2);
    expect(indicator(result, 'length-height-for-age')?.z).toBe(0);
    expect(codes(result)).toEqual(['normal']);
    expect(result.statuses[0]?.source).toContain('WHO Growth Reference 2007');
  });

  it('is thinness just below it, with its source', () => {
    const result = pupil(4383, { weightKg: weightAtBmiSd(-2.02), heightCm: height });
    expect(indicator(result, 'bmi-for-age')?.z).toBe(-2.02);
    expect(result.statuses).toEqual([
      expect.objectContaining({
        code: 'thinness',
        indicator: 'bmi-for-age',
        label: { vi: 'Gầy', en: 'Thinness' },
        source: expect.stringContaining('thinness < −2 SD'),
      }),
    ]);
  });

  it('lists stunting and overweight together', () => {
    const short = 149.0807 * (1 - 2.5 * 0.04753);
    const weight = sdK(-1.7751, 17.5334, 0.11522, 1.5) * (short / 100) ** 2;
    const result = pupil(4383, { weightKg: weight, heightCm: short });
    expect(codes(result)).toEqual(['overweight', 'stunting']);
  });

  it('classifies a toddler’s overweight from weight-for-height, restrained beyond +3', () => {
    // wfhanthro.txt: 1 90 -0.3521 12.8864 0.08032; 1000 days, standing height 90 cm.
    const [l, m, s] = [-0.3521, 12.8864, 0.08032];
    const toddler = (weightKg: number) =>
      assessGrowth({
        sex: 1,
        birthDate: '2021-01-01',
        measuredOn: '2023-09-28',
        weightKg,
        heightCm: 90,
        measurement: 'height',
      });
    expect(toddler(sdK(l, m, s, 2)).indicators[2]?.z).toBe(2);
    expect(codes(toddler(sdK(l, m, s, 2)))).not.toContain('overweight');
    expect(codes(toddler(sdK(l, m, s, 2.02)))).toContain('overweight');
    const sd3 = sdK(l, m, s, 3);
    const obese = toddler(sd3 + 0.05 * (sd3 - sdK(l, m, s, 2)));
    expect(obese.indicators[2]).toMatchObject({ table: 'wfh-2006', z: 3.05, status: 'obesity' });
    expect(obese.statuses.find((st) => st.code === 'obesity')?.source).toContain(
      'WHO Child Growth Standards 2006',
    );
  });

  it('is not classified without the measurements its reference classifies by', () => {
    const weightOnly = pupil(4383, { weightKg: 40 });
    expect(weightOnly.notClassifiedReason).toBe('insufficient-measurements');
    expect(codes(weightOnly)).toEqual(['not-classified']);
    expect(indicator(weightOnly, 'bmi-for-age')).toMatchObject({
      z: null,
      status: 'not-classified',
    });
  });

  it('reports a length outside the weight-for-length table without a z-score', () => {
    const result = assessGrowth({
      sex: 2,
      birthDate: '2024-01-01',
      measuredOn: '2024-01-05',
      weightKg: 1.5,
      heightCm: 42,
    });
    expect(indicator(result, 'weight-for-length-height')).toMatchObject({
      table: 'wfl-2006',
      z: null,
      status: 'not-classified',
    });
    expect(indicator(result, 'weight-for-age')?.z).not.toBeNull();
  });

  it('refuses impossible dates', () => {
    expect(pupil(-1, { weightKg: 3 }).notClassifiedReason).toBe('before-birth');
    expect(
      assessGrowth({ sex: 2, birthDate: '2020-02-30', measuredOn: '2024-01-01', weightKg: 15 })
        .notClassifiedReason,
    ).toBe('invalid-date');
  });
});
