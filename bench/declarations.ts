import type { Declaration } from '../src-shared/schemas/declaration';
import type { Person } from './population';
import type { Prng } from './prng';

const DAY_MS = 86_400_000;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

const DRUG_ALLERGENS = ['Penicillin', 'Amoxicillin', 'Aspirin', 'Sulfamid', 'Cephalexin'];
const FOOD_ALLERGENS = ['Tôm', 'Cua', 'Đậu phộng', 'Hải sản', 'Sữa bò', 'Trứng'];
const OTHER_ALLERGENS = ['Phấn hoa', 'Bụi nhà', 'Lông mèo'];

/**
 * A realistic, valid QĐ 831 declaration for this person: risk factors, two allergies,
 * three vaccination doses after birth and not in the future, a condition or two for older
 * people, reproductive history for adult women, and consent (by a parent for children).
 * Returned in its complete (parsed) shape, which is also a valid input.
 */
export function makeDeclaration(rng: Prng, p: Person, today: string): Declaration {
  const birthYear = Number(p.birthDate.slice(0, 4));
  const age = Number(today.slice(0, 4)) - birthYear;
  const adult = age >= 18;
  const yesterday = addDays(today, -1);

  const risk = (max: number, withQuit: boolean, pUse: number) => {
    if (!adult || !rng.chance(pUse)) {
      return { status: '0' as const, amount: null, quit: withQuit && adult && rng.chance(0.1) };
    }
    return { status: rng.pick(['1', '2'] as const), amount: rng.int(1, max), quit: false };
  };

  const vaccinations: Declaration['vaccinations'] =
    birthYear <= 2015
      ? ['2021-08-14', '2021-10-02', '2022-03-19'].map((date, i) => ({
          vaccine: 'COVID19' as const,
          vaccineOther: '',
          dose: i + 1,
          status: '1' as const,
          date: date < p.birthDate ? p.birthDate : date,
          reaction: i === 1 && rng.chance(0.3) ? 'Sốt nhẹ, đau chỗ tiêm' : '',
          nextAppointment: '',
        }))
      : [60, 90, 120].map((days, i) => {
          const date = minIso(addDays(p.birthDate, days), yesterday);
          return {
            vaccine: 'DTP_HEPB_HIB' as const,
            vaccineOther: '',
            dose: i + 1,
            status: '1' as const,
            date,
            reaction: '',
            nextAppointment: i === 2 ? addDays(p.birthDate, 270) : '',
          };
        });

  const diseases: Declaration['diseases'] = [];
  if (age >= 45 && rng.chance(0.35)) diseases.push({ code: '2', note: '' });
  if (age >= 45 && rng.chance(0.15)) diseases.push({ code: '3', note: '' });
  if (rng.chance(0.08)) diseases.push({ code: '4', note: '' });

  const surgeries: Declaration['surgeries'] =
    adult && rng.chance(0.15)
      ? [
          {
            description: 'Mổ ruột thừa',
            year: rng.int(birthYear + 10, Number(today.slice(0, 4))),
            note: '',
          },
        ]
      : [];

  const reproductive: Declaration['reproductive'] =
    p.sex === '2' && age >= 18
      ? (() => {
          const births = rng.int(0, 3);
          const miscarriages = rng.int(0, 1);
          return {
            contraception: births > 0 && age < 50 ? 'Vòng tránh thai' : '',
            pregnancies: births + miscarriages,
            miscarriages,
            abortions: 0,
            births,
            termBirths: births,
            pretermBirths: 0,
            livingChildren: births,
            gynaecologicalConditions: '',
          };
        })()
      : null;

  const child = age < 16;
  return {
    birth: {
      delivery: child ? rng.pick(['vaginal', 'caesarean'] as const) : 'unknown',
      preterm: child ? 'no' : 'unknown',
      asphyxia: child ? 'no' : 'unknown',
      birthWeightG: child ? rng.int(2600, 3900) : null,
      birthLengthCm: child ? rng.int(47, 53) : null,
      congenitalDefects: '',
    },
    riskFactors: {
      smoking: risk(30, true, p.sex === '1' ? 0.4 : 0.03),
      alcohol: risk(10, true, p.sex === '1' ? 0.5 : 0.1),
      drugs: { status: '0', amount: null, quit: false },
      physicalActivity: rng.chance(0.6)
        ? { status: rng.pick(['1', '2'] as const), amount: rng.int(30, 600), quit: false }
        : { status: '0', amount: null, quit: false },
      occupationalExposure: adult && rng.chance(0.1) ? 'Bụi, tiếng ồn' : '',
      exposureYears: null,
      latrine: rng.pick(['septic', 'septic', 'septic', 'semi_septic'] as const),
    },
    disabilities: [],
    allergies: [
      { kind: '1', agent: rng.pick(DRUG_ALLERGENS), description: 'Nổi mẩn đỏ, ngứa' },
      rng.chance(0.7)
        ? { kind: '3', agent: rng.pick(FOOD_ALLERGENS), description: 'Ngứa, nổi mề đay' }
        : { kind: '4', agent: rng.pick(OTHER_ALLERGENS), description: 'Hắt hơi' },
    ],
    diseases,
    surgeries,
    familyHistory: rng.chance(0.3) ? [{ code: '2', relative: 'father', note: '' }] : [],
    reproductive,
    vaccinations,
    consent: {
      recordKeeping: true,
      citySharing: rng.chance(0.8),
      statistics: rng.chance(0.7),
      givenBy: child ? 'representative' : 'self',
      representativeName: child ? 'Nguyễn Văn Bình' : '',
      representativeRelationship: child ? 'Cha' : '',
    },
  };
}
