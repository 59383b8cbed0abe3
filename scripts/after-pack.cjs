// electron-builder afterPack hook: the packaged SQLite driver must carry the ABI of the
// Electron that was packaged, or the app would fail on first start at a user's station, and
// must be the encrypting driver (better-sqlite3-multiple-ciphers: its addon keeps the file name
// better_sqlite3.node, so a plain better-sqlite3 build could sit at the same path).
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

exports.default = async function afterPack(context) {
  const resources =
    context.electronPlatformName === 'darwin'
      ? join(
          context.appOutDir,
          `${context.packager.appInfo.productFilename}.app`,
          'Contents',
          'Resources',
        )
      : join(context.appOutDir, 'resources');
  const addon = join(resources, 'native', 'better_sqlite3.node');
  const expected = Number(
    readFileSync(join(__dirname, '..', 'node_modules', 'electron', 'abi_version'), 'utf8').trim(),
  );
  const bytes = readFileSync(addon);
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  const found = match ? Number(match[1]) : null;
  if (found !== expected) {
    throw new Error(
      `Packaged SQLite driver has ABI ${found}, Electron needs ${expected}: not shipping it.`,
    );
  }
  // Keep in step with src-main/electron/native-binding.ts (CIPHER_DRIVER_MARKER).
  if (!bytes.includes('SQLite3 Multiple Ciphers', 0, 'latin1')) {
    throw new Error(
      'Packaged SQLite driver is not better-sqlite3-multiple-ciphers (no encryption): not shipping it.',
    );
  }
  console.log(`[after-pack] SQLite driver ABI ${found} matches Electron; encryption built in.`);
};
