import { GeneralSign, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealBundle, type SealedBundle } from '../../../../src-main/sync/envelope';
import { generateSigningKey } from '../../../../src-main/sync/keys';
import { signReceipt, verifyReceipt } from '../../../../src-main/sync/receipt-signature';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';
import { addCityKey, type TrustedCityKey } from '../../../../src-shared/sync/city-keys';
import type { Receipt } from '../../../../src-shared/sync/receipt';
import { STATION_CODE, fhirBundle, headerFields, makeParties, type Parties } from './fixtures';
import { decodeJson, expectSyncError, flipByte, readFile, writeFile } from './helpers';

let parties: Parties;
let bundle: SealedBundle;
let cityKeys: TrustedCityKey[];

function receiptFor(sealed: SealedBundle, overrides: Partial<Receipt> = {}): Receipt {
  return {
    receiptId: '01950c20-1111-7000-8000-000000000001',
    bundleId: sealed.header.bundleId,
    bundleHash: sealed.bundleHash,
    stationCode: sealed.header.stationCode,
    sequence: sealed.header.sequence,
    receivedAt: '2026-03-02T04:00:00Z',
    records: sealed.manifest.map(({ resourceType, id, versionId }, index) =>
      index === 0
        ? { resourceType, id, versionId, status: 'rejected', reason: 'REFERENCE_UNRESOLVED' }
        : { resourceType, id, versionId, status: 'accepted' },
    ),
    ...overrides,
  };
}

const importedFields = {
  importedAt: '2026-01-05T02:00:00Z',
  importedBy: 'quantri',
};

beforeAll(async () => {
  parties = await makeParties();
  bundle = await sealBundle({
    fhirBundle: fhirBundle(),
    header: headerFields(),
    cityEncryptionKey: { kid: parties.cityEncryption.kid, jwk: parties.cityEncryption.publicJwk },
    stationKey: parties.station.privateJwk,
    supervisorKey: parties.supervisor.privateJwk,
  });
  cityKeys = addCityKey(
    addCityKey([], {
      use: 'bundle-encryption',
      kid: parties.cityEncryption.kid,
      jwk: parties.cityEncryption.publicJwk,
      validFrom: '2026-01-01T00:00:00Z',
      ...importedFields,
    }),
    {
      use: 'receipt-signing',
      kid: parties.cityReceipt.kid,
      jwk: parties.cityReceipt.publicJwk,
      validFrom: '2026-01-01T00:00:00Z',
      ...importedFields,
    },
  );
});

function expectedFor(sealed: SealedBundle) {
  return {
    stationCode: STATION_CODE,
    bundleId: sealed.header.bundleId,
    bundleHash: sealed.bundleHash,
    records: sealed.manifest,
  };
}

describe('receipts', () => {
  it('signs the canonical JSON of the receipt, and the station verifies it', async () => {
    const receipt = receiptFor(bundle);
    const fileText = await signReceipt(receipt, parties.cityReceipt.privateJwk);
    const file = readFile(fileText);
    expect(file.signatures).toHaveLength(1);
    expect(decodeJson(file.signatures[0]!.protected)).toEqual({
      alg: 'EdDSA',
      kid: parties.cityReceipt.kid,
      typ: 'whs-receipt+jws',
    });
    expect(Buffer.from(file.payload, 'base64url').toString('utf8')).toBe(canonicalJson(receipt));
    const verified = await verifyReceipt(fileText, { cityKeys, expected: expectedFor(bundle) });
    expect(verified).toEqual({ receipt, kid: parties.cityReceipt.kid });
  });

  it('still verifies a receipt signed with a rotated-out city key', async () => {
    const newReceiptKey = await generateSigningKey();
    const rotated = addCityKey(cityKeys, {
      use: 'receipt-signing',
      kid: newReceiptKey.kid,
      jwk: newReceiptKey.publicJwk,
      validFrom: '2026-06-01T00:00:00Z',
      ...importedFields,
    });
    const oldReceipt = await signReceipt(receiptFor(bundle), parties.cityReceipt.privateJwk);
    const newReceipt = await signReceipt(receiptFor(bundle), newReceiptKey.privateJwk);
    const options = { cityKeys: rotated, expected: expectedFor(bundle) };
    expect((await verifyReceipt(oldReceipt, options)).kid).toBe(parties.cityReceipt.kid);
    expect((await verifyReceipt(newReceipt, options)).kid).toBe(newReceiptKey.kid);
  });

  it('refuses a receipt with a changed byte in its content or its signature', async () => {
    const fileText = await signReceipt(receiptFor(bundle), parties.cityReceipt.privateJwk);
    const file = readFile(fileText);
    const payload = Buffer.from(file.payload, 'base64url')
      .toString('utf8')
      .replace('"rejected"', '"accepted"')
      .replace(',"reason":"REFERENCE_UNRESOLVED"', '');
    const changedContent = writeFile({
      ...file,
      payload: Buffer.from(payload, 'utf8').toString('base64url'),
    });
    const changedSignature = writeFile({
      ...file,
      signatures: [{ ...file.signatures[0]!, signature: flipByte(file.signatures[0]!.signature) }],
    });
    for (const tampered of [changedContent, changedSignature]) {
      await expectSyncError(
        verifyReceipt(tampered, { cityKeys, expected: expectedFor(bundle) }),
        'RECEIPT_SIGNATURE_INVALID',
      );
    }
  });

  it('refuses a receipt signed by a key the station never trusted', async () => {
    const impostor = await generateSigningKey();
    const fileText = await signReceipt(receiptFor(bundle), impostor.privateJwk);
    await expect(
      verifyReceipt(fileText, { cityKeys, expected: expectedFor(bundle) }),
    ).rejects.toMatchObject({ code: 'RECEIPT_KEY_UNKNOWN', details: { kid: impostor.kid } });
  });

  it('refuses a receipt for another station', async () => {
    const fileText = await signReceipt(
      receiptFor(bundle, { stationCode: 'TYT-26914' }),
      parties.cityReceipt.privateJwk,
    );
    await expectSyncError(
      verifyReceipt(fileText, { cityKeys, expected: expectedFor(bundle) }),
      'RECEIPT_WRONG_STATION',
    );
  });

  it('refuses a receipt for another bundle, by id or by content hash', async () => {
    const otherId = await signReceipt(
      receiptFor(bundle, { bundleId: '01950c1f-0000-7000-8000-0000000000ff' }),
      parties.cityReceipt.privateJwk,
    );
    const otherHash = await signReceipt(
      receiptFor(bundle, { bundleHash: 'f'.repeat(64) }),
      parties.cityReceipt.privateJwk,
    );
    for (const fileText of [otherId, otherHash]) {
      await expectSyncError(
        verifyReceipt(fileText, { cityKeys, expected: expectedFor(bundle) }),
        'RECEIPT_WRONG_BUNDLE',
      );
    }
  });

  it('refuses a receipt that leaves out a record, adds one, or names one twice', async () => {
    const base = receiptFor(bundle);
    const extra = {
      resourceType: 'Patient',
      id: '01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4eff',
      versionId: '1',
      status: 'accepted' as const,
    };
    const variants = [
      base.records.slice(1),
      [...base.records, extra],
      [...base.records, base.records[1]!],
    ];
    for (const records of variants) {
      const fileText = await signReceipt({ ...base, records }, parties.cityReceipt.privateJwk);
      await expectSyncError(
        verifyReceipt(fileText, { cityKeys, expected: expectedFor(bundle) }),
        'RECEIPT_RECORDS_MISMATCH',
      );
    }
  });

  it('refuses damaged or foreign receipt files with RECEIPT_MALFORMED', async () => {
    const fileText = await signReceipt(receiptFor(bundle), parties.cityReceipt.privateJwk);
    const signer = new GeneralSign(new TextEncoder().encode('{"receiptId":"x"}'));
    signer
      .addSignature(await importJWK(parties.cityReceipt.privateJwk, 'EdDSA'))
      .setProtectedHeader({ alg: 'EdDSA', kid: parties.cityReceipt.kid, typ: 'whs-receipt+jws' });
    const signedNonsense = JSON.stringify(await signer.sign());
    const bundleAsReceipt = bundle.fileText;
    for (const text of [fileText.slice(0, -3), '', signedNonsense, bundleAsReceipt]) {
      await expectSyncError(
        verifyReceipt(text, { cityKeys, expected: expectedFor(bundle) }),
        'RECEIPT_MALFORMED',
      );
    }
  });

  it('refuses to sign a receipt that breaks its own rules', async () => {
    const records = receiptFor(bundle).records.map((r) => ({ ...r, status: 'rejected' as const }));
    const withoutReasons = receiptFor(bundle, {
      records: records.map(({ resourceType, id, versionId, status }) => ({
        resourceType,
        id,
        versionId,
        status,
      })),
    });
    await expectSyncError(
      signReceipt(withoutReasons, parties.cityReceipt.privateJwk),
      'RECEIPT_MALFORMED',
    );
  });
});
