import { createHash, createPrivateKey, createPublicKey, diffieHellman, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  inspectBundle,
  openBundle,
  sha256Hex,
  verifyBundle,
} from '../../../../src-main/sync/envelope';
import {
  describeKey,
  importCityDecryptionKey,
  importSigningPrivateKey,
} from '../../../../src-main/sync/keys';
import { signReceipt, verifyReceipt } from '../../../../src-main/sync/receipt-signature';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';
import type {
  Ed25519PrivateJwk,
  Ed25519PublicJwk,
  X25519PrivateJwk,
} from '../../../../src-shared/sync/enrollment';
import type { Receipt } from '../../../../src-shared/sync/receipt';
import {
  recordManifest,
  recordManifestSha256,
  type EnvelopeFhirBundle,
} from '../../../../src-shared/sync/record-manifest';
import { readFile } from './helpers';

/**
 * docs/sync-protocol.md §12 publishes test vectors for other implementations. This test
 * reads them from the document itself, so the document and the code cannot drift apart.
 */
const DOCUMENT = readFileSync(join(__dirname, '../../../../docs/sync-protocol.md'), 'utf8');

function vector(name: string): string {
  const match = new RegExp(`<!-- vector:${name} -->\\s*\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(
    DOCUMENT,
  );
  if (!match) throw new Error(`docs/sync-protocol.md has no vector "${name}"`);
  return match[1]!;
}
const jsonVector = <T>(name: string) => JSON.parse(vector(name)) as T;

const stationKey = jsonVector<Ed25519PrivateJwk>('station-key');
const supervisorKey = jsonVector<Ed25519PrivateJwk>('supervisor-key');
const cityReceiptKey = jsonVector<Ed25519PrivateJwk>('city-receipt-key');
const cityEncryptionKey = jsonVector<X25519PrivateJwk>('city-encryption-key');
const keyIds = jsonVector<Record<string, { kid: string; fingerprint: string }>>('key-ids');
const fhirBundle = jsonVector<EnvelopeFhirBundle>('fhir-bundle');
const bundleFile = vector('bundle-file');

const publicOf = ({ kty, crv, x }: { kty: string; crv: string; x: string }) => ({ kty, crv, x });
const enrolled = {
  stationKeys: [{ kid: keyIds.station!.kid, jwk: publicOf(stationKey), stationCode: 'TYT-26911' }],
  supervisorKeys: [
    { kid: keyIds.supervisor!.kid, jwk: publicOf(supervisorKey), stationCode: 'TYT-26911' },
  ],
} as Parameters<typeof verifyBundle>[1];

describe('published test vectors (docs/sync-protocol.md §12)', () => {
  it('keys: each x is the public half of its d, with the published key id and fingerprint', async () => {
    const keys = { station: stationKey, supervisor: supervisorKey, cityReceipt: cityReceiptKey };
    for (const [name, key] of Object.entries(keys)) {
      expect(importSigningPrivateKey(JSON.stringify(key))).toEqual(key);
      expect(await describeKey(key)).toEqual(keyIds[name]);
    }
    expect(importCityDecryptionKey(JSON.stringify(cityEncryptionKey))).toEqual(cityEncryptionKey);
    expect(await describeKey(cityEncryptionKey)).toEqual(keyIds.cityEncryption);
  });

  it('the fixed signing input of RFC 8037 appendix A.4 gives the published signature', () => {
    const signature = sign(
      null,
      Buffer.from('eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc', 'ascii'),
      createPrivateKey({ key: stationKey, format: 'jwk' }),
    );
    expect(signature.toString('base64url')).toBe(vector('rfc8037-signature'));
  });

  it('content: canonical form, plaintext hash and record manifest', () => {
    expect(canonicalJson(fhirBundle)).toBe(vector('canonical-bundle'));
    expect(sha256Hex(vector('canonical-bundle'))).toBe(vector('plaintext-sha256'));
    const manifest = recordManifest(fhirBundle, sha256Hex);
    expect(canonicalJson(manifest)).toBe(vector('record-manifest'));
    expect(recordManifestSha256(manifest, sha256Hex)).toBe(
      jsonVector<{ recordManifestSha256: string }>('bundle-header').recordManifestSha256,
    );
  });

  it('the bundle file: header, bundle hash, both signatures and the content', async () => {
    const header = jsonVector<Record<string, unknown>>('bundle-header');
    const inspection = inspectBundle(bundleFile);
    expect(inspection.header).toEqual(header);
    expect(inspection.bundleHash).toBe(vector('bundle-hash'));
    const verified = await verifyBundle(bundleFile, enrolled);
    expect(verified.header).toEqual(header);
    const opened = await openBundle(bundleFile, cityEncryptionKey);
    expect(opened.fhirBundle).toEqual(fhirBundle);
  });

  it('the bundle signatures are reproducible: Ed25519 is deterministic', () => {
    const file = readFile(bundleFile);
    const keys = [stationKey, supervisorKey];
    file.signatures.forEach((signature, index) => {
      const again = sign(
        null,
        Buffer.from(`${signature.protected}.${file.payload}`, 'ascii'),
        createPrivateKey({ key: keys[index]!, format: 'jwk' }),
      );
      expect(again.toString('base64url')).toBe(signature.signature);
    });
  });

  it('ECDH-ES: shared secret, Concat KDF input and content key', () => {
    const published = jsonVector<{
      epk: { kty: string; crv: string; x: string };
      Z: string;
      otherInfo: string;
      contentKey: string;
    }>('ecdh-es');
    const jwe = Buffer.from(readFile(bundleFile).payload, 'base64url').toString('ascii');
    const jweHeader = JSON.parse(Buffer.from(jwe.split('.')[0]!, 'base64url').toString('utf8')) as {
      epk: unknown;
    };
    expect(jweHeader.epk).toEqual(published.epk);
    const z = diffieHellman({
      privateKey: createPrivateKey({ key: cityEncryptionKey, format: 'jwk' }),
      publicKey: createPublicKey({ key: published.epk, format: 'jwk' }),
    });
    expect(z.toString('hex')).toBe(published.Z);
    // AlgorithmID "A256GCM", empty PartyUInfo and PartyVInfo, 256 bits (RFC 7518 §4.6.2).
    expect(published.otherInfo).toBe(
      `00000007${Buffer.from('A256GCM').toString('hex')}` + '00000000' + '00000000' + '00000100',
    );
    const contentKey = createHash('sha256')
      .update(
        Buffer.concat([Buffer.from('00000001', 'hex'), z, Buffer.from(published.otherInfo, 'hex')]),
      )
      .digest('hex');
    expect(contentKey).toBe(published.contentKey);
  });

  it('the receipt is reproduced byte for byte and verifies against the bundle', async () => {
    const receipt = JSON.parse(vector('receipt-payload')) as Receipt;
    expect(canonicalJson(receipt)).toBe(vector('receipt-payload'));
    expect(await signReceipt(receipt, cityReceiptKey)).toBe(vector('receipt-file'));
    const { manifest } = await openBundle(bundleFile, cityEncryptionKey);
    const verified = await verifyReceipt(vector('receipt-file'), {
      cityKeys: [
        {
          use: 'receipt-signing',
          kid: keyIds.cityReceipt!.kid,
          jwk: publicOf(cityReceiptKey) as Ed25519PublicJwk,
          validFrom: '2026-01-01T00:00:00Z',
          importedAt: '2026-01-05T02:00:00Z',
          importedBy: 'quantri',
        },
      ],
      expected: {
        stationCode: 'TYT-26911',
        bundleId: (inspectBundle(bundleFile).header as { bundleId: string }).bundleId,
        bundleHash: vector('bundle-hash'),
        records: manifest,
      },
    });
    expect(verified.receipt).toEqual(receipt);
  });
});
