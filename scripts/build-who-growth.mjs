// Regenerates resources/reference/who-growth/who-growth.json, the WHO growth figures the app
// computes z-scores with, from WHO's own tables (the anthro and anthroplus repositories'
// data-raw/growthstandards files, copied read-only into ../shared/reference/who-growth).
//
//   node scripts/build-who-growth.mjs [source-folder]
//
// Each table is kept per sex as a start, a step and flat L, M, S arrays. The numbers are
// written as JSON numbers parsed from WHO's text, so each one reads back as exactly the value
// WHO printed (JSON keeps the shortest form: "0.08390" becomes 0.0839, the same number).
// The script refuses to write when a table has a gap, an uneven step, or a length/height
// column that disagrees with the convention the engine relies on.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.argv[2] ?? join(root, '..', 'shared', 'reference', 'who-growth'));
const target = join(root, 'resources', 'reference', 'who-growth', 'who-growth.json');

// WHO anthro measures recumbent length below 731 days and standing height from 731 days; the
// age-indexed 2006 tables with a `loh` column must say so row by row.
const LENGTH_HEIGHT_SWITCH_DAY = 731;

const tables = [
  { id: 'wfa-2006', file: 'weianthro.txt', step: 1 },
  { id: 'lhfa-2006', file: 'lenanthro.txt', step: 1, loh: 'by-age' },
  { id: 'bmi-2006', file: 'bmianthro.txt', step: 1, loh: 'by-age' },
  { id: 'wfl-2006', file: 'wflanthro.txt', step: 0.1, loh: 'L' },
  { id: 'wfh-2006', file: 'wfhanthro.txt', step: 0.1, loh: 'H' },
  { id: 'bfa-2007', file: 'bfawho2007.txt', step: 1 },
  { id: 'hfa-2007', file: 'hfawho2007.txt', step: 1 },
  { id: 'wfa-2007', file: 'wfawho2007.txt', step: 1 },
];

function fail(message) {
  throw new Error(`${message}; refusing to write ${target}`);
}

function readTable({ id, file, step, loh }) {
  const text = readFileSync(join(source, file), 'utf8');
  const [header, ...lines] = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const columns = header.split('\t').map((c) => c.trim().toLowerCase());
  const col = (name) => {
    const at = columns.indexOf(name);
    if (at < 0) fail(`${file}: no column "${name}" in ${columns.join(', ')}`);
    return at;
  };
  const [sexAt, lAt, mAt, sAt] = [col('sex'), col('l'), col('m'), col('s')];
  const indexAt = columns.findIndex((c) => c === 'age' || c === 'length' || c === 'height');
  if (indexAt < 0) fail(`${file}: no age, length or height column`);
  const lohAt = loh ? columns.findIndex((c) => c === 'loh' || c === 'lorh') : -1;
  if (loh && lohAt < 0) fail(`${file}: no loh/lorh column`);

  const bySex = { 1: [], 2: [] };
  for (const line of lines) {
    const cells = line.split('\t').map((c) => c.trim());
    const sex = cells[sexAt];
    if (sex !== '1' && sex !== '2') fail(`${file}: sex "${sex}"`);
    const row = {
      index: Number(cells[indexAt]),
      l: Number(cells[lAt]),
      m: Number(cells[mAt]),
      s: Number(cells[sAt]),
      loh: lohAt >= 0 ? cells[lohAt] : undefined,
    };
    if (![row.index, row.l, row.m, row.s].every(Number.isFinite)) fail(`${file}: "${line}"`);
    bySex[sex].push(row);
  }

  const sexes = [];
  let start;
  for (const sex of ['1', '2']) {
    const rows = bySex[sex].sort((a, b) => a.index - b.index);
    if (rows.length === 0) fail(`${file}: no rows for sex ${sex}`);
    start ??= rows[0].index;
    if (rows[0].index !== start) fail(`${file}: sexes start at different indices`);
    rows.forEach((row, i) => {
      // Compare in whole steps so that 0.1-cm steps do not accumulate rounding error.
      if (Math.round(row.index / step) !== Math.round(start / step) + i) {
        fail(`${file}: sex ${sex} row ${i} is ${row.index}, expected ${start + i * step}`);
      }
      const expectedLoh =
        loh === 'by-age' ? (row.index < LENGTH_HEIGHT_SWITCH_DAY ? 'L' : 'H') : loh;
      if (loh && row.loh !== expectedLoh) {
        fail(`${file}: sex ${sex} at ${row.index} is "${row.loh}", expected "${expectedLoh}"`);
      }
    });
    sexes.push({ l: rows.map((r) => r.l), m: rows.map((r) => r.m), s: rows.map((r) => r.s) });
  }
  if (sexes[0].l.length !== sexes[1].l.length) fail(`${file}: sexes differ in length`);
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { id, file, sha256, start, step, count: sexes[0].l.length, sexes };
}

const out = {
  source:
    'WHO Child Growth Standards 2006 (anthro) and WHO Growth Reference 2007 (anthroplus), ' +
    'github.com/WorldHealthOrganization/{anthro,anthroplus} data-raw/growthstandards',
  tables: Object.fromEntries(
    tables.map((t) => {
      const { id, ...table } = readTable(t);
      return [id, table];
    }),
  ),
};
mkdirSync(dirname(target), { recursive: true });
const json = JSON.stringify(out) + '\n';
writeFileSync(target, json);
for (const [id, t] of Object.entries(out.tables)) {
  console.log(`${id.padEnd(10)} ${t.file.padEnd(15)} ${t.count} rows per sex from ${t.start}`);
}
console.log(`${target}: ${(Buffer.byteLength(json) / 1024).toFixed(0)} kB`);
