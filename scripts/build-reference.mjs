// Regenerates the administrative-unit reference shipped in resources/reference/ from the
// read-only copies in ../shared/reference/vn-admin (units in force from 1 July 2025).
// Run by hand when the city publishes a new list; the output is committed.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, '..', 'shared', 'reference', 'vn-admin');
const units = JSON.parse(readFileSync(join(source, 'vn_units_2026.json'), 'utf8'));
const hcmc = JSON.parse(readFileSync(join(source, 'hcmc_communes_2025.json'), 'utf8'));

const provinces = units.map((p) => [p.Code, p.FullName]);
const communes = units.flatMap((p) => p.Wards.map((w) => [w.Code, w.FullName, p.Code]));
const hcmcCodes = new Set(hcmc.map((c) => c.code));
const fromUnits = communes.filter((c) => c[2] === '79');
if (fromUnits.length !== 168 || fromUnits.some((c) => !hcmcCodes.has(c[0]))) {
  throw new Error('The HCMC list and the national list disagree; refusing to write.');
}
const out = {
  source:
    'Vietnam administrative units in force from 2025-07-01 (dvhcvn 20250701, vietnamese-provinces-database)',
  provinces,
  communes,
};
writeFileSync(
  join(root, 'resources', 'reference', 'vn-admin-2025.json'),
  JSON.stringify(out) + '\n',
);
console.log(
  `${provinces.length} provinces, ${communes.length} communes, ${fromUnits.length} in HCMC`,
);
