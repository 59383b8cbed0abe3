import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src-main/audit/audit-log';
import { withdrawnPurposes } from '../../src-main/db/consent-repository';
import { listResidentVersions } from '../../src-main/db/resident-repository';
import type { Result } from '../../src-shared/ipc/errors';
import type { ResidentRecord } from '../../src-shared/schemas/resident';
import {
  addStaff,
  auditTrail,
  declarationInput,
  openSetUpStation,
  residentInput,
  signInAs,
  type TestStation,
} from '../support/station';

let s: TestStation;

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

/** The same woman registered twice: once from her ID card, once by a colleague from memory. */
async function registeredTwice(): Promise<{ carded: ResidentRecord; remembered: ResidentRecord }> {
  const carded = await s.must('resident.create', {
    resident: residentInput({ bhyt: '' }),
  });
  const remembered = await s.must('resident.create', {
    resident: residentInput({
      fullName: 'Nguyen Thi Anh',
      personalId: '',
      bhyt: 'GD4797912345678',
      phones: [{ number: '0918222333' }],
      occupation: 'Buôn bán',
    }),
    duplicateAcknowledged: [carded.id],
  });
  return { carded, remembered };
}

beforeEach(async () => {
  s = await openSetUpStation();
  await addStaff(s, 'supervisor');
  await addStaff(s, 'health_worker');
});
afterEach(() => s.dispose());

describe('reviewing possible duplicate residents', () => {
  it('lists residents with the same name and date of birth, with the evidence', async () => {
    const { carded, remembered } = await registeredTwice();
    await s.must('resident.create', {
      resident: residentInput({ fullName: 'Trần Văn Khác', personalId: '', phones: [] }),
    });
    await signInAs(s, 'supervisor');
    const { groups, more } = await s.must('duplicate.list', {});
    expect(more).toBe(false);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.members.map((m) => m.id)).toEqual([carded.id, remembered.id]);
    expect(groups[0]?.evidence).toEqual(['sameCommune']);
  });

  it('forgets a group the supervisor found to be different people, until a new look-alike joins', async () => {
    const { carded, remembered } = await registeredTwice();
    await signInAs(s, 'supervisor');
    await s.must('duplicate.dismiss', { memberIds: [remembered.id, carded.id] });
    expect((await s.must('duplicate.list', {})).groups).toHaveLength(0);
    expect(auditTrail(s).at(-1)).toMatchObject({ action: 'duplicate.dismiss' });

    await s.must('resident.create', {
      resident: residentInput({ personalId: '', phones: [], bhyt: '' }),
      duplicateAcknowledged: [carded.id, remembered.id],
    });
    expect((await s.must('duplicate.list', {})).groups[0]?.members).toHaveLength(3);
  });

  it('refuses to dismiss residents that are not one group, and changes nothing', async () => {
    const { carded } = await registeredTwice();
    const other = await s.must('resident.create', {
      resident: residentInput({ fullName: 'Trần Văn Khác', personalId: '', phones: [] }),
    });
    await signInAs(s, 'supervisor');
    const result = await s.app.dispatch('duplicate.dismiss', { memberIds: [carded.id, other.id] });
    expect(codeOf(result)).toBe('INVALID_INPUT');
    expect((await s.must('duplicate.list', {})).groups).toHaveLength(1);
  });
});

describe('merging two records of one person', () => {
  it('keeps the survivor’s values, adds what only the other knew, and retires the other', async () => {
    const { carded, remembered } = await registeredTwice();
    await signInAs(s, 'supervisor');
    const merged = await s.must('resident.merge', {
      survivorId: carded.id,
      survivorVersion: carded.version,
      retiredId: remembered.id,
      retiredVersion: remembered.version,
      reason: 'Cùng CCCD khi đối chiếu tại trạm',
    });
    expect(merged.version).toBe(2);
    expect(merged.resident).toMatchObject({
      fullName: 'Nguyễn Thị Ánh',
      personalId: '079185001234',
      bhyt: 'GD4797912345678',
      occupation: 'Buôn bán',
    });
    expect(merged.resident.phones.map((p) => p.number)).toEqual(['0903123456', '0918222333']);

    // She is found once, by any of her numbers, and the retired record points at her.
    const byName = await s.must('resident.search', { query: 'nguyen thi anh' });
    expect(byName.results.map((r) => r.id)).toEqual([carded.id]);
    const byCard = await s.must('resident.search', { query: '0918222333' });
    expect(byCard.results.map((r) => r.id)).toEqual([carded.id]);
    const retired = await s.must('resident.get', { id: remembered.id });
    expect(retired.merges.mergedInto).toMatchObject({
      residentId: carded.id,
      reason: 'Cùng CCCD khi đối chiếu tại trạm',
    });
    expect(retired.record.version).toBe(2);
    const survivor = await s.must('resident.get', { id: carded.id });
    expect(survivor.merges.mergedFrom.map((m) => m.residentId)).toEqual([remembered.id]);

    // Nothing is lost: the retired record keeps every version; both changes go to the city.
    expect(listResidentVersions(s.app.db, remembered.id).map((v) => v.version)).toEqual([1, 2]);
    const { byKind } = await s.must('outbox.summary', {});
    expect(byKind.resident).toBe(4);
    expect((await s.must('duplicate.list', {})).groups).toHaveLength(0);
    expect(auditTrail(s).find((row) => row.action === 'resident.merge')).toMatchObject({
      recordId: carded.id,
      details: { retiredId: remembered.id },
    });
    expect(verifyAuditChain(s.app.db).ok).toBe(true);
  });

  it('keeps a disagreeing ID in the survivor’s identifier history, still searchable', async () => {
    const first = await s.must('resident.create', { resident: residentInput({ cmnd: '' }) });
    const second = await s.must('resident.create', {
      resident: residentInput({ personalId: '', cmnd: '024123456', phones: [] }),
      duplicateAcknowledged: [first.id],
    });
    await signInAs(s, 'supervisor');
    const merged = await s.must('resident.merge', {
      survivorId: second.id,
      survivorVersion: 1,
      retiredId: first.id,
      retiredVersion: 1,
      reason: 'Trùng',
    });
    expect(merged.resident.personalId).toBe('079185001234');
    expect(merged.resident.cmnd).toBe('024123456');
    const found = await s.must('resident.search', { query: '079185001234' });
    expect(found.results.map((r) => r.id)).toEqual([second.id]);
  });

  it('moves her declaration and her consent withdrawals to the record that continues', async () => {
    const { carded, remembered } = await registeredTwice();
    await s.must('declaration.submit', {
      residentId: remembered.id,
      baseVersion: 0,
      declaration: declarationInput({
        consent: { recordKeeping: true, citySharing: true, statistics: true },
      }),
    });
    await s.must('subject.withdrawConsent', {
      residentId: remembered.id,
      purpose: 'citySharing',
      requestedBy: 'self',
      reason: 'Không muốn chia sẻ',
    });
    await signInAs(s, 'supervisor');
    await s.must('resident.merge', {
      survivorId: carded.id,
      survivorVersion: 1,
      retiredId: remembered.id,
      retiredVersion: 1,
      reason: 'Trùng',
    });
    const current = await s.must('declaration.current', { residentId: carded.id });
    // A new version under the survivor tells the city whose declaration it now is.
    expect(current.latest?.version).toBe(2);
    expect(current.latest?.residentId).toBe(carded.id);
    expect(withdrawnPurposes(s.app.db, carded.id)).toEqual(['citySharing']);
    const requests = await s.must('subject.requests', { residentId: carded.id });
    expect(requests.requests.map((r) => r.kind)).toEqual(['withdrawal']);
  });

  it('refuses changes to a retired record and a second merge of it', async () => {
    const { carded, remembered } = await registeredTwice();
    await signInAs(s, 'supervisor');
    await s.must('resident.merge', {
      survivorId: carded.id,
      survivorVersion: 1,
      retiredId: remembered.id,
      retiredVersion: 1,
      reason: 'Trùng',
    });
    const edit = await s.app.dispatch('resident.update', {
      id: remembered.id,
      expectedVersion: 2,
      resident: residentInput({ personalId: '' }),
    });
    expect(codeOf(edit)).toBe('RESIDENT_MERGED');
    const declare = await s.app.dispatch('declaration.submit', {
      residentId: remembered.id,
      baseVersion: 0,
      declaration: declarationInput(),
    });
    expect(codeOf(declare)).toBe('RESIDENT_MERGED');
    const again = await s.app.dispatch('resident.merge', {
      survivorId: carded.id,
      survivorVersion: 2,
      retiredId: remembered.id,
      retiredVersion: 2,
      reason: 'Lần nữa',
    });
    expect(codeOf(again)).toBe('RESIDENT_MERGED');
  });

  it('refuses a stale merge and a health worker’s merge, and changes nothing', async () => {
    const { carded, remembered } = await registeredTwice();
    const input = {
      survivorId: carded.id,
      survivorVersion: 1,
      retiredId: remembered.id,
      retiredVersion: 1,
      reason: 'Trùng',
    };
    await signInAs(s, 'health_worker');
    expect(codeOf(await s.app.dispatch('resident.merge', input))).toBe('FORBIDDEN');
    await signInAs(s, 'supervisor');
    await s.must('resident.update', {
      id: carded.id,
      expectedVersion: 1,
      resident: residentInput({ bhyt: '', occupation: 'Giáo viên' }),
    });
    expect(codeOf(await s.app.dispatch('resident.merge', input))).toBe('CONFLICT');
    const stillThere = await s.must('resident.get', { id: remembered.id });
    expect(stillThere.merges.mergedInto).toBeNull();
    expect(stillThere.record.version).toBe(1);
  });
});
