import { describe, expect, it } from 'vitest';
import {
  ageInYears,
  formatInstantInVietnam,
  formatIsoDate,
  isValidIsoDate,
  parseDisplayDate,
  todayInVietnam,
} from '../../../src-shared/domain/dates';

describe('calendar dates', () => {
  it('knows 29 February exists in leap years only', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
  });

  it.each([
    '2023-02-30',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-1-5',
    '05/03/1990',
    '',
    '2023-01-01T00:00',
  ])('refuses %j as a date', (value) => {
    expect(isValidIsoDate(value)).toBe(false);
  });

  it('accepts the last day of every month', () => {
    for (const d of ['2023-01-31', '2023-04-30', '2023-12-31', '1900-01-01']) {
      expect(isValidIsoDate(d)).toBe(true);
    }
  });
});

describe('dates as Vietnamese users type them (dd/MM/yyyy)', () => {
  it.each([
    ['05/03/1990', '1990-03-05'],
    ['5/3/1990', '1990-03-05'],
    ['05031990', '1990-03-05'],
    ['05-03-1990', '1990-03-05'],
    ['05.03.1990', '1990-03-05'],
    [' 29/02/2024 ', '2024-02-29'],
  ])('reads %j as %s (day first)', (typed, iso) => {
    expect(parseDisplayDate(typed)).toBe(iso);
  });

  it.each([
    '31/02/2020',
    '29/02/2023',
    '32/01/2020',
    '1990-03-05',
    '5/3/90',
    '',
    'hôm nay',
    '0503199',
  ])('refuses %j', (typed) => {
    expect(parseDisplayDate(typed)).toBeNull();
  });

  it('shows an ISO date as dd/MM/yyyy', () => {
    expect(formatIsoDate('1990-03-05')).toBe('05/03/1990');
    expect(formatIsoDate('')).toBe('');
    expect(formatIsoDate(null)).toBe('');
    expect(formatIsoDate(undefined)).toBe('');
  });

  it('shows a date and reads it back unchanged', () => {
    for (const iso of ['1985-04-12', '2024-02-29', '2003-12-31']) {
      expect(parseDisplayDate(formatIsoDate(iso))).toBe(iso);
    }
  });
});

describe('instants shown in Vietnam time (UTC+7)', () => {
  it('shows 2026-01-01T17:30:00Z as 02/01/2026 00:30', () => {
    expect(formatInstantInVietnam('2026-01-01T17:30:00Z')).toBe('02/01/2026 00:30');
  });

  it('shows noon UTC as 19:00 the same day', () => {
    expect(formatInstantInVietnam('2025-07-01T12:00:00.000Z')).toBe('01/07/2025 19:00');
  });

  it('shows nothing for a missing or broken instant', () => {
    expect(formatInstantInVietnam(null)).toBe('');
    expect(formatInstantInVietnam('')).toBe('');
    expect(formatInstantInVietnam('not a date')).toBe('');
  });

  it('turns the day at 17:00 UTC, Vietnam midnight, whatever the machine zone', () => {
    expect(todayInVietnam(new Date('2026-01-01T16:59:59Z'))).toBe('2026-01-01');
    expect(todayInVietnam(new Date('2026-01-01T17:00:00Z'))).toBe('2026-01-02');
    expect(todayInVietnam(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInVietnam(new Date('2024-02-28T17:00:00Z'))).toBe('2024-02-29');
  });
});

describe('age in completed years', () => {
  it('counts a birthday only once it is reached', () => {
    expect(ageInYears('1985-04-12', '2026-04-11')).toBe(40);
    expect(ageInYears('1985-04-12', '2026-04-12')).toBe(41);
    expect(ageInYears('1985-04-12', '2026-12-31')).toBe(41);
  });

  it('is 0 on the day of birth and the day before the first birthday', () => {
    expect(ageInYears('2025-06-15', '2025-06-15')).toBe(0);
    expect(ageInYears('2025-06-15', '2026-06-14')).toBe(0);
    expect(ageInYears('2025-06-15', '2026-06-15')).toBe(1);
  });

  it('makes someone born on 29 February one year older on 1 March', () => {
    expect(ageInYears('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageInYears('2000-02-29', '2001-03-01')).toBe(1);
  });

  it('finds the 60th birthday that makes a resident eligible for elderly screening', () => {
    expect(ageInYears('1966-03-02', '2026-03-01')).toBe(59);
    expect(ageInYears('1966-03-02', '2026-03-02')).toBe(60);
  });
});
