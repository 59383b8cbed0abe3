import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEMPORARY_ID_PATTERN } from '../../src-shared/domain/identifiers';
import type { ResidentRecord } from '../../src-shared/schemas/resident';
import {
  ADMIN,
  addStaff,
  openSetUpStation,
  residentInput,
  signInAs,
  STAFF,
  type TestStation,
} from '../support/station';

const NOW = new Date('2026-03-02T03:00:00.000Z');

let s: TestStation;
beforeEach(async () => {
  s = await openSetUpStation({ now: () => NOW });
});
afterEach(() => s.dispose());

async function registerAnh(): Promise<ResidentRecord> {
  return s.must('resident.create', {
    resident: residentInput({ bhyt: 'GD4797912345678', cmnd: '023456789' }),
  });
}

async function searchIds(query: string): Promise<string[]> {
  return (await s.must('resident.search', { query })).results.map((r) => r.id);
}

function outboxRows(): {
  entity_type: string;
  entity_id: string;
  entity_version: number;
  operation: string;
}[] {
  return s.app.db
    .prepare('SELECT entity_type, entity_id, entity_version, operation FROM outbox ORDER BY seq')
    .all() as never;
}

describe('finding a registered resident', () => {
  it('finds Nguyễn Thị Ánh by typing "nguyen thi anh"', async () => {
    const anh = await registerAnh();
    const found = await s.must('resident.search', { query: 'nguyen thi anh' });
    expect(found.kind).toBe('name');
    expect(found.results).toEqual([
      expect.objectContaining({ id: anh.id, fullName: 'Nguyễn Thị Ánh', birthDate: '1985-04-12' }),
    ]);
  });

  it('finds her by her given name alone, "anh"', async () => {
    const anh = await registerAnh();
    expect(await searchIds('anh')).toEqual([anh.id]);
    expect(await searchIds('Ánh')).toEqual([anh.id]);
  });

  it('finds her when the keyboard sends decomposed (NFD) text', async () => {
    const anh = await registerAnh();
    expect(await searchIds('Nguyễn Thị Ánh'.normalize('NFD'))).toEqual([anh.id]);
    expect(await searchIds('Nguyen Thi Anh')).toEqual([anh.id]);
  });

  it('finds her by the start of her name, but not by a name she does not have', async () => {
    const anh = await registerAnh();
    expect(await searchIds('nguyen th')).toEqual([anh.id]);
    expect(await searchIds('tran thi anh')).toEqual([]);
  });

  it('finds her by the first digits of her personal ID', async () => {
    const anh = await registerAnh();
    const found = await s.must('resident.search', { query: '0791850' });
    expect(found.kind).toBe('identifier');
    expect(found.results.map((r) => r.id)).toEqual([anh.id]);
    expect(await searchIds('079185001234')).toEqual([anh.id]);
    expect(await searchIds('079185009')).toEqual([]);
  });

  it('finds her by phone, also typed in the +84 form', async () => {
    const anh = await registerAnh();
    expect(await searchIds('0903123456')).toEqual([anh.id]);
    expect(await searchIds('0903 123 456')).toEqual([anh.id]);
    expect(await searchIds('+84 90 312 3456')).toEqual([anh.id]);
    expect(await searchIds('84903123456')).toEqual([anh.id]);
  });

  it('finds her by her BHYT card, in capitals or not, and by its 10-digit social insurance number', async () => {
    const anh = await registerAnh();
    expect(await searchIds('GD4797912345678')).toEqual([anh.id]);
    expect(await searchIds('gd4797912345678')).toEqual([anh.id]);
    expect(await searchIds('7912345678')).toEqual([anh.id]);
  });

  it('finds her by her old CMND', async () => {
    const anh = await registerAnh();
    expect(await searchIds('023456789')).toEqual([anh.id]);
  });

  it('lists recently changed residents when the search box is empty', async () => {
    const anh = await registerAnh();
    const found = await s.must('resident.search', { query: '   ' });
    expect(found.kind).toBe('empty');
    expect(found.results.map((r) => r.id)).toEqual([anh.id]);
  });

  it('finds Đặng Văn Đức by "dang van duc" and Hoà by "Hòa"', async () => {
    const duc = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Đặng Văn Đức',
        sex: '1',
        birthDate: '1972-09-02',
        personalId: '079072004321',
        phones: [],
      }),
    });
    const hoa = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Trần Thị Hoà',
        birthDate: '1990-01-01',
        personalId: '',
        phones: [],
      }),
    });
    expect(await searchIds('dang van duc')).toEqual([duc.id]);
    expect(await searchIds('Đức')).toEqual([duc.id]);
    expect(await searchIds('Trần Thị Hòa')).toEqual([hoa.id]);
  });
});

describe('the duplicate guard', () => {
  it('refuses a second resident with the same personal ID and shows who has it', async () => {
    const anh = await registerAnh();
    const again = await s.call('resident.create', {
      resident: residentInput({ fullName: 'Lê Thị Ánh', phones: [] }),
    });
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.error.code).toBe('DUPLICATE_PERSONAL_ID');
    expect(again.error.details?.['existing']).toMatchObject({
      id: anh.id,
      fullName: 'Nguyễn Thị Ánh',
    });
    expect(again.error.issues).toEqual([
      { path: ['resident', 'personalId'], message: 'validation.personalId.taken' },
    ]);
  });

  it('does not let an acknowledgement override a taken personal ID', async () => {
    const anh = await registerAnh();
    const again = await s.call('resident.create', {
      resident: residentInput({ fullName: 'Lê Thị Ánh' }),
      duplicateAcknowledged: [anh.id],
    });
    expect(again.ok || again.error.code).toBe('DUPLICATE_PERSONAL_ID');
  });

  it('shows the residents with the same name and date of birth before registering another', async () => {
    const anh = await registerAnh();
    const same = residentInput({ fullName: 'Nguyen Thi Anh', personalId: '' });
    const first = await s.call('resident.create', { resident: same });
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.error.code).toBe('DUPLICATE_CANDIDATES');
    expect(first.error.details?.['candidates']).toEqual([
      expect.objectContaining({ id: anh.id, sameCommune: true, samePhone: true }),
    ]);
    const rows = s.app.db.prepare('SELECT count(*) AS n FROM residents').get() as { n: number };
    expect(rows.n).toBe(1);
  });

  it('marks a candidate from another commune with another phone as such', async () => {
    const anh = await registerAnh();
    const elsewhere = residentInput({
      personalId: '',
      phones: [{ number: '0987000111' }],
      currentAddress: { communeCode: '26740', street: '5 Lê Lợi, phường Sài Gòn' },
    });
    const result = await s.call('resident.create', { resident: elsewhere });
    expect(result.ok || result.error.details?.['candidates']).toEqual([
      expect.objectContaining({ id: anh.id, sameCommune: false, samePhone: false }),
    ]);
  });

  it('registers the namesake once the worker confirms she is someone else, and records that review', async () => {
    const anh = await registerAnh();
    const namesake = await s.must('resident.create', {
      resident: residentInput({ personalId: '', phones: [{ number: '0987000111' }] }),
      duplicateAcknowledged: [anh.id],
    });
    expect(namesake.id).not.toBe(anh.id);
    expect(namesake.duplicateReview).toEqual({
      candidateIds: [anh.id],
      at: NOW.toISOString(),
      userId: namesake.created.userId,
      userName: ADMIN.fullName,
    });
    expect(anh.duplicateReview).toBeNull();
  });

  it('still refuses when only some of the candidates were looked at', async () => {
    const anh = await registerAnh();
    const second = await s.must('resident.create', {
      resident: residentInput({ personalId: '', phones: [] }),
      duplicateAcknowledged: [anh.id],
    });
    const third = await s.call('resident.create', {
      resident: residentInput({ personalId: '', phones: [] }),
      duplicateAcknowledged: [anh.id],
    });
    expect(third.ok).toBe(false);
    if (third.ok) return;
    expect(third.error.code).toBe('DUPLICATE_CANDIDATES');
    const ids = (third.error.details?.['candidates'] as { id: string }[]).map((c) => c.id).sort();
    expect(ids).toEqual([anh.id, second.id].sort());
  });

  it('does not warn about a namesake born on another day', async () => {
    await registerAnh();
    const other = await s.call('resident.create', {
      resident: residentInput({ personalId: '', birthDate: '1985-04-13' }),
    });
    expect(other.ok).toBe(true);
  });
});

describe('correcting a resident', () => {
  it('refuses an update made from a stale copy', async () => {
    const anh = await registerAnh();
    await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ occupation: 'Giáo viên' }),
    });
    const stale = await s.call('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ occupation: 'Nội trợ' }),
    });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.error.code).toBe('CONFLICT');
    expect(stale.error.details).toEqual({ currentVersion: 2 });
    const kept = await s.must('resident.get', { id: anh.id });
    expect(kept.record.resident.occupation).toBe('Giáo viên');
  });

  it('keeps a re-issued personal ID in the history, where it still finds her', async () => {
    const anh = await registerAnh();
    const updated = await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({
        personalId: '079185999999',
        bhyt: 'GD4797912345678',
        cmnd: '023456789',
      }),
    });
    expect(updated.version).toBe(2);
    expect(updated.resident.personalId).toBe('079185999999');
    expect(updated.identifierHistory).toEqual([
      {
        kind: 'personal_id',
        value: '079185001234',
        replacedAt: NOW.toISOString(),
        replacedBy: ADMIN.fullName,
      },
    ]);
    expect(await searchIds('079185001234')).toEqual([anh.id]);
    expect(await searchIds('079185999999')).toEqual([anh.id]);
  });

  it('lets the old personal ID go to nobody else while she still holds it', async () => {
    const anh = await registerAnh();
    await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ occupation: 'Thợ may' }),
    });
    const other = await s.call('resident.create', {
      resident: residentInput({ fullName: 'Lê Thị Ánh' }),
    });
    expect(other.ok || other.error.code).toBe('DUPLICATE_PERSONAL_ID');
  });

  it('does not ask about duplicates again when the name and date of birth did not change', async () => {
    const anh = await registerAnh();
    await s.must('resident.create', {
      resident: residentInput({ personalId: '', phones: [] }),
      duplicateAcknowledged: [anh.id],
    });
    const updated = await s.call('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({
        bhyt: 'GD4797912345678',
        cmnd: '023456789',
        occupation: 'Kế toán',
      }),
    });
    expect(updated.ok).toBe(true);
  });

  it('asks about duplicates when a correction makes her name match someone else', async () => {
    const anh = await registerAnh();
    const binh = await s.must('resident.create', {
      resident: residentInput({ fullName: 'Nguyễn Thị Bình', personalId: '', phones: [] }),
    });
    const renamed = await s.call('resident.update', {
      id: binh.id,
      expectedVersion: 1,
      resident: residentInput({ fullName: 'Nguyễn Thị Ánh', personalId: '', phones: [] }),
    });
    expect(renamed.ok || renamed.error.code).toBe('DUPLICATE_CANDIDATES');
    if (!renamed.ok) {
      expect((renamed.error.details?.['candidates'] as { id: string }[]).map((c) => c.id)).toEqual([
        anh.id,
      ]);
    }
  });
});

describe('residents without papers', () => {
  it('gives a person without papers a TAM- temporary code that is never 12 digits', async () => {
    const baby = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Nguyễn Văn Bé',
        sex: '1',
        birthDate: '2026-02-20',
        personalId: '',
        noPapers: true,
        phones: [],
      }),
    });
    expect(baby.temporaryId).toMatch(TEMPORARY_ID_PATTERN);
    expect(baby.temporaryId.startsWith('TAM-79123-')).toBe(true);
    expect(baby.temporaryId).not.toMatch(/^\d{12}$/);
  });

  it('finds a person without papers by the temporary code written on her card', async () => {
    const baby = await s.must('resident.create', {
      resident: residentInput({
        fullName: 'Nguyễn Văn Bé',
        sex: '1',
        birthDate: '2026-02-20',
        personalId: '',
        noPapers: true,
        phones: [],
      }),
    });
    const found = await s.must('resident.search', { query: baby.temporaryId });
    expect(found.kind).toBe('identifier');
    expect(found.results.map((r) => r.id)).toEqual([baby.id]);
  });

  it('gives no temporary code to someone with papers', async () => {
    const anh = await registerAnh();
    expect(anh.temporaryId).toBe('');
  });
});

describe('who did what, and what sync will send', () => {
  it('stamps the creation and each update with the worker who made it', async () => {
    await addStaff(s, 'health_worker');
    const anh = await registerAnh();
    expect(anh.created).toMatchObject({ at: NOW.toISOString(), userName: ADMIN.fullName });
    expect(anh.updated).toMatchObject({ at: NOW.toISOString(), userName: ADMIN.fullName });
    await signInAs(s, 'health_worker');
    const updated = await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({
        bhyt: 'GD4797912345678',
        cmnd: '023456789',
        occupation: 'Giáo viên',
      }),
    });
    expect(updated.created.userName).toBe(ADMIN.fullName);
    expect(updated.updated.userName).toBe(STAFF.health_worker.fullName);
  });

  it('keeps every version of the resident', async () => {
    const anh = await registerAnh();
    await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ occupation: 'Giáo viên' }),
    });
    const versions = s.app.db
      .prepare('SELECT version FROM resident_versions WHERE resident_id = ? ORDER BY version')
      .all(anh.id);
    expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('writes exactly one outbox row for each create and each update', async () => {
    const anh = await registerAnh();
    expect(outboxRows()).toEqual([
      { entity_type: 'resident', entity_id: anh.id, entity_version: 1, operation: 'create' },
    ]);
    await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ occupation: 'Giáo viên' }),
    });
    expect(outboxRows()).toEqual([
      { entity_type: 'resident', entity_id: anh.id, entity_version: 1, operation: 'create' },
      { entity_type: 'resident', entity_id: anh.id, entity_version: 2, operation: 'update' },
    ]);
    expect(await s.must('outbox.summary', {})).toEqual({ pending: 2, byKind: { resident: 2 } });
  });

  it('writes no outbox row when a registration is refused', async () => {
    await registerAnh();
    await s.call('resident.create', { resident: residentInput({ fullName: 'Lê Thị Ánh' }) });
    await s.call('resident.create', { resident: residentInput({ personalId: '' }) });
    await s.call('resident.update', {
      id: '01890a5d-ac96-774b-bcce-b302099a8057',
      expectedVersion: 1,
      resident: residentInput(),
    });
    expect(outboxRows()).toHaveLength(1);
    expect(await s.must('outbox.summary', {})).toEqual({ pending: 1, byKind: { resident: 1 } });
  });

  it('answers NOT_FOUND for a resident that does not exist', async () => {
    const missing = await s.call('resident.get', { id: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(missing.ok || missing.error.code).toBe('NOT_FOUND');
  });
});
