import { describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../../src-shared/domain/dates';
import {
  consentSchema,
  declarationSchema,
  type DeclarationInput,
} from '../../../src-shared/schemas/declaration';
import { residentInputSchema, type ResidentInput } from '../../../src-shared/schemas/resident';

function resident(overrides: Partial<ResidentInput> = {}): ResidentInput {
  return {
    fullName: 'Nguyễn Thị Ánh',
    sex: '2',
    birthDate: '1985-04-12',
    personalId: '079185001234',
    phones: [{ number: '0903123456' }],
    currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
    ...overrides,
  };
}

/** Every issue as `path: message`, so a test names the field and the translation key. */
function issuesOf(
  schema: {
    safeParse(v: unknown): {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    };
  },
  value: unknown,
): string[] {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

function daysFromTodayInVietnam(days: number): string {
  return todayInVietnam(new Date(Date.now() + days * 86_400_000));
}

describe('registering a resident (residentInputSchema)', () => {
  it('accepts Nguyễn Thị Ánh with her personal ID and a Bình Quới address, filling the defaults', () => {
    const parsed = residentInputSchema.parse(resident());
    expect(parsed).toMatchObject({
      fullName: 'Nguyễn Thị Ánh',
      ethnicity: '01',
      nationality: 'VN',
      cmnd: '',
      bhyt: '',
      noPapers: false,
      permanentSameAsCurrent: true,
      relations: [],
    });
  });

  it('stores the name in NFC with single spaces, whatever the keyboard sent', () => {
    const parsed = residentInputSchema.parse(
      resident({ fullName: '  Nguyễn   Thị   Ánh  '.normalize('NFD') }),
    );
    expect(parsed.fullName).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
  });

  it('refuses a date of birth in the future', () => {
    expect(
      issuesOf(
        residentInputSchema,
        resident({ personalId: '', birthDate: daysFromTodayInVietnam(2) }),
      ),
    ).toEqual(['birthDate: validation.dateInFuture']);
  });

  it('accepts a baby born today', () => {
    expect(
      issuesOf(residentInputSchema, resident({ personalId: '', birthDate: todayInVietnam() })),
    ).toEqual([]);
  });

  it('refuses a date of birth before 1900 as a typing error', () => {
    expect(
      issuesOf(residentInputSchema, resident({ personalId: '', birthDate: '1899-12-31' })),
    ).toEqual(['birthDate: validation.dateTooOld']);
    expect(
      issuesOf(residentInputSchema, resident({ personalId: '', birthDate: '1900-01-01' })),
    ).toEqual([]);
  });

  it('refuses a date that does not exist', () => {
    expect(
      issuesOf(residentInputSchema, resident({ personalId: '', birthDate: '2023-02-29' })),
    ).toContain('birthDate: validation.date');
  });

  it('refuses a name longer than 100 characters with «at most 100 characters», instead of cutting it', () => {
    expect(issuesOf(residentInputSchema, resident({ fullName: 'A'.repeat(101) }))).toEqual([
      'fullName: validation.maxLength:100',
    ]);
    expect(issuesOf(residentInputSchema, resident({ fullName: 'A'.repeat(100) }))).toEqual([]);
  });

  it('refuses an empty name, saying first that it is required, and a name with digits', () => {
    expect(issuesOf(residentInputSchema, resident({ fullName: '   ' }))[0]).toBe(
      'fullName: validation.required',
    );
    expect(issuesOf(residentInputSchema, resident({ fullName: 'Nguyễn Thị 2' }))).toEqual([
      'fullName: validation.name',
    ]);
  });

  it('refuses a personal ID whose century digit does not fit the date of birth', () => {
    expect(issuesOf(residentInputSchema, resident({ birthDate: '2003-04-12' }))).toEqual([
      'personalId: validation.personalId.century',
    ]);
  });

  it('refuses a personal ID whose year digits do not fit the date of birth', () => {
    expect(issuesOf(residentInputSchema, resident({ birthDate: '1986-04-12' }))).toEqual([
      'personalId: validation.personalId.birthYear',
    ]);
  });

  it('refuses a personal ID with the wrong shape or an unknown province code', () => {
    expect(issuesOf(residentInputSchema, resident({ personalId: '07918500123' }))).toEqual([
      'personalId: validation.personalId.shape',
    ]);
    expect(issuesOf(residentInputSchema, resident({ personalId: '003185001234' }))).toEqual([
      'personalId: validation.personalId.province',
    ]);
  });

  it('lets a sex-digit mismatch through (it is only a warning)', () => {
    expect(issuesOf(residentInputSchema, resident({ sex: '1' }))).toEqual([]);
  });

  it('refuses a personal ID for someone registered as having no papers', () => {
    expect(issuesOf(residentInputSchema, resident({ noPapers: true }))).toEqual([
      'personalId: validation.personalId.withNoPapers',
    ]);
    expect(issuesOf(residentInputSchema, resident({ noPapers: true, personalId: '' }))).toEqual([]);
  });

  it('refuses a current address outside Ho Chi Minh City (Phường Ba Đình, Hà Nội)', () => {
    expect(
      issuesOf(residentInputSchema, resident({ currentAddress: { communeCode: '00004' } })),
    ).toEqual(['currentAddress.communeCode: validation.communeNotInCity']);
  });

  it('refuses an unknown commune code, and says a missing one is required', () => {
    expect(
      issuesOf(residentInputSchema, resident({ currentAddress: { communeCode: '99999' } })),
    ).toEqual(['currentAddress.communeCode: validation.communeNotInCity']);
    expect(
      issuesOf(residentInputSchema, resident({ currentAddress: { communeCode: '' } }))[0],
    ).toBe('currentAddress.communeCode: validation.required');
  });

  it('accepts a permanent address elsewhere in Vietnam, but not a made-up commune', () => {
    expect(
      issuesOf(
        residentInputSchema,
        resident({
          permanentSameAsCurrent: false,
          permanentAddress: { communeCode: '00004', street: 'Ba Đình' },
        }),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        residentInputSchema,
        resident({ permanentSameAsCurrent: false, permanentAddress: { communeCode: '99999' } }),
      ),
    ).toEqual(['permanentAddress.communeCode: validation.commune']);
  });

  it('upper-cases the BHYT card and refuses a malformed one', () => {
    expect(residentInputSchema.parse(resident({ bhyt: 'gd4797912345678' })).bhyt).toBe(
      'GD4797912345678',
    );
    expect(issuesOf(residentInputSchema, resident({ bhyt: 'GD479791234567' }))).toEqual([
      'bhyt: validation.bhyt',
    ]);
  });

  it('refuses an old CMND that is not 9 digits', () => {
    expect(issuesOf(residentInputSchema, resident({ cmnd: '12345678' }))).toEqual([
      'cmnd: validation.cmnd',
    ]);
    expect(residentInputSchema.parse(resident({ cmnd: '023456789' })).cmnd).toBe('023456789');
  });

  it('normalises phone numbers and refuses the same number twice', () => {
    expect(
      residentInputSchema.parse(resident({ phones: [{ number: '+84 90 312 3456' }] })).phones,
    ).toEqual([{ number: '0903123456' }]);
    expect(
      issuesOf(
        residentInputSchema,
        resident({ phones: [{ number: '0903123456' }, { number: '+84903123456' }] }),
      ),
    ).toEqual(['phones.1.number: validation.phoneRepeated']);
    expect(issuesOf(residentInputSchema, resident({ phones: [{ number: '12345' }] }))).toEqual([
      'phones.0.number: validation.phone',
    ]);
  });

  it('refuses an unknown sex code, ethnicity or nationality', () => {
    expect(issuesOf(residentInputSchema, resident({ sex: '3' as never }))).toHaveLength(1);
    expect(issuesOf(residentInputSchema, resident({ sex: '3' as never }))[0]).toMatch(/^sex: /);
    expect(issuesOf(residentInputSchema, resident({ ethnicity: '55' as never }))).toEqual([
      'ethnicity: validation.choice',
    ]);
    expect(issuesOf(residentInputSchema, resident({ nationality: 'XX' as never }))).toEqual([
      'nationality: validation.choice',
    ]);
  });
});

function declaration(overrides: Partial<DeclarationInput> = {}): DeclarationInput {
  return {
    riskFactors: {
      smoking: { status: '0' },
      alcohol: { status: '0' },
      drugs: { status: '0' },
      physicalActivity: { status: '2', amount: 150 },
    },
    consent: { recordKeeping: true },
    ...overrides,
  };
}

describe('the health declaration (declarationSchema)', () => {
  it('accepts a minimal declaration and fills the unanswered parts', () => {
    const parsed = declarationSchema.parse(declaration());
    expect(parsed.birth).toEqual({
      delivery: 'unknown',
      preterm: 'unknown',
      asphyxia: 'unknown',
      birthWeightG: null,
      birthLengthCm: null,
      congenitalDefects: '',
    });
    expect(parsed.allergies).toEqual([]);
    expect(parsed.vaccinations).toEqual([]);
    expect(parsed.reproductive).toBeNull();
    expect(parsed.riskFactors.smoking).toEqual({ status: '0', amount: null, quit: false });
  });

  it('never pre-ticks consent: every purpose defaults to not given', () => {
    const parsed = consentSchema.safeParse({});
    expect(parsed.success).toBe(false);
    const withKeeping = consentSchema.parse({ recordKeeping: true });
    expect(withKeeping).toMatchObject({
      recordKeeping: true,
      citySharing: false,
      statistics: false,
      givenBy: 'self',
    });
  });

  it('refuses a declaration without consent to keep the record', () => {
    expect(issuesOf(declarationSchema, declaration({ consent: {} }))).toEqual([
      'consent.recordKeeping: validation.consent.recordKeeping',
    ]);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ consent: { recordKeeping: false, citySharing: true } }),
      ),
    ).toEqual(['consent.recordKeeping: validation.consent.recordKeeping']);
  });

  it('needs the name of the representative who consents for the resident', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          consent: { recordKeeping: true, givenBy: 'representative', representativeName: '  ' },
        }),
      ),
    ).toEqual(['consent.representativeName: validation.required']);
  });

  it('needs an amount from a current smoker', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({ riskFactors: { ...declaration().riskFactors, smoking: { status: '1' } } }),
      ),
    ).toEqual(['riskFactors.smoking.amount: validation.risk.amountRequired']);
  });

  it('refuses an amount from someone who does not drink', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          riskFactors: { ...declaration().riskFactors, alcohol: { status: '0', amount: 3 } },
        }),
      ),
    ).toEqual(['riskFactors.alcohol.amount: validation.risk.amountWithoutUse']);
  });

  it('accepts "quit" only from a former user who does not use now', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          riskFactors: { ...declaration().riskFactors, smoking: { status: '0', quit: true } },
        }),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          riskFactors: {
            ...declaration().riskFactors,
            smoking: { status: '2', amount: 10, quit: true },
          },
        }),
      ),
    ).toEqual(['riskFactors.smoking.quit: validation.risk.quitButUsing']);
  });

  it('has no "quit" for physical activity', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          riskFactors: {
            ...declaration().riskFactors,
            physicalActivity: { status: '0', quit: true },
          },
        }),
      ),
    ).toEqual(['riskFactors.physicalActivity.quit: validation.invalid']);
  });

  it('refuses an implausible amount (more than 200 cigarettes a day)', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          riskFactors: { ...declaration().riskFactors, smoking: { status: '1', amount: 201 } },
        }),
      ),
    ).toEqual(['riskFactors.smoking.amount: validation.max:200']);
  });

  it('refuses a vaccination date on a dose that was not given', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({ vaccinations: [{ vaccine: 'BCG', status: '0', date: '1985-05-01' }] }),
      ),
    ).toEqual(['vaccinations.0.date: validation.vaccination.dateWithoutDose']);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ vaccinations: [{ vaccine: 'BCG', status: '99', date: '1985-05-01' }] }),
      ),
    ).toEqual(['vaccinations.0.date: validation.vaccination.dateWithoutDose']);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ vaccinations: [{ vaccine: 'BCG', status: '1', date: '1985-05-01' }] }),
      ),
    ).toEqual([]);
  });

  it('refuses a vaccination dated in the future or on an impossible day', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          vaccinations: [{ vaccine: 'FLU', status: '1', date: daysFromTodayInVietnam(3) }],
        }),
      ),
    ).toEqual(['vaccinations.0.date: validation.dateInFuture']);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ vaccinations: [{ vaccine: 'FLU', status: '1', date: '2023-02-30' }] }),
      ),
    ).toEqual(['vaccinations.0.date: validation.date']);
  });

  it('needs the name of an "other" vaccine', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({ vaccinations: [{ vaccine: 'OTHER', status: '1' }] }),
      ),
    ).toEqual(['vaccinations.0.vaccineOther: validation.otherNeedsNote']);
  });

  it('needs a note for an "other" disease, in the own and the family history', () => {
    expect(issuesOf(declarationSchema, declaration({ diseases: [{ code: '15' }] }))).toEqual([
      'diseases.0.note: validation.otherNeedsNote',
    ]);
    expect(
      issuesOf(declarationSchema, declaration({ diseases: [{ code: '15', note: 'Gout' }] })),
    ).toEqual([]);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ familyHistory: [{ code: '15', relative: 'mother' }] }),
      ),
    ).toEqual(['familyHistory.0.note: validation.otherNeedsNote']);
    expect(issuesOf(declarationSchema, declaration({ diseases: [{ code: '2' }] }))).toEqual([]);
  });

  it('refuses the same disability twice', () => {
    expect(
      issuesOf(declarationSchema, declaration({ disabilities: [{ code: '1' }, { code: '1' }] })),
    ).toEqual(['disabilities: validation.repeatedCode']);
  });

  it('keeps reproductive totals consistent: outcomes within pregnancies, term split within births', () => {
    expect(
      issuesOf(
        declarationSchema,
        declaration({
          reproductive: { pregnancies: 3, miscarriages: 1, abortions: 0, births: 2, termBirths: 2 },
        }),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ reproductive: { pregnancies: 2, miscarriages: 1, births: 2 } }),
      ),
    ).toEqual(['reproductive.pregnancies: validation.reproductive.outcomes']);
    expect(
      issuesOf(
        declarationSchema,
        declaration({ reproductive: { births: 2, termBirths: 2, pretermBirths: 1 } }),
      ),
    ).toEqual(['reproductive.births: validation.reproductive.termSplit']);
  });

  it('refuses a negative or fractional count of pregnancies', () => {
    expect(issuesOf(declarationSchema, declaration({ reproductive: { pregnancies: -1 } }))[0]).toBe(
      'reproductive.pregnancies: validation.min:0',
    );
    expect(
      issuesOf(declarationSchema, declaration({ reproductive: { pregnancies: 1.5 } })),
    ).toEqual(['reproductive.pregnancies: validation.integer']);
  });

  it('refuses a birth weight outside 300–7000 g', () => {
    expect(issuesOf(declarationSchema, declaration({ birth: { birthWeightG: 200 } }))).toEqual([
      'birth.birthWeightG: validation.min:300',
    ]);
    expect(issuesOf(declarationSchema, declaration({ birth: { birthWeightG: 3200 } }))).toEqual([]);
  });

  it('refuses an allergy without its agent', () => {
    expect(
      issuesOf(declarationSchema, declaration({ allergies: [{ kind: '1', agent: '  ' }] })),
    ).toEqual(['allergies.0.agent: validation.required']);
  });
});
