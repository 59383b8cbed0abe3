import { describe, expect, it } from 'vitest';
import { GROWTH_SOURCES } from '../../../src-shared/clinical/growth';
import { AAP_2017 } from '../../../src-shared/clinical/paediatric-bp';
import {
  pupilMeasurementsSchema,
  type PupilMeasurementsInput,
} from '../../../src-shared/schemas/school';
import {
  acuityTenths,
  assessPupil,
  isDentalFinding,
  PUPIL_REFERRAL_REASON_LABELS,
  PUPIL_REFERRAL_REASONS,
  SPINE_SOURCE,
  VISION_SOURCE,
} from '../../../src-shared/school/pupil-assessment';

/** A boy of exactly 10 years (120 months) on the screening day. */
const boy10 = (measurements: PupilMeasurementsInput, round: 'I' | 'II' = 'I') =>
  assessPupil({
    sex: '1',
    birthDate: '2016-01-15',
    measuredOn: '2026-01-15',
    round,
    measurements: pupilMeasurementsSchema.parse(measurements),
  });

const codes = (a: ReturnType<typeof boy10>) => a.nutrition.map((s) => s.code);

describe('nutrition status (WHO 2007 BMI-for-age and height-for-age)', () => {
  it.each([
    [140, 25, 'severe-thinness'],
    [140, 32, 'normal'],
    [140, 40, 'overweight'],
    [140, 45, 'obesity'],
  ] as const)('%s cm, %s kg → %s', (heightCm, weightKg, status) => {
    const a = boy10({ heightCm, weightKg });
    expect(a.growth?.reference).toBe('WHO 2007');
    expect(codes(a)).toEqual([status]);
    expect(a.nutrition[0]?.source).toBe(GROWTH_SOURCES['WHO 2007']);
  });

  it('lists thinness and stunting together, and refers for nutrition once', () => {
    const a = boy10({ heightCm: 125, weightKg: 20 });
    expect(codes(a)).toEqual(['thinness', 'stunting']);
    expect(a.referralReasons).toEqual(['nutrition']);
  });

  it('a normal pupil has no referral reason', () => {
    const a = boy10({ heightCm: 140, weightKg: 32 });
    expect(a.referralReasons).toEqual([]);
    expect(a.needsRemeasurement).toBe(false);
  });

  it('without height or weight there is no growth assessment at all', () => {
    const a = boy10({});
    expect(a.growth).toBeNull();
    expect(a.nutrition).toEqual([]);
    expect(a.referralReasons).toEqual([]);
  });

  it('a weight without a height is not classified and not referred', () => {
    const a = boy10({ weightKg: 30 });
    expect(codes(a)).toEqual(['not-classified']);
    expect(a.referralReasons).toEqual([]);
  });

  it('an implausible BMI asks for a re-measurement instead of a status', () => {
    const a = boy10({ heightCm: 140, weightKg: 120 });
    expect(a.needsRemeasurement).toBe(true);
    expect(codes(a)).toContain('remeasure');
    expect(a.referralReasons).toContain('remeasure');
    expect(a.referralReasons).not.toContain('nutrition');
  });

  it('uses WHO 2006 for a preschool child under 60 months', () => {
    const a = assessPupil({
      sex: '2',
      birthDate: '2022-03-01',
      measuredOn: '2026-01-10',
      round: 'I',
      measurements: pupilMeasurementsSchema.parse({ heightCm: 100, weightKg: 15.5 }),
    });
    expect(a.growth?.reference).toBe('WHO 2006');
    expect(a.nutrition[0]?.source).toBe(GROWTH_SOURCES['WHO 2006']);
  });
});

describe('blood pressure (AAP 2017, never adult grades)', () => {
  it('below the age-10 screening value (108/72 for boys) needs nothing', () => {
    const a = boy10({ systolic: 100, diastolic: 65 });
    expect(a.bloodPressure?.category).toBe('below-screening-threshold');
    expect(a.bloodPressure?.source).toBe(AAP_2017.citation);
    expect(a.referralReasons).not.toContain('bloodPressure');
  });

  it('at the screening value asks for evaluation, although an adult would be "normal"', () => {
    const a = boy10({ systolic: 108, diastolic: 60 });
    expect(a.bloodPressure?.category).toBe('needs-further-evaluation');
    expect(a.referralReasons).toEqual(['bloodPressure']);
  });

  it('no reading, no classification', () => {
    expect(boy10({}).bloodPressure).toBeNull();
  });
});

describe('vision (uncorrected < 10/10 in either eye)', () => {
  it('reads chart values', () => {
    expect(acuityTenths('10/10')).toBe(10);
    expect(acuityTenths('7/10')).toBe(7);
    expect(acuityTenths('')).toBeNull();
  });

  it('10/10 in both eyes is not reduced', () => {
    const a = boy10({
      vision: { right: { uncorrected: '10/10' }, left: { uncorrected: '10/10' } },
    });
    expect(a.vision).toMatchObject({ measured: true, reduced: false, needsEyeExam: false });
    expect(a.vision.source).toBe(VISION_SOURCE);
  });

  it('9/10 in one eye without glasses is reduced vision and referred', () => {
    const a = boy10({ vision: { right: { uncorrected: '10/10' }, left: { uncorrected: '9/10' } } });
    expect(a.vision.reduced).toBe(true);
    expect(a.vision.left).toMatchObject({ uncorrected: 9, reduced: true, needsEyeExam: true });
    expect(a.referralReasons).toEqual(['vision']);
  });

  it('glasses correcting the eye to 10/10: reduced vision, already cared for, not referred', () => {
    const a = boy10({
      vision: {
        right: { uncorrected: '4/10', corrected: '10/10' },
        left: { uncorrected: '5/10', corrected: '10/10' },
      },
    });
    expect(a.vision.reduced).toBe(true);
    expect(a.vision.needsEyeExam).toBe(false);
    expect(a.referralReasons).toEqual([]);
  });

  it('glasses that no longer reach 10/10 are referred', () => {
    const a = boy10({ vision: { right: { corrected: '8/10' }, left: { corrected: '10/10' } } });
    expect(a.vision.reduced).toBe(false);
    expect(a.vision.needsEyeExam).toBe(true);
    expect(a.referralReasons).toEqual(['vision']);
  });

  it('nothing entered is "not measured", not "normal"', () => {
    expect(boy10({}).vision).toMatchObject({ measured: false, reduced: false });
  });
});

describe('dental and spine', () => {
  it.each(['', '  ', 'Bình thường', 'BT', 'bình thường.', 'Không sâu răng'])(
    '"%s" records no dental finding',
    (note) => expect(isDentalFinding(note)).toBe(false),
  );

  it('a written finding is a dental finding and referred', () => {
    const a = boy10({ dental: { upper: 'Sâu răng 16, 26', lower: 'BT' } });
    expect(a.dental.finding).toBe(true);
    expect(a.referralReasons).toEqual(['dental']);
  });

  it.each([
    [{ sagittal: 'kyphosis' }, true],
    [{ sagittal: 'lordosis' }, true],
    [{ scoliosis: 'C' }, true],
    [{ scoliosis: 'S' }, true],
    [{}, false],
  ] as const)('spine %o → finding %s', (spine, finding) => {
    const a = boy10({ spine });
    expect(a.spine.finding).toBe(finding);
    expect(a.spine.source).toBe(SPINE_SOURCE);
    expect(a.referralReasons.includes('spine')).toBe(finding);
  });
});

describe('referral reasons', () => {
  it('collects every reason in a fixed order', () => {
    const a = boy10({
      heightCm: 140,
      weightKg: 45,
      systolic: 120,
      diastolic: 80,
      vision: { right: { uncorrected: '6/10' } },
      dental: { lower: 'Sâu răng 36' },
      spine: { scoliosis: 'S' },
    });
    expect(a.referralReasons).toEqual(['nutrition', 'bloodPressure', 'vision', 'dental', 'spine']);
  });

  it("the examiner's referral destination alone makes a referral", () => {
    const a = boy10({ heightCm: 140, weightKg: 32, referredTo: 'Bệnh viện Nhi Đồng 2' });
    expect(a.referralReasons).toEqual(['examiner']);
  });

  it('keeps the round it was asked about', () => {
    expect(boy10({ heightCm: 140, weightKg: 32 }, 'II').round).toBe('II');
  });

  it('every reason has a Vietnamese and an English label', () => {
    for (const reason of PUPIL_REFERRAL_REASONS) {
      expect(PUPIL_REFERRAL_REASON_LABELS[reason].vi.length).toBeGreaterThan(3);
      expect(PUPIL_REFERRAL_REASON_LABELS[reason].en.length).toBeGreaterThan(3);
    }
  });
});
