import { describe, expect, it } from 'vitest';
import { buildPatient } from '../../../src-shared/fhir/patient';
import {
  canonicalConstant,
  canonicalConstantForm,
  canonicalJson,
} from '../../../src-shared/sync/canonical-json';
import { CanonicalWriter } from '../../../src-shared/sync/canonical-writer';
import { anh, khoi, realisticExport, STATION } from '../../support/fhir-fixtures';
import { RFC_8785_SERIALISATION, RFC_8785_SORTING } from '../../support/rfc8785-examples';

/** What the export hashes and sends today: the UTF-8 of canonicalJson. */
function expected(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

/** The writer's bytes for one value, from a small array so that writing it grows the array. */
function written(value: unknown): Buffer {
  const writer = new CanonicalWriter(8, Buffer.allocUnsafe);
  writer.value(value);
  return writer.take();
}

function expectSameBytes(value: unknown): void {
  expect(written(value).toString('hex')).toBe(expected(value).toString('hex'));
}

/** The error canonicalJson throws for a value (its class and message). */
function thrownBy(write: () => unknown): { type: string; message: string } {
  try {
    write();
  } catch (error) {
    return { type: (error as Error).constructor.name, message: (error as Error).message };
  }
  throw new Error('nothing was thrown');
}

/** mulberry32: a small seeded generator, so that every run draws the same values. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CanonicalWriter: the bytes of canonicalJson, in UTF-8', () => {
  it('writes the RFC 8785 examples as canonicalJson does', () => {
    for (const example of [RFC_8785_SERIALISATION, RFC_8785_SORTING]) {
      const value = JSON.parse(example.input) as unknown;
      expect(written(value).toString('utf8')).toBe(example.canonical);
      expectSameBytes(value);
    }
  });

  it('escapes every string exactly as JSON.stringify does, as a value and as a key', () => {
    const controls = Array.from({ length: 0x20 }, (_, unit) => String.fromCharCode(unit));
    const strings = [
      '',
      ...controls,
      controls.join(''),
      '"',
      '\\',
      'a"b\\c/d',
      '\b\f\n\r\t',
      '\u007f\u0080\u00ff\u0100\u07ff\u0800\uffff',
      '\u2028\u2029',
      'tab\there "quoted" back\\slash',
    ];
    for (const text of strings) {
      expectSameBytes(text);
      expectSameBytes({ [text]: text });
    }
  });

  it('writes characters beyond the BMP as 4-byte UTF-8 and escapes lone surrogates', () => {
    const strings = [
      '😀',
      '😀 emoji 𝄞 clef 𠀀 ideograph',
      '\ud83d\ude00\ud83d\ude00',
      'lone \ud800 high',
      'lone \udfff low',
      '\udc00\ud800 reversed pair',
      'ends with a high \ud83d',
      '\ude00 starts with a low',
      'Đức 😀 \ud800 "x"',
    ];
    for (const text of strings) {
      expectSameBytes(text);
      expectSameBytes({ [text]: [text] });
    }
    expect(written('😀').toString('hex')).toBe('22f09f988022');
    expect(written('\ud800').toString('utf8')).toBe('"\\ud800"');
  });

  it('writes Vietnamese text as it is, NFC and NFD kept apart', () => {
    const value = {
      hoTen: 'Nguyễn Thị Ánh',
      phuong: 'Bình Quới',
      diaChi: '12/3 Xô Viết Nghệ Tĩnh, Phường Bình Thạnh, Thành phố Hồ Chí Minh',
      Đức: 1,
      Ánh: 2,
      An: 3,
      nfd: 'Nguyễn'.normalize('NFD'),
    };
    expectSameBytes(value);
    expect(written('Nguyễn'.normalize('NFC')).equals(written('Nguyễn'.normalize('NFD')))).toBe(
      false,
    );
  });

  it('writes numbers as Number::toString does', () => {
    const numbers = [
      0,
      -0,
      1,
      -1,
      0.1 + 0.2,
      1e21,
      1e-7,
      1e-6,
      123456789012345680000,
      9007199254740991,
      -9007199254740992,
      2 ** 53 + 2,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      333333333.3333333,
      52.5,
      1e300,
    ];
    for (const value of numbers) expectSameBytes(value);
    expectSameBytes(numbers);
    expect(written(-0).toString('utf8')).toBe('0');
    expect(written([1e21, 1e-7]).toString('utf8')).toBe('[1e+21,1e-7]');
  });

  it('writes nested arrays and objects, skips undefined members and writes undefined items as null', () => {
    const values: unknown[] = [
      {},
      [],
      [[[]]],
      { a: {}, b: [], c: [{}] },
      { z: [3, { y: 1, b: [{ d: 0, c: null }, []] }, 'a'], a: {}, m: { n: { q: true, p: false } } },
      { a: 1, b: undefined, c: [1, undefined, 3] },
      // eslint-disable-next-line no-sparse-arrays
      [1, , 3],
      { only: undefined },
      { 10: 'mười', 9: 'chín', '1a': 'x', b: 1, B: 2 },
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      [null, true, false, 'x', 0],
    ];
    for (const value of values) expectSameBytes(value);
    expect(written({ a: 1, b: undefined, c: [1, undefined, 3] }).toString('utf8')).toBe(
      '{"a":1,"c":[1,null,3]}',
    );
  });

  it('orders the same keys the same way whatever order they were written in', () => {
    const keys = ['system', 'code', 'display', 'version', 'userSelected', 'a', 'Z', '10', '9'];
    const random = seededRandom(31);
    for (let round = 0; round < 200; round++) {
      const shuffled = [...keys].sort(() => random() - 0.5).slice(0, 1 + (round % keys.length));
      const value = Object.fromEntries(shuffled.map((key, i) => [key, i % 3 === 0 ? i : `${i}`]));
      expectSameBytes(value);
    }
  });

  it('writes objects keyed by data (many different keys, many keys) correctly', () => {
    const random = seededRandom(47);
    const byId: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const id = `id-${Math.floor(random() * 1e9).toString(36)}`;
      byId[id] = i;
      expectSameBytes({ [id]: i, shared: true });
      expectSameBytes({ shared: true, [id]: i });
    }
    expectSameBytes(byId);
  });

  it('copies in constants as canonicalJson does, wherever they are nested', () => {
    const coding = canonicalConstant({
      system: 'http://loinc.org',
      code: '29463-7',
      display: 'Cân nặng',
    });
    const concept = canonicalConstant({ coding: [coding], text: 'Cân nặng 😀' });
    const list = canonicalConstant(['a', { b: [1, 2] }]);
    const values: unknown[] = [
      coding,
      concept,
      list,
      { code: concept, value: 52.5, other: [coding, coding, { nested: concept }] },
      [list, concept, [list]],
    ];
    for (const value of values) expectSameBytes(value);
    expect(canonicalConstantForm(concept)).toBe(
      canonicalJson({ coding: [coding], text: 'Cân nặng 😀' }),
    );
  });

  it('writes every resource of a realistic export exactly as canonicalJson does', () => {
    const resources = [buildPatient(anh, { managingStation: STATION }), ...realisticExport()];
    for (const resource of resources) expectSameBytes(resource);
    // Twice in one writer: the constants' bytes, encoded the first time, are copied the second.
    const writer = new CanonicalWriter(64);
    const patient = buildPatient(khoi, { managingStation: STATION });
    writer.value(patient);
    writer.value(patient);
    expect(Buffer.from(writer.take()).toString('utf8')).toBe(
      canonicalJson(patient) + canonicalJson(patient),
    );
  });

  it('writes thousands of seeded random JSON values as canonicalJson does', () => {
    const random = seededRandom(20260301);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const pieces = [
      'a',
      'Z',
      '0',
      ' ',
      'ễ',
      'Đ',
      'ư',
      'ố',
      '€',
      '\u0000',
      '\u001f',
      '\n',
      '"',
      '\\',
      '/',
      '\u007f',
      '\u0080',
      '\u2028',
      '\ufeff',
      '😀',
      '𝄞',
      '\ud800',
      '\udc00',
      'https://fhir.wardhealth.vn/',
      'Nguyễn Thị Ánh',
    ];
    const constants = [
      canonicalConstant({ system: 'urn:iso:std:iso:3166', code: 'VN' }),
      canonicalConstant({ url: 'x', valueString: 'Phật giáo' }),
      canonicalConstant([1, 'ễ', null]),
    ];
    const text = (): string => {
      let out = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) out += pick(pieces);
      return out;
    };
    const number = (): number => {
      switch (Math.floor(random() * 6)) {
        case 0:
          return Math.floor(random() * 1000) - 500;
        case 1:
          return (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
        case 2:
          return (random() - 0.5) * 10 ** Math.floor(random() * 600 - 300);
        case 3:
          return pick([0, -0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53, -(2 ** 31), Number.MIN_VALUE]);
        case 4:
          return Math.floor(random() * 2 ** 53);
        default:
          return random();
      }
    };
    const value = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 3 ? 5 : 9));
      switch (kind) {
        case 0:
          return null;
        case 1:
          return random() < 0.5;
        case 2:
          return number();
        case 3:
        case 4:
          return text();
        case 5:
          return pick(constants);
        case 6: {
          const items: unknown[] = [];
          const length = Math.floor(random() * 5);
          for (let i = 0; i < length; i++)
            items.push(random() < 0.1 ? undefined : value(depth + 1));
          return items;
        }
        default: {
          const record: Record<string, unknown> = {};
          const length = Math.floor(random() * 6);
          for (let i = 0; i < length; i++) {
            record[random() < 0.3 ? pick(['id', 'code', 'system', '1', '10']) : text()] =
              random() < 0.1 ? undefined : value(depth + 1);
          }
          return record;
        }
      }
    };
    // All of them in one writer, too: each one's bytes are its own view of the whole.
    const shared = new CanonicalWriter(16, Buffer.allocUnsafe);
    const views: [Buffer, unknown][] = [];
    for (let i = 0; i < 4000; i++) {
      const drawn = value(0);
      const bytes = expected(drawn);
      expect(written(drawn).equals(bytes)).toBe(true);
      const start = shared.length;
      shared.value(drawn);
      expect(shared.view(start, shared.length).equals(bytes)).toBe(true);
      views.push([shared.view(start, shared.length), drawn]);
    }
    // Views taken before the array grew still show their bytes.
    for (const [view, drawn] of views) expect(view.equals(expected(drawn))).toBe(true);
  });
});

describe('CanonicalWriter: assembling bytes', () => {
  it('appends values, raw bytes and ASCII wrappers one after another', () => {
    const writer = new CanonicalWriter(4);
    const resource = buildPatient(anh, { managingStation: STATION });
    writer.ascii('{"entry":[');
    writer.ascii('{"fullUrl":');
    writer.value(`urn:uuid:${resource.id}`);
    writer.raw(Buffer.from(',"resource":', 'latin1'));
    writer.value(resource);
    writer.raw(new Uint8Array([0x7d]));
    writer.ascii('],"type":"collection"}');
    const text = Buffer.from(writer.take()).toString('utf8');
    expect(text).toBe(
      canonicalJson({
        entry: [{ fullUrl: `urn:uuid:${resource.id}`, resource }],
        type: 'collection',
      }),
    );
    expect(writer.length).toBe(0);
  });

  it('refuses non-ASCII text in ascii() and writes nothing of it', () => {
    const writer = new CanonicalWriter();
    writer.ascii('[');
    expect(() => writer.ascii('ab ễ')).toThrow(RangeError);
    expect(writer.length).toBe(1);
    writer.ascii(']');
    expect(Buffer.from(writer.take()).toString('utf8')).toBe('[]');
  });

  it('gives views of what was written, and refuses ranges outside it', () => {
    const writer = new CanonicalWriter(2, Buffer.allocUnsafe);
    writer.value('ab');
    writer.value({ x: 'Đ' });
    expect(writer.length).toBe(4 + 10);
    expect(writer.view(0, 4).toString('utf8')).toBe('"ab"');
    expect(writer.view(4, 14).toString('utf8')).toBe('{"x":"Đ"}');
    expect(writer.view(3, 3).length).toBe(0);
    expect(Buffer.isBuffer(writer.view(0, 1))).toBe(true);
    expect(() => writer.view(0, 15)).toThrow(RangeError);
    expect(() => writer.view(-1, 2)).toThrow(RangeError);
    expect(() => writer.view(3, 2)).toThrow(RangeError);
    expect(() => writer.view(0.5, 2)).toThrow(RangeError);
  });

  it('gives plain Uint8Arrays when no allocator is given', () => {
    const writer = new CanonicalWriter(16);
    writer.value([1]);
    expect(writer.view(0, 3)).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(writer.view(0, 3))).toBe(false);
    expect(Array.from(writer.take())).toEqual([0x5b, 0x31, 0x5d]);
  });

  it('hands over exactly the bytes written, which later writes leave alone', () => {
    // Filling half the array or more: the array goes with the bytes.
    const large = new CanonicalWriter(64, Buffer.allocUnsafe);
    const filler = '['.repeat(40);
    large.ascii(filler);
    const first = large.take();
    expect(first.toString('latin1')).toBe(filler);
    expect(Buffer.isBuffer(first)).toBe(true);
    large.value('ab');
    expect(first.toString('latin1')).toBe(filler);
    expect(large.take().toString('utf8')).toBe('"ab"');

    // A few bytes of a large array: they are copied out and the array is kept.
    const small = new CanonicalWriter(1024, Buffer.allocUnsafe);
    small.value('ab');
    const taken = small.take();
    expect(taken.length).toBe(4);
    small.value('xy');
    expect(taken.toString('utf8')).toBe('"ab"');
    expect(small.take().toString('utf8')).toBe('"xy"');

    const empty = new CanonicalWriter(8);
    expect(empty.take().length).toBe(0);
  });

  it('truncates to drop what was written last, and refuses to lengthen', () => {
    const writer = new CanonicalWriter(8);
    writer.value({ seq: 1 });
    const kept = writer.length;
    writer.ascii(',');
    writer.value({ seq: 2, text: 'không vừa' });
    writer.truncate(kept);
    expect(writer.length).toBe(kept);
    writer.ascii(',');
    writer.value({ seq: 3 });
    expect(Buffer.from(writer.take()).toString('utf8')).toBe('{"seq":1},{"seq":3}');
    writer.value('x');
    expect(() => writer.truncate(4)).toThrow(RangeError);
    expect(() => writer.truncate(-1)).toThrow(RangeError);
    expect(() => writer.truncate(1.5)).toThrow(RangeError);
    writer.truncate(0);
    expect(writer.length).toBe(0);
  });

  it('grows far past its initial capacity, keeping what it holds', () => {
    const writer = new CanonicalWriter(1, Buffer.allocUnsafe);
    const long = 'Nguyễn Thị Ánh 😀 '.repeat(20_000);
    writer.ascii('[');
    writer.value(long);
    writer.raw(Buffer.alloc(100_000, 0x20));
    writer.value({ long, list: Array.from({ length: 5000 }, (_, i) => i * 1.5) });
    writer.ascii(']');
    const expectedText =
      `[${canonicalJson(long)}${' '.repeat(100_000)}` +
      `${canonicalJson({ long, list: Array.from({ length: 5000 }, (_, i) => i * 1.5) })}]`;
    expect(writer.take().equals(Buffer.from(expectedText, 'utf8'))).toBe(true);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new CanonicalWriter(0)).toThrow(RangeError);
    expect(() => new CanonicalWriter(2.5)).toThrow(RangeError);
  });
});

describe('CanonicalWriter: what canonicalJson refuses', () => {
  class Visit {
    readonly at = '2026-03-01';
  }
  const refused: unknown[] = [
    Number.NaN,
    Infinity,
    -Infinity,
    undefined,
    () => 1,
    Symbol('x'),
    10n,
    new Date(0),
    new Map([['a', 1]]),
    new Set([1]),
    new Visit(),
    { chieuCao: { cm: Number.NaN } },
    [1, Infinity],
    { a: 1, b: () => 2 },
    { toJSON: () => 'x' },
    { when: new Date(0) },
    [{ ok: 'yes' }, { big: 1n }],
    { nested: [{ deeper: [Symbol('s')] }] },
  ];

  it('throws the TypeError canonicalJson throws, with the same message', () => {
    for (const value of refused) {
      const writer = new CanonicalWriter(8);
      const theirs = thrownBy(() => canonicalJson(value));
      expect(theirs.type).toBe('TypeError');
      expect(thrownBy(() => writer.value(value))).toEqual(theirs);
    }
  });

  it('leaves nothing of a refused value written, and goes on writing', () => {
    const writer = new CanonicalWriter(4);
    writer.value({ a: 'trước' });
    const before = writer.length;
    // Nested, an undefined member is left out, not refused.
    for (const value of refused.filter((v) => v !== undefined)) {
      expect(() => writer.value({ first: 'x'.repeat(100), then: value })).toThrow(TypeError);
      expect(writer.length).toBe(before);
    }
    writer.value(['sau']);
    expect(Buffer.from(writer.take()).toString('utf8')).toBe('{"a":"trước"}["sau"]');
  });
});
