import type { SafeStorage } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertSecretName,
  SecretStoreError,
  writeFileAtomic,
  type SecretStore,
  type SecretStoreDescription,
} from '../security/secret-store';

/**
 * The desktop app's secret store: each secret is encrypted by Electron's `safeStorage` (the
 * OS keychain: DPAPI on Windows, Keychain on macOS, libsecret or KWallet on Linux) and the
 * ciphertext is kept in `<userData>/<name>.safestorage`, written atomically.
 *
 * `safeStorage` is a parameter, and `electron` is imported for its types only, so this module
 * runs under Vitest with a fake.
 *
 * On Linux without a keychain (no GNOME Keyring / KWallet, e.g. a bare window manager) Electron
 * falls back to "basic_text": a hard-coded password, which protects nothing. The station then
 * refuses to create or open its encrypted database, unless the administrator starts the app
 * with `--accept-weak-keychain`; that acceptance is written to the audit trail at every start.
 */
export type SafeStorageLike = Pick<
  SafeStorage,
  | 'encryptString'
  | 'decryptString'
  | 'isEncryptionAvailable'
  | 'getSelectedStorageBackend'
  | 'setUsePlainTextEncryption'
>;

export const ACCEPT_WEAK_KEYCHAIN_FLAG = '--accept-weak-keychain';

export function acceptsWeakKeychain(argv: readonly string[]): boolean {
  return argv.includes(ACCEPT_WEAK_KEYCHAIN_FLAG);
}

/** The OS keychain cannot protect the key and the administrator has not accepted that. */
export class WeakKeychainError extends SecretStoreError {
  constructor(message: string) {
    super(message);
    this.name = 'WeakKeychainError';
  }
}

export interface SafeStorageSecretStoreOptions {
  /** Electron `userData`. */
  directory: string;
  platform: NodeJS.Platform;
  /** `--accept-weak-keychain` was given (Linux only). */
  acceptWeakKeychain: boolean;
}

type Protection =
  | { kind: 'keychain'; backend: string }
  | { kind: 'weak-accepted'; backend: string }
  | { kind: 'refused'; reason: string };

export class SafeStorageSecretStore implements SecretStore {
  private protection: Protection | null = null;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly options: SafeStorageSecretStoreOptions,
  ) {}

  fileFor(name: string): string {
    assertSecretName(name);
    return join(this.options.directory, `${name}.safestorage`);
  }

  /** Decided once, after Electron's `ready` (before it the backend reads "unknown"). */
  private check(): Protection {
    if (this.protection) return this.protection;
    const { platform, acceptWeakKeychain } = this.options;
    const available = this.safeStorage.isEncryptionAvailable();
    if (platform === 'linux') {
      const backend = this.safeStorage.getSelectedStorageBackend();
      const weak = backend === 'basic_text' || backend === 'unknown' || !available;
      if (!weak) {
        this.protection = { kind: 'keychain', backend: `safeStorage (${backend})` };
      } else if (acceptWeakKeychain) {
        // Without a keychain, encryptString throws unless told to use the built-in password.
        if (!available) this.safeStorage.setUsePlainTextEncryption(true);
        this.protection = {
          kind: 'weak-accepted',
          backend: `safeStorage (${backend}${available ? '' : ', unavailable'}) — weak, accepted with ${ACCEPT_WEAK_KEYCHAIN_FLAG}`,
        };
      } else {
        this.protection = {
          kind: 'refused',
          reason:
            `No OS keychain protects the database key on this computer (Electron safeStorage backend ` +
            `"${backend}"${available ? '' : ', encryption unavailable'}): the key would be stored with a ` +
            'password built into Electron, readable by anyone who copies the user profile. Install and ' +
            'unlock a keychain (GNOME Keyring / libsecret or KWallet) and start again, or — if the ' +
            'administrator accepts the risk — start the app with --accept-weak-keychain (this is ' +
            'recorded in the audit trail).',
        };
      }
    } else if (available) {
      this.protection = {
        kind: 'keychain',
        backend: `safeStorage (${platform === 'win32' ? 'Windows DPAPI' : platform === 'darwin' ? 'macOS Keychain' : platform})`,
      };
    } else {
      this.protection = {
        kind: 'refused',
        reason:
          'The operating system keychain is not available (Electron safeStorage), so the database ' +
          'key cannot be protected.',
      };
    }
    return this.protection;
  }

  private usable(): void {
    const protection = this.check();
    if (protection.kind === 'refused') throw new WeakKeychainError(protection.reason);
  }

  load(name: string): Buffer | null {
    this.usable();
    const file = this.fileFor(name);
    let ciphertext: Buffer;
    try {
      ciphertext = readFileSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SecretStoreError(`The key file ${file} cannot be read: ${String(error)}`, {
        cause: error,
      });
    }
    let hex: string;
    try {
      hex = this.safeStorage.decryptString(ciphertext);
    } catch (error) {
      throw new SecretStoreError(
        `The OS keychain could not decrypt the key in ${file} (${String(error)}). It was made by ` +
          'another user account or computer, or the keychain was reset.',
        { cause: error },
      );
    }
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(hex)) {
      throw new SecretStoreError(`The key in ${file} is damaged.`);
    }
    return Buffer.from(hex, 'hex');
  }

  save(name: string, value: Buffer): void {
    this.usable();
    const file = this.fileFor(name);
    let ciphertext: Buffer;
    try {
      ciphertext = this.safeStorage.encryptString(value.toString('hex'));
    } catch (error) {
      throw new SecretStoreError(`The OS keychain could not encrypt the key: ${String(error)}`, {
        cause: error,
      });
    }
    writeFileAtomic(file, ciphertext, 0o600);
  }

  describe(): SecretStoreDescription {
    const protection = this.check();
    if (protection.kind === 'refused') {
      return {
        backend: 'safeStorage (refused)',
        osProtected: false,
        weakProtectionAccepted: false,
      };
    }
    return {
      backend: `${protection.backend}, ${this.options.directory}`,
      osProtected: protection.kind === 'keychain',
      weakProtectionAccepted: protection.kind === 'weak-accepted',
    };
  }
}
