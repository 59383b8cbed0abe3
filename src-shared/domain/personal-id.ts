import { ID_PROVINCE_CODES } from '../reference/id-province-codes';

/**
 * The 12-digit personal ID (số định danh cá nhân): province code (3) + century/sex digit (1)
 * + last two digits of the birth year (2) + 6 random digits. There is no check digit and none
 * is invented here (domain guide, "Identifiers").
 *
 * Century/sex digit: 0/1 = male/female born 1900–1999, 2/3 = 2000–2099, 4/5 = 2100–2199.
 */
export type PersonalIdProblem =
  'personalId.shape' | 'personalId.province' | 'personalId.century' | 'personalId.birthYear';

export type PersonalIdWarning = 'personalId.sexMismatch';

export interface PersonalIdCheck {
  /** Blocking problems: the number cannot belong to this person. */
  errors: PersonalIdProblem[];
  /** Worth a second look, never blocking: the sex digit disagrees with the recorded sex. */
  warnings: PersonalIdWarning[];
}

export const PERSONAL_ID_PATTERN = /^\d{12}$/;

const CENTURY_DIGITS: Readonly<Record<string, { century: number; sex: '1' | '2' }>> = {
  '0': { century: 1900, sex: '1' },
  '1': { century: 1900, sex: '2' },
  '2': { century: 2000, sex: '1' },
  '3': { century: 2000, sex: '2' },
  '4': { century: 2100, sex: '1' },
  '5': { century: 2100, sex: '2' },
};

/**
 * @param birthDate ISO date of birth, when known, to check the century and year digits.
 * @param sex '1' male / '2' female (QĐ 831 codes), when known, to warn on a parity mismatch.
 */
export function checkPersonalId(id: string, birthDate?: string, sex?: string): PersonalIdCheck {
  const errors: PersonalIdProblem[] = [];
  const warnings: PersonalIdWarning[] = [];
  if (!PERSONAL_ID_PATTERN.test(id)) return { errors: ['personalId.shape'], warnings };
  if (!(id.slice(0, 3) in ID_PROVINCE_CODES)) errors.push('personalId.province');
  const centuryDigit = CENTURY_DIGITS[id[3] as string];
  if (!centuryDigit) {
    errors.push('personalId.century');
    return { errors, warnings };
  }
  const birthYear = birthDate ? Number(birthDate.slice(0, 4)) : undefined;
  if (birthYear !== undefined && Number.isFinite(birthYear)) {
    if (Math.floor(birthYear / 100) * 100 !== centuryDigit.century)
      errors.push('personalId.century');
    else if (id.slice(4, 6) !== String(birthYear % 100).padStart(2, '0'))
      errors.push('personalId.birthYear');
  }
  if (sex && (sex === '1' || sex === '2') && sex !== centuryDigit.sex) {
    warnings.push('personalId.sexMismatch');
  }
  return { errors, warnings };
}
