import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  describeKey,
  exportJwk,
  generateCityEncryptionKey,
  generateSigningKey,
  importCityDecryptionKey,
  importCityKey,
  importSigningPrivateKey,
  keyId,
  openPrivateKey,
  readCityKeyFile,
  readEnrollment,
  sealPrivateKey,
  type SealedPrivateKey,
} from '../../../../src-main/sync/keys';
import { addCityKey, findCityKey } from '../../../../src-shared/sync/city-keys';
import { buildEnrollment } from '../../../../src-shared/sync/enrollment';
import { expectSyncError, flipByte } from './helpers';

/** RFC 8037 appendix A.1 (the Ed25519 key of RFC 8032 §7.1, TEST 1) and its A.3 thumbprint. */
const RFC8037_KEY = {
  kty: 'OKP',
  crv: 'Ed25519',
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
} as const;
const RFC8037_THUMBPRINT = 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k';

const PASSWORD = 'Mật khẩu trạm 2026';

describe('key ids and fingerprints', () => {
  it('computes the RFC 7638 thumbprint of RFC 8037’s example key', async () => {
    expect(await keyId(RFC8037_KEY)).toBe(RFC8037_THUMBPRINT);
    expect(await describeKey(RFC8037_KEY)).toEqual({
      kid: RFC8037_THUMBPRINT,
      fingerprint:
        '90FA CAFE A9B1 5566 9854 0F70 C011 7A22 EA37 BD5C F3ED 3C47 093C 1707 282B 4B89',
    });
  });

  it('generates Ed25519 and X25519 keys whose kid is their thumbprint', async () => {
    const signing = await generateSigningKey();
    expect(signing.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: signing.privateJwk.x });
    expect(signing.kid).toBe(await calculateJwkThumbprint(signing.publicJwk));
    const encryption = await generateCityEncryptionKey();
    expect(encryption.publicJwk.crv).toBe('X25519');
    expect(encryption.kid).toBe(await calculateJwkThumbprint(encryption.publicJwk));
    expect(signing.kid).not.toBe(encryption.kid);
  });

  it('exports a private key as JWK text and imports it back', async () => {
    const { privateJwk } = await generateSigningKey();
    expect(importSigningPrivateKey(exportJwk(privateJwk))).toEqual(privateJwk);
    expect(importSigningPrivateKey(Buffer.from(exportJwk(privateJwk)))).toEqual(privateJwk);
    const city = await generateCityEncryptionKey();
    expect(importCityDecryptionKey(exportJwk(city.privateJwk))).toEqual(city.privateJwk);
  });

  it('refuses a private key whose x is not the public half of d', async () => {
    const a = await generateSigningKey();
    const b = await generateSigningKey();
    await expectSyncError(
      Promise.resolve().then(() =>
        importSigningPrivateKey(JSON.stringify({ ...a.privateJwk, x: b.privateJwk.x })),
      ),
      'KEY_INVALID',
    );
  });

  it.each([
    ['not JSON', 'khóa'],
    ['a public key only', JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: RFC8037_KEY.x })],
    ['an X25519 key', 'x25519'],
  ])('refuses %s as a signing key', async (_, text) => {
    const value =
      text === 'x25519' ? exportJwk((await generateCityEncryptionKey()).privateJwk) : text;
    await expectSyncError(
      Promise.resolve().then(() => importSigningPrivateKey(value)),
      'KEY_INVALID',
    );
  });
});

describe('sealed private keys', () => {
  it('seals a key under a password and opens it again', async () => {
    const { privateJwk, kid } = await generateSigningKey();
    const sealed = await sealPrivateKey(privateJwk, PASSWORD);
    expect(sealed).toMatchObject({
      format: 'ward-health-station/sealed-key@1',
      kid,
      kdf: { name: 'scrypt', N: 32768, r: 8, p: 1 },
      cipher: { name: 'A256GCM' },
    });
    expect(JSON.stringify(sealed)).not.toContain(privateJwk.d);
    expect(await openPrivateKey(sealed, PASSWORD)).toEqual(privateJwk);
    expect(await openPrivateKey(JSON.stringify(sealed), PASSWORD)).toEqual(privateJwk);
  });

  it('opens with the same password typed in another Unicode form (NFD)', async () => {
    const { privateJwk } = await generateSigningKey();
    const sealed = await sealPrivateKey(privateJwk, PASSWORD);
    expect(await openPrivateKey(sealed, PASSWORD.normalize('NFD'))).toEqual(privateJwk);
  });

  it('refuses a wrong password with KEY_PASSWORD_WRONG', async () => {
    const sealed = await sealPrivateKey((await generateSigningKey()).privateJwk, PASSWORD);
    await expectSyncError(openPrivateKey(sealed, 'Mật khẩu trạm 2025'), 'KEY_PASSWORD_WRONG');
  });

  it.each<[string, (s: SealedPrivateKey) => SealedPrivateKey]>([
    ['a lowered work factor', (s) => ({ ...s, kdf: { ...s.kdf, N: 2 ** 14 } })],
    ['another kid', (s) => ({ ...s, kid: 'kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k' })],
    ['a changed ciphertext', (s) => ({ ...s, ciphertext: flipByte(s.ciphertext) })],
    ['a changed tag', (s) => ({ ...s, tag: flipByte(s.tag, -1) })],
  ])('refuses a sealed key with %s as it refuses a wrong password', async (_, change) => {
    const sealed = await sealPrivateKey((await generateSigningKey()).privateJwk, PASSWORD);
    const changed = change(sealed);
    expect(changed).not.toEqual(sealed);
    await expectSyncError(openPrivateKey(changed, PASSWORD), 'KEY_PASSWORD_WRONG');
  });

  it.each<[string, unknown]>([
    ['another format', { format: 'other' }],
    ['an unbounded work factor', { kdf: { name: 'scrypt', N: 2 ** 24, r: 8, p: 1, salt: 'AA' } }],
  ])('refuses a sealed key of %s with KEY_INVALID', async (_, change) => {
    const sealed = await sealPrivateKey((await generateSigningKey()).privateJwk, PASSWORD);
    await expectSyncError(
      openPrivateKey({ ...sealed, ...(change as object) } as SealedPrivateKey, PASSWORD),
      'KEY_INVALID',
    );
  });
});

describe('city keys', () => {
  const IMPORT = {
    validFrom: '2026-01-01T00:00:00Z',
    importedAt: '2026-01-05T02:00:00Z',
    importedBy: 'quantri',
  };

  it('imports an encryption key when the confirmed fingerprint matches, in any grouping', async () => {
    const city = await generateCityEncryptionKey();
    const { fingerprint } = await describeKey(city.publicJwk);
    for (const typed of [fingerprint, fingerprint.toLowerCase().replace(/ /g, ':'), city.kid]) {
      const key = await importCityKey({
        jwk: { ...city.publicJwk, use: 'enc', kid: 'city-2026' },
        confirmedFingerprint: typed,
        ...IMPORT,
      });
      expect(key).toEqual({
        use: 'bundle-encryption',
        jwk: city.publicJwk,
        kid: city.kid,
        ...IMPORT,
      });
    }
  });

  it('imports an Ed25519 key as the receipt-signing key', async () => {
    const receipt = await generateSigningKey();
    const key = await importCityKey({
      jwk: receipt.publicJwk,
      confirmedFingerprint: receipt.kid,
      ...IMPORT,
    });
    expect(key.use).toBe('receipt-signing');
    expect(findCityKey(addCityKey([], key), receipt.kid, 'receipt-signing')).toEqual(key);
  });

  it('refuses a key whose fingerprint differs by one digit', async () => {
    const city = await generateCityEncryptionKey();
    const { fingerprint } = await describeKey(city.publicJwk);
    const last = fingerprint.at(-1)!;
    const wrong = `${fingerprint.slice(0, -1)}${last === '0' ? '1' : '0'}`;
    await expect(
      importCityKey({ jwk: city.publicJwk, confirmedFingerprint: wrong, ...IMPORT }),
    ).rejects.toMatchObject({ code: 'CITY_KEY_FINGERPRINT_MISMATCH', details: { fingerprint } });
  });

  it('refuses a private key, a key of the wrong use, and a key of another type', async () => {
    const city = await generateCityEncryptionKey();
    await expectSyncError(
      importCityKey({ jwk: city.privateJwk, confirmedFingerprint: city.kid, ...IMPORT }),
      'KEY_INVALID',
    );
    await expectSyncError(
      importCityKey({
        jwk: city.publicJwk,
        confirmedFingerprint: city.kid,
        expectedUse: 'receipt-signing',
        ...IMPORT,
      }),
      'KEY_INVALID',
    );
    await expectSyncError(
      importCityKey({
        jwk: { kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' },
        confirmedFingerprint: city.kid,
        ...IMPORT,
      }),
      'KEY_INVALID',
    );
  });

  it('reads a JWK Set from the city with each key’s use and fingerprint', async () => {
    const encryption = await generateCityEncryptionKey();
    const receipt = await generateSigningKey();
    const candidates = await readCityKeyFile(
      JSON.stringify({ keys: [encryption.publicJwk, receipt.publicJwk] }),
    );
    expect(candidates).toEqual([
      {
        use: 'bundle-encryption',
        jwk: encryption.publicJwk,
        ...(await describeKey(encryption.publicJwk)),
      },
      { use: 'receipt-signing', jwk: receipt.publicJwk, ...(await describeKey(receipt.publicJwk)) },
    ]);
    expect(await readCityKeyFile(JSON.stringify(receipt.publicJwk))).toHaveLength(1);
    await expectSyncError(readCityKeyFile('{"keys":[]}'), 'KEY_INVALID');
  });
});

describe('enrollment files as the city reads them', () => {
  async function enrollmentText() {
    const station = await generateSigningKey();
    const supervisor = await generateSigningKey();
    const enrollment = buildEnrollment({
      station: {
        stationCode: 'TYT-26911',
        communeCode: '26911',
        facilityCode: 'BQ001',
        name: 'Trạm Y tế phường Bình Quới',
      },
      createdAt: '2026-03-01T01:00:00Z',
      stationKey: { kid: station.kid, jwk: station.publicJwk },
      supervisorKeys: [
        {
          username: 'lan.tran',
          fullName: 'Trần Thị Lan',
          kid: supervisor.kid,
          jwk: supervisor.publicJwk,
        },
      ],
    });
    return { text: JSON.stringify(enrollment), enrollment, other: await generateSigningKey() };
  }

  it('reads back what the station built', async () => {
    const { text, enrollment } = await enrollmentText();
    expect(await readEnrollment(text)).toEqual(enrollment);
  });

  it('refuses a file whose key was swapped but whose kid was kept', async () => {
    const { enrollment, other } = await enrollmentText();
    const swapped = {
      ...enrollment,
      stationKey: { ...enrollment.stationKey, jwk: other.publicJwk },
    };
    await expectSyncError(readEnrollment(JSON.stringify(swapped)), 'ENROLLMENT_INVALID');
  });

  it('refuses a file that is not JSON or not an enrollment', async () => {
    await expectSyncError(readEnrollment('{'), 'ENROLLMENT_INVALID');
    await expectSyncError(readEnrollment('{"format":"x"}'), 'ENROLLMENT_INVALID');
  });
});
