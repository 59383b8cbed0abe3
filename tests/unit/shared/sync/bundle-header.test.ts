import { describe, expect, it } from 'vitest';
import {
  BUNDLE_WRAPPER_BYTES,
  ENTRY_WRAPPER_BYTES,
  bundleHeaderSchema,
  sameBundleHeader,
  splitIntoParts,
  utf8ByteLength,
} from '../../../../src-shared/sync/bundle-header';
import { canonicalJson } from '../../../../src-shared/sync/canonical-json';

const HEADER = {
  bundleId: '01950c1f-0000-7000-8000-000000000002',
  exportSetId: '01950c1f-0000-7000-8000-000000000001',
  part: 1,
  parts: 2,
  stationCode: 'TYT-26911',
  sequence: 1,
  createdAt: '2026-03-02T03:04:05.000Z',
  counts: { Observation: 2, Patient: 1 },
  records: 3,
  plaintextSha256: 'a'.repeat(64),
  previousBundleHash: null,
  recordManifestSha256: 'b'.repeat(64),
};

describe('bundle header', () => {
  it('accepts a well-formed header', () => {
    expect(bundleHeaderSchema.parse(HEADER)).toEqual(HEADER);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a part beyond the part count', { part: 3 }],
    ['sequence 1 with a previous bundle', { previousBundleHash: 'c'.repeat(64) }],
    ['a later sequence without a previous bundle', { sequence: 2 }],
    ['records that are not the sum of counts', { records: 4 }],
    ['a bundle id that is not a UUIDv7', { bundleId: '6f9619ff-8b86-4d11-b42d-00c04fc964ff' }],
    ['a local time instead of UTC', { createdAt: '2026-03-02T10:04:05+07:00' }],
    ['an upper-case hash', { plaintextSha256: 'A'.repeat(64) }],
    ['a station code with spaces', { stationCode: 'TYT 26911' }],
    ['sequence 0', { sequence: 0 }],
    ['an unknown member', { note: 'x' }],
  ])('refuses %s', (_, change) => {
    expect(bundleHeaderSchema.safeParse({ ...HEADER, ...change }).success).toBe(false);
  });

  it('compares headers whatever their key order', () => {
    const reordered = JSON.parse(canonicalJson(HEADER)) as typeof HEADER;
    expect(sameBundleHeader(HEADER, reordered)).toBe(true);
    expect(sameBundleHeader(HEADER, { ...HEADER, sequence: 2 })).toBe(false);
  });
});

describe('UTF-8 length', () => {
  it.each(['', 'abc', 'Nguyễn Thị Ánh', 'Đặng', '😀 emoji', 'e\u0301'])(
    'counts %j as Node does',
    (text) => {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
    },
  );
});

describe('splitting into parts', () => {
  const item = (n: number, size: number) => ({ n, text: 'x'.repeat(size) });
  const cost = (value: unknown) => utf8ByteLength(canonicalJson(value)) + ENTRY_WRAPPER_BYTES;

  it('keeps the order and never goes over the bound', () => {
    const items = Array.from({ length: 25 }, (_, n) => item(n, 300 + n * 40));
    const max = BUNDLE_WRAPPER_BYTES + 5000;
    const parts = splitIntoParts(items, max);
    expect(parts.flat()).toEqual(items);
    for (const part of parts) {
      expect(part.reduce((sum, value) => sum + cost(value), 0)).toBeLessThanOrEqual(
        max - BUNDLE_WRAPPER_BYTES,
      );
    }
    expect(parts.length).toBeGreaterThan(1);
  });

  it('starts a new part only when the next resource does not fit', () => {
    const items = [item(0, 1000), item(1, 1000), item(2, 1000)];
    const max = BUNDLE_WRAPPER_BYTES + cost(items[0]) + cost(items[1]);
    expect(splitIntoParts(items, max)).toEqual([[items[0], items[1]], [items[2]]]);
  });

  it('gives the same parts every time', () => {
    const items = Array.from({ length: 10 }, (_, n) => item(n, 700));
    expect(splitIntoParts(items, 8000)).toEqual(splitIntoParts([...items], 8000));
  });

  it('gives no parts for no resources', () => {
    expect(splitIntoParts([], 8000)).toEqual([]);
  });

  it('refuses a resource that cannot fit in a part on its own', () => {
    expect(() => splitIntoParts([item(0, 100), item(1, 10_000)], 8000)).toThrow(
      expect.objectContaining({
        code: 'BUNDLE_TOO_LARGE',
        details: expect.objectContaining({ index: 1 }),
      }),
    );
  });

  it('refuses a bound smaller than the wrapper', () => {
    expect(() => splitIntoParts([item(0, 1)], BUNDLE_WRAPPER_BYTES)).toThrow(RangeError);
  });
});
