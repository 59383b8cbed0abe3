import type { Person } from './population';
import { type Prng, Weighted } from './prng';

export interface SearchQuery {
  /** What the worker typed. */
  query: string;
  /** Query shape, for the per-shape breakdown. */
  kind: string;
  /** The resident the query was drawn from (the ID/phone searches must find exactly them). */
  expectedIndex: number;
}

type NameKind =
  | 'surname middle initial'
  | 'surname middle'
  | 'full name'
  | 'full name prefix'
  | 'given name'
  | 'given + surname'
  | 'surname only';

const NAME_KINDS = new Weighted<NameKind>([
  ['surname middle initial', 25],
  ['surname middle', 15],
  ['full name', 30],
  ['full name prefix', 10],
  ['given name', 10],
  ['given + surname', 5],
  ['surname only', 5],
]);

/** Name prefixes without diacritics, as workers type them: "nguyen thi h", "tran van", … */
export function nameQueries(rng: Prng, people: readonly Person[], count: number): SearchQuery[] {
  const out: SearchQuery[] = [];
  while (out.length < count) {
    const index = rng.int(0, people.length - 1);
    const words = (people[index] as Person).folded.split(' ');
    const surname = words[0] as string;
    const given = words[words.length - 1] as string;
    const kind = NAME_KINDS.draw(rng);
    let query: string;
    switch (kind) {
      case 'surname middle initial':
        query = `${words.slice(0, -1).join(' ')} ${given.slice(0, 1)}`;
        break;
      case 'surname middle':
        query = `${surname} ${words[1] as string}`;
        break;
      case 'full name':
        query = words.join(' ');
        break;
      case 'full name prefix': {
        const full = words.join(' ');
        query = full.slice(0, Math.max(surname.length + 2, full.length - rng.int(1, 3))).trimEnd();
        break;
      }
      case 'given name':
        query = given;
        break;
      case 'given + surname':
        query = `${given} ${surname}`;
        break;
      case 'surname only':
        query = surname;
        break;
    }
    out.push({ query, kind, expectedIndex: index });
  }
  return out;
}

/** Full 12-digit personal IDs and prefixes (6–11 digits) of existing ones. */
export function idQueries(rng: Prng, people: readonly Person[], count: number): SearchQuery[] {
  const out: SearchQuery[] = [];
  while (out.length < count) {
    const index = rng.int(0, people.length - 1);
    const id = (people[index] as Person).personalId;
    if (rng.chance(0.5)) out.push({ query: id, kind: 'full ID', expectedIndex: index });
    else out.push({ query: id.slice(0, rng.int(6, 11)), kind: 'ID prefix', expectedIndex: index });
  }
  return out;
}

export function phoneQueries(rng: Prng, people: readonly Person[], count: number): SearchQuery[] {
  const out: SearchQuery[] = [];
  while (out.length < count) {
    const index = rng.int(0, people.length - 1);
    const phones = (people[index] as Person).phones;
    out.push({ query: rng.pick(phones), kind: 'full phone', expectedIndex: index });
  }
  return out;
}
