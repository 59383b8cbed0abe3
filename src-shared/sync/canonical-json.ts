/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for the data this app hashes and
 * signs: object keys sorted by UTF-16 code units, no white space, strings and finite numbers
 * serialised as ECMAScript's JSON.stringify does (which is what RFC 8785 specifies).
 *
 * Written as one pass appending to a string: a bundle of 100 000 records is canonicalised in
 * the export's hot path, and building arrays of entries per object cost twice the time.
 */
export function canonicalJson(value: unknown, known?: WeakMap<object, string>): string {
  const out: Output = { text: '', known };
  write(value, out);
  return out.text;
}

/**
 * `known`: canonical forms already computed for some objects of `value` (the record
 * manifest hashes each resource's canonical form; the bundle's text then reuses it instead of
 * serialising every resource twice). The caller guarantees those objects are unchanged.
 */
interface Output {
  text: string;
  known: WeakMap<object, string> | undefined;
}

function write(value: unknown, out: Output): void {
  switch (typeof value) {
    case 'string':
      out.text += JSON.stringify(value);
      return;
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError('canonical JSON has no form for NaN or Infinity');
      }
      out.text += JSON.stringify(value);
      return;
    case 'boolean':
      out.text += value ? 'true' : 'false';
      return;
    case 'object':
      if (value === null) {
        out.text += 'null';
      } else if (out.known?.has(value)) {
        out.text += out.known.get(value) as string;
      } else if (Array.isArray(value)) {
        writeArray(value, out);
      } else {
        writeObject(value, out);
      }
      return;
    default:
      throw new TypeError(`canonical JSON has no form for ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], out: Output): void {
  out.text += '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.text += ',';
    const item = items[i];
    write(item === undefined ? null : item, out);
  }
  out.text += ']';
}

function writeObject(value: object, out: Output): void {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError(
      'canonical JSON takes plain objects only (not Date, Map, Set or class instances)',
    );
  }
  const record = value as Record<string, unknown>;
  // Array.prototype.sort compares strings by UTF-16 code units, RFC 8785's order (§3.2.3).
  const keys = Object.keys(record).sort();
  out.text += '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (!first) out.text += ',';
    first = false;
    out.text += JSON.stringify(key);
    out.text += ':';
    write(member, out);
  }
  out.text += '}';
}
