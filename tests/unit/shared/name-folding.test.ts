import { describe, expect, it } from 'vitest';
import {
  foldVietnamese,
  givenNameFirstKey,
  normaliseName,
} from '../../../src-shared/domain/name-folding';

describe('folding Vietnamese names for search', () => {
  it('folds "Nguyễn Thị Ánh" to "nguyen thi anh"', () => {
    expect(foldVietnamese('Nguyễn Thị Ánh')).toBe('nguyen thi anh');
  });

  it('maps đ and Đ to d, which have no Unicode decomposition', () => {
    expect(foldVietnamese('Đặng Văn Đức')).toBe('dang van duc');
    expect(foldVietnamese('đoàn')).toBe('doan');
  });

  it('folds every vowel with its tone and shape marks to the bare letter', () => {
    expect(foldVietnamese('Lê Thị Hường Ưng Ơn Âu Ă Ê Ô Ỹ')).toBe('le thi huong ung on au a e o y');
    expect(foldVietnamese('ÀÁẢÃẠ ằắẳẵặ ầấẩẫậ')).toBe('aaaaa aaaaa aaaaa');
  });

  it('folds both tone-mark placements of "Hoà" / "Hòa" to the same key', () => {
    expect(foldVietnamese('Hoà')).toBe(foldVietnamese('Hòa'));
    expect(foldVietnamese('Thuý')).toBe(foldVietnamese('Thúy'));
    expect(foldVietnamese('Hoà')).toBe('hoa');
  });

  it('folds decomposed (NFD) input exactly like composed (NFC) input', () => {
    const nfc = 'Nguyễn Thị Ánh'.normalize('NFC');
    const nfd = 'Nguyễn Thị Ánh'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(foldVietnamese(nfd)).toBe(foldVietnamese(nfc));
  });

  it('collapses extra spaces, tabs and punctuation into single spaces', () => {
    expect(foldVietnamese('  Nguyễn   Thị\tÁnh  ')).toBe('nguyen thi anh');
    expect(foldVietnamese('Nguyễn-Thị, Ánh')).toBe('nguyen thi anh');
  });

  it('keeps digits, so identifiers typed into the name box stay searchable', () => {
    expect(foldVietnamese('Phòng 12')).toBe('phong 12');
  });
});

describe('stored form of a name', () => {
  it('stores NFC with single spaces and no leading or trailing space', () => {
    const typed = '  Nguyễn   Thị  Ánh '.normalize('NFD');
    const stored = normaliseName(typed);
    expect(stored).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
    expect(stored.normalize('NFC')).toBe(stored);
  });

  it('keeps the accents and the capitals the worker typed', () => {
    expect(normaliseName('Đặng Văn Đức')).toBe('Đặng Văn Đức');
  });
});

describe('given-name-first key', () => {
  it('puts the given name first so that typing "anh" finds Nguyễn Thị Ánh', () => {
    expect(givenNameFirstKey('nguyen thi anh')).toBe('anh nguyen thi');
  });

  it('leaves a one-word name unchanged', () => {
    expect(givenNameFirstKey('anh')).toBe('anh');
  });

  it('works on a two-word name', () => {
    expect(givenNameFirstKey('le na')).toBe('na le');
  });

  it('returns an empty key for an empty name', () => {
    expect(givenNameFirstKey('')).toBe('');
  });
});
