import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../src-shared/ipc/errors';

const I18N = join(__dirname, '../../../src-renderer/i18n');
const ROOT = join(__dirname, '../../..');

type Tree = { [key: string]: string | Tree };

function load(language: string, file: string): Tree {
  return JSON.parse(readFileSync(join(I18N, language, file), 'utf8')) as Tree;
}

/** i18next plural forms (`count_one`, `count_other`) are one key for this comparison. */
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

function keySet(tree: Tree): string[] {
  return [...new Set([...leaves(tree).keys()].map((k) => k.replace(PLURAL, '')))].sort();
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1] as string);
}

function has(tree: Tree, dotted: string): boolean {
  let node: string | Tree | undefined = tree;
  for (const part of dotted.split('.')) {
    if (typeof node !== 'object' || node === null) return false;
    node = node[part];
  }
  return typeof node === 'string' && node.trim() !== '';
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Every `validation.*` key the schemas and handlers can hand to the renderer: quoted literals
 * and template literals (`validation.maxLength:${max}` → `validation.maxLength`), plus the
 * personal-ID problems produced as `validation.${problem}`.
 */
function producedValidationKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  const files = [...sourceFiles(join(ROOT, 'src-shared')), ...sourceFiles(join(ROOT, 'src-main'))];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/['"`]validation\.([A-Za-z][\w.]*?)(?=[:'"`$])/g)) {
      keys.set(m[1] as string, relative(ROOT, file));
    }
    if (text.includes('`validation.${problem}`')) {
      const personalId = readFileSync(join(ROOT, 'src-shared/domain/personal-id.ts'), 'utf8');
      for (const p of personalId.matchAll(/'(personalId\.\w+)'/g))
        keys.set(p[1] as string, relative(ROOT, file));
    }
  }
  return keys;
}

const FILES = readdirSync(join(I18N, 'vi'))
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('Vietnamese and English translations', () => {
  it('exist as the same files in both languages', () => {
    const en = readdirSync(join(I18N, 'en'))
      .filter((f) => f.endsWith('.json'))
      .sort();
    expect(en).toEqual(FILES);
    expect(FILES).toEqual(
      expect.arrayContaining(['common.json', 'errors.json', 'validation.json']),
    );
  });

  it.each(FILES)('%s has the same keys in Vietnamese and English', (file) => {
    const vi = keySet(load('vi', file));
    const en = keySet(load('en', file));
    expect({
      missingInEnglish: vi.filter((k) => !en.includes(k)),
      missingInVietnamese: en.filter((k) => !vi.includes(k)),
    }).toEqual({
      missingInEnglish: [],
      missingInVietnamese: [],
    });
  });

  it.each(FILES)('%s uses the same {{placeholders}} in both languages', (file) => {
    const group = (tree: Tree) => {
      const out = new Map<string, Set<string>>();
      for (const [key, text] of leaves(tree)) {
        const base = key.replace(PLURAL, '');
        const set = out.get(base) ?? new Set<string>();
        for (const v of variables(text)) set.add(v);
        out.set(base, set);
      }
      return out;
    };
    const vi = group(load('vi', file));
    const en = group(load('en', file));
    const differing: string[] = [];
    for (const [key, vars] of vi) {
      const other = en.get(key);
      if (other && [...vars].sort().join() !== [...other].sort().join()) differing.push(key);
    }
    expect(differing).toEqual([]);
  });

  it('translate every validation message the schemas and handlers can produce', () => {
    const produced = producedValidationKeys();
    expect(produced.size).toBeGreaterThan(30);
    expect([...produced.keys()]).toEqual(
      expect.arrayContaining([
        'required',
        'maxLength',
        'personalId.century',
        'consent.recordKeeping',
      ]),
    );
    for (const language of ['vi', 'en']) {
      const validation = load(language, 'validation.json');
      const missing = [...produced]
        .filter(([key]) => !has(validation, key))
        .map(([key, file]) => `${key} (${file})`);
      expect(missing, language).toEqual([]);
    }
  });

  it('translate every error code the main side returns', () => {
    for (const language of ['vi', 'en']) {
      const errors = load(language, 'errors.json');
      expect(
        ERROR_CODES.filter((code) => !has(errors, code)),
        language,
      ).toEqual([]);
    }
  });
});
