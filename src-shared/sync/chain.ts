import type { BundleHeader } from './bundle-header';
import type { SyncErrorCode } from './sync-errors';

/**
 * Each station's bundles form a hash chain: bundle n names the `bundleHash` of bundle n − 1
 * (docs/sync-protocol.md, "Chain rules"). A receiver that keeps the last accepted link of
 * each station sees at once a bundle sent twice, a bundle that went missing, and a bundle
 * that does not follow the one it accepted.
 */
export interface ChainLink {
  sequence: number;
  bundleHash: string;
}

export type ChainVerdict =
  | 'CHAIN_OK'
  | Extract<SyncErrorCode, 'BUNDLE_REPLAYED' | 'BUNDLE_SEQUENCE_GAP' | 'BUNDLE_CHAIN_BROKEN'>;

/**
 * Where `header` stands against the last link the receiver accepted from the same station
 * (`null`: none yet). The receiver first answers a bundle it already accepted (same bundle id
 * and bundleHash) with the receipt it stored, so a resend after a lost answer is not an
 * error; anything else at or below the last sequence is a replay.
 */
export function checkChain(
  previous: ChainLink | null,
  header: Pick<BundleHeader, 'sequence' | 'previousBundleHash'>,
): ChainVerdict {
  const expected = previous === null ? 1 : previous.sequence + 1;
  if (header.sequence < expected) return 'BUNDLE_REPLAYED';
  if (header.sequence > expected) return 'BUNDLE_SEQUENCE_GAP';
  const expectedHash = previous === null ? null : previous.bundleHash;
  return header.previousBundleHash === expectedHash ? 'CHAIN_OK' : 'BUNDLE_CHAIN_BROKEN';
}

/** The sequence and previous hash of the station's next bundle, from its last one. */
export function nextChainPosition(
  last: ChainLink | null,
): Pick<BundleHeader, 'sequence' | 'previousBundleHash'> {
  return last === null
    ? { sequence: 1, previousBundleHash: null }
    : { sequence: last.sequence + 1, previousBundleHash: last.bundleHash };
}
