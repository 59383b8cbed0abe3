import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addonAbi,
  assertAddonAbi,
  assertCipherDriver,
  CIPHER_DRIVER_MARKER,
  isCipherDriver,
  NATIVE_DRIVER_FILE,
  NativeAddonError,
} from '../../../src-main/electron/native-binding';

/** The driver the app uses: better-sqlite3-multiple-ciphers, built for Node by npm install. */
const NODE_BUILD = resolve(
  'node_modules/better-sqlite3-multiple-ciphers/build/Release',
  NATIVE_DRIVER_FILE,
);
const NODE_ABI = Number(process.versions.modules);
const ELECTRON_45_ABI = 150;

const scratch = mkdtempSync(join(tmpdir(), 'ward-native-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeAddon(name: string, content: string | Buffer): string {
  const file = join(scratch, name);
  writeFileSync(file, content);
  return file;
}

describe('the SQLite driver ABI check', () => {
  it("reads the Node build in node_modules as this Node's ABI", () => {
    expect(addonAbi(NODE_BUILD)).toBe(NODE_ABI);
    expect(() => assertAddonAbi(NODE_BUILD, NODE_ABI)).not.toThrow();
  });

  it('refuses the Node build where Electron 45 (ABI 150) needs its own, with a clear message', () => {
    expect(() => assertAddonAbi(NODE_BUILD, ELECTRON_45_ABI)).toThrow(NativeAddonError);
    expect(() => assertAddonAbi(NODE_BUILD, ELECTRON_45_ABI)).toThrow(
      new RegExp(`built for ABI ${NODE_ABI}.*needs ABI ${ELECTRON_45_ABI}.*electron-native\\.mjs`),
    );
  });

  it('refuses a missing Electron build and says how to make it', () => {
    const missing = join(scratch, 'no-such-dir', 'better_sqlite3.node');
    let error: unknown;
    try {
      assertAddonAbi(missing, ELECTRON_45_ABI);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NativeAddonError);
    expect((error as Error).name).toBe('NativeAddonError');
    expect((error as Error).message).toContain('missing');
    expect((error as Error).message).toContain(missing);
  });

  it('accepts an Electron build marked node_register_module_v150 for ABI 150', () => {
    const electronBuild = fakeAddon(
      'electron.node',
      Buffer.concat([
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]),
        Buffer.from('\0node_register_module_v150\0'),
      ]),
    );
    expect(addonAbi(electronBuild)).toBe(150);
    expect(() => assertAddonAbi(electronBuild, ELECTRON_45_ABI)).not.toThrow();
    expect(() => assertAddonAbi(electronBuild, NODE_ABI)).toThrow(NativeAddonError);
  });

  it('refuses a file that is not an addon at all (unknown ABI)', () => {
    const notAddon = fakeAddon('not-an-addon.node', 'hello');
    expect(addonAbi(notAddon)).toBeNull();
    expect(() => assertAddonAbi(notAddon, ELECTRON_45_ABI)).toThrow(/ABI unknown/);
  });
});

describe('the SQLite driver must be the encrypting one', () => {
  it('recognises better-sqlite3-multiple-ciphers, whose addon keeps better-sqlite3’s file name', () => {
    expect(NATIVE_DRIVER_FILE).toBe('better_sqlite3.node');
    expect(isCipherDriver(NODE_BUILD)).toBe(true);
    expect(() => assertCipherDriver(NODE_BUILD)).not.toThrow();
  });

  it('refuses a build of plain better-sqlite3 at the same path: it would ignore the key', () => {
    const plain = fakeAddon(
      'plain-better-sqlite3.node',
      Buffer.concat([Buffer.from('\0node_register_module_v150\0SQLite format 3\0')]),
    );
    expect(() => assertAddonAbi(plain, ELECTRON_45_ABI)).not.toThrow();
    expect(isCipherDriver(plain)).toBe(false);
    expect(() => assertCipherDriver(plain)).toThrow(NativeAddonError);
    expect(() => assertCipherDriver(plain)).toThrow(/no encryption.*electron-native\.mjs --force/);
    const cipher = fakeAddon(
      'cipher.node',
      Buffer.from(`\0node_register_module_v150\0${CIPHER_DRIVER_MARKER} 2.3.5\0`),
    );
    expect(() => assertCipherDriver(cipher)).not.toThrow();
  });

  it('says the driver is missing when there is no file', () => {
    expect(() => assertCipherDriver(join(scratch, 'absent.node'))).toThrow(/missing/);
  });
});
