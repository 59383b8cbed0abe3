/**
 * A small seeded PRNG (sfc32, seeded through splitmix32) so that every bench run draws the
 * same population, the same queries and the same new records.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A fixed-width string of random decimal digits. */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += String(this.int(0, 9));
    return out;
  }

  /** UUIDv7 shape (time-ordered), with the random bits drawn from this generator. */
  uuidv7(epochMs: number): string {
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const ms = Math.max(0, Math.floor(epochMs));
    const timeHigh = Math.floor(ms / 0x10000);
    const timeLow = ms % 0x10000;
    const randA = this.int(0, 0xfff);
    const variant = 0x8000 | this.int(0, 0x3fff);
    return (
      `${hex(timeHigh, 8)}-${hex(timeLow, 4)}-7${hex(randA, 3)}-${hex(variant, 4)}-` +
      `${hex(this.int(0, 0xffffff), 6)}${hex(this.int(0, 0xffffff), 6)}`
    );
  }
}

/** Cumulative table for weighted draws; weights need not sum to 1. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly values: T[] = [];
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [value, weight] of entries) {
      if (weight <= 0) continue;
      sum += weight;
      this.values.push(value);
      this.cumulative.push(sum);
    }
    if (this.values.length === 0) throw new Error('no positive weights');
    this.total = sum;
  }

  draw(rng: Prng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}
