// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelOutput } from '../../../src-shared/ipc/contract';
import type { Result } from '../../../src-shared/ipc/errors';
import { Shell } from '../../../src-renderer/app/Shell';
import { SyncScreen } from '../../../src-renderer/features/sync/SyncScreen';
import {
  answerCalls,
  renderSignedIn,
  setUpScreenTests,
  testSession,
  type BridgeCall,
} from '../../support/render';

/**
 * The Sync screen against scripted answers of the sync channels (their handlers are tested
 * in tests/integration): what each role sees, the export wizard from the password to the
 * files on the stick, cancelling, and refusals read in the user's language.
 */
setUpScreenTests();

type SyncStatus = ChannelOutput<'sync.status'>;
type BundleSummary = ChannelOutput<'sync.bundles'>[number];
type ExportJob = ChannelOutput<'sync.exportProgress'>;

const SUPERVISOR = {
  id: 'u2',
  username: 'lan.nt',
  fullName: 'Nguyễn Thị Lan',
  role: 'supervisor',
} as const;

function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    stationCode: '79123',
    stationKey: { kid: 'station-kid', fingerprint: 'AB12 CD34 EF56 7890' },
    supervisorKey: { kid: 'lan-kid', fingerprint: '1111 2222 3333 4444' },
    cityKeys: [
      {
        kid: 'city-enc',
        use: 'bundle-encryption',
        fingerprint: '9F86 D081 884C 7D65',
        validFrom: '2026-01-01',
        importedAt: '2026-01-05T02:00:00Z',
        importedBy: 'quan.tv',
      },
      {
        kid: 'city-rcpt',
        use: 'receipt-signing',
        fingerprint: '2C26 B46B 68FF C68F',
        validFrom: '2026-01-01',
        importedAt: '2026-01-05T02:01:00Z',
        importedBy: 'quan.tv',
      },
    ],
    cityStoreUrl: 'https://kho.soyte.hcm.example/ingest',
    pending: {
      total: 47,
      byKind: { resident: 20, declaration: 15, elderly_screening: 7, school_screening: 5 },
      heldForConsent: 2,
    },
    awaitingReceipt: 1,
    rejected: 3,
    ...overrides,
  };
}

let bundleCounter = 0;

function bundle(overrides: Partial<BundleSummary> = {}): BundleSummary {
  bundleCounter += 1;
  const sequence = overrides.sequence ?? bundleCounter;
  return {
    id: `0190f000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    exportSetId: 'set-1',
    part: 1,
    parts: 1,
    sequence,
    fileName: `79123-${String(sequence).padStart(6, '0')}.whs.jws`,
    records: 40,
    bytes: 2_400_000,
    state: 'exported',
    createdAt: '2026-03-02T03:15:00Z',
    createdBy: 'lan.nt',
    uploadedAt: null,
    receiptedAt: null,
    counts: { accepted: 0, duplicate: 0, rejected: 0, pending: 40 },
    ...overrides,
  };
}

function job(overrides: Partial<ExportJob> = {}): ExportJob {
  return {
    jobId: 'job-1',
    state: 'running',
    records: 0,
    totalRecords: 40,
    bytes: 0,
    bundles: [],
    error: null,
    ...overrides,
  };
}

function ok<T>(value: T): Result<unknown> {
  return { ok: true, value };
}

/** A refused sync call as the main side sends it: SYNC_REFUSED with the sync code as reason. */
function refused(reason: string): Result<unknown> {
  return {
    ok: false,
    error: {
      code: 'SYNC_REFUSED',
      message: `Refused: ${reason}`,
      details: { reason },
    },
  };
}

/** Replaces the save dialog: the names of the files handed over, in order. */
function captureDownloads(): string[] {
  URL.createObjectURL = vi.fn(() => 'blob:bundle');
  URL.revokeObjectURL = vi.fn();
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return names;
}

type Answer = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;
let answers: Record<string, Answer>;
let calls: BridgeCall[];

beforeEach(() => {
  answers = {
    'sync.status': () => ok(syncStatus()),
    'sync.bundles': () => ok([]),
    'sync.rejected': () => ok([]),
    'outbox.summary': () => ok({ pending: 47 }),
  };
  calls = answerCalls((channel, input) => {
    const answer = answers[channel];
    if (!answer) throw new Error(`No scripted answer for ${channel}`);
    return answer(input);
  });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await i18next.changeLanguage('vi');
});

const asSupervisor = testSession(SUPERVISOR);
const callsTo = (channel: string): BridgeCall[] => calls.filter((c) => c.channel === channel);

/** Answers `sync.exportProgress` with each job in turn, the last one from then on. */
function progressInTurn(...jobs: ExportJob[]): void {
  let next = 0;
  answers['sync.exportProgress'] = () => ok(jobs[Math.min(next++, jobs.length - 1)]);
}

describe('the status band', () => {
  it('shows what waits, by kind, what is held and what the city has not answered', async () => {
    renderSignedIn(<SyncScreen />, asSupervisor);
    const band = await screen.findByRole('region', { name: 'Tình trạng đồng bộ' });
    const value = (term: string): string | null | undefined =>
      within(band).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(value('Chờ gửi')).toBe('47');
    expect(value('Người dân')).toBe('20');
    expect(value('Tờ khai sức khỏe')).toBe('15');
    expect(value('Khám NCT')).toBe('7');
    expect(value('Khám học sinh')).toBe('5');
    expect(value('Giữ lại (rút đồng ý)')).toBe('2');
    expect(value('Gói chờ biên nhận')).toBe('1');
    expect(value('Hồ sơ bị từ chối')).toBe('3');
    expect(value('Mã trạm')).toBe('79123');
    expect(value('Khóa ký của bạn')).toBe('1111 2222 3333 4444');
    expect(value('Khóa Thành phố')).toBe('Khóa mã hóa ✓ Khóa biên nhận ✓');
  });

  it('says which keys are missing', async () => {
    answers['sync.status'] = () =>
      ok(syncStatus({ cityKeys: [], supervisorKey: null, cityStoreUrl: '' }));
    renderSignedIn(<SyncScreen />, asSupervisor);
    const band = await screen.findByRole('region', { name: 'Tình trạng đồng bộ' });
    expect(within(band).getByText('Thiếu khóa mã hóa')).not.toBeNull();
    expect(within(band).getByText('Thiếu khóa biên nhận')).not.toBeNull();
    expect(within(band).getByText('Chưa thiết lập')).not.toBeNull();
    expect(within(band).getByText('Chưa đặt địa chỉ')).not.toBeNull();
    // Without her key there is nothing to sign with: the wizard sends her to set it up.
    expect(screen.getByText(/Bạn chưa có khóa ký/)).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Bắt đầu xuất' })).toBeNull();
  });
});

describe('what each role sees', () => {
  it('gives a supervisor the export, the upload and her key, not the city configuration', async () => {
    renderSignedIn(<SyncScreen />, asSupervisor);
    expect(await screen.findByRole('heading', { name: 'Xuất gói dữ liệu' })).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Gửi lên Thành phố' })).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Nhập biên nhận' })).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Khóa ký của bạn' })).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Tải tệp đăng ký' })).not.toBeNull();
    expect(screen.queryByRole('form', { name: 'Nhập khóa Thành phố' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Địa chỉ kho dữ liệu Thành phố' })).toBeNull();
  });

  it('gives an administrator the city keys and address, not the export', async () => {
    renderSignedIn(<SyncScreen />);
    expect(await screen.findByRole('heading', { name: 'Thiết lập' })).not.toBeNull();
    expect(screen.getByRole('form', { name: 'Nhập khóa Thành phố' })).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Địa chỉ kho dữ liệu Thành phố' })).not.toBeNull();
    const keys = screen.getByRole('table', { name: 'Khóa của kho dữ liệu Thành phố' });
    expect(
      within(keys).getByRole('row', { name: /Mã hóa gói dữ liệu 9F86 D081 884C 7D65/ }),
    ).not.toBeNull();
    expect(screen.queryByRole('heading', { name: 'Xuất gói dữ liệu' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Gửi lên Thành phố' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Khóa ký của bạn' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Nhập biên nhận' })).not.toBeNull();
  });

  it.each(['health_worker', 'school_nurse'] as const)(
    'keeps a %s out: no top-bar link, and #/sync is not allowed',
    async (role) => {
      window.location.hash = '#/sync';
      renderSignedIn(<Shell />, testSession({ role }));
      expect(
        await screen.findByRole('heading', { name: 'Không có quyền truy cập' }),
      ).not.toBeNull();
      expect(screen.queryByRole('link', { name: 'Đồng bộ' })).toBeNull();
      expect(callsTo('sync.status')).toEqual([]);
      window.location.hash = '';
    },
  );

  it('opens for an administrator from the top-bar link', async () => {
    window.location.hash = '#/sync';
    renderSignedIn(<Shell />);
    expect(await screen.findByRole('heading', { name: 'Đồng bộ với Thành phố' })).not.toBeNull();
    const link = screen.getByRole('link', { name: 'Đồng bộ' });
    expect(link.getAttribute('aria-current')).toBe('page');
    window.location.hash = '';
  });
});

describe('the export wizard', () => {
  it('signs with her password, follows the bar, then hands each file to the save dialog', async () => {
    const user = userEvent.setup();
    const downloads = captureDownloads();
    const first = bundle({ sequence: 7, part: 1, parts: 2, records: 30, bytes: 2_500_000 });
    const second = bundle({ sequence: 8, part: 2, parts: 2, records: 10, bytes: 800_000 });
    answers['sync.startExport'] = () => ok(job());
    // The job stays half-way until the test has seen the bar there.
    let finished = false;
    answers['sync.exportProgress'] = () =>
      ok(
        finished
          ? job({ state: 'done', records: 40, bytes: 3_300_000, bundles: [first, second] })
          : job({ records: 20, bytes: 1_200_000 }),
      );
    answers['sync.bundleFile'] = (input) => {
      const id = (input as { bundleId: string }).bundleId;
      const b = id === first.id ? first : second;
      return ok({ fileName: b.fileName, mimeType: 'application/jose+json', base64: 'e30=' });
    };
    renderSignedIn(<SyncScreen />, asSupervisor);

    const form = await screen.findByRole('form', { name: 'Chọn dữ liệu cần xuất' });
    await user.click(within(form).getByRole('checkbox', { name: 'Khám học sinh' }));
    await user.type(within(form).getByLabelText('Thay đổi từ ngày'), '01032026');
    await user.type(within(form).getByLabelText(/^Mật khẩu của bạn/), 'matkhau-lan');
    await user.click(within(form).getByRole('button', { name: 'Bắt đầu xuất' }));

    expect(callsTo('sync.startExport').map((c) => c.input)).toEqual([
      {
        password: 'matkhau-lan',
        selection: {
          from: '2026-03-01',
          to: null,
          kinds: ['resident', 'declaration', 'elderly_screening'],
        },
      },
    ]);
    const bar = await screen.findByRole('progressbar', { name: 'Tiến độ xuất gói' });
    expect(bar.getAttribute('max')).toBe('40');
    expect(await screen.findByText('20 / 40 hồ sơ · 1,2 MB', {}, { timeout: 3000 })).not.toBeNull();
    expect(bar.getAttribute('value')).toBe('20');
    finished = true;

    const downloadAll = await screen.findByRole(
      'button',
      { name: 'Tải tất cả (2 tệp)' },
      { timeout: 3000 },
    );
    expect(
      screen.getByText('Đã xuất 2 gói (40 hồ sơ, 3,3 MB). Tải từng tệp về USB.'),
    ).not.toBeNull();
    const files = screen.getByRole('table', { name: 'Các tệp gói dữ liệu' });
    expect(
      within(files).getByRole('row', { name: /79123-000007\.whs\.jws 1\/2 30 2,5 MB/ }),
    ).not.toBeNull();
    expect(
      within(files).getByRole('row', { name: /79123-000008\.whs\.jws 2\/2 10 800 KB/ }),
    ).not.toBeNull();
    expect(document.activeElement).toBe(downloadAll);
    const pollsUntilDone = callsTo('sync.exportProgress').length;

    await user.click(downloadAll);
    await waitFor(() =>
      expect(downloads).toEqual(['79123-000007.whs.jws', '79123-000008.whs.jws']),
    );
    expect(within(files).getAllByText('Đã tải')).toHaveLength(2);
    // Once settled, the counts are read again and the status bar is told.
    expect(callsTo('sync.status').length).toBeGreaterThanOrEqual(2);
    // Polling stopped with the job: no call after the one that said "done".
    expect(callsTo('sync.exportProgress')).toHaveLength(pollsUntilDone);
  });

  it('downloads one file with its own button', async () => {
    const user = userEvent.setup();
    const downloads = captureDownloads();
    const only = bundle({ sequence: 3 });
    answers['sync.startExport'] = () => ok(job({ state: 'done', records: 40, bundles: [only] }));
    answers['sync.bundleFile'] = () =>
      ok({ fileName: only.fileName, mimeType: 'application/jose+json', base64: 'e30=' });
    renderSignedIn(<SyncScreen />, asSupervisor);
    await user.type(await screen.findByLabelText(/^Mật khẩu của bạn/), 'matkhau-lan');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu xuất' }));
    await user.click(await screen.findByRole('button', { name: `Tải tệp ${only.fileName}` }));
    await waitFor(() => expect(downloads).toEqual([only.fileName]));
    expect(callsTo('sync.bundleFile').map((c) => c.input)).toEqual([{ bundleId: only.id }]);
  });

  it('cancels a running export', async () => {
    const user = userEvent.setup();
    answers['sync.startExport'] = () => ok(job({ records: 5 }));
    progressInTurn(job({ records: 5 }));
    answers['sync.cancelExport'] = () => ok(job({ state: 'cancelled', records: 5 }));
    renderSignedIn(<SyncScreen />, asSupervisor);
    await user.type(await screen.findByLabelText(/^Mật khẩu của bạn/), 'matkhau-lan');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu xuất' }));

    const cancel = await screen.findByRole('button', { name: 'Hủy xuất' });
    expect(document.activeElement).toBe(cancel);
    await user.click(cancel);
    expect(await screen.findByText(/Đã hủy xuất/)).not.toBeNull();
    expect(callsTo('sync.cancelExport').map((c) => c.input)).toEqual([{ jobId: 'job-1' }]);
    expect(screen.queryByRole('progressbar')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Xuất gói khác' }));
    expect(screen.getByRole('button', { name: 'Bắt đầu xuất' })).not.toBeNull();
  });

  it('says in Vietnamese why the export was refused, and in English when switched', async () => {
    const user = userEvent.setup();
    answers['sync.startExport'] = () => refused('KEY_PASSWORD_WRONG');
    renderSignedIn(<SyncScreen />, asSupervisor);
    const password = await screen.findByLabelText(/^Mật khẩu của bạn/);
    await user.type(password, 'sai-mat-khau');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu xuất' }));
    expect(
      await screen.findByText(
        'Mật khẩu không mở được khóa ký (sai mật khẩu hoặc tệp khóa bị hỏng).',
      ),
    ).not.toBeNull();
    // The password is not kept on screen after a try.
    expect((password as HTMLInputElement).value).toBe('');

    await i18next.changeLanguage('en');
    await user.type(screen.getByLabelText(/^Your password/), 'still-wrong');
    await user.click(screen.getByRole('button', { name: 'Start export' }));
    expect(
      await screen.findByText(
        'The password does not open the signing key (wrong password or damaged key file).',
      ),
    ).not.toBeNull();
  });

  it('shows a failed job with its sync reason', async () => {
    const user = userEvent.setup();
    answers['sync.startExport'] = () =>
      ok(job({ state: 'failed', error: { code: 'CITY_KEY_MISSING', message: 'No city key' } }));
    renderSignedIn(<SyncScreen />, asSupervisor);
    await user.type(await screen.findByLabelText(/^Mật khẩu của bạn/), 'matkhau-lan');
    await user.click(screen.getByRole('button', { name: 'Bắt đầu xuất' }));
    expect(await screen.findByText(/Chưa có khóa mã hóa của kho dữ liệu thành phố/)).not.toBeNull();
  });

  it('refuses an export with no kind of record chosen, before asking the main side', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SyncScreen />, asSupervisor);
    const form = await screen.findByRole('form', { name: 'Chọn dữ liệu cần xuất' });
    for (const name of ['Người dân', 'Tờ khai sức khỏe', 'Khám NCT', 'Khám học sinh'])
      await user.click(within(form).getByRole('checkbox', { name }));
    await user.type(within(form).getByLabelText(/^Mật khẩu của bạn/), 'matkhau-lan');
    await user.click(within(form).getByRole('button', { name: 'Bắt đầu xuất' }));
    expect(await within(form).findByText('Chọn ít nhất một loại hồ sơ')).not.toBeNull();
    expect(callsTo('sync.startExport')).toEqual([]);
  });

  it('runs from the keyboard: password, Enter, then Enter on "Tải tất cả"', async () => {
    const user = userEvent.setup();
    const downloads = captureDownloads();
    const only = bundle({ sequence: 4 });
    answers['sync.startExport'] = () => ok(job());
    progressInTurn(job({ state: 'done', records: 40, bytes: 2_400_000, bundles: [only] }));
    answers['sync.bundleFile'] = () =>
      ok({ fileName: only.fileName, mimeType: 'application/jose+json', base64: 'e30=' });
    renderSignedIn(<SyncScreen />, asSupervisor);
    const form = await screen.findByRole('form', { name: 'Chọn dữ liệu cần xuất' });

    // From the first field, Tab walks the dates and the kinds to the password.
    within(form).getByLabelText('Thay đổi từ ngày').focus();
    await user.tab();
    expect(document.activeElement).toBe(within(form).getByLabelText('Đến ngày'));
    for (let i = 0; i < 5; i += 1) await user.tab();
    expect(document.activeElement).toBe(within(form).getByLabelText(/^Mật khẩu của bạn/));
    await user.keyboard('matkhau-lan{Enter}');

    const downloadAll = await screen.findByRole(
      'button',
      { name: 'Tải tất cả (1 tệp)' },
      { timeout: 3000 },
    );
    await waitFor(() => expect(document.activeElement).toBe(downloadAll));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(downloads).toEqual([only.fileName]));
  });
});

describe('upload, receipts and history', () => {
  it('uploads the bundles awaiting a receipt, oldest first, and shows each outcome', async () => {
    const user = userEvent.setup();
    const receipted = bundle({
      sequence: 1,
      state: 'receipted',
      receiptedAt: '2026-03-01T01:00:00Z',
    });
    const sent = bundle({ sequence: 3, state: 'uploaded', uploadedAt: '2026-03-02T01:00:00Z' });
    const onStick = bundle({ sequence: 2, state: 'exported' });
    answers['sync.bundles'] = () => ok([receipted, sent, onStick]);
    answers['sync.upload'] = () =>
      ok([
        { bundleId: onStick.id, outcome: 'receipted', error: null, attempts: 1 },
        {
          bundleId: sent.id,
          outcome: 'failed',
          error: { code: 'BUNDLE_SEQUENCE_GAP', message: 'gap' },
          attempts: 3,
        },
      ]);
    renderSignedIn(<SyncScreen />, asSupervisor);
    await user.click(await screen.findByRole('button', { name: 'Gửi 2 gói chờ biên nhận' }));

    expect(callsTo('sync.upload').map((c) => c.input)).toEqual([
      { bundleIds: [onStick.id, sent.id] },
    ]);
    const outcomes = await screen.findByRole('list', { name: 'Kết quả gửi' });
    const items = within(outcomes)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'Đã nhận biên nhận Gói số 2 ',
      'Chưa gửi được Gói số 3 — Thiếu một hoặc nhiều gói trước gói này: hãy gửi các gói còn thiếu trước. (sau 3 lần thử)',
    ]);
  });

  it('cannot upload without the city store address', async () => {
    answers['sync.status'] = () => ok(syncStatus({ cityStoreUrl: '' }));
    answers['sync.bundles'] = () => ok([bundle({ sequence: 1 })]);
    renderSignedIn(<SyncScreen />, asSupervisor);
    const button = await screen.findByRole('button', { name: 'Gửi 1 gói chờ biên nhận' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Chưa có địa chỉ kho dữ liệu Thành phố/)).not.toBeNull();
  });

  it('imports a receipt file and reports its counts', async () => {
    const user = userEvent.setup();
    const receiptText = 'eyJhbGciOiJFZERTQSJ9.e30.c2ln';
    answers['sync.importReceipt'] = () =>
      ok(
        bundle({
          sequence: 5,
          state: 'partlyRejected',
          receiptedAt: '2026-03-03T01:00:00Z',
          counts: { accepted: 37, duplicate: 1, rejected: 2, pending: 0 },
        }),
      );
    renderSignedIn(<SyncScreen />);
    const input = await screen.findByLabelText('Tệp biên nhận của Thành phố');
    await user.upload(input, new File([receiptText], 'bien-nhan-5.jws', { type: 'text/plain' }));
    expect(
      await screen.findByText(
        'Đã nhập biên nhận cho gói số 5: 37 hồ sơ được nhận, 1 trùng, 2 bị từ chối.',
      ),
    ).not.toBeNull();
    expect(callsTo('sync.importReceipt').map((c) => c.input)).toEqual([{ text: receiptText }]);
  });

  it('explains a refused receipt', async () => {
    const user = userEvent.setup();
    answers['sync.importReceipt'] = () => refused('RECEIPT_WRONG_STATION');
    renderSignedIn(<SyncScreen />);
    const input = await screen.findByLabelText('Tệp biên nhận của Thành phố');
    await user.upload(input, new File(['x.y.z'], 'khac.jws'));
    expect(await screen.findByText('Biên nhận này dành cho một trạm khác.')).not.toBeNull();
  });

  it('lists the bundles newest first with their state and counts', async () => {
    answers['sync.bundles'] = () =>
      ok([
        bundle({
          sequence: 1,
          state: 'receipted',
          receiptedAt: '2026-03-01T01:00:00Z',
          counts: { accepted: 40, duplicate: 0, rejected: 0, pending: 0 },
        }),
        bundle({
          sequence: 2,
          state: 'partlyRejected',
          receiptedAt: '2026-03-02T01:00:00Z',
          counts: { accepted: 36, duplicate: 1, rejected: 3, pending: 0 },
        }),
        bundle({ sequence: 3, state: 'exported' }),
      ]);
    renderSignedIn(<SyncScreen />);
    const table = await screen.findByRole('table', { name: 'Lịch sử gói' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual([
      '3',
      '2',
      '1',
    ]);
    expect(within(rows[0]!).getByText('Đã xuất')).not.toBeNull();
    expect(within(rows[1]!).getByText('Bị từ chối một phần')).not.toBeNull();
    expect(within(rows[2]!).getByText('Đã có biên nhận')).not.toBeNull();
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .slice(5, 8)
        .map((c) => c.textContent),
    ).toEqual(['36', '1', '3']);
    expect(
      within(rows[0]!)
        .getAllByRole('cell')
        .slice(5, 8)
        .map((c) => c.textContent),
    ).toEqual(['—', '—', '—']);
    expect(within(rows[0]!).getByRole('button', { name: 'Tải lại tệp gói số 3' })).not.toBeNull();
  });

  it('explains rejected records and links to the resident', async () => {
    answers['sync.rejected'] = () =>
      ok([
        {
          bundleId: bundle({ sequence: 2 }).id,
          sequence: 2,
          resourceType: 'Patient',
          resourceId: 'p-1',
          versionId: '3',
          reason: 'VERSION_OUTDATED',
          kind: 'resident',
          resident: {
            id: '0190f000-0000-7000-8000-00000000aaaa',
            fullName: 'Lê Thị Hoa',
            sex: '2',
            birthDate: '1958-07-03',
            personalId: '079158004321',
            temporaryId: '',
            bhyt: '',
            phone: '',
            communeCode: '26911',
            street: '',
          },
        },
        {
          bundleId: bundle({ sequence: 2 }).id,
          sequence: 2,
          resourceType: 'Observation',
          resourceId: 'o-9',
          versionId: '1',
          reason: 'LOCAL_RULE_X',
          kind: 'school_screening',
          resident: null,
        },
      ] satisfies ChannelOutput<'sync.rejected'>);
    renderSignedIn(<SyncScreen />, asSupervisor);
    const table = await screen.findByRole('table', { name: 'Hồ sơ bị từ chối' });
    const link = within(table).getByRole('link', { name: 'Lê Thị Hoa' });
    expect(link.getAttribute('href')).toBe('#/residents/0190f000-0000-7000-8000-00000000aaaa');
    expect(
      within(table).getByText('— Kho thành phố đã có phiên bản mới hơn của hồ sơ này.'),
    ).not.toBeNull();
    // A code the station does not know is shown as it is.
    const unknown = within(table).getByText('LOCAL_RULE_X').closest('tr');
    expect(unknown?.textContent).toContain('Khám học sinh');
  });
});

describe('set-up', () => {
  const keyFile = JSON.stringify({ kty: 'OKP', crv: 'X25519', x: 'abc' });

  it('imports a city key only with the fingerprint the city read out', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    answers['sync.importCityKey'] = () =>
      ++attempt === 1 ? refused('CITY_KEY_FINGERPRINT_MISMATCH') : ok(syncStatus().cityKeys);
    renderSignedIn(<SyncScreen />);
    const form = await screen.findByRole('form', { name: 'Nhập khóa Thành phố' });
    await user.upload(
      within(form).getByLabelText(/^Tệp khóa \(JWK\)/),
      new File([keyFile], 'kho-thanh-pho.jwk'),
    );
    await user.type(
      within(form).getByLabelText(/^Dấu vân tay do Thành phố cung cấp/),
      '9F86 D081 0000',
    );
    await user.click(within(form).getByRole('button', { name: 'Kiểm tra và nhập khóa' }));
    expect(
      await within(form).findByText(
        'Dấu vân tay của khóa không khớp với dấu vân tay thành phố cung cấp: không nhập khóa này.',
      ),
    ).not.toBeNull();

    const fingerprint = within(form).getByLabelText(/^Dấu vân tay do Thành phố cung cấp/);
    await user.clear(fingerprint);
    await user.type(fingerprint, '9F86 D081 884C 7D65');
    await user.click(within(form).getByRole('button', { name: 'Kiểm tra và nhập khóa' }));
    expect(await within(form).findByText('Đã nhập khóa: dấu vân tay khớp.')).not.toBeNull();
    expect(callsTo('sync.importCityKey').map((c) => c.input)).toEqual([
      { text: keyFile, confirmedFingerprint: '9F86 D081 0000', validFrom: null },
      { text: keyFile, confirmedFingerprint: '9F86 D081 884C 7D65', validFrom: null },
    ]);
  });

  it('asks for the key file before importing', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SyncScreen />);
    const form = await screen.findByRole('form', { name: 'Nhập khóa Thành phố' });
    await user.type(within(form).getByLabelText(/^Dấu vân tay do Thành phố cung cấp/), 'AB');
    await user.click(within(form).getByRole('button', { name: 'Kiểm tra và nhập khóa' }));
    expect(await within(form).findByText('Bắt buộc nhập')).not.toBeNull();
    expect(callsTo('sync.importCityKey')).toEqual([]);
  });

  it('saves the city store address and refuses one that is not a web address', async () => {
    const user = userEvent.setup();
    answers['sync.configure'] = (input) => ok(input);
    renderSignedIn(<SyncScreen />);
    const address = await screen.findByLabelText('Địa chỉ (https://…)');
    expect((address as HTMLInputElement).value).toBe('https://kho.soyte.hcm.example/ingest');
    await user.clear(address);
    await user.type(address, 'kho thanh pho');
    await user.click(screen.getByRole('button', { name: 'Lưu địa chỉ' }));
    expect(await screen.findByText('Sai định dạng')).not.toBeNull();
    expect(callsTo('sync.configure')).toEqual([]);

    await user.clear(address);
    await user.type(address, 'https://kho.example.vn');
    await user.click(screen.getByRole('button', { name: 'Lưu địa chỉ' }));
    expect(await screen.findByText('Đã lưu địa chỉ.')).not.toBeNull();
    expect(callsTo('sync.configure').map((c) => c.input)).toEqual([
      { cityStoreUrl: 'https://kho.example.vn' },
    ]);
  });

  it('downloads the station enrollment file', async () => {
    const user = userEvent.setup();
    const downloads = captureDownloads();
    answers['sync.enrollment'] = () => ok({ fileName: 'dang-ky-79123.json', text: '{}' });
    renderSignedIn(<SyncScreen />);
    await user.click(await screen.findByRole('button', { name: 'Tải tệp đăng ký' }));
    expect(await screen.findByText('Đã tải dang-ky-79123.json.')).not.toBeNull();
    expect(downloads).toEqual(['dang-ky-79123.json']);
  });

  it('lets a supervisor set up her signing key once, then shows its fingerprint', async () => {
    const user = userEvent.setup();
    let keyReady = false;
    answers['sync.status'] = () =>
      ok(syncStatus({ supervisorKey: keyReady ? { kid: 'k', fingerprint: '5555 6666' } : null }));
    answers['sync.setUpSupervisorKey'] = () => {
      keyReady = true;
      return ok({ kid: 'k', fingerprint: '5555 6666' });
    };
    renderSignedIn(<SyncScreen />, asSupervisor);
    const form = await screen.findByRole('form', { name: 'Khóa ký của bạn' });
    await user.type(within(form).getByLabelText(/^Mật khẩu của bạn/), 'matkhau-lan');
    await user.click(within(form).getByRole('button', { name: 'Tạo khóa ký' }));
    expect(await screen.findByText('Đã thiết lập. Dấu vân tay:')).not.toBeNull();
    expect(callsTo('sync.setUpSupervisorKey').map((c) => c.input)).toEqual([
      { password: 'matkhau-lan' },
    ]);
    expect(screen.getByRole('button', { name: 'Bắt đầu xuất' })).not.toBeNull();
  });

  it('shows a refused status call with a retry', async () => {
    const user = userEvent.setup();
    answers['sync.status'] = () => refused('KEY_INVALID');
    renderSignedIn(<SyncScreen />);
    expect(await screen.findByText('Khóa không đúng loại hoặc bị hỏng.')).not.toBeNull();
    answers['sync.status'] = () => ok(syncStatus());
    await user.click(screen.getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('heading', { name: 'Đồng bộ với Thành phố' })).not.toBeNull();
  });
});
