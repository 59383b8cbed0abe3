import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSyncFileAtomic } from '../../../../src-main/sync/atomic-write';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'whs-sync-write-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('writing bundle and receipt files', () => {
  it('writes the whole text and leaves no temporary file behind', () => {
    const file = join(directory, 'bundle.whsbundle');
    writeSyncFileAtomic(file, '{"payload":"Ánh","signatures":[]}');
    expect(readFileSync(file, 'utf8')).toBe('{"payload":"Ánh","signatures":[]}');
    expect(readdirSync(directory)).toEqual(['bundle.whsbundle']);
  });

  it.skipIf(process.platform === 'win32')('makes the file readable by its owner only', () => {
    const file = join(directory, 'receipt.json');
    writeSyncFileAtomic(file, '{}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('replaces an existing file in one step', () => {
    const file = join(directory, 'bundle.whsbundle');
    writeFileSync(file, 'old');
    writeSyncFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(directory)).toEqual(['bundle.whsbundle']);
  });

  it('leaves the folder as it was when the target cannot be replaced', () => {
    const target = join(directory, 'occupied');
    mkdirSync(join(target, 'inside'), { recursive: true });
    expect(() => writeSyncFileAtomic(target, 'text')).toThrow();
    expect(readdirSync(directory)).toEqual(['occupied']);
  });
});
