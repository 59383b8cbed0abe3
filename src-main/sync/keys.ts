import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scrypt,
  type ScryptOptions,
} from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { z } from 'zod';
import { keyIdSchema } from '../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import type { CityKeyUse, TrustedCityKey } from '../../src-shared/sync/city-keys';
import {
  ed25519PrivateJwkSchema,
  ed25519PublicJwkSchema,
  enrollmentSchema,
  fingerprintMatches,
  readableFingerprint,
  x25519PrivateJwkSchema,
  x25519PublicJwkSchema,
  type Ed25519PrivateJwk,
  type Ed25519PublicJwk,
  type Enrollment,
  type X25519PrivateJwk,
  type X25519PublicJwk,
} from '../../src-shared/sync/enrollment';
import { SyncError } from '../../src-shared/sync/sync-errors';

type OkpPublicJwk = Ed25519PublicJwk | X25519PublicJwk;
type OkpPrivateJwk = Ed25519PrivateJwk | X25519PrivateJwk;

/** The key id: RFC 7638 thumbprint (SHA-256, base64url) of the public key. */
export function keyId(jwk: OkpPublicJwk | OkpPrivateJwk): Promise<string> {
  // The thumbprint covers crv, kty and x only, so a private JWK gives its public key's id.
  return calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');
}

/** Key id and the readable fingerprint read aloud when a key is registered. */
export async function describeKey(
  jwk: OkpPublicJwk | OkpPrivateJwk,
): Promise<{ kid: string; fingerprint: string }> {
  const kid = await keyId(jwk);
  return { kid, fingerprint: readableFingerprint(kid) };
}

export function publicJwkOf(jwk: Ed25519PrivateJwk): Ed25519PublicJwk;
export function publicJwkOf(jwk: X25519PrivateJwk): X25519PublicJwk;
export function publicJwkOf(jwk: OkpPrivateJwk): OkpPublicJwk {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x } as OkpPublicJwk;
}

export interface GeneratedKeyPair<Private, Public> {
  privateJwk: Private;
  publicJwk: Public;
  kid: string;
}

/** A new Ed25519 signing key: the station's, a supervisor's, or (reference receiver) the city's receipt key. */
export async function generateSigningKey(): Promise<
  GeneratedKeyPair<Ed25519PrivateJwk, Ed25519PublicJwk>
> {
  const { privateKey } = generateKeyPairSync('ed25519');
  const privateJwk = ed25519PrivateJwkSchema.parse(privateKey.export({ format: 'jwk' }));
  return { privateJwk, publicJwk: publicJwkOf(privateJwk), kid: await keyId(privateJwk) };
}

/** A new X25519 key the city receives bundles with (reference receiver and tests). */
export async function generateCityEncryptionKey(): Promise<
  GeneratedKeyPair<X25519PrivateJwk, X25519PublicJwk>
> {
  const { privateKey } = generateKeyPairSync('x25519');
  const privateJwk = x25519PrivateJwkSchema.parse(privateKey.export({ format: 'jwk' }));
  return { privateJwk, publicJwk: publicJwkOf(privateJwk), kid: await keyId(privateJwk) };
}

/** The JWK as text (canonical JSON), e.g. for the SecretStore. */
export function exportJwk(jwk: OkpPublicJwk | OkpPrivateJwk): string {
  return canonicalJson(jwk);
}

function parseJson(text: string | Uint8Array, what: string): unknown {
  try {
    return JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));
  } catch {
    throw new SyncError('KEY_INVALID', `${what} is not JSON.`);
  }
}

/**
 * Reads a private signing key (as written by `exportJwk`). Refuses a key whose `x` is not
 * the public half of its `d`: Node would sign with `d` and the signatures would not verify
 * under the key the station enrolled.
 */
export function importSigningPrivateKey(text: string | Uint8Array): Ed25519PrivateJwk {
  const parsed = ed25519PrivateJwkSchema.safeParse(parseJson(text, 'The signing key'));
  if (!parsed.success) {
    throw new SyncError('KEY_INVALID', 'The signing key is not an Ed25519 private JWK.');
  }
  assertKeyPairConsistent(parsed.data);
  return parsed.data;
}

/** Reads a private X25519 key of the city (reference receiver). */
export function importCityDecryptionKey(text: string | Uint8Array): X25519PrivateJwk {
  const parsed = x25519PrivateJwkSchema.safeParse(parseJson(text, 'The decryption key'));
  if (!parsed.success) {
    throw new SyncError('KEY_INVALID', 'The decryption key is not an X25519 private JWK.');
  }
  assertKeyPairConsistent(parsed.data);
  return parsed.data;
}

function assertKeyPairConsistent(jwk: OkpPrivateJwk): void {
  let derivedX: unknown;
  try {
    derivedX = createPublicKey(createPrivateKey({ key: jwk, format: 'jwk' })).export({
      format: 'jwk',
    }).x;
  } catch {
    throw new SyncError('KEY_INVALID', `The ${jwk.crv} private key cannot be loaded.`);
  }
  if (derivedX !== jwk.x) {
    throw new SyncError('KEY_INVALID', `The ${jwk.crv} key's "x" is not the public half of "d".`);
  }
}

/* ------------------------------------------------------------------------------------------
 * Sealed private keys: a supervisor's signing key kept under her password.
 *
 * Key derivation: scrypt (RFC 7914) with N = 2^15, r = 8, p = 1: 32 MiB and about 0.1 s on
 * the stations' 2-core machines, the same cost as the account passwords
 * (src-main/services/passwords.ts) and the backup passphrase, so unlocking a key to export
 * is not slower than signing in. The sealed key lives inside the encrypted station database,
 * so guessing offline first needs the database key too. The parameters travel in the sealed
 * key, so they can be raised without breaking keys sealed earlier; opening accepts
 * 2^14 ≤ N ≤ 2^20 so that a forged file cannot make the station spend gigabytes.
 * Encryption: AES-256-GCM; the additional authenticated data is the canonical JSON of every
 * other field, so a changed kid, salt or parameter fails like a wrong password does.
 * ---------------------------------------------------------------------------------------- */

export const SEALED_KEY_FORMAT = 'ward-health-station/sealed-key@1';
const SCRYPT_DEFAULTS = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEY_BYTES = 32;
const TAG_BYTES = 16;

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

export const sealedPrivateKeySchema = z
  .object({
    format: z.literal(SEALED_KEY_FORMAT),
    kid: keyIdSchema,
    kdf: z
      .object({
        name: z.literal('scrypt'),
        N: z
          .number()
          .int()
          .min(2 ** 14)
          .max(2 ** 20)
          .refine((n) => (n & (n - 1)) === 0, 'N is a power of two'),
        r: z.number().int().min(1).max(32),
        p: z.number().int().min(1).max(16),
        salt: base64url,
      })
      .strict(),
    cipher: z.object({ name: z.literal('A256GCM'), iv: base64url }).strict(),
    ciphertext: base64url,
    tag: base64url,
  })
  .strict();
export type SealedPrivateKey = z.output<typeof sealedPrivateKeySchema>;

function deriveKey(password: string, salt: Buffer, kdf: SealedPrivateKey['kdf']): Promise<Buffer> {
  const options: ScryptOptions = {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 128 * kdf.N * kdf.r * 2,
  };
  return new Promise((resolve, reject) => {
    // NFC, as account passwords are hashed: "Hòa" typed two ways is one password.
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

function sealedAad(sealed: Pick<SealedPrivateKey, 'format' | 'kid' | 'kdf' | 'cipher'>): Buffer {
  const { format, kid, kdf, cipher } = sealed;
  return Buffer.from(canonicalJson({ cipher, format, kdf, kid }), 'utf8');
}

/** Encrypts a signing key under a password (versioned JSON, see SEALED_KEY_FORMAT). */
export async function sealPrivateKey(
  jwk: Ed25519PrivateJwk,
  password: string,
): Promise<SealedPrivateKey> {
  assertKeyPairConsistent(jwk);
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header = {
    format: SEALED_KEY_FORMAT,
    kid: await keyId(jwk),
    kdf: { name: 'scrypt', ...SCRYPT_DEFAULTS, salt: salt.toString('base64url') },
    cipher: { name: 'A256GCM', iv: iv.toString('base64url') },
  } as const;
  const key = await deriveKey(password, salt, header.kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(sealedAad(header));
    const plaintext = Buffer.from(exportJwk(jwk), 'utf8');
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    plaintext.fill(0);
    return {
      ...header,
      ciphertext: ciphertext.toString('base64url'),
      tag: cipher.getAuthTag().toString('base64url'),
    };
  } finally {
    key.fill(0);
  }
}

/**
 * Decrypts a sealed signing key (the object, or its JSON text). A wrong password and a
 * changed sealed key both give KEY_PASSWORD_WRONG (GCM cannot tell them apart); a sealed key
 * that is not of this format gives KEY_INVALID.
 */
export async function openPrivateKey(
  sealed: SealedPrivateKey | string,
  password: string,
): Promise<Ed25519PrivateJwk> {
  const parsed = sealedPrivateKeySchema.safeParse(
    typeof sealed === 'string' ? parseJson(sealed, 'The sealed key') : sealed,
  );
  if (!parsed.success) {
    throw new SyncError('KEY_INVALID', `The sealed key is not of format ${SEALED_KEY_FORMAT}.`);
  }
  const { kdf, cipher: cipherInfo, ciphertext, tag } = parsed.data;
  const key = await deriveKey(password, Buffer.from(kdf.salt, 'base64url'), kdf);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(cipherInfo.iv, 'base64url'));
    decipher.setAAD(sealedAad(parsed.data));
    const tagBytes = Buffer.from(tag, 'base64url');
    if (tagBytes.length !== TAG_BYTES) throw new Error('short tag');
    decipher.setAuthTag(tagBytes);
    plaintext = Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]);
  } catch {
    throw new SyncError('KEY_PASSWORD_WRONG');
  } finally {
    key.fill(0);
  }
  try {
    const jwk = importSigningPrivateKey(plaintext);
    if ((await keyId(jwk)) !== parsed.data.kid) {
      throw new SyncError('KEY_INVALID', 'The sealed key holds another key than its kid says.');
    }
    return jwk;
  } finally {
    plaintext.fill(0);
  }
}

/* ------------------------------------------------------------------------------------------
 * City keys: imported by an administrator who confirms the fingerprint with the city.
 * ---------------------------------------------------------------------------------------- */

export interface CityKeyCandidate {
  use: CityKeyUse;
  jwk: Ed25519PublicJwk | X25519PublicJwk;
  kid: string;
  fingerprint: string;
}

/** Use follows from the curve: X25519 only agrees keys (encryption), Ed25519 only signs. */
function cityKeyCandidate(value: unknown): Omit<CityKeyCandidate, 'kid' | 'fingerprint'> {
  if (typeof value === 'object' && value !== null && 'd' in value) {
    throw new SyncError(
      'KEY_INVALID',
      'This is a private key. The city must only ever hand out its public keys.',
    );
  }
  const encryption = x25519PublicJwkSchema.safeParse(value);
  if (encryption.success) return { use: 'bundle-encryption', jwk: encryption.data };
  const signing = ed25519PublicJwkSchema.safeParse(value);
  if (signing.success) return { use: 'receipt-signing', jwk: signing.data };
  throw new SyncError('KEY_INVALID', 'A city key is an X25519 or Ed25519 public JWK.');
}

/**
 * The keys in a file from the city: one JWK, or a JWK Set (RFC 7517 §5) `{ "keys": [...] }`,
 * each with the use its curve implies and its fingerprint, for the administrator to compare
 * with the fingerprints the city gives by another channel.
 */
export async function readCityKeyFile(text: string): Promise<CityKeyCandidate[]> {
  const parsed = parseJson(text, 'The city key file');
  const members =
    typeof parsed === 'object' && parsed !== null && 'keys' in parsed
      ? (parsed as { keys: unknown }).keys
      : [parsed];
  if (!Array.isArray(members) || members.length === 0 || members.length > 16) {
    throw new SyncError('KEY_INVALID', 'The city key file holds no keys (or far too many).');
  }
  return Promise.all(
    members.map(async (member) => {
      const candidate = cityKeyCandidate(member);
      return { ...candidate, ...(await describeKey(candidate.jwk)) };
    }),
  );
}

export interface CityKeyImport {
  /** The public JWK as given by the city. */
  jwk: unknown;
  /** The fingerprint the city read out or printed; any case and grouping, or the kid. */
  confirmedFingerprint: string;
  /** When given, the key must be of this use (the screen the administrator is on). */
  expectedUse?: CityKeyUse;
  validFrom: string;
  importedAt: string;
  importedBy: string;
}

/**
 * Checks a city key before it is trusted: public, of a known use, and with exactly the
 * fingerprint the administrator confirmed (CITY_KEY_FINGERPRINT_MISMATCH otherwise). The
 * result goes into the key set with `addCityKey`.
 */
export async function importCityKey(input: CityKeyImport): Promise<TrustedCityKey> {
  const candidate = cityKeyCandidate(input.jwk);
  if (input.expectedUse !== undefined && candidate.use !== input.expectedUse) {
    throw new SyncError(
      'KEY_INVALID',
      `This key is for ${candidate.use}, not ${input.expectedUse}.`,
    );
  }
  const { kid, fingerprint } = await describeKey(candidate.jwk);
  if (!fingerprintMatches(kid, input.confirmedFingerprint)) {
    throw new SyncError(
      'CITY_KEY_FINGERPRINT_MISMATCH',
      `The key's fingerprint is ${fingerprint}; the confirmed one differs.`,
      { fingerprint },
    );
  }
  const common = {
    kid,
    validFrom: input.validFrom,
    importedAt: input.importedAt,
    importedBy: input.importedBy,
  };
  return candidate.use === 'bundle-encryption'
    ? { use: 'bundle-encryption', jwk: candidate.jwk as X25519PublicJwk, ...common }
    : { use: 'receipt-signing', jwk: candidate.jwk as Ed25519PublicJwk, ...common };
}

/**
 * Reads an enrollment file as the city registers it: the schema, then every key id
 * recomputed from its key. ENROLLMENT_INVALID when anything is off.
 */
export async function readEnrollment(text: string): Promise<Enrollment> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SyncError('ENROLLMENT_INVALID', 'The enrollment file is not JSON.');
  }
  const parsed = enrollmentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError(
      'ENROLLMENT_INVALID',
      `The enrollment file is invalid at ${issue?.path.join('.') ?? '(root)'}: ${issue?.message ?? ''}`,
    );
  }
  const keys = [parsed.data.stationKey, ...parsed.data.supervisorKeys.map((s) => s.key)];
  for (const key of keys) {
    if ((await keyId(key.jwk)) !== key.kid) {
      throw new SyncError(
        'ENROLLMENT_INVALID',
        `Key ${key.kid} in the enrollment file is not the thumbprint of its JWK.`,
      );
    }
  }
  return parsed.data;
}
