import { inflateSync } from 'node:zlib';

/**
 * Just enough of a PDF reader to check what pdfkit wrote: the objects, the page tree, and
 * each page's text decoded through its fonts' ToUnicode maps (pdfkit embeds TrueType fonts
 * as Type0/Identity-H with a ToUnicode CMap, and writes text as hex strings in TJ arrays).
 * Not a general PDF parser; for tests only.
 */
export interface PdfSummary {
  pageCount: number;
  /** Text of each page, one line per text-showing operation. */
  pages: string[];
  /** BaseFont names of the embedded fonts (`/ABCDEF+DejaVuSans`). */
  embeddedFonts: string[];
}

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function readObjects(bytes: Buffer): Map<number, PdfObject> {
  const text = bytes.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const pattern = /(\d+) 0 obj\s*/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (streamAt >= 0 && body.slice(0, streamAt).trimEnd().endsWith('>>')) {
      dict = body.slice(0, streamAt);
      let from = start + streamAt + 'stream'.length;
      if (text[from] === '\r') from += 1;
      if (text[from] === '\n') from += 1;
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '0');
      const raw = bytes.subarray(from, from + length);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    objects.set(Number(match[1]), { dict, stream });
    pattern.lastIndex = end;
  }
  return objects;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

function hexToCodes(hex: string, width: number): number[] {
  const codes: number[] = [];
  for (let i = 0; i + width <= hex.length; i += width)
    codes.push(parseInt(hex.slice(i, i + width), 16));
  return codes;
}

function utf16(hex: string): string {
  const units = hexToCodes(hex, 4);
  return String.fromCharCode(...units);
}

/** code → text, from `bfrange` (array and offset forms) and `bfchar` sections. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = section[1] ?? '';
    for (const m of body.matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = parseInt(m[1] ?? '0', 16);
      const to = parseInt(m[2] ?? '0', 16);
      const target = m[3] ?? '';
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1] ?? '');
        items.forEach((item, i) => map.set(from + i, utf16(item)));
      } else {
        const base = hexToCodes(target.slice(1, -1), 4);
        for (let code = from; code <= to; code += 1) {
          const units = [...base];
          units[units.length - 1] = (units[units.length - 1] ?? 0) + (code - from);
          map.set(code, String.fromCharCode(...units));
        }
      }
    }
  }
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (section[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(parseInt(m[1] ?? '0', 16), utf16(m[2] ?? ''));
    }
  }
  return map;
}

export function readPdf(bytes: Buffer): PdfSummary {
  const objects = readObjects(bytes);
  const catalog = [...objects.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const pagesRef = catalog ? ref(catalog.dict, 'Pages') : null;
  const pagesDict = pagesRef !== null ? (objects.get(pagesRef)?.dict ?? '') : '';
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesDict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map(
    (m) => Number(m[1]),
  );
  const cmaps = new Map<number, Map<number, string>>();
  const fontMap = (fontRef: number): Map<number, string> => {
    let cached = cmaps.get(fontRef);
    if (!cached) {
      const toUnicode = ref(objects.get(fontRef)?.dict ?? '', 'ToUnicode');
      const stream = toUnicode !== null ? objects.get(toUnicode)?.stream : null;
      cached = stream ? parseToUnicode(stream.toString('latin1')) : new Map();
      cmaps.set(fontRef, cached);
    }
    return cached;
  };
  const pages = kids.map((pageRef) => {
    const page = objects.get(pageRef)?.dict ?? '';
    const resourcesRef = ref(page, 'Resources');
    const resources = resourcesRef !== null ? (objects.get(resourcesRef)?.dict ?? '') : page;
    const fonts = new Map<string, number>();
    for (const m of (/\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(
      /\/(\w+) (\d+) 0 R/g,
    )) {
      fonts.set(m[1] ?? '', Number(m[2]));
    }
    const contentsRef = ref(page, 'Contents');
    const content = contentsRef !== null ? (objects.get(contentsRef)?.stream ?? null) : null;
    const lines: string[] = [];
    let current = new Map<number, string>();
    for (const op of (content?.toString('latin1') ?? '').matchAll(
      /\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\] TJ/g,
    )) {
      if (op[1] !== undefined) {
        const fontRef = fonts.get(op[1]);
        current = fontRef !== undefined ? fontMap(fontRef) : new Map();
      } else {
        const hex = [...(op[2] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
        lines.push(
          hexToCodes(hex, 4)
            .map((code) => current.get(code) ?? '\uFFFD')
            .join(''),
        );
      }
    }
    return lines.join('\n');
  });
  const embeddedFonts = [...objects.values()]
    .filter((o) => /\/Type \/FontDescriptor/.test(o.dict) && /\/FontFile2 \d+ 0 R/.test(o.dict))
    .map((o) => /\/FontName \/(\S+)/.exec(o.dict)?.[1] ?? '');
  return { pageCount: kids.length, pages, embeddedFonts };
}
