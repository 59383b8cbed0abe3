// Builds the Electron-ABI copy of the SQLite driver (better-sqlite3-multiple-ciphers: the
// station database is encrypted) that the app loads through the driver's `nativeBinding`
// option, into .native/electron/better_sqlite3.node (the addon keeps better-sqlite3's file
// name). node_modules keeps the Node build, so `npm test` and `npm start` never break each other.
//
// 1. a prebuilt binary for this Electron version (prebuild-install, as better-sqlite3's own
//    install does), else 2. a source build against Electron's headers (node-gyp).
// Either way the result's ABI is checked against node_modules/electron/abi_version: a build
// that silently targeted Node's ABI (as happens on machines whose npm config pins `nodedir`)
// is deleted and the script fails, instead of shipping a driver that cannot load. The result
// must also be the encrypting driver (it carries SQLite3 Multiple Ciphers' version banner): a
// leftover build of plain better-sqlite3 at the same path is rebuilt, never used.
//
// Usage: node scripts/electron-native.mjs [--force]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const force = process.argv.includes('--force');

const electronDir = join(root, 'node_modules', 'electron');
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
const expectedAbi = Number(readFileSync(join(electronDir, 'abi_version'), 'utf8').trim());
const outDir = join(root, '.native', 'electron');
const outFile = join(outDir, 'better_sqlite3.node');
const DRIVER = 'better-sqlite3-multiple-ciphers';
// Keep in step with src-main/electron/native-binding.ts.
const CIPHER_MARKER = 'SQLite3 Multiple Ciphers';

function abiOf(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

function isCipherDriver(file) {
  return readFileSync(file).includes(CIPHER_MARKER, 0, 'latin1');
}

function fail(message) {
  console.error(`\n[electron-native] ${message}\n`);
  process.exit(1);
}

if (!force && existsSync(outFile) && abiOf(outFile) === expectedAbi && isCipherDriver(outFile)) {
  console.log(
    `[electron-native] ${DRIVER} for Electron ${electronVersion} (ABI ${expectedAbi}) is ready.`,
  );
  process.exit(0);
}

const sourceDir = dirname(require.resolve(`${DRIVER}/package.json`));
const workDir = join(root, '.native', 'build', DRIVER);
rmSync(workDir, { recursive: true, force: true });
mkdirSync(dirname(workDir), { recursive: true });
cpSync(sourceDir, workDir, {
  recursive: true,
  filter: (path) => !path.includes(`${join(sourceDir, 'build')}`),
});

// Never let the machine's npm config point the build at Node's headers.
const env = { ...process.env };
for (const key of Object.keys(env)) {
  if (/^npm_config_(nodedir|target|runtime|disturl|dist_url)$/i.test(key)) delete env[key];
}
const bin = (name) =>
  join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args) =>
  execFileSync(cmd, args, {
    cwd: workDir,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });

let built = false;
try {
  console.log(`[electron-native] Fetching the prebuilt driver for Electron ${electronVersion}…`);
  run(bin('prebuild-install'), [
    '--runtime',
    'electron',
    '--target',
    electronVersion,
    '--arch',
    process.arch,
    '--platform',
    process.platform,
  ]);
  built = true;
} catch {
  console.log(
    '[electron-native] No prebuilt driver; building from source against Electron headers…',
  );
  try {
    run(bin('node-gyp'), [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      `--arch=${process.arch}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]);
    built = true;
  } catch {
    built = false;
  }
}

const produced = join(workDir, 'build', 'Release', 'better_sqlite3.node');
if (!built || !existsSync(produced)) {
  fail(
    `Could not build the SQLite driver for Electron ${electronVersion}. This needs network access to ` +
      'the Electron headers or prebuilt binaries. The Node-side tests and the browser shell (npm run web) ' +
      'do not need it.',
  );
}
const abi = abiOf(produced);
if (abi !== expectedAbi) {
  rmSync(produced, { force: true });
  fail(
    `The driver was built for ABI ${abi}, but Electron ${electronVersion} needs ABI ${expectedAbi}. Refusing to use it.`,
  );
}
if (!isCipherDriver(produced)) {
  rmSync(produced, { force: true });
  fail(`The driver built is not ${DRIVER} (no encryption). Refusing to use it.`);
}
mkdirSync(outDir, { recursive: true });
cpSync(produced, outFile);
console.log(
  `[electron-native] Built ${outFile} (${DRIVER}) for Electron ${electronVersion} (ABI ${abi}).`,
);
