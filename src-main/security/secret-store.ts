import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the station keeps its few secrets (today: the database key). The database is
 * encrypted with a random key; whoever can read that key can read every record, so where it
 * is kept is the whole of the protection (docs/security.md, "Encryption at rest").
 *
 * - Electron: `src-main/electron/safe-storage-secret-store.ts` (OS keychain through
 *   `safeStorage`: DPAPI on Windows, Keychain on macOS, libsecret/KWallet on Linux).
 * - Browser shell and tests: `FileSecretStore` below, which does NOT protect the key.
 */
export interface SecretStore {
  /** The secret saved under `name`, or null when none was ever saved. Throws when unreadable. */
  load(name: string): Buffer | null;
  /** Saves (or replaces) the secret atomically: a crash leaves the old one or the new one. */
  save(name: string, value: Buffer): void;
  describe(): SecretStoreDescription;
}

export interface SecretStoreDescription {
  /** Human-readable: which backend, and where. Never contains a secret. */
  backend: string;
  /** True when the OS protects the secret (keychain); false for a plain file. */
  osProtected: boolean;
  /**
   * True when the administrator explicitly accepted a keychain that does not protect the
   * secret (`--accept-weak-keychain` on Linux with the basic_text backend). Written to the
   * audit trail once the database is open.
   */
  weakProtectionAccepted: boolean;
}

/** A secret store that cannot be read, written or trusted: the station does not open. */
export class SecretStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretStoreError';
  }
}

const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Secret names become file names: no separators, no dots first, nothing surprising. */
export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name) || name.includes('..')) {
    throw new SecretStoreError(`Invalid secret name "${name}".`);
  }
}

/**
 * Writes `data` to `file` so that a crash or power loss leaves either the old content or the
 * new, never a torn file: a new temporary file beside it (mode 0600, created exclusively),
 * write, fsync, rename over the target, then fsync the directory so the rename itself is
 * durable. The temporary file is removed if anything fails before the rename.
 */
export function writeFileAtomic(file: string, data: Buffer | string, mode = 0o600): void {
  const directory = dirname(file);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let renamed = false;
  try {
    const fd = openSync(temporary, 'wx', mode);
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let written = 0;
      while (written < bytes.length) {
        written += writeSync(fd, bytes, written, bytes.length - written);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
    renamed = true;
    fsyncDirectory(directory);
  } finally {
    if (!renamed) rmSync(temporary, { force: true });
  }
}

/** Makes a rename durable on POSIX; Windows cannot open a directory for fsync (and needs not). */
export function fsyncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Secrets as files in one directory (`<name>.key`, hex, mode 0600, written atomically).
 *
 * This does NOT protect the secret: anyone who can read the directory can read the key, and
 * with it the database. It exists for the browser shell (a test and demonstration tool, not
 * for stations) and for the tests; the desktop app keeps its key in the OS keychain.
 */
export class FileSecretStore implements SecretStore {
  constructor(readonly directory: string) {}

  fileFor(name: string): string {
    assertSecretName(name);
    return join(this.directory, `${name}.key`);
  }

  load(name: string): Buffer | null {
    const file = this.fileFor(name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new SecretStoreError(`The key file ${file} cannot be read: ${String(error)}`, {
        cause: error,
      });
    }
    const hex = text.trim();
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(hex)) {
      throw new SecretStoreError(
        `The key file ${file} is damaged (it should hold one line of hexadecimal digits).`,
      );
    }
    return Buffer.from(hex, 'hex');
  }

  save(name: string, value: Buffer): void {
    writeFileAtomic(this.fileFor(name), `${value.toString('hex')}\n`, 0o600);
  }

  describe(): SecretStoreDescription {
    return {
      backend: `plain file in ${this.directory} (not protected: anyone who can read this folder can read the key)`,
      osProtected: false,
      weakProtectionAccepted: false,
    };
  }
}
