import { readFileSync } from 'node:fs';

/**
 * The SQLite driver, better-sqlite3-multiple-ciphers, is a V8 addon: it loads only into the
 * runtime whose ABI it was built for (Node 20 = 115, Electron 45 = 150). The app loads a
 * separately built Electron copy through the driver's `nativeBinding` option, while Node-side
 * tests keep the Node build in node_modules. A build made for the wrong runtime must fail
 * loudly, before it is loaded; so must a build of plain better-sqlite3 (same addon file name,
 * no encryption), which would ignore the database key.
 */

/** The addon's file name: better-sqlite3-multiple-ciphers keeps better-sqlite3's target name. */
export const NATIVE_DRIVER_FILE = 'better_sqlite3.node';

/** A string compiled into SQLite3 Multiple Ciphers (its version banner), absent from plain SQLite. */
export const CIPHER_DRIVER_MARKER = 'SQLite3 Multiple Ciphers';

export function addonAbi(file: string): number | null {
  const bytes = readFileSync(file);
  const match = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return match ? Number(match[1]) : null;
}

export function isCipherDriver(file: string): boolean {
  return readFileSync(file).includes(CIPHER_DRIVER_MARKER, 0, 'latin1');
}

export class NativeAddonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NativeAddonError';
  }
}

function missing(file: string): NativeAddonError {
  return new NativeAddonError(
    `The SQLite driver built for Electron is missing (${file}). Run "npm start" on a machine ` +
      'with network access, or "node scripts/electron-native.mjs", to build it.',
  );
}

export function assertAddonAbi(file: string, expectedAbi: number): void {
  let found: number | null;
  try {
    found = addonAbi(file);
  } catch {
    throw missing(file);
  }
  if (found !== expectedAbi) {
    throw new NativeAddonError(
      `The SQLite driver at ${file} was built for ABI ${found ?? 'unknown'}, but this runtime ` +
        `needs ABI ${expectedAbi}. Rebuild it with "node scripts/electron-native.mjs --force".`,
    );
  }
}

export function assertCipherDriver(file: string): void {
  let cipher: boolean;
  try {
    cipher = isCipherDriver(file);
  } catch {
    throw missing(file);
  }
  if (!cipher) {
    throw new NativeAddonError(
      `The SQLite driver at ${file} has no encryption (it is a build of plain better-sqlite3, not ` +
        'better-sqlite3-multiple-ciphers). Rebuild it with "node scripts/electron-native.mjs --force".',
    );
  }
}
