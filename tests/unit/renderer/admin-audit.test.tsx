// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { Session } from '../../../src-shared/schemas/station';
import { AUDIT_PAGE, AuditScreen } from '../../../src-renderer/features/admin/AuditScreen';
import { toQuery } from '../../../src-renderer/features/admin/audit-filters';
import {
  answerCalls,
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  testSession,
  type BridgeCall,
} from '../../support/render';
import { openSetUpStation, type TestStation } from '../../support/station';

setUpScreenTests();

type AuditRow = ChannelOutput<'audit.query'>[number];

const RESIDENT = '0196f000-0000-7000-8000-00000000000a';

function row(seq: number, overrides: Partial<AuditRow> = {}): AuditRow {
  return {
    seq,
    at: '2026-03-02T01:30:00.000Z',
    userId: 'u2',
    userName: 'Lê Thị Thu',
    action: 'resident.view',
    recordType: 'resident',
    recordId: RESIDENT,
    outcome: 'ok',
    details: {},
    hash: 'f'.repeat(64),
    ...overrides,
  };
}

describe('dates of the filter', () => {
  it('are Vietnamese days: from its midnight (UTC+7) to the next midnight', () => {
    expect(
      toQuery({ userId: '', action: '', recordId: ' x ', from: '2026-03-02', to: '2026-03-31' }),
    ).toEqual({
      recordId: 'x',
      from: '2026-03-01T17:00:00.000Z',
      to: '2026-03-31T17:00:00.000Z',
    });
    expect(toQuery({ userId: '', action: '', recordId: '', from: '', to: '2025-12-31' })).toEqual({
      to: '2025-12-31T17:00:00.000Z',
    });
  });
});

describe('the activity log over a real station', () => {
  let station: TestStation;
  let session: Session;
  let calls: BridgeCall[];

  beforeEach(async () => {
    station = await openSetUpStation();
    await station.must('account.create', {
      fullName: 'Lê Thị Thu',
      username: 'ytthu',
      role: 'health_worker',
      temporaryPassword: 'tamthoi2026',
    });
    session = (await station.must('auth.session', {}))!;
    calls = answerFromStation(station);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    station.dispose();
  });

  it('lists the trail newest first, translated, and filters it by action', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AuditScreen />, session);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('Tạo tài khoản mới')).not.toBeNull();
    expect(within(rows[0]!).getByText('Thành công')).not.toBeNull();
    expect(within(rows[0]!).getByText(/username: ytthu · role: health_worker/)).not.toBeNull();
    expect(within(rows.at(-1)!).getByText('Thiết lập trạm')).not.toBeNull();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Hành động' }), 'Thiết lập trạm');
    await user.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2),
    );
    expect(calls.at(-1)).toMatchObject({
      channel: 'audit.query',
      input: { action: 'setup.initialize' },
    });

    await user.click(screen.getByRole('button', { name: 'Xóa bộ lọc' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table')).getAllByRole('row').length).toBeGreaterThan(2),
    );
  });

  it('offers the users to an administrator, and filters by one', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AuditScreen />, session);
    await screen.findByRole('table');
    const users = screen.getByRole('combobox', { name: 'Người dùng' });
    // Lê Thị Thu has done nothing yet: she comes from the account list.
    await waitFor(() =>
      expect(within(users).getByRole('option', { name: 'Lê Thị Thu' })).not.toBeNull(),
    );
    await user.selectOptions(users, 'Lê Thị Thu');
    await user.click(screen.getByRole('button', { name: 'Lọc' }));
    expect(await screen.findByText('Không có dòng nhật ký nào khớp bộ lọc.')).not.toBeNull();
  });

  it('turns the date range into Vietnam days and refuses a backwards range', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AuditScreen />, session);
    await screen.findByRole('table');
    await user.type(screen.getByRole('textbox', { name: 'Từ ngày' }), '05032026');
    await user.type(screen.getByRole('textbox', { name: 'Đến ngày' }), '02032026');
    await user.click(screen.getByRole('button', { name: 'Lọc' }));
    expect(await screen.findByText('«Từ ngày» phải trước hoặc bằng «Đến ngày»')).not.toBeNull();
    const queries = calls.filter((c) => c.channel === 'audit.query').length;

    await user.clear(screen.getByRole('textbox', { name: 'Từ ngày' }));
    await user.type(screen.getByRole('textbox', { name: 'Từ ngày' }), '01032026{Enter}');
    await waitFor(() =>
      expect(calls.filter((c) => c.channel === 'audit.query')).toHaveLength(queries + 1),
    );
    expect(calls.at(-1)?.input).toMatchObject({
      from: '2026-02-28T17:00:00.000Z',
      to: '2026-03-02T17:00:00.000Z',
    });
  });

  it('verifies the chain and says how many rows were checked', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AuditScreen />, session);
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }));
    const checked = (await station.must('audit.query', { action: 'audit.verify' }))[0]!.details;
    expect(
      await screen.findByText(
        new RegExp(`Nhật ký toàn vẹn: đã kiểm tra ${String(checked['checked'])} dòng`),
      ),
    ).not.toBeNull();
  });

  it('exports the filtered trail as a CSV download and says how many rows', async () => {
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:audit';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toMatch(/^audit-.*\.csv$/);
      expect(this.getAttribute('href')).toBe('blob:audit');
    });
    renderSignedIn(<AuditScreen />, session);
    await screen.findByRole('table');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Hành động' }),
      'Tạo tài khoản mới',
    );
    await user.click(screen.getByRole('button', { name: 'Lọc' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2),
    );
    await user.click(screen.getByRole('button', { name: 'Xuất CSV' }));

    expect(await screen.findByText(/^Đã xuất 1 dòng vào tệp audit-.*\.csv\.$/)).not.toBeNull();
    expect(click).toHaveBeenCalledTimes(1);
    expect(calls.at(-1)).toEqual({ channel: 'audit.export', input: { action: 'account.create' } });
    const csv = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]!);
    });
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    expect(csv).toMatch(/seq,time_utc,time_vietnam,user,action/);
    expect(csv).toMatch(/account\.create/);
  });
});

describe('the activity log for a supervisor', () => {
  let calls: BridgeCall[];
  const supervisor = testSession({ id: 'u9', role: 'supervisor', fullName: 'Võ Văn Giám' });

  function answer(pages: AuditRow[][], verify?: ChannelOutput<'audit.verify'>): void {
    calls = answerCalls((channel) => {
      if (channel === 'audit.query') return { ok: true, value: pages.shift() ?? [] };
      if (channel === 'audit.verify' && verify) return { ok: true, value: verify };
      return { ok: false, error: { code: 'FORBIDDEN', message: channel } };
    });
  }

  it('pages back with "Xem thêm" and takes the users from the rows', async () => {
    const user = userEvent.setup();
    const first = Array.from({ length: AUDIT_PAGE }, (_, i) => row(200 - i));
    const second = [row(100), row(99, { userId: 'u3', userName: 'Phạm Minh Châu' })];
    answer([first, second]);
    renderSignedIn(<AuditScreen />, supervisor);
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(AUDIT_PAGE + 1);
    expect(within(table).getAllByText('02/03/2026 08:30')).toHaveLength(AUDIT_PAGE);
    expect(calls.some((c) => c.channel === 'account.list')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Xem thêm' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(AUDIT_PAGE + 3));
    expect(calls.at(-1)?.input).toMatchObject({ beforeSeq: 101, limit: AUDIT_PAGE });
    expect(screen.getByText('Đã hiển thị hết.')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();

    const users = screen.getByRole('combobox', { name: 'Người dùng' });
    expect(
      within(users)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Tất cả người dùng', 'Lê Thị Thu', 'Phạm Minh Châu']);
  });

  it('filters by a record from the table', async () => {
    const user = userEvent.setup();
    answer([[row(3), row(2, { recordId: null, recordType: null, action: 'auth.signIn' })], []]);
    renderSignedIn(<AuditScreen />, supervisor);
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: `Lọc theo hồ sơ ${RESIDENT}` }));
    await waitFor(() => expect(calls.at(-1)?.input).toMatchObject({ recordId: RESIDENT }));
    expect((screen.getByRole('textbox', { name: /^Mã hồ sơ/ }) as HTMLInputElement).value).toBe(
      RESIDENT,
    );
  });

  it('names the problem a broken chain has, and where', async () => {
    const user = userEvent.setup();
    answer([[row(8)]], {
      ok: false,
      checked: 6,
      problem: 'deleted',
      atSeq: 7,
      checkedAt: '2026-03-02T01:30:00.000Z',
    });
    renderSignedIn(<AuditScreen />, supervisor);
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Kiểm tra tính toàn vẹn' }));
    expect(
      await screen.findByText(/Nhật ký bị xóa dòng: chuỗi bị đứt tại dòng #7 .*08:30/),
    ).not.toBeNull();
  });

  it('explains a refusal in the user’s language', async () => {
    answerCalls(() => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }));
    renderSignedIn(<AuditScreen />, testSession({ role: 'health_worker' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/không có quyền/);
  });
});
