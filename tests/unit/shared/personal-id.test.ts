import { describe, expect, it } from 'vitest';
import { checkPersonalId, PERSONAL_ID_PATTERN } from '../../../src-shared/domain/personal-id';
import { ID_PROVINCE_CODES } from '../../../src-shared/reference/id-province-codes';

const FEMALE = '2';
const MALE = '1';

describe('personal ID (số định danh cá nhân)', () => {
  it('accepts the ID of a woman registered in Ho Chi Minh City and born in 1985 (century digit 1)', () => {
    expect(checkPersonalId('079185001234', '1985-04-12', FEMALE)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('accepts a man born in 1900s with century digit 0', () => {
    expect(checkPersonalId('079060123456', '1960-01-01', MALE)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('accepts the ID of a boy born in 2003 in Hà Nội (century digit 2)', () => {
    expect(checkPersonalId('001203000123', '2003-07-01', MALE)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('accepts the ID of a girl born in 2019 (century digit 3)', () => {
    expect(checkPersonalId('079319004567', '2019-11-30', FEMALE)).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it('accepts a 2100s ID (century digits 4/5) for someone born in 2100', () => {
    expect(checkPersonalId('079400000001', '2100-01-01', MALE).errors).toEqual([]);
    expect(checkPersonalId('079500000001', '2100-01-01', FEMALE).errors).toEqual([]);
  });

  it('checks shape and prefix alone when the date of birth and sex are not known', () => {
    expect(checkPersonalId('079185001234')).toEqual({ errors: [], warnings: [] });
  });

  it('keeps every province code of the 63 pre-2025 provinces valid', () => {
    expect(Object.keys(ID_PROVINCE_CODES)).toHaveLength(63);
    for (const code of Object.keys(ID_PROVINCE_CODES)) {
      expect(checkPersonalId(`${code}185001234`, '1985-01-01', FEMALE).errors).toEqual([]);
    }
  });

  describe('refuses a number that cannot be a personal ID', () => {
    it.each([
      ['11 digits', '07918500123'],
      ['13 digits', '0791850012345'],
      ['a letter inside', '07918500123A'],
      ['spaces', '079 185 001234'],
      ['an empty string', ''],
      ['a 9-digit CMND', '023456789'],
    ])('%s', (_label, id) => {
      expect(checkPersonalId(id, '1985-04-12', FEMALE)).toEqual({
        errors: ['personalId.shape'],
        warnings: [],
      });
      expect(PERSONAL_ID_PATTERN.test(id)).toBe(false);
    });
  });

  it.each(['003', '100', '000', '063', '999'])(
    'refuses the unknown province-of-registration prefix %s',
    (prefix) => {
      expect(checkPersonalId(`${prefix}185001234`, '1985-04-12', FEMALE).errors).toEqual([
        'personalId.province',
      ]);
    },
  );

  it('refuses a 2000s century digit for someone born in 1985', () => {
    expect(checkPersonalId('079385001234', '1985-04-12', FEMALE).errors).toEqual([
      'personalId.century',
    ]);
  });

  it('refuses a 1900s century digit for a child born in 2003', () => {
    expect(checkPersonalId('001003000123', '2003-07-01', MALE).errors).toEqual([
      'personalId.century',
    ]);
  });

  it.each(['6', '7', '8', '9'])('refuses the century digit %s, which no one carries', (digit) => {
    expect(checkPersonalId(`079${digit}85001234`, '1985-04-12', FEMALE).errors).toContain(
      'personalId.century',
    );
    expect(checkPersonalId(`079${digit}85001234`).errors).toContain('personalId.century');
  });

  it('refuses birth-year digits that disagree with the date of birth', () => {
    expect(checkPersonalId('079186001234', '1985-04-12', FEMALE).errors).toEqual([
      'personalId.birthYear',
    ]);
    expect(checkPersonalId('001230000123', '2003-07-01', MALE).errors).toEqual([
      'personalId.birthYear',
    ]);
  });

  it('reads the year digits with a leading zero (born 2005 → 05)', () => {
    expect(checkPersonalId('079305001234', '2005-02-01', FEMALE).errors).toEqual([]);
    expect(checkPersonalId('079350001234', '2005-02-01', FEMALE).errors).toEqual([
      'personalId.birthYear',
    ]);
  });

  it('reports a wrong prefix and a wrong century together', () => {
    expect(checkPersonalId('100385001234', '1985-04-12', FEMALE).errors).toEqual([
      'personalId.province',
      'personalId.century',
    ]);
  });

  it('only warns when the sex digit disagrees with the recorded sex', () => {
    expect(checkPersonalId('079185001234', '1985-04-12', MALE)).toEqual({
      errors: [],
      warnings: ['personalId.sexMismatch'],
    });
    expect(checkPersonalId('001203000123', '2003-07-01', FEMALE)).toEqual({
      errors: [],
      warnings: ['personalId.sexMismatch'],
    });
  });

  it('has no check digit: changing any of the last 6 digits keeps a valid ID valid', () => {
    const valid = '079185001234';
    for (let position = 6; position < 12; position++) {
      for (let digit = 0; digit <= 9; digit++) {
        const changed = valid.slice(0, position) + String(digit) + valid.slice(position + 1);
        expect(checkPersonalId(changed, '1985-04-12', FEMALE), changed).toEqual({
          errors: [],
          warnings: [],
        });
      }
    }
  });
});
