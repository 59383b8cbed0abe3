import { z } from 'zod';
import { keyIdSchema } from './bundle-header';
import { ed25519PublicJwkSchema, x25519PublicJwkSchema } from './enrollment';
import { SyncError } from './sync-errors';

/**
 * The city record store's public keys as the station keeps them. Two uses, two key types:
 * bundles are encrypted to an X25519 key, receipts are signed with an Ed25519 key. Keys are
 * rotated by importing a new one with a later `validFrom`; none is ever deleted, because an
 * old receipt names the key it was signed with (`kid`) and must still verify years later.
 */
export const CITY_KEY_USES = ['bundle-encryption', 'receipt-signing'] as const;
export type CityKeyUse = (typeof CITY_KEY_USES)[number];

const keyCommon = {
  kid: keyIdSchema,
  /** From when the city uses this key (ISO instant). The newest valid one encrypts bundles. */
  validFrom: z.iso.datetime(),
  importedAt: z.iso.datetime(),
  /** Account that imported it, after confirming the fingerprint with the city. */
  importedBy: z.string().min(1).max(64),
};

export const trustedCityKeySchema = z.discriminatedUnion('use', [
  z.object({ use: z.literal('bundle-encryption'), jwk: x25519PublicJwkSchema, ...keyCommon }),
  z.object({ use: z.literal('receipt-signing'), jwk: ed25519PublicJwkSchema, ...keyCommon }),
]);
export type TrustedCityKey = z.output<typeof trustedCityKeySchema>;
export type CityEncryptionKey = Extract<TrustedCityKey, { use: 'bundle-encryption' }>;
export type CityReceiptKey = Extract<TrustedCityKey, { use: 'receipt-signing' }>;

export const cityKeySetSchema = z
  .array(trustedCityKeySchema)
  .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, 'a key is listed twice');
export type CityKeySet = readonly TrustedCityKey[];

/** The trusted key with this id, optionally of one use; undefined when there is none. */
export function findCityKey(keys: CityKeySet, kid: string): TrustedCityKey | undefined;
export function findCityKey<U extends CityKeyUse>(
  keys: CityKeySet,
  kid: string,
  use: U,
): Extract<TrustedCityKey, { use: U }> | undefined;
export function findCityKey(
  keys: CityKeySet,
  kid: string,
  use?: CityKeyUse,
): TrustedCityKey | undefined {
  return keys.find((key) => key.kid === kid && (use === undefined || key.use === use));
}

/**
 * The key to encrypt new bundles to at `now`: of the encryption keys already valid, the one
 * with the latest `validFrom`. Undefined when none.
 */
export function currentCityEncryptionKey(
  keys: CityKeySet,
  now: string,
): CityEncryptionKey | undefined {
  const at = Date.parse(now);
  let current: CityEncryptionKey | undefined;
  for (const key of keys) {
    if (key.use !== 'bundle-encryption' || Date.parse(key.validFrom) > at) continue;
    if (current === undefined || Date.parse(key.validFrom) > Date.parse(current.validFrom)) {
      current = key;
    }
  }
  return current;
}

/** As `currentCityEncryptionKey`, but CITY_KEY_MISSING when there is none to seal with. */
export function requireCityEncryptionKey(keys: CityKeySet, now: string): CityEncryptionKey {
  const key = currentCityEncryptionKey(keys, now);
  if (key === undefined) {
    throw new SyncError(
      'CITY_KEY_MISSING',
      `No city encryption key is valid at ${now}; import the city's key first.`,
    );
  }
  return key;
}

/**
 * The key set with `key` added. Adding a key already trusted changes nothing (the first
 * import, with its date and importer, is kept), so importing the same file twice is harmless.
 */
export function addCityKey(keys: CityKeySet, key: TrustedCityKey): TrustedCityKey[] {
  if (keys.some((existing) => existing.kid === key.kid)) return [...keys];
  // Instants are compared as instants: "…00Z" and "…00.000Z" are the same moment.
  return [...keys, key].sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom));
}
