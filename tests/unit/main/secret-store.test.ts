import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import type * as NodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  acceptsWeakKeychain,
  ACCEPT_WEAK_KEYCHAIN_FLAG,
  SafeStorageSecretStore,
  WeakKeychainError,
  type SafeStorageLike,
} from '../../../src-main/electron/safe-storage-secret-store';
import {
  FileSecretStore,
  SecretStoreError,
  writeFileAtomic,
} from '../../../src-main/security/secret-store';

// The safeStorage store takes Electron's safeStorage as a parameter and imports electron for
// its types only: importing it at run time under plain Node would try to fetch Electron.
vi.mock('electron', () => {
  throw new Error('the secret store must not import electron at run time');
});

// node:fs as is, except that a test can make one call fail, as a crash at that point would
// leave things, and every call is recorded in order.
const fsControl = vi.hoisted(() => ({
  failOn: null as null | { call: string; when?: (args: unknown[]) => boolean },
  calls: [] as { call: string; args: unknown[] }[],
}));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeFs>();
  const watched = ['openSync', 'writeSync', 'fsyncSync', 'closeSync', 'renameSync'] as const;
  const wrapped: Record<string, unknown> = {};
  for (const name of watched) {
    const original = actual[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      fsControl.calls.push({ call: name, args });
      const fail = fsControl.failOn;
      if (fail && fail.call === name && (!fail.when || fail.when(args))) {
        throw Object.assign(new Error(`simulated failure in ${name}`), { code: 'EIO' });
      }
      return original(...args);
    };
  }
  return { ...actual, ...wrapped, default: { ...actual, ...wrapped } };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ward-secrets-'));
  fsControl.failOn = null;
  fsControl.calls = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KEY = Buffer.from('8f'.repeat(16) + '01'.repeat(16), 'hex');
const OTHER = Buffer.from('2a'.repeat(32), 'hex');
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('FileSecretStore (browser shell and tests: does not protect the key)', () => {
  it('returns null for a secret never saved, and the secret after saving it', () => {
    const store = new FileSecretStore(dir);
    expect(store.load('station-database')).toBeNull();
    store.save('station-database', KEY);
    expect(store.load('station-database')).toEqual(KEY);
    expect(new FileSecretStore(dir).load('station-database')).toEqual(KEY);
    store.save('station-database', OTHER);
    expect(store.load('station-database')).toEqual(OTHER);
  });

  it('keeps each secret in its own file, readable by its owner only (0600), nothing left over', () => {
    const store = new FileSecretStore(join(dir, 'nested'));
    store.save('station-database', KEY);
    const file = store.fileFor('station-database');
    expect(file).toBe(join(dir, 'nested', 'station-database.key'));
    expect(readFileSync(file, 'utf8')).toBe(`${KEY.toString('hex')}\n`);
    if (process.platform !== 'win32') expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['station-database.key']);
  });

  it('says it is a plain file and not protected by the OS', () => {
    const description = new FileSecretStore(dir).describe();
    expect(description).toMatchObject({ osProtected: false, weakProtectionAccepted: false });
    expect(description.backend).toContain(dir);
    expect(description.backend).toMatch(/not protected/);
  });

  it('refuses names that could leave its directory', () => {
    const store = new FileSecretStore(dir);
    for (const name of ['../escape', 'a/b', 'a\\b', '', '.hidden', 'UPPER', 'x'.repeat(65)]) {
      expect(() => store.save(name, KEY), name).toThrow(SecretStoreError);
      expect(() => store.load(name), name).toThrow(SecretStoreError);
    }
  });

  it('reports a damaged or unreadable key file instead of returning nothing', () => {
    const store = new FileSecretStore(dir);
    writeFileSync(store.fileFor('station-database'), 'not hex at all\n');
    expect(() => store.load('station-database')).toThrow(SecretStoreError);
    expect(() => store.load('station-database')).toThrow(/damaged/);
    writeFileSync(store.fileFor('station-database'), '');
    expect(() => store.load('station-database')).toThrow(/damaged/);
    rmSync(store.fileFor('station-database'));
    mkdirSync(store.fileFor('station-database')); // a directory where the file should be
    expect(() => store.load('station-database')).toThrow(/cannot be read/);
  });

  describe('writes atomically: temporary file, fsync, rename, directory fsync', () => {
    it('syncs the new content before the rename and the directory after it', () => {
      const store = new FileSecretStore(dir);
      store.save('station-database', KEY);
      const file = store.fileFor('station-database');
      const calls = fsControl.calls.map((c) => c.call);
      const rename = fsControl.calls.find((c) => c.call === 'renameSync');
      expect(rename?.args[1]).toBe(file);
      const temporary = String(rename?.args[0]);
      expect(temporary.startsWith(`${file}.`)).toBe(true);
      expect(temporary.endsWith('.tmp')).toBe(true);
      // Created exclusively, 0600 from the first byte.
      const open = fsControl.calls.find((c) => c.call === 'openSync');
      expect(open?.args).toEqual([temporary, 'wx', 0o600]);
      const renameAt = calls.indexOf('renameSync');
      expect(calls.slice(0, renameAt)).toEqual(['openSync', 'writeSync', 'fsyncSync', 'closeSync']);
      if (process.platform !== 'win32') {
        expect(calls.slice(renameAt + 1)).toEqual(['openSync', 'fsyncSync', 'closeSync']);
        expect(fsControl.calls[renameAt + 1]?.args[0]).toBe(dir);
      }
    });

    it.each(['writeSync', 'fsyncSync', 'renameSync'])(
      'a failure in %s leaves the previous secret intact and no temporary file',
      (call) => {
        const store = new FileSecretStore(dir);
        store.save('station-database', KEY);
        fsControl.failOn = { call };
        expect(() => store.save('station-database', OTHER)).toThrow(/simulated failure/);
        fsControl.failOn = null;
        expect(store.load('station-database')).toEqual(KEY);
        expect(readdirSync(dir)).toEqual(['station-database.key']);
      },
    );

    it('a failure before the first save leaves no secret at all, not a torn one', () => {
      const store = new FileSecretStore(dir);
      fsControl.failOn = { call: 'renameSync' };
      expect(() => store.save('station-database', KEY)).toThrow(/simulated failure/);
      fsControl.failOn = null;
      expect(store.load('station-database')).toBeNull();
      expect(readdirSync(dir)).toEqual([]);
    });

    it('writeFileAtomic replaces a file whole', () => {
      const file = join(dir, 'f.bin');
      writeFileAtomic(file, Buffer.from('first'));
      writeFileAtomic(file, 'second, longer');
      expect(readFileSync(file, 'utf8')).toBe('second, longer');
      expect(readdirSync(dir)).toEqual(['f.bin']);
    });
  });
});

// ---------------------------------------------------------------------------------------------

interface FakeOptions {
  backend?: ReturnType<SafeStorageLike['getSelectedStorageBackend']>;
  available?: boolean;
}

/** A stand-in for Electron's safeStorage: "encrypts" by XOR and a header, like the real v10/v11. */
function fakeSafeStorage({ backend = 'gnome_libsecret', available = true }: FakeOptions = {}) {
  let plainText = false;
  const mask = (bytes: Buffer) => Buffer.from(bytes.map((b, i) => b ^ ((0x5a + i) % 256)));
  const fake = {
    isEncryptionAvailable: vi.fn(() => available || plainText),
    getSelectedStorageBackend: vi.fn(() => backend),
    setUsePlainTextEncryption: vi.fn((use: boolean) => {
      plainText = use;
    }),
    encryptString: vi.fn((text: string) => {
      if (!available && !plainText) throw new Error('Error while encrypting the text provided');
      return Buffer.concat([Buffer.from('v11'), mask(Buffer.from(text, 'utf8'))]);
    }),
    decryptString: vi.fn((data: Buffer) => {
      if (data.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting');
      return mask(data.subarray(3)).toString('utf8');
    }),
  } satisfies SafeStorageLike;
  return fake;
}

function safeStore(
  fake: SafeStorageLike,
  platform: NodeJS.Platform = 'linux',
  acceptWeakKeychain = false,
) {
  return new SafeStorageSecretStore(fake, { directory: dir, platform, acceptWeakKeychain });
}

describe('SafeStorageSecretStore (Electron: the OS keychain)', () => {
  it('round-trips a secret through safeStorage; the file holds only ciphertext, 0600', () => {
    const fake = fakeSafeStorage();
    const store = safeStore(fake);
    expect(store.load('station-database')).toBeNull();
    store.save('station-database', KEY);
    expect(store.load('station-database')).toEqual(KEY);
    expect(fake.encryptString).toHaveBeenCalledTimes(1);
    const file = store.fileFor('station-database');
    expect(file).toBe(join(dir, 'station-database.safestorage'));
    const stored = readFileSync(file);
    expect(stored.includes(KEY)).toBe(false);
    expect(stored.includes(Buffer.from(KEY.toString('hex')))).toBe(false);
    if (process.platform !== 'win32') expect(modeOf(file)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['station-database.safestorage']);
    expect(store.describe()).toMatchObject({ osProtected: true, weakProtectionAccepted: false });
    expect(store.describe().backend).toContain('gnome_libsecret');
  });

  it.each([
    ['win32', 'Windows DPAPI'],
    ['darwin', 'macOS Keychain'],
  ] as const)('on %s uses the keychain without asking for a Linux backend', (platform, name) => {
    const fake = fakeSafeStorage({ backend: 'basic_text' }); // ignored off Linux
    const store = safeStore(fake, platform);
    store.save('station-database', KEY);
    expect(store.load('station-database')).toEqual(KEY);
    expect(fake.getSelectedStorageBackend).not.toHaveBeenCalled();
    expect(store.describe()).toMatchObject({ osProtected: true, weakProtectionAccepted: false });
    expect(store.describe().backend).toContain(name);
  });

  it.each(['basic_text', 'unknown'] as const)(
    'on Linux with the %s backend refuses to keep or give the key without --accept-weak-keychain',
    (backend) => {
      const fake = fakeSafeStorage({ backend });
      const store = safeStore(fake);
      expect(() => store.save('station-database', KEY)).toThrow(WeakKeychainError);
      expect(() => store.load('station-database')).toThrow(WeakKeychainError);
      expect(() => store.load('station-database')).toThrow(/--accept-weak-keychain/);
      expect(() => store.load('station-database')).toThrow(new RegExp(backend));
      expect(fake.encryptString).not.toHaveBeenCalled();
      expect(fake.decryptString).not.toHaveBeenCalled();
      expect(readdirSync(dir)).toEqual([]);
      expect(store.describe()).toMatchObject({ osProtected: false, weakProtectionAccepted: false });
    },
  );

  it('refuses an existing key too, not only a new one, on a weak keychain', () => {
    safeStore(fakeSafeStorage({ backend: 'basic_text' }), 'linux', true).save(
      'station-database',
      KEY,
    );
    const store = safeStore(fakeSafeStorage({ backend: 'basic_text' }));
    expect(() => store.load('station-database')).toThrow(WeakKeychainError);
  });

  it('works on basic_text once the administrator accepts the risk, and says so', () => {
    const fake = fakeSafeStorage({ backend: 'basic_text' });
    const store = safeStore(fake, 'linux', true);
    store.save('station-database', KEY);
    expect(store.load('station-database')).toEqual(KEY);
    expect(fake.setUsePlainTextEncryption).not.toHaveBeenCalled();
    expect(store.describe()).toMatchObject({ osProtected: false, weakProtectionAccepted: true });
    expect(store.describe().backend).toMatch(/basic_text.*--accept-weak-keychain/);
  });

  it('with the flag and no encryption at all, asks Electron for its built-in password', () => {
    const fake = fakeSafeStorage({ backend: 'basic_text', available: false });
    const store = safeStore(fake, 'linux', true);
    store.save('station-database', KEY);
    expect(fake.setUsePlainTextEncryption).toHaveBeenCalledWith(true);
    expect(store.load('station-database')).toEqual(KEY);
    expect(store.describe().weakProtectionAccepted).toBe(true);
  });

  it('on Linux refuses a keychain backend whose encryption is unavailable, unless accepted', () => {
    const store = safeStore(fakeSafeStorage({ backend: 'gnome_libsecret', available: false }));
    expect(() => store.load('station-database')).toThrow(WeakKeychainError);
    expect(() => store.load('station-database')).toThrow(/encryption unavailable/);
  });

  it('refuses on Windows or macOS when the keychain is unavailable; the flag does not apply', () => {
    const store = safeStore(fakeSafeStorage({ available: false }), 'win32', true);
    expect(() => store.save('station-database', KEY)).toThrow(WeakKeychainError);
    expect(() => store.load('station-database')).toThrow(/not available/);
  });

  it('reports a key the keychain cannot decrypt (another user or computer) clearly', () => {
    const store = safeStore(fakeSafeStorage());
    writeFileSync(store.fileFor('station-database'), Buffer.from('v10 from another profile'));
    expect(() => store.load('station-database')).toThrow(SecretStoreError);
    expect(() => store.load('station-database')).toThrow(/could not decrypt/);
  });

  it('keeps the old key when the write fails half-way', () => {
    const store = safeStore(fakeSafeStorage());
    store.save('station-database', KEY);
    fsControl.failOn = { call: 'renameSync' };
    expect(() => store.save('station-database', OTHER)).toThrow(/simulated failure/);
    fsControl.failOn = null;
    expect(store.load('station-database')).toEqual(KEY);
    expect(existsSync(store.fileFor('station-database'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['station-database.safestorage']);
  });

  it('reads --accept-weak-keychain from the command line, exactly', () => {
    expect(ACCEPT_WEAK_KEYCHAIN_FLAG).toBe('--accept-weak-keychain');
    expect(acceptsWeakKeychain(['electron', 'main.js', '--accept-weak-keychain'])).toBe(true);
    expect(acceptsWeakKeychain(['electron', 'main.js'])).toBe(false);
    expect(acceptsWeakKeychain(['--accept-weak-keychain=no'])).toBe(false);
    expect(acceptsWeakKeychain(['--accept-weak'])).toBe(false);
  });
});
