import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAudit } from '../../src-main/audit/audit-log';
import { ROLES, type Role } from '../../src-shared/domain/roles';
import { CHANNELS, type Channel } from '../../src-shared/ipc/channels';
import { contract, mayCall } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import {
  addStaff,
  createAccount,
  declarationInput,
  openSetUpStation,
  residentInput,
  signInAs,
  STAFF,
  type TestStation,
} from '../support/station';

let s: TestStation;
let residentId: string;
/** An account the administrator looks after in the account.* cases. */
let traineeId: string;

beforeAll(async () => {
  s = await openSetUpStation();
  await addStaff(s, 'health_worker');
  await addStaff(s, 'school_nurse');
  await addStaff(s, 'supervisor');
  traineeId = (
    await createAccount(s, {
      role: 'health_worker',
      username: 'tapsu',
      fullName: 'Ngô Thị Tập',
      temporaryPassword: 'tamthoi2026tap',
    })
  ).id;
  residentId = (await s.must('resident.create', { resident: residentInput() })).id;
  await s.must('declaration.submit', {
    residentId,
    baseVersion: 0,
    declaration: declarationInput(),
  });
});
afterAll(() => s.dispose());

/** A resident who consented to every purpose, so each role can withdraw one of them. */
let consentingId: string;
/** The purpose each role withdraws in the subject.withdrawConsent case (once each). */
const WITHDRAWN_BY: Record<Role, 'recordKeeping' | 'citySharing' | 'statistics'> = {
  administrator: 'statistics',
  health_worker: 'citySharing',
  supervisor: 'recordKeeping',
  school_nurse: 'statistics',
};

beforeAll(async () => {
  await signInAs(s, 'administrator');
  consentingId = (
    await s.must('resident.create', {
      resident: residentInput({ fullName: 'Phan Thị Quyền', personalId: '', phones: [] }),
    })
  ).id;
  await s.must('declaration.submit', {
    residentId: consentingId,
    baseVersion: 0,
    declaration: declarationInput({
      consent: { recordKeeping: true, citySharing: true, statistics: true },
    }),
  });
  backupBase64 = (
    await s.must('backup.create', {
      passphrase: BACKUP_PASSPHRASE,
      confirmation: BACKUP_PASSPHRASE,
    })
  ).base64;
});

/** A backup of this station, for backup.inspect and backup.restore. */
let backupBase64: string;
const BACKUP_PASSPHRASE = 'sao luu tram 2026';

/** A sensible call on each channel, as the screens make it. */
function inputFor(channel: Channel, role: Role): unknown {
  switch (channel) {
    case 'setup.initialize':
      return {
        station: { communeCode: '26911', name: 'Trạm Y tế', facilityCode: '79123' },
        administrator: {
          fullName: 'Ai Đó',
          username: `x${role}`,
          password: 'matkhau2026',
          passwordConfirmation: 'matkhau2026',
        },
      };
    case 'auth.signIn':
      return { username: 'nobody', password: 'wrong-password-1' };
    case 'resident.search':
      return { query: 'nguyen thi anh' };
    case 'resident.get':
      return { id: residentId };
    case 'resident.create':
      return {
        resident: residentInput({
          fullName: `Trần Thị ${role.replace(/[^a-z]/g, '')}`,
          personalId: '',
          phones: [],
        }),
      };
    case 'resident.update':
      return { id: residentId, expectedVersion: 99, resident: residentInput() };
    case 'resident.merge':
      // Stale versions: an allowed role gets CONFLICT, so no merge happens under the matrix.
      return {
        survivorId: residentId,
        survivorVersion: 99,
        retiredId: consentingId,
        retiredVersion: 99,
        reason: 'Cùng một người, đăng ký hai lần',
      };
    case 'elderly.list':
      return { residentId };
    case 'elderly.get':
      return { id: residentId };
    case 'elderly.save':
      // She is under 60: an allowed role is told so (INVALID_INPUT), nothing is written.
      return {
        id: null,
        expectedVersion: 0,
        screening: {
          residentId,
          screenedOn: '2026-01-05',
          healthClass: 2,
          examinerName: 'Lê Thị Thu',
        },
      };
    case 'elderly.exportList':
      return { list: 'due' };
    case 'school.save':
      return { name: `Trường Tiểu học ${role.length}`, level: 'primary', communeCode: '26911' };
    case 'class.list':
      return { schoolId: UNKNOWN_ID };
    case 'class.save':
      return { schoolId: UNKNOWN_ID, schoolYear: '2025-2026', name: '5A', grade: 5 };
    case 'class.get':
    case 'class.summary':
    case 'class.referrals':
      return { classId: UNKNOWN_ID, round: 'I' };
    case 'class.exportLetters':
      return { classId: UNKNOWN_ID, round: 'I', residentId: null };
    case 'roster.preview':
      return { classId: UNKNOWN_ID, fileName: 'lop-5a.csv', base64: ROSTER_CSV };
    case 'roster.import':
      return {
        classId: UNKNOWN_ID,
        fileName: 'lop-5a.csv',
        base64: ROSTER_CSV,
        mapping: { columns: { fullName: 0, birthDate: 1, sex: 2 } },
        decisions: [],
      };
    case 'enrolment.setConsent':
      return {
        classId: UNKNOWN_ID,
        residentId,
        consent: {
          guardian: true,
          guardianName: 'Trần Văn Bình',
          pupil: null,
          recordedOn: '2025-09-05',
        },
      };
    case 'pupil.saveScreening':
      return {
        classId: UNKNOWN_ID,
        residentId,
        round: 'I',
        screenedOn: '2025-09-05',
        status: 'measured',
        expectedVersion: 0,
        measurements: { heightCm: 140, weightKg: 32 },
      };
    case 'duplicate.dismiss':
      return { memberIds: [residentId, consentingId] };
    case 'declaration.saveDraft':
      return { residentId, baseVersion: 1, data: { by: role } };
    case 'declaration.submit':
      return { residentId, baseVersion: 99, declaration: declarationInput() };
    case 'declaration.getVersion':
      return { residentId, version: 1 };
    case 'declaration.current':
    case 'declaration.discardDraft':
    case 'declaration.history':
      return { residentId };
    case 'auth.changePassword':
      return {
        currentPassword: STAFF[role].password,
        newPassword: NEW_PASSWORD,
        confirmation: NEW_PASSWORD,
      };
    case 'auth.unlock':
      return { password: STAFF[role].password };
    case 'account.create':
      return {
        fullName: 'Đinh Thị Mới',
        username: `moi.${role}.${(accountsMade += 1)}`,
        role: 'school_nurse',
        temporaryPassword: 'tamthoi2026moi',
      };
    case 'account.update':
      return { id: traineeId, fullName: 'Ngô Thị Tập', role: 'health_worker', disabled: false };
    case 'account.resetPassword':
      return { id: traineeId, temporaryPassword: 'datlai2026tap' };
    case 'settings.update':
      return { idleLockMinutes: 10 };
    case 'audit.query':
      return { action: 'auth.signIn', limit: 20 };
    case 'audit.export':
      return { action: 'resident.create' };
    case 'subject.requests':
      return { residentId };
    case 'subject.recordRequest':
      return {
        residentId,
        kind: 'correction',
        requestedBy: 'representative',
        representativeName: 'Trần Văn Bình',
        receivedAt: '2025-12-01',
        note: `Nghề nghiệp ghi sai (${role})`,
      };
    case 'subject.withdrawConsent':
      return {
        residentId: consentingId,
        purpose: WITHDRAWN_BY[role],
        requestedBy: 'self',
        reason: 'Không nêu lý do',
      };
    case 'subject.exportRecord':
      return { residentId, format: role === 'supervisor' ? 'pdf' : 'json' };
    case 'backup.create':
      return { passphrase: BACKUP_PASSPHRASE, confirmation: BACKUP_PASSPHRASE };
    case 'backup.inspect':
      return { base64: backupBase64 };
    case 'backup.restore':
      // A wrong passphrase: the administrator's call is checked (BACKUP_INVALID) without
      // replacing the station under the other cases.
      return { base64: backupBase64, passphrase: `${BACKUP_PASSPHRASE} sai` };
    case 'sync.setUpSupervisorKey':
      return { password: 'matkhau2026' };
    case 'sync.importCityKey':
      return { text: '{"keys":[]}', confirmedFingerprint: 'AAAA', validFrom: null };
    case 'sync.configure':
      return { cityStoreUrl: '' };
    case 'sync.startExport':
      return { password: 'matkhau2026', selection: { from: null, to: null, kinds: ['resident'] } };
    case 'sync.exportProgress':
    case 'sync.cancelExport':
      return { jobId: UNKNOWN_ID };
    case 'sync.bundleFile':
      return { bundleId: UNKNOWN_ID };
    case 'sync.upload':
      return { bundleIds: [] };
    case 'sync.importReceipt':
      return { text: '{}' };
    default:
      return {};
  }
}

/** A class or school that does not exist: allowed roles get NOT_FOUND, nothing is written. */
const UNKNOWN_ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const ROSTER_CSV = Buffer.from(
  'Họ và tên,Ngày sinh,Giới tính\nLê Minh Khang,05/03/2015,Nam\n',
).toString('base64');

/** Numbers the accounts the account.create cases make, so each username is new. */
let accountsMade = 0;

/** What auth.changePassword changes a password to, before the test puts the old one back. */
const NEW_PASSWORD = 'doimatkhau2026';

const cases = ROLES.flatMap((role) => CHANNELS.map((channel) => [role, channel] as const));

describe('what each role may do', () => {
  it.each(cases)(
    '%s calling %s is allowed or refused exactly as the contract says',
    async (role, channel) => {
      await signInAs(s, role);
      const result = (await s.app.dispatch(channel, inputFor(channel, role))) as Result<unknown>;
      const code = result.ok ? 'ok' : result.error.code;
      if (channel === 'auth.changePassword' && result.ok) {
        await s.must('auth.changePassword', {
          currentPassword: NEW_PASSWORD,
          newPassword: STAFF[role].password,
          confirmation: STAFF[role].password,
        });
      }
      if (mayCall(contract[channel].access, role)) {
        expect(code).not.toBe('FORBIDDEN');
        expect(code).not.toBe('NOT_SIGNED_IN');
      } else {
        expect(code).toBe('FORBIDDEN');
        // The refusal itself is in the audit trail, under the person who tried.
        expect(queryAudit(s.app.db, { limit: 1 })[0]).toMatchObject({
          action: 'access.denied',
          outcome: 'denied',
          userName: STAFF[role].fullName,
          details: { channel, role },
        });
      }
    },
  );

  it.each(CHANNELS)('the call made on %s here is one its screen could make', (channel) => {
    for (const role of ROLES) {
      const parsed = contract[channel].input.safeParse(inputFor(channel, role));
      expect([role, parsed.success ? 'valid' : parsed.error.issues]).toEqual([role, 'valid']);
    }
  });

  it('lets every role do what its work needs with these calls', async () => {
    // With sensible inputs, every allowed call on the new channels actually succeeds.
    const channels = CHANNELS.filter((c) =>
      /^(auth\.(changePassword|lock|unlock|keepAlive)|account\.|settings\.|audit\.)/.test(c),
    );
    for (const role of ROLES) {
      for (const channel of channels) {
        if (!mayCall(contract[channel].access, role)) continue;
        await signInAs(s, role);
        const result = (await s.app.dispatch(channel, inputFor(channel, role))) as Result<unknown>;
        expect([role, channel, result.ok ? 'ok' : result.error.code]).toEqual([
          role,
          channel,
          'ok',
        ]);
        if (channel === 'auth.changePassword' && result.ok) {
          await s.must('auth.changePassword', {
            currentPassword: NEW_PASSWORD,
            newPassword: STAFF[role].password,
            confirmation: STAFF[role].password,
          });
        }
      }
    }
  });

  it('lets the station staff handle a resident’s requests with these calls', async () => {
    const channels = CHANNELS.filter((c) =>
      /^subject\.(requests|recordRequest|exportRecord)$/.test(c),
    );
    expect(channels).toHaveLength(3);
    for (const role of ROLES) {
      for (const channel of channels) {
        await signInAs(s, role);
        const result = (await s.app.dispatch(channel, inputFor(channel, role))) as Result<unknown>;
        expect([role, channel, result.ok ? 'ok' : result.error.code]).toEqual([
          role,
          channel,
          mayCall(contract[channel].access, role) ? 'ok' : 'FORBIDDEN',
        ]);
      }
    }
    // Each role that may withdraw a consent did so in its subject.withdrawConsent case above.
    await signInAs(s, 'supervisor');
    const { consent } = await s.must('subject.requests', { residentId: consentingId });
    expect([...consent.withdrawnPurposes].sort()).toEqual([
      'citySharing',
      'recordKeeping',
      'statistics',
    ]);
  });

  it('lets supervisors and administrators back up and inspect, and only checks a restore here', async () => {
    for (const role of ROLES) {
      for (const channel of ['backup.create', 'backup.inspect', 'backup.restore'] as const) {
        await signInAs(s, role);
        const result = (await s.app.dispatch(channel, inputFor(channel, role))) as Result<unknown>;
        const allowed = mayCall(contract[channel].access, role);
        const expected = !allowed
          ? 'FORBIDDEN'
          : channel === 'backup.restore'
            ? 'BACKUP_INVALID'
            : 'ok';
        expect([role, channel, result.ok ? 'ok' : result.error.code]).toEqual([
          role,
          channel,
          expected,
        ]);
      }
    }
  });

  it('lets only supervisors and administrators merge residents or review duplicates', async () => {
    for (const role of ROLES) {
      await signInAs(s, role);
      const merge = (await s.app.dispatch(
        'resident.merge',
        inputFor('resident.merge', role),
      )) as Result<unknown>;
      const list = (await s.app.dispatch('duplicate.list', {})) as Result<unknown>;
      const curator = role === 'supervisor' || role === 'administrator';
      expect([role, merge.ok ? 'ok' : merge.error.code, list.ok ? 'ok' : list.error.code]).toEqual([
        role,
        curator ? 'CONFLICT' : 'FORBIDDEN',
        curator ? 'ok' : 'FORBIDDEN',
      ]);
    }
  });

  it('lets a school nurse register a pupil but not take a health declaration', async () => {
    await signInAs(s, 'school_nurse');
    const pupil = await s.call('resident.create', {
      resident: residentInput({
        fullName: 'Lê Minh Khang',
        sex: '1',
        birthDate: '2016-09-05',
        personalId: '',
        phones: [],
      }),
    });
    expect(pupil.ok).toBe(true);
    const submit = await s.call('declaration.submit', {
      residentId,
      baseVersion: 1,
      declaration: declarationInput(),
    });
    expect(submit.ok || submit.error.code).toBe('FORBIDDEN');
    expect(await s.must('declaration.history', { residentId })).toHaveLength(1);
  });

  it('signs the user in with the role stored for the account', async () => {
    for (const role of ROLES) {
      await signInAs(s, role);
      expect((await s.must('auth.session', {}))?.user.role).toBe(role);
    }
  });

  it('a refused call changes nothing', async () => {
    await signInAs(s, 'school_nurse');
    const before = await s.must('outbox.summary', {});
    await s.call('declaration.saveDraft', { residentId, baseVersion: 1, data: { x: 1 } });
    await s.call('declaration.submit', {
      residentId,
      baseVersion: 1,
      declaration: declarationInput(),
    });
    expect(await s.must('outbox.summary', {})).toEqual(before);
    expect((await s.must('declaration.current', { residentId })).draft?.data).not.toEqual({ x: 1 });
  });

  it('signs a worker in whatever the case of the username she types', async () => {
    await s.must('auth.signOut', {});
    const session = await s.must('auth.signIn', {
      username: '  YTThu ',
      password: STAFF.health_worker.password,
    });
    expect(session.user).toMatchObject({
      username: 'ytthu',
      role: 'health_worker',
      fullName: STAFF.health_worker.fullName,
    });
  });

  it('keeps a disabled account out, with the same answer as a wrong password', async () => {
    s.app.db
      .prepare(`UPDATE users SET disabled = 1 WHERE username = ?`)
      .run(STAFF.supervisor.username);
    try {
      await s.must('auth.signOut', {});
      const result = await s.call('auth.signIn', {
        username: STAFF.supervisor.username,
        password: STAFF.supervisor.password,
      });
      expect(result.ok || result.error.code).toBe('BAD_CREDENTIALS');
      expect(await s.must('auth.session', {})).toBeNull();
    } finally {
      s.app.db
        .prepare(`UPDATE users SET disabled = 0 WHERE username = ?`)
        .run(STAFF.supervisor.username);
    }
  });
});
