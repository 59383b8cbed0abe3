import { readFileSync } from 'node:fs';

/**
 * better-sqlite3 is a V8 addon: it loads only into the runtime whose ABI it was built for
 * (Node 20 = 115, Electron 45 = 150). The app loads a separately built Electron copy through
 * the driver's `nativeBinding` option, while Node-side tests keep the Node build in
 * node_modules. A build made for the wrong runtime must fail loudly, before it is loaded.
 */
export function addonAbi(file: string): number | null {
  const bytes = readFileSync(file);
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? Number(match[1]) : null;
}

export class NativeAddonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeAddonError';
  }
}

export function assertAddonAbi(file: string, expectedAbi: number): void {
  let found: number | null;
  try {
    found = addonAbi(file);
  } catch {
    throw new NativeAddonError(
      `The SQLite driver built for Electron is missing (${file}). Run "npm start" on a machine ` +
        'with network access, or "node scripts/electron-native.mjs", to build it.',
    );
  }
  if (found !== expectedAbi) {
    throw new NativeAddonError(
      `The SQLite driver at ${file} was built for ABI ${found ?? 'unknown'}, but this runtime ` +
        `needs ABI ${expectedAbi}. Rebuild it with "node scripts/electron-native.mjs --force".`,
    );
  }
}
