import { describe, expect, it } from 'vitest';
import en from '../../../src-renderer/i18n/en/registry.json';
import vi from '../../../src-renderer/i18n/vi/registry.json';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe('registry translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(keys(en).sort()).toEqual(keys(vi).sort());
  });

  it('leave no string empty', () => {
    const strings = (tree: object): string[] =>
      Object.values(tree).flatMap((v) =>
        typeof v === 'object' && v !== null ? strings(v) : [String(v)],
      );
    expect(strings(vi).filter((s) => s.trim() === '')).toEqual([]);
    expect(strings(en).filter((s) => s.trim() === '')).toEqual([]);
  });
});
