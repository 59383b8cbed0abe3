// electron-builder afterPack hook: the packaged SQLite driver must carry the ABI of the
// Electron that was packaged, or the app would fail on first start at a user's station.
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
  const match = /node_register_module_v(\d+)/.exec(readFileSync(addon).toString('latin1'));
  const found = match ? Number(match[1]) : null;
  if (found !== expected) {
    throw new Error(
      `Packaged SQLite driver has ABI ${found}, Electron needs ${expected}: not shipping it.`,
    );
  }
  console.log(`[after-pack] SQLite driver ABI ${found} matches Electron.`);
};
