import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BHYT_PATTERN,
  classifyQuery,
  CMND_PATTERN,
  makeTemporaryId,
  normalisePhone,
  PHONE_PATTERN,
  socialInsuranceNumber,
  TEMPORARY_ID_PATTERN,
} from '../../../src-shared/domain/identifiers';
import { PERSONAL_ID_PATTERN } from '../../../src-shared/domain/personal-id';
import { residentInputSchema } from '../../../src-shared/schemas/resident';

describe('health-insurance (BHYT) card number', () => {
  it('accepts GD4797912345678: group GD, benefit level 4, province 79, 10 digits', () => {
    expect(BHYT_PATTERN.test('GD4797912345678')).toBe(true);
  });

  it.each(['1', '2', '3', '4', '5'])('accepts benefit level %s', (level) => {
    expect(BHYT_PATTERN.test(`HT${level}797912345678`)).toBe(true);
  });

  it.each([
    ['benefit level 6', 'GD6797912345678'],
    ['benefit level 0', 'GD0797912345678'],
    ['lowercase group letters (the form upper-cases first)', 'gd4797912345678'],
    ['one digit short', 'GD479791234567'],
    ['one digit too many', 'GD47979123456789'],
    ['three letters', 'GDX797912345678'],
    ['a personal ID', '079185001234'],
  ])('refuses %s', (_label, value) => {
    expect(BHYT_PATTERN.test(value)).toBe(false);
  });

  it('takes the 10-digit social-insurance number from the end of the card', () => {
    expect(socialInsuranceNumber('GD4797912345678')).toBe('7912345678');
  });
});

describe('BHYT as the registration form takes it', () => {
  const base = {
    fullName: 'Nguyễn Thị Ánh',
    sex: '2',
    birthDate: '1985-04-12',
    currentAddress: { communeCode: '26911' },
  } as const;

  it('upper-cases a card typed in lowercase and drops its spaces', () => {
    const parsed = residentInputSchema.parse({ ...base, bhyt: 'gd 4 79 7912345678' });
    expect(parsed.bhyt).toBe('GD4797912345678');
  });

  it('still refuses a lowercase card with benefit level 6', () => {
    const result = residentInputSchema.safeParse({ ...base, bhyt: 'gd6797912345678' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('validation.bhyt');
  });
});

describe('old identity card (CMND)', () => {
  it('has exactly 9 digits', () => {
    expect(CMND_PATTERN.test('023456789')).toBe(true);
    expect(CMND_PATTERN.test('02345678')).toBe(false);
    expect(CMND_PATTERN.test('0234567890')).toBe(false);
    expect(CMND_PATTERN.test('02345678A')).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each([
    ['+84 90 312 3456', '0903123456'],
    ['+84903123456', '0903123456'],
    ['84903123456', '0903123456'],
    ['090.312.3456', '0903123456'],
    ['(028) 3899-1234', '02838991234'],
    ['0903 123 456', '0903123456'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
    expect(PHONE_PATTERN.test(normalisePhone(raw))).toBe(true);
  });

  it('refuses numbers that are too short or lack the leading zero', () => {
    expect(PHONE_PATTERN.test(normalisePhone('090312345'))).toBe(false);
    expect(PHONE_PATTERN.test(normalisePhone('903123456'))).toBe(false);
  });
});

describe('temporary code for a person without papers', () => {
  it('never looks like a 12-digit personal ID, whatever the random bytes', () => {
    for (let i = 0; i < 2000; i++) {
      const id = makeTemporaryId('79123', randomBytes(5));
      expect(id).toMatch(TEMPORARY_ID_PATTERN);
      expect(PERSONAL_ID_PATTERN.test(id)).toBe(false);
      expect(id).not.toMatch(/^\d{12}$/);
    }
  });

  it('stays well-formed for the extreme byte values', () => {
    for (const bytes of [
      new Uint8Array([0, 0, 0, 0, 0]),
      new Uint8Array([255, 255, 255, 255, 255]),
      new Uint8Array([1, 2, 3, 4, 5, 6, 7]),
    ]) {
      expect(makeTemporaryId('79123', bytes)).toMatch(TEMPORARY_ID_PATTERN);
    }
    expect(makeTemporaryId('79123', new Uint8Array(5))).toBe('TAM-79123-00000000');
    expect(makeTemporaryId('79123', new Uint8Array([255, 255, 255, 255, 255]))).toBe(
      'TAM-79123-ZZZZZZZZ',
    );
  });

  it('uses Crockford base-32, without the easily confused letters I, L, O and U', () => {
    for (let i = 0; i < 500; i++) {
      const code = makeTemporaryId('79123', randomBytes(5)).slice('TAM-79123-'.length);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('differs for different random bytes (40 bits are all used)', () => {
    const seen = new Set<string>();
    for (let byte = 0; byte < 256; byte++) {
      seen.add(makeTemporaryId('79123', new Uint8Array([byte, 0, 0, 0, 0])));
      seen.add(makeTemporaryId('79123', new Uint8Array([0, 0, 0, 0, byte])));
    }
    expect(seen.size).toBe(511);
  });
});

describe('what a search query is', () => {
  it.each([
    ['079185001234', 'identifier'],
    ['079185', 'identifier'],
    ['0903123456', 'identifier'],
    ['+84 90 312 3456', 'identifier'],
    ['090.312.3456', 'identifier'],
    ['GD4797912345678', 'identifier'],
    ['gd479', 'identifier'],
    ['023456789', 'identifier'],
    ['nguyen thi anh', 'name'],
    ['Nguyễn Thị Ánh', 'name'],
    ['anh', 'name'],
    ['Lê 2', 'name'],
  ] as const)('%s is looked up by %s', (query, kind) => {
    expect(classifyQuery(query)).toBe(kind);
  });

  it('searches a temporary code TAM-79123-0ABC1234 as an identifier', () => {
    expect(classifyQuery('TAM-79123-0ABC1234')).toBe('identifier');
    expect(classifyQuery('tam-79123-0abc1234')).toBe('identifier');
  });
});
