import { describe, expect, it } from 'vitest';
import { canonicalConstant, canonicalJson } from '../../../src-shared/sync/canonical-json';
import { RFC_8785_SERIALISATION, RFC_8785_SORTING } from '../../support/rfc8785-examples';

/** The IEEE 754 double with the given 64-bit pattern (as RFC 8785 appendix B lists them). */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonical JSON (RFC 8785)', () => {
  it('writes the RFC’s own example exactly as the RFC does', () => {
    expect(canonicalJson(JSON.parse(RFC_8785_SERIALISATION.input))).toBe(
      RFC_8785_SERIALISATION.canonical,
    );
  });

  it('sorts keys by UTF-16 code units, as the RFC’s sorting example does', () => {
    expect(canonicalJson(JSON.parse(RFC_8785_SORTING.input))).toBe(RFC_8785_SORTING.canonical);
  });

  it('gives the same text whatever order the keys were written in', () => {
    const a = { hoTen: 'Lê Thị Thu', ngaySinh: '1990-05-01', dienThoai: ['0903123456'] };
    const b = { dienThoai: ['0903123456'], ngaySinh: '1990-05-01', hoTen: 'Lê Thị Thu' };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe(
      '{"dienThoai":["0903123456"],"hoTen":"Lê Thị Thu","ngaySinh":"1990-05-01"}',
    );
  });

  it('sorts keys by code unit, not alphabetically: capitals first, numbers as text', () => {
    expect(canonicalJson({ b: 1, a: 2, B: 3, A: 4 })).toBe('{"A":4,"B":3,"a":2,"b":1}');
    expect(canonicalJson({ 9: 'chín', 10: 'mười', '1a': 'x' })).toBe(
      '{"10":"mười","1a":"x","9":"chín"}',
    );
  });

  it('orders nested objects at every depth and keeps array order as given', () => {
    const value = {
      z: [3, { y: 1, b: [{ d: 0, c: null }, []] }, 'a'],
      a: {},
      m: { n: { q: true, p: false } },
    };
    expect(canonicalJson(value)).toBe(
      '{"a":{},"m":{"n":{"p":false,"q":true}},"z":[3,{"b":[{"c":null,"d":0},[]],"y":1},"a"]}',
    );
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
  });

  it('writes Vietnamese text as it is, without escapes and without normalising it', () => {
    expect(canonicalJson({ hoTen: 'Nguyễn Thị Ánh', phuong: 'Bình Quới' })).toBe(
      '{"hoTen":"Nguyễn Thị Ánh","phuong":"Bình Quới"}',
    );
    // Accented capitals sort after every ASCII letter, by code unit.
    expect(canonicalJson({ Đức: 1, Ánh: 2, Bình: 3, An: 4, an: 5 })).toBe(
      '{"An":4,"Bình":3,"an":5,"Ánh":2,"Đức":1}',
    );
    // RFC 8785 leaves Unicode normalisation to the application: NFC and NFD stay distinct.
    const nfc = 'Nguyễn'.normalize('NFC');
    const nfd = 'Nguyễn'.normalize('NFD');
    expect(canonicalJson(nfc)).not.toBe(canonicalJson(nfd));
    expect(JSON.parse(canonicalJson(nfd))).toBe(nfd);
  });

  it('escapes only what JSON requires, in lower-case hex', () => {
    expect(canonicalJson('a\u0001b\u001fc\td\ne"f\\g/h')).toBe(
      String.raw`"a\u0001b\u001fc\td\ne\"f\\g/h"`,
    );
    expect(canonicalJson('\u007f\u2028')).toBe('"\u007f\u2028"');
  });

  it('writes every string, as a value or a key, exactly as JSON.stringify does', () => {
    const strings = [
      '',
      'Nguyễn Thị Ánh',
      'https://fhir.wardhealth.vn/fhir/Patient/01950c1e-8a3b-7c2d-9e4f-0a1b2c3d4e5f',
      'a"b',
      'a\\b',
      'tab\there',
      '\u0000\u001f\u007f',
      '😀 emoji',
      'lone \ud800 high',
      'lone \udfff low',
      '\udc00\ud800 reversed pair',
    ];
    for (const text of strings) {
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: 1 })).toBe(`{${JSON.stringify(text)}:1}`);
    }
  });

  it('copies in the canonical forms it is given for objects, instead of serialising them', () => {
    const resource = { resourceType: 'Patient', id: 'p1' };
    const known = new WeakMap<object, string>([[resource, canonicalJson(resource)]]);
    const bundle = { type: 'collection', entry: [{ resource }] };
    expect(canonicalJson(bundle, known)).toBe(canonicalJson(bundle));
    known.set(resource, '"as given"');
    expect(canonicalJson(bundle, known)).toBe(
      '{"entry":[{"resource":"as given"}],"type":"collection"}',
    );
  });

  it('writes a value marked constant as any other value, and freezes it all the way down', () => {
    const coding = { system: 'http://loinc.org', code: '29463-7', display: 'Cân nặng' };
    const text = canonicalJson({ code: { coding: [coding] }, value: 52.5 });
    const constant = canonicalConstant({ coding: [{ ...coding }] });
    expect(canonicalJson({ value: 52.5, code: constant })).toBe(text);
    expect(canonicalJson([constant, constant])).toBe(
      `[${canonicalJson({ coding: [coding] })},${canonicalJson({ coding: [coding] })}]`,
    );
    expect(Object.isFrozen(constant) && Object.isFrozen(constant.coding[0])).toBe(true);
    expect(() => {
      (constant.coding[0] as { code: string }).code = 'changed';
    }).toThrow(TypeError);
  });

  it('writes numbers in the shortest form that reads back the same (RFC 8785 appendix B)', () => {
    const table: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    expect(table.map(([hex]) => [hex, canonicalJson(double(hex))])).toEqual(table);
    expect(canonicalJson({ tuoi: 41, canNang: 52.5, soLan: -3 })).toBe(
      '{"canNang":52.5,"soLan":-3,"tuoi":41}',
    );
  });

  it('refuses what JSON cannot write: NaN, infinities, undefined, functions, symbols, big integers', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(double('7fffffffffffffff'))).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson(-Infinity)).toThrow(TypeError);
    expect(() => canonicalJson({ chieuCao: { cm: Number.NaN } })).toThrow(TypeError);
    expect(() => canonicalJson([1, Infinity])).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('x'))).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });

  it('treats an undefined property as absent, so a value hashes the same after a JSON round trip', () => {
    const withGaps = { a: 1, b: undefined, c: [1, undefined, 3] };
    expect(canonicalJson(withGaps)).toBe('{"a":1,"c":[1,null,3]}');
    const values: unknown[] = [
      withGaps,
      { hoTen: 'Trần Văn Quản', vaiTro: ['administrator'], khoa: false, so: 0.1 + 0.2 },
      [null, 'ễ', { '': '' }],
    ];
    for (const value of values) {
      const text = canonicalJson(value);
      expect(canonicalJson(JSON.parse(text))).toBe(text);
      expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(text);
    }
  });
});
