import { execFileSync } from 'node:child_process';
import {
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
} from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealBundle } from '../../../../src-main/sync/envelope';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';
import type { X25519PrivateJwk } from '../../../../src-shared/sync/enrollment';
import { fhirBundle, headerFields, makeParties, type Parties } from './fixtures';
import { decodeJson, flipByte, readFile } from './helpers';

/**
 * The bundle format is plain JOSE: these tests check it with tools that share no code with
 * ours — the openssl command line for the signatures, and node:crypto primitives (X25519,
 * the Concat KDF of RFC 7518 §4.6.2, AES-256-GCM, raw inflate) for the encryption.
 */

function opensslVersion(): string | null {
  try {
    return execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
const openssl = opensslVersion();
if (openssl === null) {
  console.log('Skipping the openssl signature checks: the openssl command is not installed.');
}

let parties: Parties;
let fileText: string;
let directory: string;

beforeAll(async () => {
  parties = await makeParties();
  ({ fileText } = await sealBundle({
    fhirBundle: fhirBundle(),
    header: headerFields(),
    cityEncryptionKey: { kid: parties.cityEncryption.kid, jwk: parties.cityEncryption.publicJwk },
    stationKey: parties.station.privateJwk,
    supervisorKey: parties.supervisor.privateJwk,
  }));
  directory = mkdtempSync(join(tmpdir(), 'whs-openssl-'));
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

/** `openssl pkeyutl -verify -rawin` over the JWS signing input, with the key as PEM. */
function opensslVerifies(
  publicJwk: object,
  signingInput: string,
  signature: Buffer,
  name: string,
): boolean {
  const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  const keyFile = join(directory, `${name}.pem`);
  const inputFile = join(directory, `${name}.input`);
  const signatureFile = join(directory, `${name}.sig`);
  writeFileSync(keyFile, pem);
  writeFileSync(inputFile, signingInput, 'ascii');
  writeFileSync(signatureFile, signature);
  try {
    const output = execFileSync(
      'openssl',
      [
        'pkeyutl',
        '-verify',
        '-pubin',
        '-inkey',
        keyFile,
        '-rawin',
        '-in',
        inputFile,
        '-sigfile',
        signatureFile,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return output.includes('Signature Verified Successfully');
  } catch {
    return false;
  }
}

describe.skipIf(openssl === null)(
  `signatures checked by the openssl command line (${openssl})`,
  () => {
    it('verifies the station and the supervisor signature', () => {
      const file = readFile(fileText);
      const keys = [parties.station.publicJwk, parties.supervisor.publicJwk];
      file.signatures.forEach((signature, index) => {
        const signingInput = `${signature.protected}.${file.payload}`;
        expect(
          opensslVerifies(
            keys[index]!,
            signingInput,
            Buffer.from(signature.signature, 'base64url'),
            `good-${index}`,
          ),
        ).toBe(true);
      });
    });

    it('refuses a signature over a changed payload, and a signature by the other key', () => {
      const file = readFile(fileText);
      const station = file.signatures[0]!;
      const signature = Buffer.from(station.signature, 'base64url');
      const changedPayload = flipByte(file.payload, 10);
      expect(
        opensslVerifies(
          parties.station.publicJwk,
          `${station.protected}.${changedPayload}`,
          signature,
          'changed',
        ),
      ).toBe(false);
      expect(
        opensslVerifies(
          parties.supervisor.publicJwk,
          `${station.protected}.${file.payload}`,
          signature,
          'other-key',
        ),
      ).toBe(false);
    });
  },
);

/** Concat KDF (NIST SP 800-56A §5.8.1) as RFC 7518 §4.6.2 uses it for ECDH-ES direct agreement. */
function concatKdf(sharedSecret: Buffer, enc: string, keyBits: number): Buffer {
  const lengthPrefixed = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  const suppPubInfo = Buffer.alloc(4);
  suppPubInfo.writeUInt32BE(keyBits);
  const otherInfo = Buffer.concat([
    lengthPrefixed(Buffer.from(enc, 'ascii')), // AlgorithmID: the "enc" value
    lengthPrefixed(Buffer.alloc(0)), // PartyUInfo: no "apu"
    lengthPrefixed(Buffer.alloc(0)), // PartyVInfo: no "apv"
    suppPubInfo, // SuppPubInfo: key length in bits
  ]);
  const counter = Buffer.from([0, 0, 0, 1]); // one round: SHA-256 gives the 256 bits needed
  return createHash('sha256')
    .update(Buffer.concat([counter, sharedSecret, otherInfo]))
    .digest()
    .subarray(0, keyBits / 8);
}

function decryptIndependently(jwe: string, cityPrivateJwk: X25519PrivateJwk): Buffer {
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = jwe.split('.') as [
    string,
    string,
    string,
    string,
    string,
  ];
  expect(encryptedKey).toBe('');
  const header = decodeJson(protectedHeader) as { enc: string; epk: object; zip: string };
  const sharedSecret = diffieHellman({
    privateKey: createPrivateKey({ key: cityPrivateJwk, format: 'jwk' }),
    publicKey: createPublicKey({ key: header.epk as never, format: 'jwk' }),
  });
  const key = concatKdf(sharedSecret, header.enc, 256);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  // The additional authenticated data is the ASCII of the encoded protected header (RFC 7516 §5.1).
  decipher.setAAD(Buffer.from(protectedHeader, 'ascii'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const compressed = Buffer.concat([
    decipher.update(Buffer.from(ciphertext, 'base64url')),
    decipher.final(),
  ]);
  return inflateRawSync(compressed);
}

describe('encryption checked with node:crypto primitives only', () => {
  it('decrypts the JWE to the canonical JSON of the FHIR Bundle', () => {
    const jwe = Buffer.from(readFile(fileText).payload, 'base64url').toString('ascii');
    const plaintext = decryptIndependently(jwe, parties.cityEncryption.privateJwk);
    expect(plaintext.toString('utf8')).toBe(canonicalJson(fhirBundle()));
    const header = decodeJson(readFile(fileText).signatures[0]!.protected) as {
      whs: { plaintextSha256: string };
    };
    expect(createHash('sha256').update(plaintext).digest('hex')).toBe(header.whs.plaintextSha256);
  });

  it('fails the tag check when one ciphertext byte changes', () => {
    const jwe = Buffer.from(readFile(fileText).payload, 'base64url').toString('ascii');
    const segments = jwe.split('.');
    segments[3] = flipByte(segments[3]!);
    expect(() =>
      decryptIndependently(segments.join('.'), parties.cityEncryption.privateJwk),
    ).toThrow(/authenticate/);
  });
});
