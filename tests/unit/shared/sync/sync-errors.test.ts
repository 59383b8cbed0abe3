import { describe, expect, it } from 'vitest';
import {
  SYNC_ERROR_CODES,
  SYNC_ERROR_MESSAGES,
  SyncError,
  isSyncError,
  syncErrorMessage,
} from '../../../../src-shared/sync/sync-errors';

describe('sync error codes', () => {
  it('has a Vietnamese and an English message for every code, stored as NFC', () => {
    expect(Object.keys(SYNC_ERROR_MESSAGES).sort()).toEqual([...SYNC_ERROR_CODES].sort());
    for (const code of SYNC_ERROR_CODES) {
      const { vi, en } = SYNC_ERROR_MESSAGES[code];
      expect(vi.length).toBeGreaterThan(10);
      expect(en.length).toBeGreaterThan(10);
      expect(vi).toBe(vi.normalize('NFC'));
      expect(vi).not.toBe(en);
    }
  });

  it('gives each code its own messages', () => {
    const texts = SYNC_ERROR_CODES.map((code) => SYNC_ERROR_MESSAGES[code].vi);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('carries the code, the particulars and the messages', () => {
    const error = new SyncError('BUNDLE_SEQUENCE_GAP', 'Bundle 7 came after 5.', { expected: 6 });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('BUNDLE_SEQUENCE_GAP');
    expect(error.message).toBe('Bundle 7 came after 5.');
    expect(error.details).toEqual({ expected: 6 });
    expect(isSyncError(error, 'BUNDLE_SEQUENCE_GAP')).toBe(true);
    expect(isSyncError(error, 'BUNDLE_REPLAYED')).toBe(false);
    expect(isSyncError(new Error('x'))).toBe(false);
    expect(new SyncError('KEY_PASSWORD_WRONG').message).toBe(
      SYNC_ERROR_MESSAGES.KEY_PASSWORD_WRONG.en,
    );
    expect(syncErrorMessage('STATION_UNKNOWN')).toBe(SYNC_ERROR_MESSAGES.STATION_UNKNOWN.vi);
    expect(syncErrorMessage('STATION_UNKNOWN', 'en')).toBe(SYNC_ERROR_MESSAGES.STATION_UNKNOWN.en);
  });
});
