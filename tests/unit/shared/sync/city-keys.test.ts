import { describe, expect, it } from 'vitest';
import {
  addCityKey,
  cityKeySetSchema,
  currentCityEncryptionKey,
  findCityKey,
  requireCityEncryptionKey,
  type TrustedCityKey,
} from '../../../../src-shared/sync/city-keys';

const imported = { importedAt: '2026-01-05T02:00:00Z', importedBy: 'quantri' };
const encryption = (kid: string, validFrom: string): TrustedCityKey => ({
  use: 'bundle-encryption',
  kid,
  jwk: { kty: 'OKP', crv: 'X25519', x: kid },
  validFrom,
  ...imported,
});
const signing = (kid: string, validFrom: string): TrustedCityKey => ({
  use: 'receipt-signing',
  kid,
  jwk: { kty: 'OKP', crv: 'Ed25519', x: kid },
  validFrom,
  ...imported,
});

const KID_2025 = 'A'.repeat(43);
const KID_2026 = 'B'.repeat(43);
const KID_2027 = 'C'.repeat(43);
const RECEIPT_KID = 'D'.repeat(43);

const keys = [
  encryption(KID_2026, '2026-01-01T00:00:00Z'),
  encryption(KID_2025, '2025-01-01T00:00:00Z'),
  encryption(KID_2027, '2027-01-01T00:00:00Z'),
  signing(RECEIPT_KID, '2025-01-01T00:00:00Z'),
];

describe('city key set', () => {
  it('finds a key by id, and by id and use', () => {
    expect(findCityKey(keys, RECEIPT_KID)?.use).toBe('receipt-signing');
    expect(findCityKey(keys, RECEIPT_KID, 'receipt-signing')?.kid).toBe(RECEIPT_KID);
    expect(findCityKey(keys, RECEIPT_KID, 'bundle-encryption')).toBeUndefined();
    expect(findCityKey(keys, 'E'.repeat(43))).toBeUndefined();
  });

  it('encrypts to the newest key already valid, and not to one of the future', () => {
    expect(currentCityEncryptionKey(keys, '2026-06-01T00:00:00Z')?.kid).toBe(KID_2026);
    expect(currentCityEncryptionKey(keys, '2027-01-01T00:00:00Z')?.kid).toBe(KID_2027);
    expect(currentCityEncryptionKey(keys, '2024-12-31T23:59:59Z')).toBeUndefined();
  });

  it('says CITY_KEY_MISSING when there is no key to seal with yet', () => {
    expect(requireCityEncryptionKey(keys, '2026-06-01T00:00:00Z').kid).toBe(KID_2026);
    expect(() => requireCityEncryptionKey(keys, '2024-06-01T00:00:00Z')).toThrow(
      expect.objectContaining({ code: 'CITY_KEY_MISSING' }),
    );
  });

  it('compares instants, not their spelling', () => {
    const sameSecond = [
      encryption(KID_2025, '2026-01-01T00:00:00.500Z'),
      encryption(KID_2026, '2026-01-01T00:00:00Z'),
    ];
    expect(currentCityEncryptionKey(sameSecond, '2026-01-01T00:00:01Z')?.kid).toBe(KID_2025);
  });

  it('adds keys in validFrom order, keeps the first import of a key, and never drops one', () => {
    let set: TrustedCityKey[] = [];
    for (const key of keys) set = addCityKey(set, key);
    expect(set.map((k) => k.validFrom)).toEqual([
      '2025-01-01T00:00:00Z',
      '2025-01-01T00:00:00Z',
      '2026-01-01T00:00:00Z',
      '2027-01-01T00:00:00Z',
    ]);
    const again = addCityKey(set, { ...keys[0]!, importedBy: 'someone.else' });
    expect(again).toEqual(set);
    expect(cityKeySetSchema.safeParse(set).success).toBe(true);
  });

  it('refuses a stored key set that lists one key twice', () => {
    expect(cityKeySetSchema.safeParse([keys[0], keys[0]]).success).toBe(false);
  });
});
