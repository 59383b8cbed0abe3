import { describe, expect, it } from 'vitest';
import {
  lookupLms,
  roundZ,
  valueAtSd,
  zFromLms,
  zScore,
} from '../../../../src-shared/clinical/growth';

/** WHO's LMS formula, written out here independently of the engine. */
function lmsZ(x: number, l: number, m: number, s: number): number {
  return ((x / m) ** l - 1) / (l * s);
}
function sdK(l: number, m: number, s: number, k: number): number {
  return m * (1 + l * s * k) ** (1 / l);
}
function twoDecimals(z: number): number {
  return Math.round(z * 100) / 100;
}

describe('z-scores checked by hand against WHO’s rows', () => {
  it('a 10-year-old boy with BMI 19 (bfawho2007.txt: 1 120 -1.7407 16.4433 0.10566)', () => {
    const expected = twoDecimals(lmsZ(19, -1.7407, 16.4433, 0.10566));
    expect(expected).toBe(1.21);
    expect(zScore('bfa-2007', 1, 120, 19)).toBe(expected);
  });

  it('a 24-month girl weighing 11 kg (weianthro.txt: 2 731 -0.2942 11.4809 0.1239)', () => {
    // 24 months is 730.5 days; WHO anthro rounds half up, so the row is day 731.
    const expected = twoDecimals(lmsZ(11, -0.2942, 11.4809, 0.1239));
    expect(expected).toBe(-0.35);
    expect(zScore('wfa-2006', 2, 731, 11)).toBe(expected);
  });

  it('restrains weight above +3 SD by the 2–3 SD interval', () => {
    const [l, m, s] = [-0.2942, 11.4809, 0.1239];
    expect(lmsZ(18, l, m, s)).toBeGreaterThan(3);
    const sd3 = sdK(l, m, s, 3);
    const expected = twoDecimals(3 + (18 - sd3) / (sd3 - sdK(l, m, s, 2)));
    expect(expected).toBe(3.45);
    expect(zScore('wfa-2006', 2, 731, 18)).toBe(expected);
    // The unrestrained formula would have said 3.40: the adjustment changes the answer.
    expect(twoDecimals(lmsZ(18, l, m, s))).toBe(3.4);
  });

  it('restrains weight below −3 SD by the −2 to −3 SD interval', () => {
    const [l, m, s] = [-0.2942, 11.4809, 0.1239];
    const sd3neg = sdK(l, m, s, -3);
    const expected = twoDecimals(-3 + (7 - sd3neg) / (sdK(l, m, s, -2) - sd3neg));
    expect(expected).toBe(-4.1);
    expect(twoDecimals(lmsZ(7, l, m, s))).toBe(-4.3);
    expect(zScore('wfa-2006', 2, 731, 7)).toBe(expected);
  });

  it('does not restrain height-for-age beyond −3 (hfawho2007.txt: 1 120 1 137.7795 0.04626)', () => {
    expect(zScore('hfa-2007', 1, 120, 115)).toBe(twoDecimals((115 / 137.7795 - 1) / 0.04626));
    expect(zScore('hfa-2007', 1, 120, 115)).toBe(-3.57);
  });

  it('computes SDk as M·(1 + L·S·k)^(1/L)', () => {
    const lms = { l: -1.7407, m: 16.4433, s: 0.10566 };
    expect(valueAtSd(lms, 2)).toBeCloseTo(sdK(-1.7407, 16.4433, 0.10566, 2), 12);
    expect(zFromLms(lms, valueAtSd(lms, 2), true)).toBeCloseTo(2, 12);
    expect(zFromLms(lms, valueAtSd(lms, -3), true)).toBeCloseTo(-3, 12);
  });
});

describe('exact age in months between WHO 2007 rows', () => {
  it('uses the table row itself on a whole month (4383 days = 144 months)', () => {
    expect(4383 / 30.4375).toBe(144);
    // bfawho2007.txt: 1 144 -1.7751 17.5334 0.11522
    expect(lookupLms('bfa-2007', 1, 4383 / 30.4375)).toEqual({
      l: -1.7751,
      m: 17.5334,
      s: 0.11522,
    });
  });

  it('interpolates L, M and S linearly in between (3667 days = 120.476 months)', () => {
    const months = 3667 / 30.4375;
    const f = months - 120;
    // Rows 120 and 121 of bfawho2007.txt for boys.
    const l = -1.7407 + f * (-1.7468 - -1.7407);
    const m = 16.4433 + f * (16.4807 - 16.4433);
    const s = 0.10566 + f * (0.10609 - 0.10566);
    const lms = lookupLms('bfa-2007', 1, months);
    expect(lms?.l).toBeCloseTo(l, 12);
    expect(lms?.m).toBeCloseTo(m, 12);
    expect(lms?.s).toBeCloseTo(s, 12);
    expect(zScore('bfa-2007', 1, months, 19)).toBe(twoDecimals(lmsZ(19, l, m, s)));
    expect(zScore('bfa-2007', 1, months, 19)).not.toBe(zScore('bfa-2007', 1, 120, 19));
  });

  it('reproduces WHO AnthroPlus’s own test results for two girls aged about 60 months', () => {
    // anthroplus tests/testthat/test-zscores.R, "computes correct value for age ~ 60 months"
    const cases = [
      { months: 60.32, height: 113.8, weight: 18.7, wfa: 0.21, bfa: -0.58, hfa: 0.96 },
      { months: 60.911701, height: 113.6, weight: 20.5, wfa: 0.79, bfa: 0.42, hfa: 0.85 },
    ];
    for (const c of cases) {
      const bmi = c.weight / (c.height / 100) ** 2;
      expect(zScore('wfa-2007', 2, c.months, c.weight)).toBe(c.wfa);
      expect(zScore('bfa-2007', 2, c.months, bmi)).toBe(c.bfa);
      expect(zScore('hfa-2007', 2, c.months, c.height)).toBe(c.hfa);
    }
    // And to three decimals, as that test also checks.
    const wfa = lookupLms('wfa-2007', 2, 60.32);
    expect(wfa === null ? null : Math.round(zFromLms(wfa, 18.7, true) * 1000) / 1000).toBe(0.212);
  });

  it('interpolates weight-for-length between 0.1-cm rows as WHO anthro does', () => {
    // wflanthro.txt boys: 80 → M 10.4475, S 0.08308; 80.1 → read from the table.
    const low = lookupLms('wfl-2006', 1, 80);
    const high = lookupLms('wfl-2006', 1, 80.1);
    const mid = lookupLms('wfl-2006', 1, 80.05);
    expect(low?.m).toBe(10.4475);
    expect(mid?.m).toBeCloseTo(((low?.m ?? 0) + (high?.m ?? 0)) / 2, 12);
  });
});

describe('rounding to two decimals', () => {
  it.each([
    [1.234, 1.23],
    [1.2351, 1.24],
    [-2.346, -2.35],
    [-2.004, -2],
    [-1.996, -2],
    [2.999, 3],
  ])('%d → %d', (z, rounded) => {
    expect(roundZ(z)).toBe(rounded);
  });

  it('never reports −0', () => {
    expect(Object.is(roundZ(-0.001), 0)).toBe(true);
  });

  it('refuses measurements that are not positive numbers', () => {
    expect(zScore('wfa-2006', 1, 100, 0)).toBeNull();
    expect(zScore('wfa-2006', 1, 100, -3)).toBeNull();
    expect(zScore('wfa-2006', 1, 100, Number.NaN)).toBeNull();
    expect(zScore('wfa-2006', 1, 100, Number.POSITIVE_INFINITY)).toBeNull();
  });
});
