import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GROWTH_TABLES,
  lastIndex,
  lookupLms,
  type GrowthTableId,
  type Sex,
} from '../../../../src-shared/clinical/growth';

// WHO's tables live beside the repository (../shared/reference/who-growth), not in it.
const REPO_ROOT = resolve(__dirname, '../../../..');
const WHO_TABLES_DIR = resolve(REPO_ROOT, '..', 'shared', 'reference', 'who-growth');
const present =
  existsSync(join(REPO_ROOT, 'package.json')) &&
  existsSync(join(WHO_TABLES_DIR, GROWTH_TABLES['wfa-2006'].file));

if (!present) {
  console.warn(
    `WHO growth tables not found at ${WHO_TABLES_DIR}: skipping the row-by-row comparison of ` +
      'the shipped L, M, S figures with WHO’s. CI always has ../shared; a plain clone may not.',
  );
}

interface WhoRow {
  sex: Sex;
  index: number;
  l: string;
  m: string;
  s: string;
}

function readWhoTable(file: string): WhoRow[] {
  const [header, ...lines] = readFileSync(join(WHO_TABLES_DIR, file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const columns = (header as string).split('\t').map((c) => c.trim().toLowerCase());
  const at = (name: string): number => columns.indexOf(name);
  const indexAt = columns.findIndex((c) => ['age', 'length', 'height'].includes(c));
  return lines.map((line) => {
    const cells = line.split('\t').map((c) => c.trim());
    return {
      sex: Number(cells[at('sex')]) as Sex,
      index: Number(cells[indexAt]),
      l: cells[at('l')] as string,
      m: cells[at('m')] as string,
      s: cells[at('s')] as string,
    };
  });
}

describe.skipIf(!present)('the shipped WHO figures equal WHO’s tables', () => {
  it.each(Object.keys(GROWTH_TABLES) as GrowthTableId[])(
    '%s: every row of WHO’s file gives back its L, M and S exactly',
    (tableId) => {
      const table = GROWTH_TABLES[tableId];
      const rows = readWhoTable(table.file);
      const mismatches = rows.filter((row) => {
        const lms = lookupLms(tableId, row.sex, row.index);
        return (
          lms === null ||
          lms.l !== Number(row.l) ||
          lms.m !== Number(row.m) ||
          lms.s !== Number(row.s)
        );
      });
      expect(mismatches).toEqual([]);
      expect(rows).toHaveLength(table.count * 2);
      expect(Math.max(...rows.map((r) => r.index))).toBe(lastIndex(table));
    },
  );
});

describe('the shipped WHO tables', () => {
  it('cover the ranges WHO publishes', () => {
    const ranges = Object.fromEntries(
      Object.values(GROWTH_TABLES).map((t) => [t.id, [t.start, lastIndex(t), t.step]]),
    );
    expect(ranges).toEqual({
      'wfa-2006': [0, 1826, 1],
      'lhfa-2006': [0, 1826, 1],
      'bmi-2006': [0, 1826, 1],
      'wfl-2006': [45, 110, 0.1],
      'wfh-2006': [65, 120, 0.1],
      'bfa-2007': [60, 229, 1],
      'hfa-2007': [60, 229, 1],
      'wfa-2007': [60, 121, 1],
    });
  });

  it('give WHO’s figures for a newborn boy and the last row of weight-for-height', () => {
    // weianthro.txt "1 0 0.3487 3.3464 0.14602"; wfhanthro.txt "2 120 -0.3833 22.8173 0.09828"
    expect(lookupLms('wfa-2006', 1, 0)).toEqual({ l: 0.3487, m: 3.3464, s: 0.14602 });
    expect(lookupLms('wfh-2006', 2, 120)).toEqual({ l: -0.3833, m: 22.8173, s: 0.09828 });
  });

  it('have nothing outside their range', () => {
    expect(lookupLms('wfa-2006', 1, 1827)).toBeNull();
    expect(lookupLms('wfa-2006', 1, -1)).toBeNull();
    expect(lookupLms('wfl-2006', 1, 44.9)).toBeNull();
    expect(lookupLms('wfh-2006', 2, 120.1)).toBeNull();
    expect(lookupLms('bfa-2007', 2, 229.5)).toBeNull();
    expect(lookupLms('hfa-2007', 1, Number.NaN)).toBeNull();
  });
});
