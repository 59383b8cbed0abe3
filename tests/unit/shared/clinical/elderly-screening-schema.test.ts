import { describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../../src-shared/domain/dates';
import {
  type ElderlyScreeningInput,
  elderlyScreeningSchema,
  EXAM_SYSTEMS,
  normaliseGlucose,
} from '../../../../src-shared/schemas/elderly-screening';

const RESIDENT_ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';

function screening(overrides: Partial<ElderlyScreeningInput> = {}): ElderlyScreeningInput {
  return {
    residentId: RESIDENT_ID,
    screenedOn: '2026-03-10',
    measurements: {
      heightCm: 155,
      weightKg: 55,
      waistCm: 78,
      pulsePerMin: 76,
      bloodPressure: {
        first: { systolic: 138, diastolic: 84 },
        second: { systolic: 134, diastolic: 82 },
      },
      glucose: { kind: 'fasting', unit: 'mmol/L', value: 5.8 },
    },
    healthClass: 2,
    examinerName: 'Trần Văn Bình',
    ...overrides,
  };
}

/** Every issue as `path: message`, so a test names the field and the translation key. */
function issuesOf(value: unknown): string[] {
  const result = elderlyScreeningSchema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

function withMeasurements(
  measurements: NonNullable<ElderlyScreeningInput['measurements']>,
): ElderlyScreeningInput {
  return screening({ measurements: { ...screening().measurements, ...measurements } });
}

describe('an elderly screening (elderlyScreeningSchema)', () => {
  it('accepts a complete screening and fills every optional section with blanks', () => {
    const parsed = elderlyScreeningSchema.parse(screening());
    expect(parsed.measurements.glucose).toEqual({
      kind: 'fasting',
      unit: 'mmol/L',
      value: 5.8,
      mmolPerL: 5.8,
    });
    expect(parsed.vision.right).toEqual({ uncorrected: null, corrected: null });
    expect(parsed.hearing.left).toEqual({ normalVoiceM: null, whisperM: null });
    expect(Object.keys(parsed.systemExams)).toEqual([...EXAM_SYSTEMS]);
    expect(parsed.systemExams.cardiovascular).toEqual({ class: null, note: '' });
    expect(parsed.instruments).toEqual({
      katzAdl: null,
      lawtonIadl: null,
      gds15: null,
      miniCog: null,
      prisma7: null,
      timedUpAndGoSeconds: null,
    });
    expect(parsed.referral).toEqual({ referred: false, to: '', reasons: [], note: '' });
  });

  it('parses its own output again unchanged, as storage does', () => {
    const once = elderlyScreeningSchema.parse(
      withMeasurements({ glucose: { kind: 'random', unit: 'mg/dL', value: 199 } }),
    );
    expect(elderlyScreeningSchema.parse(once)).toEqual(once);
  });

  it('refuses a weight of 500 kg with the plausible range', () => {
    expect(issuesOf(withMeasurements({ weightKg: 500 }))).toEqual([
      'measurements.weightKg: validation.plausibleRange:25–250',
    ]);
  });

  it('refuses heights, waists and pulses outside their plausible ranges', () => {
    expect(issuesOf(withMeasurements({ heightCm: 99.9 }))).toEqual([
      'measurements.heightCm: validation.plausibleRange:100–220',
    ]);
    expect(issuesOf(withMeasurements({ waistCm: 201 }))).toEqual([
      'measurements.waistCm: validation.plausibleRange:40–200',
    ]);
    expect(issuesOf(withMeasurements({ pulsePerMin: 250 }))).toEqual([
      'measurements.pulsePerMin: validation.plausibleRange:30–220',
    ]);
  });

  it('refuses a diastolic at or above the systolic of the same reading', () => {
    const bloodPressure = {
      first: { systolic: 120, diastolic: 130 },
      second: { systolic: 120, diastolic: 120 },
    };
    expect(issuesOf(withMeasurements({ bloodPressure }))).toEqual([
      'measurements.bloodPressure.first.diastolic: validation.bloodPressure.diastolicNotBelowSystolic',
      'measurements.bloodPressure.second.diastolic: validation.bloodPressure.diastolicNotBelowSystolic',
    ]);
  });

  it('refuses half a reading and pressures out of range', () => {
    expect(
      issuesOf(withMeasurements({ bloodPressure: { first: { systolic: 140, diastolic: null } } })),
    ).toEqual(['measurements.bloodPressure.first.diastolic: validation.bloodPressure.incomplete']);
    expect(
      issuesOf(withMeasurements({ bloodPressure: { first: { systolic: 310, diastolic: 90 } } })),
    ).toEqual(['measurements.bloodPressure.first.systolic: validation.plausibleRange:60–300']);
  });

  it('normalises mg/dL glucose to mmol/L and keeps what was entered', () => {
    const parsed = elderlyScreeningSchema.parse(
      withMeasurements({ glucose: { kind: 'fasting', unit: 'mg/dL', value: 126 } }),
    );
    expect(parsed.measurements.glucose).toEqual({
      kind: 'fasting',
      unit: 'mg/dL',
      value: 126,
      mmolPerL: 7,
    });
    expect(normaliseGlucose({ kind: 'random', unit: 'mg/dL', value: 200 }).mmolPerL).toBe(11.11);
  });

  it('refuses glucose outside 1–40 mmol/L after normalisation, and a reading without its kind', () => {
    expect(
      issuesOf(withMeasurements({ glucose: { kind: 'fasting', unit: 'mmol/L', value: 126 } })),
    ).toEqual(['measurements.glucose.value: validation.glucose.implausible']);
    expect(
      issuesOf(withMeasurements({ glucose: { kind: 'fasting', unit: 'mg/dL', value: 730 } })),
    ).toEqual(['measurements.glucose.value: validation.glucose.implausible']);
    expect(issuesOf(withMeasurements({ glucose: { unit: 'mmol/L', value: 8 } }))).toEqual([
      'measurements.glucose.kind: validation.required',
    ]);
  });

  it('stores no glucose when the value was left blank', () => {
    const parsed = elderlyScreeningSchema.parse(
      withMeasurements({ glucose: { kind: 'fasting', unit: 'mmol/L', value: null } }),
    );
    expect(parsed.measurements.glucose).toBeNull();
  });

  it('accepts visual acuity 1/10 to 10/10 and refuses 11/10 and 0/10', () => {
    const parsed = elderlyScreeningSchema.parse(
      screening({ vision: { right: { uncorrected: '4/10', corrected: '10/10' }, left: {} } }),
    );
    expect(parsed.vision.right).toEqual({ uncorrected: '4/10', corrected: '10/10' });
    expect(
      issuesOf(screening({ vision: { left: { uncorrected: '11/10', corrected: '0/10' } } })),
    ).toEqual([
      'vision.left.uncorrected: validation.vision.acuity',
      'vision.left.corrected: validation.vision.acuity',
    ]);
  });

  it('stores a blank acuity field as not measured', () => {
    const parsed = elderlyScreeningSchema.parse(
      screening({ vision: { right: { uncorrected: '', corrected: ' 8/10 ' } } }),
    );
    expect(parsed.vision.right).toEqual({ uncorrected: null, corrected: '8/10' });
  });

  it('refuses a whisper heard farther away than a normal voice', () => {
    expect(issuesOf(screening({ hearing: { right: { normalVoiceM: 3, whisperM: 5 } } }))).toEqual([
      'hearing.right.whisperM: validation.hearing.whisperBeyondVoice',
    ]);
    expect(issuesOf(screening({ hearing: { right: { normalVoiceM: 5, whisperM: 5 } } }))).toEqual(
      [],
    );
  });

  it('takes a class 1–5 per system and refuses class 6', () => {
    const parsed = elderlyScreeningSchema.parse(
      screening({ systemExams: { cardiovascular: { class: 3, note: 'Tiếng thổi tâm thu' } } }),
    );
    expect(parsed.systemExams.cardiovascular).toEqual({ class: 3, note: 'Tiếng thổi tâm thu' });
    expect(issuesOf(screening({ systemExams: { eye: { class: 6 } } }))).toEqual([
      'systemExams.eye.class: validation.max:5',
    ]);
  });

  it('requires the health class (Loại I–V) and refuses class 0', () => {
    expect(issuesOf({ ...screening(), healthClass: undefined })).toEqual([
      'healthClass: validation.required',
    ]);
    expect(issuesOf(screening({ healthClass: 0 }))).toEqual(['healthClass: validation.min:1']);
  });

  it('refuses a screening dated in the future', () => {
    const tomorrow = todayInVietnam(new Date(Date.now() + 2 * 86_400_000));
    expect(issuesOf(screening({ screenedOn: tomorrow }))).toEqual([
      'screenedOn: validation.dateInFuture',
    ]);
  });

  it('refuses a typed score: scores are computed from the answers', () => {
    expect(issuesOf({ ...screening(), gds15Score: 7 })).toEqual([': validation.unknownField']);
  });
});

describe('instrument answers in a screening', () => {
  it('stores a fully answered instrument item by item', () => {
    const miniCog = { wordRecall: '2', clockDraw: 'normal' } as const;
    const parsed = elderlyScreeningSchema.parse(screening({ instruments: { miniCog } }));
    expect(parsed.instruments.miniCog).toEqual(miniCog);
  });

  it('treats an instrument with every item blank as not done', () => {
    const parsed = elderlyScreeningSchema.parse(
      screening({ instruments: { miniCog: { wordRecall: null, clockDraw: null } } }),
    );
    expect(parsed.instruments.miniCog).toBeNull();
  });

  it('refuses a started but unfinished instrument, naming each unanswered item', () => {
    expect(
      issuesOf(
        screening({
          instruments: {
            prisma7: { olderThan85: 'no', male: 'yes', healthLimitsActivities: 'no' },
          },
        }),
      ),
    ).toEqual([
      'instruments.prisma7.needsRegularHelp: validation.instrument.unanswered',
      'instruments.prisma7.healthKeepsAtHome: validation.instrument.unanswered',
      'instruments.prisma7.canCountOnSomeone: validation.instrument.unanswered',
      'instruments.prisma7.usesWalkingAid: validation.instrument.unanswered',
    ]);
  });

  it('refuses an answer the item does not offer', () => {
    const katzAdl = {
      bathing: 'independent',
      dressing: 'independent',
      toileting: 'independent',
      transferring: 'independent',
      continence: 'independent',
      feeding: 'sometimes',
    };
    expect(issuesOf({ ...screening(), instruments: { katzAdl } })).toEqual([
      'instruments.katzAdl.feeding: validation.choice',
    ]);
  });

  it('refuses a Timed Up and Go time no one takes', () => {
    expect(issuesOf(screening({ instruments: { timedUpAndGoSeconds: 1 } }))).toEqual([
      'instruments.timedUpAndGoSeconds: validation.plausibleRange:3–300',
    ]);
  });
});

describe('the referral decision', () => {
  it('records a referral with its reasons and destination', () => {
    const parsed = elderlyScreeningSchema.parse(
      screening({
        referral: { referred: true, to: 'Bệnh viện quận Bình Thạnh', reasons: ['hypertension'] },
      }),
    );
    expect(parsed.referral).toEqual({
      referred: true,
      to: 'Bệnh viện quận Bình Thạnh',
      reasons: ['hypertension'],
      note: '',
    });
  });

  it('requires a reason to refer, and a note for "other"', () => {
    expect(issuesOf(screening({ referral: { referred: true } }))).toEqual([
      'referral.reasons: validation.referral.reasonRequired',
    ]);
    expect(issuesOf(screening({ referral: { referred: true, reasons: ['other'] } }))).toEqual([
      'referral.note: validation.otherNeedsNote',
    ]);
  });

  it('refuses reasons on a screening that was not referred, and repeated reasons', () => {
    expect(issuesOf(screening({ referral: { referred: false, reasons: ['frailty'] } }))).toEqual([
      'referral.referred: validation.referral.notReferred',
    ]);
    expect(
      issuesOf(screening({ referral: { referred: true, reasons: ['frailty', 'frailty'] } })),
    ).toEqual(['referral.reasons: validation.repeatedCode']);
  });
});
