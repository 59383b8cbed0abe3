import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findNameBirthMatches,
  findResidentIdByPersonalId,
  searchResidentsByIdentifier,
  searchResidentsByName,
} from '../../src-main/db/resident-repository';
import { foldVietnamese } from '../../src-shared/domain/name-folding';
import {
  openSetUpStation,
  recordingDb,
  residentInput,
  type PreparedCall,
  type TestStation,
} from '../support/station';

let s: TestStation;

const GIVEN = ['Ánh', 'Bình', 'Châu', 'Dũng', 'Hoà', 'Hương', 'Khánh', 'Lan', 'Minh', 'Thảo'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Võ', 'Đặng'];

beforeAll(async () => {
  s = await openSetUpStation();
  // A registry with some people in it, so the planner has something to choose between. No
  // ANALYZE: a station's database never runs it, so the plans must hold without statistics.
  for (let i = 0; i < 120; i++) {
    const year = 1950 + (i % 60);
    await s.must('resident.create', {
      resident: residentInput({
        fullName: `${FAMILY[i % FAMILY.length]} Văn ${GIVEN[i % GIVEN.length]}`,
        sex: '1',
        birthDate: `${year}-0${1 + (i % 9)}-1${i % 10}`,
        personalId: `079${year < 2000 ? 0 : 2}${String(year % 100).padStart(2, '0')}${String(100000 + i)}`,
        phones: [{ number: `0903${String(100000 + i)}` }],
        bhyt: `GD479${String(7900000000 + i)}`,
      }),
      duplicateAcknowledged: [],
    });
  }
});
afterAll(() => s.dispose());

/** The plan SQLite chooses for a statement a repository really ran, with its real parameters. */
function planOf(call: PreparedCall): string[] {
  const rows = s.app.db.prepare(`EXPLAIN QUERY PLAN ${call.sql}`).all(...call.params) as {
    detail: string;
  }[];
  return rows.map((r) => r.detail);
}

function recorded(run: (db: TestStation['app']['db']) => unknown): PreparedCall[] {
  const { db, calls } = recordingDb(s.app.db);
  run(db);
  expect(calls.length).toBeGreaterThan(0);
  return calls;
}

function expectIndexedOnly(calls: PreparedCall[]): void {
  for (const call of calls) {
    const plan = planOf(call);
    const context = `${call.sql}\n→ ${plan.join(' | ')}`;
    expect(
      plan.some((d) => /USING (COVERING )?INDEX|USING (INTEGER )?PRIMARY KEY/.test(d)),
      context,
    ).toBe(true);
    for (const detail of plan) {
      expect(detail, context).not.toMatch(/^SCAN (r|residents|resident_identifiers)\b/);
    }
  }
}

describe('the registry answers from its indexes, never by reading every resident', () => {
  it('name search ("nguyen van a") uses the folded-name index', () => {
    const calls = recorded((db) => searchResidentsByName(db, foldVietnamese('Nguyễn Văn A'), 50));
    expect(calls.some((c) => c.sql.includes('name_folded >='))).toBe(true);
    expectIndexedOnly(calls.filter((c) => c.sql.includes('name_folded >=')));
  });

  it('given-name search ("anh") uses the given-name-first index', () => {
    const calls = recorded((db) => searchResidentsByName(db, 'anh', 50));
    expect(calls.some((c) => c.sql.includes('name_given_first >='))).toBe(true);
    expectIndexedOnly(calls);
  });

  it('identifier search (personal ID, phone, BHYT prefix) uses the identifier index', () => {
    for (const value of ['0791', '0903100', 'GD479', '7900000001']) {
      expectIndexedOnly(recorded((db) => searchResidentsByIdentifier(db, value, 50)));
    }
  });

  it('the duplicate check on folded name and date of birth uses an index', () => {
    expectIndexedOnly(
      recorded((db) => findNameBirthMatches(db, 'Nguyễn Văn Ánh', '1950-01-10', null)),
    );
  });

  it('the personal-ID guard looks the number up by index', () => {
    expectIndexedOnly(recorded((db) => findResidentIdByPersonalId(db, '079050100000')));
  });

  it('a page of search results is read from covering indexes, not from scattered resident rows', () => {
    // On the encrypted station every table page read is decrypted: the summaries a search
    // shows come from the index entries alone (migration 0008).
    const searches = [
      ...recorded((db) => searchResidentsByName(db, 'nguyen van', 50)),
      ...recorded((db) => searchResidentsByName(db, 'anh', 50)),
      ...recorded((db) => searchResidentsByIdentifier(db, '0791', 50)),
    ];
    for (const call of searches) {
      const residentSteps = planOf(call).filter((d) => /^SEARCH r\b/.test(d));
      expect(residentSteps.length, call.sql).toBe(1);
      expect(residentSteps[0], call.sql).toMatch(/USING COVERING INDEX/);
    }
  });

  it('the search results are right for the data the plans were checked on', () => {
    const { db } = recordingDb(s.app.db);
    const byName = searchResidentsByName(db, 'nguyen van anh', 200);
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.every((r) => foldVietnamese(r.fullName) === 'nguyen van anh')).toBe(true);
    const byGiven = searchResidentsByName(db, 'anh', 200);
    expect(byGiven.every((r) => foldVietnamese(r.fullName).endsWith(' anh'))).toBe(true);
    expect(byGiven.length).toBe(12);
  });

  it('keeps to the indexes once SQLite has statistics (ANALYZE)', () => {
    s.app.db.exec('ANALYZE');
    expectIndexedOnly(recorded((db) => searchResidentsByName(db, 'nguyen van', 50)));
    expectIndexedOnly(recorded((db) => searchResidentsByName(db, 'anh', 50)));
    expectIndexedOnly(recorded((db) => searchResidentsByIdentifier(db, '0791', 50)));
    expectIndexedOnly(
      recorded((db) => findNameBirthMatches(db, 'Nguyễn Văn Ánh', '1950-01-10', null)),
    );
  });
});
