import { expect } from 'vitest';
import type { SyncErrorCode } from '../../../../src-shared/sync/sync-errors';

/** The error a synchronous call throws; fails the test when it throws none. */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

export async function expectSyncError(
  promise: Promise<unknown>,
  code: SyncErrorCode,
): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'SyncError', code });
}

export interface BundleFileJson {
  payload: string;
  signatures: { protected: string; signature: string }[];
}

export function readFile(fileText: string): BundleFileJson {
  return JSON.parse(fileText) as BundleFileJson;
}

export function writeFile(file: BundleFileJson): string {
  return JSON.stringify(file);
}

export function decodeJson(segment: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Flips the lowest bit of one byte of a base64url segment. */
export function flipByte(segment: string, index = 0): string {
  const bytes = Buffer.from(segment, 'base64url');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64url');
}

/** The JWE compact serialization a bundle file signs. */
export function jweOf(fileText: string): string {
  return Buffer.from(readFile(fileText).payload, 'base64url').toString('latin1');
}

/** The bundle file with one segment of its JWE replaced (0 header … 4 tag); signatures kept. */
export function withJweSegment(
  fileText: string,
  index: number,
  change: (segment: string) => string,
): string {
  const file = readFile(fileText);
  const segments = jweOf(fileText).split('.');
  segments[index] = change(segments[index]!);
  return writeFile({
    ...file,
    payload: Buffer.from(segments.join('.'), 'latin1').toString('base64url'),
  });
}
