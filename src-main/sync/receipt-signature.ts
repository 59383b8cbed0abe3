import { GeneralSign, flattenedVerify, importJWK } from 'jose';
import { z } from 'zod';
import { RECEIPT_JWS_TYPE, keyIdSchema } from '../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../src-shared/sync/canonical-json';
import { findCityKey, type CityKeySet } from '../../src-shared/sync/city-keys';
import type { Ed25519PrivateJwk } from '../../src-shared/sync/enrollment';
import {
  checkReceiptAgainst,
  receiptSchema,
  type Receipt,
  type ReceiptExpectation,
} from '../../src-shared/sync/receipt';
import { SyncError } from '../../src-shared/sync/sync-errors';
import { keyId } from './keys';

/**
 * Receipts, in the same standard form as bundles: a JWS General JSON serialization with one
 * EdDSA signature by the city's receipt key over the receipt's canonical JSON (RFC 8785).
 */

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);

const receiptFileSchema = z
  .object({
    payload: base64url,
    signatures: z
      .array(z.object({ protected: base64url, signature: base64url }).strict())
      .length(1),
  })
  .strict();

const receiptSignatureHeaderSchema = z
  .object({ alg: z.literal('EdDSA'), kid: keyIdSchema, typ: z.literal(RECEIPT_JWS_TYPE) })
  .strict();

/** Signs a receipt with the city's receipt key (used by the reference receiver). */
export async function signReceipt(
  receipt: Receipt,
  cityReceiptKey: Ed25519PrivateJwk,
): Promise<string> {
  const parsed = receiptSchema.safeParse(receipt);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SyncError(
      'RECEIPT_MALFORMED',
      `The receipt is invalid at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  const signer = new GeneralSign(new TextEncoder().encode(canonicalJson(parsed.data)));
  signer
    .addSignature(await importJWK(cityReceiptKey, 'EdDSA'))
    .setProtectedHeader({ alg: 'EdDSA', kid: await keyId(cityReceiptKey), typ: RECEIPT_JWS_TYPE });
  const jws = await signer.sign();
  return JSON.stringify({
    payload: jws.payload,
    signatures: jws.signatures.map((s) => ({ protected: s.protected, signature: s.signature })),
  });
}

export interface VerifiedReceipt {
  receipt: Receipt;
  /** The city key that signed it. */
  kid: string;
}

function malformed(message: string): SyncError {
  return new SyncError('RECEIPT_MALFORMED', message);
}

function decodeJson(segment: string): unknown {
  return JSON.parse(
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segment, 'base64url')),
  );
}

/**
 * Checks a receipt before the station believes a word of it: signed by a city receipt key
 * the station trusts (any it ever trusted: receipts outlive key rotations), for this
 * station, for the expected bundle, and naming each of the bundle's records exactly once.
 * Only then may the records be marked as synced.
 */
export async function verifyReceipt(
  fileText: string,
  options: { cityKeys: CityKeySet; expected: ReceiptExpectation },
): Promise<VerifiedReceipt> {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    throw malformed('The receipt file is not JSON (or is cut short).');
  }
  const file = receiptFileSchema.safeParse(json);
  if (!file.success) {
    throw malformed(
      'The receipt file is not a JWS General JSON serialization with exactly one signature.',
    );
  }
  const { payload, signatures } = file.data;
  const signature = signatures[0]!;
  let header: z.output<typeof receiptSignatureHeaderSchema>;
  try {
    header = receiptSignatureHeaderSchema.parse(decodeJson(signature.protected));
  } catch {
    throw malformed(
      `The receipt's protected header is not { alg: EdDSA, kid, typ: ${RECEIPT_JWS_TYPE} }.`,
    );
  }
  const cityKey = findCityKey(options.cityKeys, header.kid, 'receipt-signing');
  if (cityKey === undefined) {
    throw new SyncError(
      'RECEIPT_KEY_UNKNOWN',
      `The receipt is signed with key ${header.kid}, which is not a trusted city receipt key.`,
      { kid: header.kid },
    );
  }
  try {
    await flattenedVerify(
      { protected: signature.protected, payload, signature: signature.signature },
      await importJWK(cityKey.jwk, 'EdDSA'),
      { algorithms: ['EdDSA'] },
    );
  } catch {
    throw new SyncError(
      'RECEIPT_SIGNATURE_INVALID',
      'The receipt signature does not verify: the receipt was changed after signing.',
    );
  }
  let receipt: Receipt;
  try {
    receipt = receiptSchema.parse(decodeJson(payload));
  } catch {
    throw malformed('The receipt is signed, but its content is not a receipt of this format.');
  }
  checkReceiptAgainst(receipt, options.expected);
  return { receipt, kid: header.kid };
}
