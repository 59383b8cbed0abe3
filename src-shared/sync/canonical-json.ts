/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for the data this app hashes and
 * signs: object keys sorted by UTF-16 code units, no white space, strings and finite numbers
 * serialised as ECMAScript's JSON.stringify does (which is what RFC 8785 specifies).
 *
 * Written for the export's hot path, where every resource of 100 000 records is
 * canonicalised: each value returns its own text (no shared output object), a string that
 * needs no escaping is quoted directly instead of going through JSON.stringify, and values
 * marked with `canonicalConstant` are serialised once, not wherever they appear.
 */
export function canonicalJson(value: unknown, known?: WeakMap<object, string>): string {
  return serialise(value, known);
}

/** Canonical forms of the values marked with `canonicalConstant`. */
const constantForms = new WeakMap<object, string>();

/**
 * Marks a value that never changes (a code system's coding, the station's reference) so
 * that canonicalJson copies in the canonical form computed here wherever the value appears,
 * instead of serialising it again: in the export, most of a Patient's text is such values,
 * shared by every resident. The value is frozen all the way down first, so it cannot drift
 * from its remembered form; content read from outside is never marked.
 */
export function canonicalConstant<T extends object>(value: T): T {
  freezeDeeply(value);
  constantForms.set(value, canonicalJson(value));
  return value;
}

/** The canonical form of a value marked with canonicalConstant, if it is one. */
export function canonicalConstantForm(value: object): string | undefined {
  return constantForms.get(value);
}

function freezeDeeply(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  Object.freeze(value);
  for (const member of Object.values(value)) freezeDeeply(member);
}

/**
 * `known`: canonical forms already computed for some objects of `value` (the record
 * manifest hashes each resource's canonical form; the bundle's text then reuses it instead of
 * serialising every resource twice). The caller guarantees those objects are unchanged.
 */
function serialise(value: unknown, known: WeakMap<object, string> | undefined): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError('canonical JSON has no form for NaN or Infinity');
      }
      // Number::toString, which JSON.stringify and RFC 8785 §3.2.2.3 use (-0 gives "0").
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const form = constantForms.get(value) ?? known?.get(value);
      if (form !== undefined) return form;
      return Array.isArray(value) ? serialiseArray(value, known) : serialiseObject(value, known);
    }
    default:
      throw new TypeError(`canonical JSON has no form for ${typeof value}`);
  }
}

// One regular expression instead of a loop over the string's units: V8 compiles it to
// native code, several times faster on the 100 000-record export.
// eslint-disable-next-line no-control-regex
const ESCAPED_UNIT = /[\u0000-\u001f"\\\ud800-\udfff]/;

/**
 * Whether JSON.stringify writes escapes in `text`: for the quote, the backslash, controls
 * (below U+0020), and lone surrogates (ECMAScript's well-formed JSON.stringify). Any surrogate
 * takes the general path. A string without any of them is its own JSON text between quotes.
 */
function needsEscape(text: string): boolean {
  return ESCAPED_UNIT.test(text);
}

function quote(text: string): string {
  return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

function serialiseArray(items: readonly unknown[], known: WeakMap<object, string> | undefined) {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) text += ',';
    const item = items[i];
    text += serialise(item === undefined ? null : item, known);
  }
  return `${text}]`;
}

function serialiseObject(value: object, known: WeakMap<object, string> | undefined): string {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(
      'canonical JSON takes plain objects only (not Date, Map, Set or class instances)',
    );
  }
  const record = value as Record<string, unknown>;
  // Array.prototype.sort compares strings by UTF-16 code units, RFC 8785's order (§3.2.3).
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) text += ',';
    first = false;
    text += `${quote(key)}:${serialise(member, known)}`;
  }
  return `${text}}`;
}
