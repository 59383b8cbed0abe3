import { z } from 'zod';
import { keyIdSchema } from '../../src-shared/sync/bundle-header';
import {
  ed25519PrivateJwkSchema,
  x25519PrivateJwkSchema,
  type Ed25519PrivateJwk,
  type X25519PrivateJwk,
} from '../../src-shared/sync/enrollment';
import { SyncError } from '../../src-shared/sync/sync-errors';
import {
  describeKey,
  generateCityEncryptionKey,
  generateSigningKey,
  importCityDecryptionKey,
  importSigningPrivateKey,
  keyId,
  publicJwkOf,
} from '../sync/keys';
import type { CityPrivateKeys } from './receiver';

/**
 * The city's private keys, as the reference receiver keeps them: one file (JSON, mode 0600)
 * holding every key pair the city ever used, oldest first. The newest pair of each use is
 * current; the older ones stay so that bundles sealed before a rotation still open and the
 * city can still show which key signed an old receipt (docs/sync-protocol.md §2.4).
 */
export const CITY_KEY_RING_FORMAT = 'ward-health-station/city-private-keys@1';

const keyRingEntrySchema = z.discriminatedUnion('use', [
  z
    .object({
      use: z.literal('bundle-encryption'),
      kid: keyIdSchema,
      createdAt: z.iso.datetime(),
      jwk: x25519PrivateJwkSchema,
    })
    .strict(),
  z
    .object({
      use: z.literal('receipt-signing'),
      kid: keyIdSchema,
      createdAt: z.iso.datetime(),
      jwk: ed25519PrivateJwkSchema,
    })
    .strict(),
]);
export type CityKeyRingEntry = z.output<typeof keyRingEntrySchema>;

const keyRingSchema = z
  .object({
    format: z.literal(CITY_KEY_RING_FORMAT),
    keys: z.array(keyRingEntrySchema).min(2),
  })
  .strict();
export type CityKeyRing = z.output<typeof keyRingSchema>;

/** A new encryption key and a new receipt key, both created at `now`. */
export async function generateCityKeyPair(now: string): Promise<CityKeyRingEntry[]> {
  const [encryption, receipt] = await Promise.all([
    generateCityEncryptionKey(),
    generateSigningKey(),
  ]);
  return [
    { use: 'bundle-encryption', kid: encryption.kid, createdAt: now, jwk: encryption.privateJwk },
    { use: 'receipt-signing', kid: receipt.kid, createdAt: now, jwk: receipt.privateJwk },
  ];
}

export async function newCityKeyRing(now: string): Promise<CityKeyRing> {
  return { format: CITY_KEY_RING_FORMAT, keys: await generateCityKeyPair(now) };
}

/** The ring with a new current pair; the old keys are kept. */
export async function rotateCityKeyRing(ring: CityKeyRing, now: string): Promise<CityKeyRing> {
  return { ...ring, keys: [...ring.keys, ...(await generateCityKeyPair(now))] };
}

/**
 * Reads the key file and checks every key (x is the public half of d, kid its thumbprint):
 * KEY_INVALID otherwise, so a damaged file stops the store before it answers anything.
 */
export async function readCityKeyRing(text: string): Promise<CityKeyRing> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SyncError('KEY_INVALID', 'The city key file is not JSON.');
  }
  const parsed = keyRingSchema.safeParse(value);
  if (!parsed.success) {
    throw new SyncError(
      'KEY_INVALID',
      `The city key file is not of format ${CITY_KEY_RING_FORMAT}.`,
    );
  }
  for (const entry of parsed.data.keys) {
    const text = JSON.stringify(entry.jwk);
    if (entry.use === 'bundle-encryption') importCityDecryptionKey(text);
    else importSigningPrivateKey(text);
    if ((await keyId(entry.jwk)) !== entry.kid) {
      throw new SyncError('KEY_INVALID', `City key ${entry.kid} is not the thumbprint of its JWK.`);
    }
  }
  currentCityKeys(parsed.data);
  return parsed.data;
}

export interface CurrentCityKeys {
  encryption: Extract<CityKeyRingEntry, { use: 'bundle-encryption' }>;
  receipt: Extract<CityKeyRingEntry, { use: 'receipt-signing' }>;
}

/** The newest key of each use. */
export function currentCityKeys(ring: CityKeyRing): CurrentCityKeys {
  let encryption: CurrentCityKeys['encryption'] | undefined;
  let receipt: CurrentCityKeys['receipt'] | undefined;
  for (const entry of ring.keys) {
    if (entry.use === 'bundle-encryption') encryption = entry;
    else receipt = entry;
  }
  if (encryption === undefined || receipt === undefined) {
    throw new SyncError('KEY_INVALID', 'The city key file lacks an encryption or a receipt key.');
  }
  return { encryption, receipt };
}

/** What the receiver needs: every decryption key, and the current receipt key. */
export function cityPrivateKeysOf(ring: CityKeyRing): CityPrivateKeys {
  return {
    decryptionKeys: ring.keys
      .filter((entry) => entry.use === 'bundle-encryption')
      .map((entry) => entry.jwk as X25519PrivateJwk),
    receiptKey: currentCityKeys(ring).receipt.jwk as Ed25519PrivateJwk,
  };
}

/**
 * The current public keys as a JWK Set (RFC 7517 §5) for stations to import. `kid`, `use`
 * and `alg` are there for other JOSE tools; the station keeps only kty, crv and x and
 * recomputes the kid itself.
 */
export function publicJwkSetOf(ring: CityKeyRing): { keys: Record<string, string>[] } {
  const { encryption, receipt } = currentCityKeys(ring);
  return {
    keys: [
      { ...publicJwkOf(encryption.jwk), kid: encryption.kid, use: 'enc', alg: 'ECDH-ES' },
      { ...publicJwkOf(receipt.jwk), kid: receipt.kid, use: 'sig', alg: 'EdDSA' },
    ],
  };
}

/** The current keys with their readable fingerprints, for people to read out to stations. */
export async function describeCurrentKeys(
  ring: CityKeyRing,
): Promise<{ use: CityKeyRingEntry['use']; kid: string; fingerprint: string }[]> {
  const { encryption, receipt } = currentCityKeys(ring);
  return Promise.all(
    [encryption, receipt].map(async (entry) => ({
      use: entry.use,
      ...(await describeKey(entry.jwk)),
    })),
  );
}
