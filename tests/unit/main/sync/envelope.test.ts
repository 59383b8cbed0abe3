import { GeneralSign, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  inspectBundle,
  openBundle,
  sealBundle,
  sha256Hex,
  verifyBundle,
  type SealBundleInput,
} from '../../../../src-main/sync/envelope';
import { generateCityEncryptionKey, generateSigningKey } from '../../../../src-main/sync/keys';
import { checkChain, nextChainPosition } from '../../../../src-shared/sync/chain';
import type { Ed25519PrivateJwk } from '../../../../src-shared/sync/enrollment';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';
import {
  PATIENT_ID,
  STATION_CODE,
  bodyWeight,
  fhirBundle,
  headerFields,
  makeParties,
  patient,
  type Parties,
} from './fixtures';
import {
  decodeJson,
  encodeJson,
  expectSyncError,
  flipByte,
  jweOf,
  readFile,
  thrownBy,
  withJweSegment,
  writeFile,
} from './helpers';

let parties: Parties;
let sealed: Awaited<ReturnType<typeof sealBundle>>;

function sealInput(overrides: Partial<SealBundleInput> = {}): SealBundleInput {
  return {
    fhirBundle: fhirBundle(),
    header: headerFields(),
    cityEncryptionKey: { kid: parties.cityEncryption.kid, jwk: parties.cityEncryption.publicJwk },
    stationKey: parties.station.privateJwk,
    supervisorKey: parties.supervisor.privateJwk,
    ...overrides,
  };
}

beforeAll(async () => {
  parties = await makeParties();
  sealed = await sealBundle(sealInput());
});

/** The bundle file with one signature's protected header rewritten (a byte of its JSON). */
function withProtectedHeader(fileText: string, index: number, change: (json: string) => string) {
  const file = readFile(fileText);
  const signature = file.signatures[index]!;
  const json = Buffer.from(signature.protected, 'base64url').toString('utf8');
  file.signatures[index] = {
    ...signature,
    protected: Buffer.from(change(json), 'utf8').toString('base64url'),
  };
  return writeFile(file);
}

describe('sealing a bundle', () => {
  it('writes a JWS General JSON file with a station and a supervisor signature over a JWE', () => {
    const file = readFile(sealed.fileText);
    expect(Object.keys(file).sort()).toEqual(['payload', 'signatures']);
    expect(file.signatures.map((s) => decodeJson(s.protected).role)).toEqual([
      'station',
      'supervisor',
    ]);
    expect(file.signatures.map((s) => decodeJson(s.protected).kid)).toEqual([
      parties.station.kid,
      parties.supervisor.kid,
    ]);
    const jweHeader = decodeJson(jweOf(sealed.fileText).split('.')[0]!);
    expect(jweHeader).toMatchObject({
      alg: 'ECDH-ES',
      enc: 'A256GCM',
      zip: 'DEF',
      cty: 'application/fhir+json',
      kid: parties.cityEncryption.kid,
      epk: { kty: 'OKP', crv: 'X25519' },
    });
  });

  it('puts counts, record number and hashes of the content into the signed header', () => {
    const plaintext = canonicalJson(fhirBundle());
    expect(sealed.header).toEqual({
      ...headerFields(),
      counts: { Observation: 1, Patient: 1 },
      records: 2,
      plaintextSha256: sha256Hex(plaintext),
      recordManifestSha256: sha256Hex(canonicalJson(sealed.manifest)),
    });
    expect(sealed.manifest.map((m) => `${m.resourceType}/${m.versionId}`)).toEqual([
      'Observation/2',
      'Patient/1',
    ]);
    expect(sealed.bundleHash).toBe(sha256Hex(jweOf(sealed.fileText)));
  });

  it('chains the next bundle to this one', async () => {
    const next = await sealBundle(
      sealInput({
        header: headerFields({
          bundleId: '01950c1f-0000-7000-8000-000000000003',
          ...nextChainPosition({ sequence: 1, bundleHash: sealed.bundleHash }),
        }),
      }),
    );
    expect(next.header.sequence).toBe(2);
    expect(next.header.previousBundleHash).toBe(sealed.bundleHash);
    expect(checkChain({ sequence: 1, bundleHash: sealed.bundleHash }, next.header)).toBe(
      'CHAIN_OK',
    );
    expect(checkChain({ sequence: 2, bundleHash: next.bundleHash }, sealed.header)).toBe(
      'BUNDLE_REPLAYED',
    );
  });

  it('refuses a header that breaks the chain rules, naming the field', async () => {
    const promise = sealBundle(sealInput({ header: headerFields({ sequence: 2 }) }));
    await expectSyncError(promise, 'BUNDLE_MALFORMED');
    await expect(promise).rejects.toThrow(/previousBundleHash/);
  });

  it('refuses one key signing as both station and supervisor', async () => {
    await expectSyncError(
      sealBundle(sealInput({ supervisorKey: parties.station.privateJwk })),
      'KEY_INVALID',
    );
  });

  it('refuses a city key whose kid is not its thumbprint', async () => {
    const input = sealInput({
      cityEncryptionKey: { kid: parties.station.kid, jwk: parties.cityEncryption.publicJwk },
    });
    await expectSyncError(sealBundle(input), 'KEY_INVALID');
  });

  it('refuses entries whose fullUrl does not name their resource', async () => {
    const bundle = fhirBundle();
    bundle.entry![0]!.fullUrl = `Patient/${PATIENT_ID}`;
    await expectSyncError(sealBundle(sealInput({ fhirBundle: bundle })), 'BUNDLE_MALFORMED');
  });
});

describe('reading a bundle', () => {
  it('inspects the header, signers and sizes without any key', () => {
    const inspection = inspectBundle(sealed.fileText);
    expect(inspection.header).toEqual(sealed.header);
    expect(inspection.signatures).toEqual([
      { role: 'station', kid: parties.station.kid },
      { role: 'supervisor', kid: parties.supervisor.kid },
    ]);
    expect(inspection.encryptionKid).toBe(parties.cityEncryption.kid);
    expect(inspection.bundleHash).toBe(sealed.bundleHash);
    expect(inspection.sizes.fileBytes).toBe(Buffer.byteLength(sealed.fileText));
    expect(inspection.sizes.payloadBytes).toBe(jweOf(sealed.fileText).length);
    expect(inspection.sizes.ciphertextBytes).toBe(
      Buffer.from(jweOf(sealed.fileText).split('.')[3]!, 'base64url').length,
    );
  });

  it('verifies both signatures and returns the signed header', async () => {
    const verified = await verifyBundle(sealed.fileText, parties.enrolled);
    expect(verified).toEqual({
      header: sealed.header,
      bundleHash: sealed.bundleHash,
      stationKid: parties.station.kid,
      supervisorKid: parties.supervisor.kid,
      encryptionKid: parties.cityEncryption.kid,
    });
  });

  it('opens the bundle: the same FHIR Bundle and manifest come out', async () => {
    const opened = await openBundle(sealed.fileText, parties.cityEncryption.privateJwk);
    expect(opened.fhirBundle).toEqual(fhirBundle());
    expect(opened.manifest).toEqual(sealed.manifest);
    expect(opened.header).toEqual(sealed.header);
    expect(opened.bundleHash).toBe(sealed.bundleHash);
  });

  it('keeps Vietnamese text exactly, in NFC', async () => {
    const opened = await openBundle(sealed.fileText, parties.cityEncryption.privateJwk);
    const name = (opened.fhirBundle.entry![0]!.resource as ReturnType<typeof patient>).name[0]!;
    expect(name.text).toBe('Nguyễn Thị Ánh');
    expect(name.text.normalize('NFC')).toBe(name.text);
  });
});

describe('tampering matrix: every change is refused with its code', () => {
  const verify = (fileText: string) => verifyBundle(fileText, parties.enrolled);
  const open = (fileText: string) => openBundle(fileText, parties.cityEncryption.privateJwk);
  // One byte of the protected header's JSON: the creation year 2026 becomes 2027.
  const nextYear = (json: string) => json.replace('"createdAt":"2026', '"createdAt":"2027');

  it.each([0, 1])('a changed byte in protected header %i → BUNDLE_SIGNATURE_INVALID', async (i) => {
    const tampered = withProtectedHeader(sealed.fileText, i, nextYear);
    expect(tampered).not.toBe(sealed.fileText);
    await expectSyncError(verify(tampered), 'BUNDLE_SIGNATURE_INVALID');
    await expect(verify(tampered)).rejects.toMatchObject({
      details: { role: i === 0 ? 'station' : 'supervisor' },
    });
  });

  it.each([
    ['JWE protected header', 0],
    ['ciphertext', 3],
    ['tag', 4],
  ])('a changed byte in the %s → BUNDLE_SIGNATURE_INVALID', async (_, segment) => {
    const tampered = withJweSegment(sealed.fileText, segment, (s) =>
      segment === 0 ? encodeJson({ ...decodeJson(s), kid: parties.station.kid }) : flipByte(s),
    );
    await expectSyncError(verify(tampered), 'BUNDLE_SIGNATURE_INVALID');
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 4],
    ['initialisation vector', 2],
  ])('without the signatures, a changed %s still fails decryption', async (_, segment) => {
    const tampered = withJweSegment(sealed.fileText, segment, (s) => flipByte(s, -1));
    await expectSyncError(open(tampered), 'BUNDLE_DECRYPT_FAILED');
  });

  it('a changed ephemeral key in the JWE header fails decryption', async () => {
    const other = await generateCityEncryptionKey();
    const tampered = withJweSegment(sealed.fileText, 0, (s) => {
      const header = decodeJson(s);
      return encodeJson({ ...header, epk: other.publicJwk });
    });
    await expectSyncError(open(tampered), 'BUNDLE_DECRYPT_FAILED');
  });

  it.each([0, 1])('a changed byte in signature %i → BUNDLE_SIGNATURE_INVALID', async (i) => {
    const file = readFile(sealed.fileText);
    file.signatures[i] = {
      ...file.signatures[i]!,
      signature: flipByte(file.signatures[i]!.signature, 5),
    };
    await expectSyncError(verify(writeFile(file)), 'BUNDLE_SIGNATURE_INVALID');
  });

  it('the supervisor signature dropped → BUNDLE_SIGNATURE_MISSING', async () => {
    const file = readFile(sealed.fileText);
    file.signatures = file.signatures.slice(0, 1);
    await expectSyncError(verify(writeFile(file)), 'BUNDLE_SIGNATURE_MISSING');
  });

  it('all signatures dropped → BUNDLE_SIGNATURE_MISSING, even for inspection', () => {
    const file = readFile(sealed.fileText);
    file.signatures = [];
    expect(thrownBy(() => inspectBundle(writeFile(file)))).toMatchObject({
      code: 'BUNDLE_SIGNATURE_MISSING',
    });
  });

  it('the station signature given twice → BUNDLE_SIGNATURE_MISSING', async () => {
    const file = readFile(sealed.fileText);
    file.signatures = [file.signatures[0]!, file.signatures[0]!];
    await expectSyncError(verify(writeFile(file)), 'BUNDLE_SIGNATURE_MISSING');
  });

  it('signed by a supervisor key that was never enrolled → BUNDLE_SIGNER_UNKNOWN', async () => {
    const stranger = await generateSigningKey();
    const bundle = await sealBundle(sealInput({ supervisorKey: stranger.privateJwk }));
    await expect(verify(bundle.fileText)).rejects.toMatchObject({
      code: 'BUNDLE_SIGNER_UNKNOWN',
      details: { role: 'supervisor', kid: stranger.kid },
    });
  });

  it('a supervisor key used as the station key → BUNDLE_SIGNER_UNKNOWN', async () => {
    const bundle = await sealBundle(
      sealInput({
        stationKey: parties.otherSupervisor.privateJwk,
        supervisorKey: parties.supervisor.privateJwk,
      }),
    );
    await expect(verify(bundle.fileText)).rejects.toMatchObject({
      code: 'BUNDLE_SIGNER_UNKNOWN',
      details: { role: 'station' },
    });
  });

  it('keys enrolled for another station → BUNDLE_SIGNER_UNKNOWN', async () => {
    const elsewhere = {
      stationKeys: parties.enrolled.stationKeys.map((k) => ({ ...k, stationCode: 'TYT-26914' })),
      supervisorKeys: parties.enrolled.supervisorKeys,
    };
    await expectSyncError(verifyBundle(sealed.fileText, elsewhere), 'BUNDLE_SIGNER_UNKNOWN');
  });

  /** Signs the sealed bundle's payload again, with each signer's own protected header. */
  async function resign(
    signers: { key: Ed25519PrivateJwk; header: Record<string, unknown> }[],
  ): Promise<string> {
    const signer = new GeneralSign(Buffer.from(readFile(sealed.fileText).payload, 'base64url'));
    for (const { key, header } of signers) {
      signer.addSignature(await importJWK(key, 'EdDSA')).setProtectedHeader(header);
    }
    const jws = await signer.sign();
    return writeFile({
      payload: jws.payload,
      signatures: jws.signatures.map((s) => ({ protected: s.protected!, signature: s.signature })),
    });
  }
  const protectedHeader = (role: 'station' | 'supervisor', kid: string, whs = sealed.header) => ({
    alg: 'EdDSA',
    kid,
    typ: 'whs-bundle+jws',
    role,
    whs,
  });

  it('two valid signatures over different headers → BUNDLE_HEADER_MISMATCH', async () => {
    const later = { ...sealed.header, sequence: 2, previousBundleHash: 'a'.repeat(64) };
    const forged = await resign([
      { key: parties.station.privateJwk, header: protectedHeader('station', parties.station.kid) },
      {
        key: parties.supervisor.privateJwk,
        header: protectedHeader('supervisor', parties.supervisor.kid, later),
      },
    ]);
    await expectSyncError(verify(forged), 'BUNDLE_HEADER_MISMATCH');
    expect(thrownBy(() => inspectBundle(forged))).toMatchObject({ code: 'BUNDLE_HEADER_MISMATCH' });
  });

  it('one key signing in both roles → BUNDLE_SIGNATURE_MISSING, even if enrolled in both', async () => {
    const forged = await resign([
      { key: parties.station.privateJwk, header: protectedHeader('station', parties.station.kid) },
      {
        key: parties.station.privateJwk,
        header: protectedHeader('supervisor', parties.station.kid),
      },
    ]);
    const enrolledTwice = {
      stationKeys: parties.enrolled.stationKeys,
      supervisorKeys: [...parties.enrolled.supervisorKeys, ...parties.enrolled.stationKeys],
    };
    await expectSyncError(verifyBundle(forged, enrolledTwice), 'BUNDLE_SIGNATURE_MISSING');
  });

  it('a station the receiver has no keys for → STATION_UNKNOWN', async () => {
    const otherStation = {
      stationKeys: parties.enrolled.stationKeys.map((k) => ({ ...k, stationCode: 'TYT-26914' })),
      supervisorKeys: parties.enrolled.supervisorKeys.map((k) => ({
        ...k,
        stationCode: 'TYT-26914',
      })),
    };
    await expectSyncError(verifyBundle(sealed.fileText, otherStation), 'STATION_UNKNOWN');
    await expectSyncError(
      verifyBundle(sealed.fileText, { stationKeys: [], supervisorKeys: [] }),
      'STATION_UNKNOWN',
    );
  });

  it('content swapped under another bundle’s header → BUNDLE_PLAINTEXT_HASH_MISMATCH', async () => {
    const other = await sealBundle(sealInput({ fhirBundle: fhirBundle([patient()]) }));
    const swapped = writeFile({
      ...readFile(sealed.fileText),
      payload: readFile(other.fileText).payload,
    });
    await expectSyncError(verify(swapped), 'BUNDLE_SIGNATURE_INVALID');
    await expectSyncError(open(swapped), 'BUNDLE_PLAINTEXT_HASH_MISMATCH');
  });

  it('a header listing other records → BUNDLE_MANIFEST_MISMATCH', async () => {
    const changeManifest = (json: string) =>
      json.replace(
        /"recordManifestSha256":"[0-9a-f]{64}"/,
        `"recordManifestSha256":"${'0'.repeat(64)}"`,
      );
    const tampered = withProtectedHeader(
      withProtectedHeader(sealed.fileText, 0, changeManifest),
      1,
      changeManifest,
    );
    await expectSyncError(verify(tampered), 'BUNDLE_SIGNATURE_INVALID');
    await expectSyncError(open(tampered), 'BUNDLE_MANIFEST_MISMATCH');
  });

  it('encrypted to another city key → BUNDLE_RECIPIENT_UNKNOWN', async () => {
    const otherCity = await generateCityEncryptionKey();
    await expectSyncError(
      openBundle(sealed.fileText, otherCity.privateJwk),
      'BUNDLE_RECIPIENT_UNKNOWN',
    );
  });

  it('content that inflates beyond the limit → BUNDLE_TOO_LARGE, before it is all unpacked', async () => {
    await expectSyncError(
      openBundle(sealed.fileText, parties.cityEncryption.privateJwk, { maxPlaintextBytes: 64 }),
      'BUNDLE_TOO_LARGE',
    );
  });
});

describe('damaged files', () => {
  it.each([
    ['cut in half', (t: string) => t.slice(0, Math.floor(t.length / 2))],
    ['cut one character short', (t: string) => t.slice(0, -1)],
    ['cut just after the first signature', (t: string) => t.slice(0, t.indexOf('},{') + 1)],
    ['cut inside the payload', (t: string) => t.slice(0, 100)],
    ['empty', () => ''],
  ])('a file %s → BUNDLE_TRUNCATED', async (_, cut) => {
    const damaged = cut(sealed.fileText);
    expect(thrownBy(() => inspectBundle(damaged))).toMatchObject({ code: 'BUNDLE_TRUNCATED' });
    await expectSyncError(verifyBundle(damaged, parties.enrolled), 'BUNDLE_TRUNCATED');
    await expectSyncError(
      openBundle(damaged, parties.cityEncryption.privateJwk),
      'BUNDLE_TRUNCATED',
    );
  });

  it.each([
    ['text that is not JSON', 'Gói dữ liệu'],
    ['JSON with a stray closing brace', '{"payload":"x"}}'],
    ['a JSON array', '[]'],
    ['a compact JWS', '"eyJhbGciOiJFZERTQSJ9.e30.c2ln"'],
    ['a flattened JWS', JSON.stringify({ payload: 'e30', protected: 'e30', signature: 'c2ln' })],
  ])('%s → BUNDLE_MALFORMED', (_, text) => {
    expect(thrownBy(() => inspectBundle(text))).toMatchObject({ code: 'BUNDLE_MALFORMED' });
  });

  it('an extra protected header member (b64, crit) → BUNDLE_MALFORMED', () => {
    const tampered = withProtectedHeader(sealed.fileText, 0, (json) =>
      json.replace('{', '{"b64":false,"crit":["b64"],'),
    );
    expect(thrownBy(() => inspectBundle(tampered))).toMatchObject({ code: 'BUNDLE_MALFORMED' });
  });

  it('a payload that is not a JWE → BUNDLE_MALFORMED', () => {
    const file = readFile(sealed.fileText);
    file.payload = Buffer.from('not.a.jwe', 'latin1').toString('base64url');
    expect(thrownBy(() => inspectBundle(writeFile(file)))).toMatchObject({
      code: 'BUNDLE_MALFORMED',
    });
  });

  it('a JWE with another algorithm → BUNDLE_MALFORMED', () => {
    const tampered = withJweSegment(sealed.fileText, 0, (s) =>
      encodeJson({ ...decodeJson(s), alg: 'ECDH-ES+A256KW' }),
    );
    expect(thrownBy(() => inspectBundle(tampered))).toMatchObject({ code: 'BUNDLE_MALFORMED' });
  });
});

describe('bundles of other content', () => {
  it('seals and opens a bundle with no records', async () => {
    const empty = await sealBundle(sealInput({ fhirBundle: fhirBundle([]) }));
    expect(empty.header.records).toBe(0);
    expect(empty.header.counts).toEqual({});
    const opened = await openBundle(empty.fileText, parties.cityEncryption.privateJwk);
    expect(opened.manifest).toEqual([]);
  });

  it('keeps the station code of the header it was given', async () => {
    const bundle = await sealBundle(sealInput({ fhirBundle: fhirBundle([bodyWeight()]) }));
    expect(inspectBundle(bundle.fileText).header.stationCode).toBe(STATION_CODE);
  });
});
