import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src-main/audit/audit-log';
import { withdrawalsInForce, withdrawnPurposes } from '../../src-main/db/consent-repository';
import { listResidentVersions } from '../../src-main/db/resident-repository';
import { listSubjectRequests } from '../../src-main/db/subject-request-repository';
import type { Result } from '../../src-shared/ipc/errors';
import type { ResidentRecord } from '../../src-shared/schemas/resident';
import {
  SUBJECT_RECORD_SCHEMA,
  subjectRecordSchema,
  type SubjectRecord,
} from '../../src-shared/schemas/subject-rights';
import { readPdf } from '../support/pdf-text';
import {
  addStaff,
  auditTrail,
  declarationInput,
  openSetUpStation,
  recordingDb,
  residentInput,
  signInAs,
  STAFF,
  testClock,
  type TestClock,
  type TestStation,
} from '../support/station';

let s: TestStation;
let clock: TestClock;
let anh: ResidentRecord;

function codeOf(result: Result<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

/** She consents to all three purposes with her first declaration. */
const fullConsent = () =>
  declarationInput({
    allergies: [{ kind: '1', agent: 'Penicillin', description: 'Nổi mề đay' }],
    diseases: [{ code: '2' }],
    vaccinations: [{ vaccine: 'HEPB', dose: 1, status: '1', date: '1985-04-13' }],
    consent: { recordKeeping: true, citySharing: true, statistics: true },
  });

async function exported(format: 'json' | 'pdf') {
  const file = await s.must('subject.exportRecord', { residentId: anh.id, format });
  return { ...file, bytes: Buffer.from(file.base64, 'base64') };
}

async function exportedRecord(): Promise<SubjectRecord> {
  const { bytes } = await exported('json');
  return subjectRecordSchema.parse(JSON.parse(bytes.toString('utf8')));
}

beforeEach(async () => {
  clock = testClock('2026-03-02T03:00:00.000Z');
  s = await openSetUpStation({ now: clock.now });
  await addStaff(s, 'health_worker');
  await addStaff(s, 'school_nurse');
  await addStaff(s, 'supervisor');
  await signInAs(s, 'health_worker');
  anh = await s.must('resident.create', { resident: residentInput() });
  clock.advance({ minutes: 2 });
  await s.must('declaration.submit', {
    residentId: anh.id,
    baseVersion: 0,
    declaration: fullConsent(),
  });
  clock.advance({ minutes: 2 });
});
afterEach(() => s.dispose());

describe('recording what a resident asks for', () => {
  it('records access, copy and correction requests with who asked, when, and who recorded it', async () => {
    const access = await s.must('subject.recordRequest', {
      residentId: anh.id,
      kind: 'access',
      requestedBy: 'self',
      receivedAt: '2026-03-01',
      note: 'Muốn xem hồ sơ tiêm chủng',
    });
    expect(access).toMatchObject({
      residentId: anh.id,
      kind: 'access',
      requestedBy: 'self',
      representativeName: '',
      receivedAt: '2026-03-01',
      note: 'Muốn xem hồ sơ tiêm chủng',
      purpose: null,
      recorded: { at: clock.now().toISOString(), userName: STAFF.health_worker.fullName },
      renewed: null,
    });
    clock.advance({ minutes: 1 });
    await signInAs(s, 'supervisor');
    const correction = await s.must('subject.recordRequest', {
      residentId: anh.id,
      kind: 'correction',
      requestedBy: 'representative',
      representativeName: '  Trần Văn Bình ',
      receivedAt: '2026-03-02',
      note: 'Nghề nghiệp ghi sai: là giáo viên, không phải nông dân',
    });
    expect(correction.representativeName).toBe('Trần Văn Bình');

    const overview = await s.must('subject.requests', { residentId: anh.id });
    expect(overview.requests.map((r) => [r.kind, r.recorded.userName])).toEqual([
      ['correction', STAFF.supervisor.fullName],
      ['access', STAFF.health_worker.fullName],
    ]);
    expect(overview.consent).toEqual({
      latest: {
        version: 1,
        at: '2026-03-02T03:02:00.000Z',
        recordKeeping: true,
        citySharing: true,
        statistics: true,
      },
      withdrawnPurposes: [],
    });

    const trail = auditTrail(s).filter((r) => r.action === 'subject.request');
    expect(trail.map((r) => [r.recordId, r.details.kind, r.userName])).toEqual([
      [anh.id, 'access', STAFF.health_worker.fullName],
      [anh.id, 'correction', STAFF.supervisor.fullName],
    ]);
    // The note may carry health data; the trail does not copy it.
    expect(JSON.stringify(trail)).not.toContain('giáo viên');
  });

  it('asks what was wrong for a correction, a name for a representative, and no future date', async () => {
    const missing = await s.call('subject.recordRequest', {
      residentId: anh.id,
      kind: 'correction',
      requestedBy: 'representative',
      receivedAt: '2099-01-01',
    });
    expect(codeOf(missing)).toBe('INVALID_INPUT');
    if (!missing.ok) {
      expect(missing.error.issues).toEqual(
        expect.arrayContaining([
          { path: ['note'], message: 'validation.subject.correctionNote' },
          { path: ['representativeName'], message: 'validation.required' },
          { path: ['receivedAt'], message: 'validation.dateInFuture' },
        ]),
      );
    }
    const withdrawalHere = await s.call('subject.recordRequest', {
      residentId: anh.id,
      // @ts-expect-error withdrawals go through subject.withdrawConsent
      kind: 'withdrawal',
      requestedBy: 'self',
      receivedAt: '2026-03-02',
    });
    expect(codeOf(withdrawalHere)).toBe('INVALID_INPUT');
    const nobody = await s.call('subject.recordRequest', {
      residentId: '0196f000-0000-7000-8000-000000000999',
      kind: 'access',
      requestedBy: 'self',
      receivedAt: '2026-03-02',
    });
    expect(codeOf(nobody)).toBe('NOT_FOUND');
    expect((await s.must('subject.requests', { residentId: anh.id })).requests).toEqual([]);
  });
});

describe('withdrawing consent', () => {
  it('stops new declarations once record keeping is withdrawn, until she consents again', async () => {
    const withdrawal = await s.must('subject.withdrawConsent', {
      residentId: anh.id,
      purpose: 'recordKeeping',
      requestedBy: 'self',
      reason: 'Chuyển về quê sinh sống',
    });
    expect(withdrawal).toMatchObject({
      kind: 'withdrawal',
      purpose: 'recordKeeping',
      note: 'Chuyển về quê sinh sống',
      receivedAt: '2026-03-02',
      renewed: null,
    });
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual(['recordKeeping']);

    // A new version with the ticks carried over is refused: nothing new is kept.
    clock.advance({ minutes: 2 });
    const refused = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: fullConsent(),
    });
    expect(codeOf(refused)).toBe('CONSENT_WITHDRAWN');
    if (!refused.ok) {
      expect(refused.error.issues).toContainEqual({
        path: ['declaration', 'consent', 'recordKeeping'],
        message: 'validation.consent.withdrawn',
      });
    }
    expect(await s.must('declaration.history', { residentId: anh.id })).toHaveLength(1);

    // She consents again, asked anew: the declaration names the renewed purpose.
    const renewed = await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: declarationInput({ consent: { recordKeeping: true } }),
      renewedConsent: ['recordKeeping'],
    });
    expect(renewed.version).toBe(2);
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual([]);

    const [logged] = (await s.must('subject.requests', { residentId: anh.id })).requests;
    expect(logged?.renewed).toEqual({
      at: clock.now().toISOString(),
      userId: 'user-health_worker',
      userName: STAFF.health_worker.fullName,
      declarationVersion: 2,
    });
    const trail = auditTrail(s);
    expect(trail.filter((r) => r.action === 'subject.withdrawConsent')).toMatchObject([
      { recordId: anh.id, details: { purpose: 'recordKeeping', requestedBy: 'self' } },
    ]);
    expect(trail.filter((r) => r.action === 'subject.consentRenewed')).toMatchObject([
      {
        recordId: anh.id,
        details: { purpose: 'recordKeeping', withdrawalId: withdrawal.id, declarationVersion: 2 },
      },
    ]);
    expect(trail.filter((r) => r.action === 'declaration.submit').at(-1)?.details).toMatchObject({
      version: 2,
      consentRenewed: ['recordKeeping'],
    });
    expect(trail.some((r) => r.details.reason !== undefined)).toBe(false);
  });

  it('keeps city sharing withdrawn through later declarations, visible to sync and to the screens', async () => {
    await s.must('subject.withdrawConsent', {
      residentId: anh.id,
      purpose: 'citySharing',
      requestedBy: 'representative',
      representativeName: 'Trần Văn Bình',
      receivedAt: '2026-03-01',
      reason: 'Không muốn dữ liệu rời khỏi trạm',
    });
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual(['citySharing']);
    expect((await s.must('resident.get', { id: anh.id })).withdrawnPurposes).toEqual([
      'citySharing',
    ]);
    expect((await s.must('declaration.current', { residentId: anh.id })).withdrawnPurposes).toEqual(
      ['citySharing'],
    );

    // Ticking it again by carrying the old tick over is refused ...
    const carried = await s.call('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: fullConsent(),
    });
    expect(codeOf(carried)).toBe('CONSENT_WITHDRAWN');
    if (!carried.ok) expect(carried.error.details).toEqual({ purposes: ['citySharing'] });
    // ... a declaration without it goes through and the withdrawal stays in force.
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: { ...fullConsent(), consent: { recordKeeping: true, statistics: true } },
    });
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual(['citySharing']);

    // Withdrawing twice, or withdrawing what she never gave, is refused.
    const twice = await s.call('subject.withdrawConsent', {
      residentId: anh.id,
      purpose: 'citySharing',
      requestedBy: 'self',
      reason: 'Lần nữa',
    });
    expect(codeOf(twice)).toBe('CONFLICT');
    const other = await s.must('resident.create', {
      resident: residentInput({ fullName: 'Lê Văn Tám', sex: '1', personalId: '', phones: [] }),
    });
    const never = await s.call('subject.withdrawConsent', {
      residentId: other.id,
      purpose: 'statistics',
      requestedBy: 'self',
      reason: 'Không đồng ý',
    });
    expect(codeOf(never)).toBe('INVALID_INPUT');
    if (!never.ok)
      expect(never.error.issues).toEqual([
        { path: ['purpose'], message: 'validation.subject.notGranted' },
      ]);

    // Renewed explicitly, city sharing is lifted.
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 2,
      declaration: fullConsent(),
      renewedConsent: ['citySharing'],
    });
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual([]);
    expect((await s.must('resident.get', { id: anh.id })).withdrawnPurposes).toEqual([]);
  });

  it('needs a reason, and a name when a representative withdraws', async () => {
    const result = await s.call('subject.withdrawConsent', {
      residentId: anh.id,
      purpose: 'statistics',
      requestedBy: 'representative',
      reason: '   ',
    });
    expect(codeOf(result)).toBe('INVALID_INPUT');
    if (!result.ok)
      expect(result.error.issues?.map((i) => i.path.join('.')).sort()).toEqual([
        'reason',
        'representativeName',
      ]);
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual([]);
  });
});

describe('exporting her full record', () => {
  async function historyWithEverything(): Promise<void> {
    await s.must('resident.update', {
      id: anh.id,
      expectedVersion: 1,
      resident: residentInput({ occupation: 'Giáo viên' }),
    });
    clock.advance({ minutes: 2 });
    await s.must('declaration.submit', {
      residentId: anh.id,
      baseVersion: 1,
      declaration: { ...fullConsent(), diseases: [{ code: '2' }, { code: '3' }] },
    });
    clock.advance({ minutes: 2 });
    await s.must('subject.recordRequest', {
      residentId: anh.id,
      kind: 'copy',
      requestedBy: 'self',
      receivedAt: '2026-03-02',
      note: 'Bản giấy và tệp',
    });
    await s.must('subject.withdrawConsent', {
      residentId: anh.id,
      purpose: 'statistics',
      requestedBy: 'self',
      reason: 'Không nêu lý do',
    });
  }

  it('holds every version, the consents and withdrawals, the requests and her audit rows as JSON', async () => {
    await historyWithEverything();
    const file = await exported('json');
    expect(file.mimeType).toBe('application/json');
    expect(file.fileName).toBe(`ho-so-nguoi-dan-2026-03-02-${anh.id.slice(-8)}.json`);
    expect(file.fileName).not.toContain('Ánh');

    const record = subjectRecordSchema.parse(JSON.parse(file.bytes.toString('utf8')));
    expect(record.schema).toBe(SUBJECT_RECORD_SCHEMA);
    expect(record.generatedAt).toBe(clock.now().toISOString());
    expect(record.generatedBy.userName).toBe(STAFF.health_worker.fullName);
    expect(record.station).toEqual({
      name: 'Trạm Y tế phường Bình Quới',
      communeCode: '26911',
      facilityCode: '79123',
    });
    expect(record.resident.resident.occupation).toBe('Giáo viên');
    expect(record.residentVersions.map((v) => [v.version, v.resident.occupation])).toEqual([
      [1, ''],
      [2, 'Giáo viên'],
    ]);
    expect(record.declarationVersions.map((v) => v.version)).toEqual([1, 2]);
    expect(record.declarationVersions[1]?.declaration.diseases.map((d) => d.code)).toEqual([
      '2',
      '3',
    ]);
    expect(record.declarationVersions[0]?.submitted.userName).toBe(STAFF.health_worker.fullName);
    expect(record.consent.given.map((c) => [c.declarationVersion, c.statistics])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(record.consent.withdrawnPurposes).toEqual(['statistics']);
    expect(record.requests.map((r) => [r.kind, r.purpose])).toEqual([
      ['copy', null],
      ['withdrawal', 'statistics'],
    ]);

    const about = auditTrail(s).filter((r) => r.recordId === anh.id);
    expect(record.auditTrail.map((r) => r.seq)).toEqual(
      about.filter((r) => r.action !== 'subject.export').map((r) => r.seq),
    );
    expect(record.auditTrail.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'resident.create',
        'resident.update',
        'declaration.submit',
        'subject.request',
        'subject.withdrawConsent',
      ]),
    );
    // The export itself is in the trail, with its format, after the file was made.
    expect(auditTrail(s).at(-1)).toMatchObject({
      action: 'subject.export',
      recordType: 'resident',
      recordId: anh.id,
      userName: STAFF.health_worker.fullName,
      details: { format: 'json', bytes: file.bytes.length },
    });
    expect(verifyAuditChain(s.app.db).ok).toBe(true);
  });

  it('prints the same record as a Vietnamese A4 PDF with her name, page numbers and the font embedded', async () => {
    await historyWithEverything();
    const file = await exported('pdf');
    expect(file.mimeType).toBe('application/pdf');
    expect(file.fileName).toMatch(/\.pdf$/);
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.bytes.length).toBeGreaterThan(10_000);
    expect(file.bytes.length).toBeLessThan(1_000_000);

    const pdf = readPdf(file.bytes);
    expect(pdf.pageCount).toBeGreaterThan(0);
    expect(file.bytes.toString('latin1')).toContain(`/Count ${pdf.pageCount}`);
    expect(file.bytes.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    expect(pdf.embeddedFonts.some((f) => f.endsWith('+DejaVuSans'))).toBe(true);
    const text = pdf.pages.join('\n');
    expect(text).toContain('HỒ SƠ DỮ LIỆU CÁ NHÂN CỦA NGƯỜI DÂN');
    expect(text).toContain('Nguyễn Thị Ánh');
    expect(text).toContain('079185001234');
    expect(text).toContain('Trạm Y tế phường Bình Quới');
    expect(text).toContain('Phường Bình Quới');
    // Code lists in words, consent and requests, the change log in Vietnam time.
    expect(text).toContain('Tăng huyết áp');
    expect(text).toContain('Đái tháo đường');
    expect(text).toContain('Viêm gan B');
    expect(text).toContain('Penicillin');
    expect(text).toContain('Rút lại sự đồng ý');
    expect(text).toContain('Sửa thông tin người dân');
    expect(text).toContain('02/03/2026 10:02');
    expect(text).not.toContain('\uFFFD');
    pdf.pages.forEach((page, i) => expect(page).toContain(`Trang ${i + 1}/${pdf.pageCount}`));
    expect(auditTrail(s).at(-1)).toMatchObject({
      action: 'subject.export',
      details: { format: 'pdf', bytes: file.bytes.length },
    });
  });

  it('fills more pages for a long history and keeps every page numbered', async () => {
    for (let version = 1; version <= 6; version += 1) {
      clock.advance({ minutes: 1 });
      await s.must('declaration.submit', {
        residentId: anh.id,
        baseVersion: version,
        declaration: {
          ...fullConsent(),
          vaccinations: Array.from({ length: 12 }, (_, i) => ({
            vaccine: 'OPV' as const,
            dose: (i % 10) + 1,
            status: '1' as const,
            date: '1986-01-01',
          })),
        },
      });
    }
    const pdf = readPdf((await exported('pdf')).bytes);
    expect(pdf.pageCount).toBeGreaterThan(3);
    expect(pdf.pages.at(-1)).toContain(`Trang ${pdf.pageCount}/${pdf.pageCount}`);
    const record = await exportedRecord();
    expect(record.declarationVersions).toHaveLength(7);
  });

  it('answers NOT_FOUND for someone who is not in the registry, and writes no export row', async () => {
    const before = auditTrail(s).length;
    const result = await s.call('subject.exportRecord', {
      residentId: '0196f000-0000-7000-8000-000000000999',
      format: 'pdf',
    });
    expect(codeOf(result)).toBe('NOT_FOUND');
    expect(auditTrail(s)).toHaveLength(before);
  });
});

describe('who may handle these requests', () => {
  it('refuses a school nurse every channel, and says so in the trail', async () => {
    await signInAs(s, 'school_nurse');
    const inputs = {
      'subject.requests': { residentId: anh.id },
      'subject.recordRequest': {
        residentId: anh.id,
        kind: 'access',
        requestedBy: 'self',
        receivedAt: '2026-03-02',
      },
      'subject.withdrawConsent': {
        residentId: anh.id,
        purpose: 'citySharing',
        requestedBy: 'self',
        reason: 'Không muốn chia sẻ',
      },
      'subject.exportRecord': { residentId: anh.id, format: 'json' },
    } as const;
    for (const [channel, input] of Object.entries(inputs)) {
      const result = (await s.app.dispatch(channel, input)) as Result<unknown>;
      expect([channel, codeOf(result)]).toEqual([channel, 'FORBIDDEN']);
    }
    expect(withdrawnPurposes(s.app.db, anh.id)).toEqual([]);
    expect(
      auditTrail(s)
        .filter((r) => r.action === 'access.denied')
        .map((r) => r.details.channel),
    ).toEqual([
      'subject.requests',
      'subject.recordRequest',
      'subject.withdrawConsent',
      'subject.exportRecord',
    ]);
  });

  it('lets administrators, health workers and supervisors do all of it', async () => {
    for (const role of ['administrator', 'health_worker', 'supervisor'] as const) {
      await signInAs(s, role);
      expect(codeOf(await s.call('subject.requests', { residentId: anh.id }))).toBe('ok');
      expect(
        codeOf(
          await s.call('subject.recordRequest', {
            residentId: anh.id,
            kind: 'copy',
            requestedBy: 'self',
            receivedAt: '2026-03-02',
          }),
        ),
      ).toBe('ok');
      expect(
        codeOf(await s.call('subject.exportRecord', { residentId: anh.id, format: 'json' })),
      ).toBe('ok');
    }
    await signInAs(s, 'supervisor');
    expect(
      codeOf(
        await s.call('subject.withdrawConsent', {
          residentId: anh.id,
          purpose: 'statistics',
          requestedBy: 'self',
          reason: 'Không nêu lý do',
        }),
      ),
    ).toBe('ok');
  });
});

describe('reading her requests and withdrawals', () => {
  it('goes by index, never by reading every request (every declaration.submit asks)', () => {
    const { db, calls } = recordingDb(s.app.db);
    withdrawalsInForce(db, anh.id);
    listSubjectRequests(db, anh.id);
    listResidentVersions(db, anh.id);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const plan = (
        s.app.db.prepare(`EXPLAIN QUERY PLAN ${call.sql}`).all(...call.params) as {
          detail: string;
        }[]
      ).map((r) => r.detail);
      expect(plan.join(' | ')).toMatch(/USING (COVERING )?INDEX|USING PRIMARY KEY/);
      for (const detail of plan) expect(detail, call.sql).not.toMatch(/^SCAN /);
    }
  });
});
