import { canonicalConstantForm } from './canonical-json';

/**
 * Canonical JSON (RFC 8785) written straight into UTF-8 bytes, for the export's hot path:
 * every resource of 100 000 records goes into one growing byte array instead of becoming a
 * JS string, then a small Buffer of its own, then garbage. The bytes are exactly those of
 * canonicalJson (src-shared/sync/canonical-json.ts) encoded as UTF-8, and what canonicalJson
 * refuses is refused here with the same TypeError. Values marked with canonicalConstant are
 * copied in as bytes encoded once.
 *
 * Shared code has neither Buffer nor a TextEncoder type, so the UTF-8 is encoded here: the
 * strings of a resource are short, and a JS loop over them is faster than a native call for
 * each. In Node the caller passes `Buffer.allocUnsafe` as `allocate`, and view() and take()
 * then give Buffers.
 */
export class CanonicalWriter<Bytes extends Uint8Array = Uint8Array> {
  private bytes: Bytes;
  private position = 0;

  constructor(
    initialCapacity = 1024 * 1024,
    /** Makes the arrays written into (their initial content does not matter). */
    private readonly allocate: (size: number) => Bytes = (size) => new Uint8Array(size) as Bytes,
  ) {
    if (!Number.isSafeInteger(initialCapacity) || initialCapacity < 1) {
      throw new RangeError('initialCapacity must be a positive integer.');
    }
    this.bytes = allocate(initialCapacity);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.position;
  }

  /**
   * Appends the canonical JSON of `value`, as canonicalJson(value) gives it, in UTF-8. A value
   * canonicalJson refuses throws the same TypeError and leaves nothing of it written.
   */
  value(value: unknown): void {
    const start = this.position;
    try {
      this.write(value);
    } catch (error) {
      this.position = start;
      throw error;
    }
  }

  /** Appends bytes as they are (entry wrappers such as `{"fullUrl":"…","resource":`). */
  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.position);
    this.position += bytes.length;
  }

  /** Appends an ASCII string as it is, without quoting: for wrappers built at run time. */
  ascii(text: string): void {
    const length = text.length;
    this.reserve(length);
    const bytes = this.bytes;
    let at = this.position;
    for (let i = 0; i < length; i++) {
      const unit = charCodeAt.call(text, i);
      if (unit > 0x7f) {
        throw new RangeError('CanonicalWriter.ascii takes ASCII text only.');
      }
      bytes[at++] = unit;
    }
    this.position = at;
  }

  /**
   * Bytes [start, end) written so far, as a view (no copy). It stays as it is while the
   * writer only appends (growing moves the writer to a new array, the old one is left
   * alone); after a truncate() below its end, or a take() that copies the bytes out and keeps
   * the array, later writes may overwrite it.
   */
  view(start: number, end: number): Bytes {
    if (!(Number.isInteger(start) && Number.isInteger(end))) {
      throw new RangeError('view takes integer offsets.');
    }
    if (start < 0 || start > end || end > this.position) {
      throw new RangeError(
        `view [${start}, ${end}) is outside the ${this.position} bytes written.`,
      );
    }
    return this.bytes.subarray(start, end) as Bytes;
  }

  /**
   * Hands over the bytes written so far, exactly `length` of them, and starts empty again.
   * When they fill at least half the array, the array itself goes with them (no copy) and
   * the writer starts a new one as large (the next part is likely to be as large: growing
   * to it again would copy it again); otherwise they are copied out and the array is kept.
   */
  take(): Bytes {
    const length = this.position;
    this.position = 0;
    if (length * 2 >= this.bytes.length) {
      const taken = this.bytes.subarray(0, length) as Bytes;
      this.bytes = this.allocate(this.bytes.length);
      return taken;
    }
    const copy = this.allocate(length);
    copy.set(this.bytes.subarray(0, length));
    return copy;
  }

  /** Forgets the bytes after the first `length` (to drop a change that did not fit). */
  truncate(length: number): void {
    if (!Number.isInteger(length) || length < 0 || length > this.position) {
      throw new RangeError(`Cannot truncate ${this.position} bytes to ${length}.`);
    }
    this.position = length;
  }

  /** Makes room for `count` more bytes, doubling the array as often as needed. */
  private reserve(count: number): void {
    const needed = this.position + count;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = this.allocate(capacity);
    grown.set(this.bytes.subarray(0, this.position));
    this.bytes = grown;
  }

  private write(value: unknown): void {
    // `typeof value === '…'` tests, which V8 compiles to type checks (a switch on typeof
    // would compute the type's name), most frequent first.
    if (typeof value === 'string') this.string(value);
    else if (typeof value === 'object') {
      if (value === null) this.ascii('null');
      else this.object(value);
    } else if (typeof value === 'number') this.number(value);
    else if (typeof value === 'boolean') this.ascii(value ? 'true' : 'false');
    else throw new TypeError(`canonical JSON has no form for ${typeof value}`);
  }

  private number(value: number): void {
    if (!Number.isFinite(value)) {
      throw new TypeError('canonical JSON has no form for NaN or Infinity');
    }
    // Number::toString, which JSON.stringify and RFC 8785 §3.2.2.3 use (-0 gives "0"): only
    // ASCII digits, '.', 'e', '+' and '-'.
    this.ascii(String(value));
  }

  private string(text: string): void {
    // Each UTF-16 unit takes at most 3 bytes (a surrogate pair 4 for its 2 units), plus quotes.
    const length = text.length;
    this.reserve(length * 3 + 2);
    const end = writePlainString(text, length, this.bytes, this.position);
    if (end >= 0) {
      this.position = end;
      return;
    }
    // Quotes, backslashes, controls or surrogates: JSON.stringify's escapes, which keep valid
    // pairs and escape lone surrogates (ECMAScript's well-formed JSON.stringify).
    const quoted = JSON.stringify(text);
    this.reserve(quoted.length * 3);
    this.position = writeWellFormed(quoted, this.bytes, this.position);
  }

  private object(value: object): void {
    const constant = constantBytes(value);
    if (constant !== undefined) {
      this.raw(constant);
      return;
    }
    if (Array.isArray(value)) {
      this.array(value);
      return;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new TypeError(
        'canonical JSON takes plain objects only (not Date, Map, Set or class instances)',
      );
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    this.reserve(1);
    this.bytes[this.position++] = OPEN_BRACE;
    if (keys.length > 0) {
      const order = memberOrder(keys);
      const sorted = order.sorted;
      const names = order.names;
      let first = true;
      for (let i = 0; i < sorted.length; i++) {
        const member = record[sorted[i] as string];
        if (member === undefined) continue;
        const name = names[i] as Uint8Array;
        const length = name.length;
        this.reserve(length + 1);
        const bytes = this.bytes;
        let at = this.position;
        if (!first) bytes[at++] = COMMA;
        first = false;
        // A name is a few bytes: a loop copies them faster than a call to set().
        for (let b = 0; b < length; b++) bytes[at + b] = name[b] as number;
        this.position = at + length;
        this.write(member);
      }
    }
    this.reserve(1);
    this.bytes[this.position++] = CLOSE_BRACE;
  }

  private array(items: readonly unknown[]): void {
    this.reserve(1);
    this.bytes[this.position++] = OPEN_BRACKET;
    for (let i = 0; i < items.length; i++) {
      if (i > 0) {
        this.reserve(1);
        this.bytes[this.position++] = COMMA;
      }
      const item = items[i];
      // As JSON.stringify: an undefined item keeps its place as null.
      this.write(item === undefined ? null : item);
    }
    this.reserve(1);
    this.bytes[this.position++] = CLOSE_BRACKET;
  }
}

/**
 * String.prototype.charCodeAt, called on each string through `call`: the strings of a
 * resource come in many internal representations (flat, concatenated, internalised; one or
 * two bytes a character), too many for V8 to inline `text.charCodeAt` at a call site that
 * sees them all; it would then look the method up again for every character.
 */
const charCodeAt = String.prototype.charCodeAt;

const QUOTE = 0x22;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Writes `"text"` in UTF-8 when text needs no escape (no quote, backslash, control below
 * U+0020, nor any surrogate), returning the position after it; -1 as soon as it finds one
 * that does. One pass: no regular expression run first. Room must be reserved.
 */
function writePlainString(text: string, length: number, bytes: Uint8Array, start: number): number {
  let at = start;
  bytes[at++] = QUOTE;
  for (let i = 0; i < length; i++) {
    const unit = charCodeAt.call(text, i);
    if (unit < 0x80) {
      if (unit < 0x20 || unit === QUOTE || unit === 0x5c) return -1;
      bytes[at++] = unit;
    } else if (unit < 0x800) {
      bytes[at++] = 0xc0 | (unit >> 6);
      bytes[at++] = 0x80 | (unit & 0x3f);
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      return -1;
    } else {
      bytes[at++] = 0xe0 | (unit >> 12);
      bytes[at++] = 0x80 | ((unit >> 6) & 0x3f);
      bytes[at++] = 0x80 | (unit & 0x3f);
    }
  }
  bytes[at++] = QUOTE;
  return at;
}

/**
 * Writes well-formed text (every surrogate in a pair, as JSON.stringify leaves it) in UTF-8
 * (RFC 3629), returning the position after it. Room must be reserved.
 */
function writeWellFormed(text: string, bytes: Uint8Array, start: number): number {
  const length = text.length;
  let at = start;
  for (let i = 0; i < length; i++) {
    const unit = charCodeAt.call(text, i);
    if (unit < 0x80) {
      bytes[at++] = unit;
    } else if (unit < 0x800) {
      bytes[at++] = 0xc0 | (unit >> 6);
      bytes[at++] = 0x80 | (unit & 0x3f);
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (charCodeAt.call(text, ++i) - 0xdc00);
      bytes[at++] = 0xf0 | (codePoint >> 18);
      bytes[at++] = 0x80 | ((codePoint >> 12) & 0x3f);
      bytes[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
      bytes[at++] = 0x80 | (codePoint & 0x3f);
    } else {
      bytes[at++] = 0xe0 | (unit >> 12);
      bytes[at++] = 0x80 | ((unit >> 6) & 0x3f);
      bytes[at++] = 0x80 | (unit & 0x3f);
    }
  }
  return at;
}

/** UTF-8 of a JSON text: the bytes a member name or a constant is copied from. */
function utf8OfJson(json: string): Uint8Array {
  const bytes = new Uint8Array(json.length * 3);
  return bytes.slice(0, writeWellFormed(json, bytes, 0));
}

/** UTF-8 of the values marked with canonicalConstant, encoded the first time one is met. */
const constantUtf8 = new WeakMap<object, Uint8Array>();

function constantBytes(value: object): Uint8Array | undefined {
  // Two WeakMap look-ups for an object that is not a constant: both miss at once for an
  // object no WeakMap has ever held (V8 gives it no identity hash until then).
  let bytes = constantUtf8.get(value);
  if (bytes === undefined) {
    const form = canonicalConstantForm(value);
    if (form === undefined) return undefined;
    bytes = utf8OfJson(form);
    constantUtf8.set(value, bytes);
  }
  return bytes;
}

/** How the members of an object are written, for objects listing the same keys in order. */
interface MemberOrder {
  /** The keys as Object.keys lists them (insertion order, integer keys first). */
  listed: readonly string[];
  /** The same keys in UTF-16 code unit order, RFC 8785's (§3.2.3). */
  sorted: readonly string[];
  /** `"key":` in UTF-8 for each key of `sorted`. */
  names: readonly Uint8Array[];
}

/**
 * Member orders met so far, by first listed key. The objects of a resource are built by a
 * few object literals, so a handful of orders covers them all: sorting their keys and
 * encoding their names is done once, not for every object. The caches stop growing at a
 * bound, so that objects keyed by data (ids, free text) cannot make them grow without end.
 */
const memberOrders = new Map<string, MemberOrder[]>();
const MAX_MEMBER_ORDERS = 1024;
const MAX_ORDERS_PER_FIRST_KEY = 16;
const MAX_CACHED_KEYS = 32;
let cachedOrders = 0;

function memberOrder(keys: string[]): MemberOrder {
  const firstKey = keys[0] as string;
  const candidates = memberOrders.get(firstKey);
  if (candidates !== undefined) {
    for (let c = 0; c < candidates.length; c++) {
      const candidate = candidates[c] as MemberOrder;
      if (sameKeys(candidate.listed, keys)) return candidate;
    }
  }
  const sorted = keys.slice().sort();
  const order: MemberOrder = { listed: keys, sorted, names: sorted.map(memberNameUtf8) };
  if (keys.length <= MAX_CACHED_KEYS && cachedOrders < MAX_MEMBER_ORDERS) {
    if (candidates === undefined) memberOrders.set(firstKey, [order]);
    else if (candidates.length < MAX_ORDERS_PER_FIRST_KEY) candidates.push(order);
    else return order;
    cachedOrders++;
  }
  return order;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function memberNameUtf8(key: string): Uint8Array {
  return utf8OfJson(`${JSON.stringify(key)}:`);
}
