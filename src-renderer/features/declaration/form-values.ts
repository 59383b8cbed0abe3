import type { z } from 'zod';
import type {
  ALLERGY_KINDS,
  DISEASE_CODES,
  RELATIVES,
  VACCINES,
} from '../../../src-shared/reference/declaration-codes';
import type { declarationSchema } from '../../../src-shared/schemas/declaration';

/** What the form holds while she types (raw), and what the schema makes of it on submit. */
export type DeclarationFormValues = z.input<typeof declarationSchema>;
export type DeclarationValues = z.output<typeof declarationSchema>;

type Row<K extends 'allergies' | 'diseases' | 'surgeries' | 'familyHistory' | 'vaccinations'> =
  NonNullable<DeclarationFormValues[K]>[number];
export type ReproductiveValues = NonNullable<DeclarationValues['reproductive']>;

/**
 * A new row starts with an empty choice where a wrong default would be silently recorded
 * (which vaccine, which disease); the schema then asks for a choice. Allergy rows start at
 * "drug", by far the most frequent kind, so the agent can be typed straight away.
 */
const unchosen = <T extends string>(): T => '' as T;

export const newAllergy = (): Row<'allergies'> => ({
  kind: '1' satisfies (typeof ALLERGY_KINDS)[number],
  agent: '',
  description: '',
});
export const newDisease = (): Row<'diseases'> => ({
  code: unchosen<(typeof DISEASE_CODES)[number]>(),
  note: '',
});
export const newSurgery = (): Row<'surgeries'> => ({ description: '', year: null, note: '' });
export const newFamilyHistory = (): Row<'familyHistory'> => ({
  code: unchosen<(typeof DISEASE_CODES)[number]>(),
  relative: unchosen<(typeof RELATIVES)[number]>(),
  note: '',
});
/** Most rows copied from a vaccination booklet are doses that were given. */
export const newVaccination = (): Row<'vaccinations'> => ({
  vaccine: unchosen<(typeof VACCINES)[number]>(),
  vaccineOther: '',
  dose: null,
  status: '1',
  date: '',
  reaction: '',
  nextAppointment: '',
});

/** The figures of "Sức khỏe sinh sản", in the paper form's order. */
export const REPRODUCTIVE_COUNTS = [
  'pregnancies',
  'miscarriages',
  'abortions',
  'births',
  'termBirths',
  'pretermBirths',
  'livingChildren',
] as const;

export const emptyReproductive = (): ReproductiveValues => ({
  contraception: '',
  pregnancies: null,
  miscarriages: null,
  abortions: null,
  births: null,
  termBirths: null,
  pretermBirths: null,
  livingChildren: null,
  gynaecologicalConditions: '',
});

const noRisk = () => ({ status: '0' as const, amount: null, quit: false });

/**
 * A first declaration. Consent is never pre-ticked (Law 91/2025, Decree 356/2025): each
 * purpose is ticked only after the resident has been asked.
 */
export function emptyDeclaration(): DeclarationValues {
  return {
    birth: {
      delivery: 'unknown',
      preterm: 'unknown',
      asphyxia: 'unknown',
      birthWeightG: null,
      birthLengthCm: null,
      congenitalDefects: '',
    },
    riskFactors: {
      smoking: noRisk(),
      alcohol: noRisk(),
      drugs: noRisk(),
      physicalActivity: noRisk(),
      occupationalExposure: '',
      exposureYears: null,
      latrine: '',
    },
    disabilities: [],
    allergies: [],
    diseases: [],
    surgeries: [],
    familyHistory: [],
    reproductive: null,
    vaccinations: [],
    consent: {
      recordKeeping: false,
      citySharing: false,
      statistics: false,
      givenBy: 'self',
      representativeName: '',
      representativeRelationship: '',
    },
  };
}

type Loose = Record<string, unknown>;
const isRecord = (v: unknown): v is Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Loose => (isRecord(v) ? v : {});
const rows = <T>(v: unknown, make: () => T): T[] =>
  Array.isArray(v) ? v.filter(isRecord).map((r) => ({ ...make(), ...r }) as T) : [];

/**
 * Completes a saved draft or version to the full shape the form renders, so a draft kept
 * by an older build (a field added since) still opens with every control bound to a value.
 */
export function toFormValues(data: unknown): DeclarationFormValues {
  const base = emptyDeclaration();
  if (!isRecord(data)) return base;
  const rf = obj(data.riskFactors);
  const risk = (key: 'smoking' | 'alcohol' | 'drugs' | 'physicalActivity') => ({
    ...base.riskFactors[key],
    ...obj(rf[key]),
  });
  return {
    birth: { ...base.birth, ...obj(data.birth) },
    riskFactors: {
      ...base.riskFactors,
      ...rf,
      smoking: risk('smoking'),
      alcohol: risk('alcohol'),
      drugs: risk('drugs'),
      physicalActivity: risk('physicalActivity'),
    },
    disabilities: rows(data.disabilities, () => ({ code: '7' as const, note: '' })),
    allergies: rows(data.allergies, newAllergy),
    diseases: rows(data.diseases, newDisease),
    surgeries: rows(data.surgeries, newSurgery),
    familyHistory: rows(data.familyHistory, newFamilyHistory),
    reproductive: isRecord(data.reproductive)
      ? { ...emptyReproductive(), ...data.reproductive }
      : null,
    vaccinations: rows(data.vaccinations, newVaccination),
    consent: { ...base.consent, ...obj(data.consent) },
  } as DeclarationFormValues;
}
