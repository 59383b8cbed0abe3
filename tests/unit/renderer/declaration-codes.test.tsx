import { describe, expect, it } from 'vitest';
import { CODE_LISTS } from '../../../src-renderer/features/declaration/codes';
import en from '../../../src-renderer/i18n/en/declaration.json';
import vi from '../../../src-renderer/i18n/vi/declaration.json';

type Tree = { [key: string]: string | Tree };

describe('code lists of the health declaration (QĐ 831/QĐ-BYT)', () => {
  it.each([
    ['vi', vi],
    ['en', en],
  ] as const)('have a label for every code in %s', (_language, texts) => {
    const codes = (texts as unknown as Tree).codes as Tree;
    const missing = Object.entries(CODE_LISTS).flatMap(([list, values]) =>
      values
        .map((code) => (code === '' ? 'unset' : code))
        .filter((key) => {
          const label = (codes[list] as Tree | undefined)?.[key];
          return typeof label !== 'string' || label.trim() === '';
        })
        .map((key) => `${list}.${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('label the vaccination statuses as the paper form does', () => {
    expect(vi.codes.vaccinationStatus).toEqual({
      '1': 'Có tiêm',
      '0': 'Không tiêm',
      '99': 'Không nhớ',
    });
  });
});
