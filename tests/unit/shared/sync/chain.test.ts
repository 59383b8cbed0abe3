import { describe, expect, it } from 'vitest';
import { checkChain, nextChainPosition } from '../../../../src-shared/sync/chain';

const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);

describe('bundle chain', () => {
  it('accepts the first bundle of a station', () => {
    expect(checkChain(null, { sequence: 1, previousBundleHash: null })).toBe('CHAIN_OK');
  });

  it('accepts the bundle that follows the last one', () => {
    expect(
      checkChain({ sequence: 4, bundleHash: H1 }, { sequence: 5, previousBundleHash: H1 }),
    ).toBe('CHAIN_OK');
  });

  it('calls a bundle at or below the last sequence a replay', () => {
    const last = { sequence: 4, bundleHash: H1 };
    expect(checkChain(last, { sequence: 4, previousBundleHash: H2 })).toBe('BUNDLE_REPLAYED');
    expect(checkChain(last, { sequence: 1, previousBundleHash: null })).toBe('BUNDLE_REPLAYED');
  });

  it('sees a skipped sequence number, also before the first bundle arrived', () => {
    expect(
      checkChain({ sequence: 4, bundleHash: H1 }, { sequence: 6, previousBundleHash: H2 }),
    ).toBe('BUNDLE_SEQUENCE_GAP');
    expect(checkChain(null, { sequence: 2, previousBundleHash: H1 })).toBe('BUNDLE_SEQUENCE_GAP');
  });

  it('sees a bundle that names another previous bundle', () => {
    expect(
      checkChain({ sequence: 4, bundleHash: H1 }, { sequence: 5, previousBundleHash: H2 }),
    ).toBe('BUNDLE_CHAIN_BROKEN');
    expect(checkChain(null, { sequence: 1, previousBundleHash: H1 })).toBe('BUNDLE_CHAIN_BROKEN');
  });

  it('gives the next position from the last bundle', () => {
    expect(nextChainPosition(null)).toEqual({ sequence: 1, previousBundleHash: null });
    expect(nextChainPosition({ sequence: 7, bundleHash: H2 })).toEqual({
      sequence: 8,
      previousBundleHash: H2,
    });
    const next = nextChainPosition({ sequence: 7, bundleHash: H2 });
    expect(checkChain({ sequence: 7, bundleHash: H2 }, next)).toBe('CHAIN_OK');
  });
});
