// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeclarationScreen } from '../../../src-renderer/features/declaration/DeclarationScreen';
import { SubjectRightsScreen } from '../../../src-renderer/features/subject-rights/SubjectRightsScreen';
import { subjectRecordSchema } from '../../../src-shared/schemas/subject-rights';
import {
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  polyfillModalDialogs,
  type BridgeCall,
} from '../../support/render';
import {
  declarationInput,
  openSetUpStation,
  residentInput,
  type TestStation,
} from '../../support/station';

/** The rights screen against the real main side of a test station, in memory. */
let station: TestStation;
let residentId: string;
let calls: BridgeCall[];

setUpScreenTests();

beforeEach(async () => {
  polyfillModalDialogs();
  station = await openSetUpStation();
  residentId = (await station.must('resident.create', { resident: residentInput() })).id;
  await station.must('declaration.submit', {
    residentId,
    baseVersion: 0,
    declaration: declarationInput({ consent: { recordKeeping: true, citySharing: true } }),
  });
  window.location.hash = `#/residents/${residentId}/rights`;
  calls = answerFromStation(station);
});

afterEach(() => {
  // Off the screen before the station closes: a form that leaves still saves its draft.
  cleanup();
  vi.restoreAllMocks();
  station.dispose();
});

const consentRow = (name: RegExp) =>
  within(screen.getByRole('region', { name: 'Sự đồng ý xử lý dữ liệu' })).getByRole('row', {
    name,
  });

describe('a resident’s rights screen', () => {
  it('starts on the PDF download and shows where each consent stands', async () => {
    renderSignedIn(<SubjectRightsScreen residentId={residentId} />);
    const pdf = await screen.findByRole('button', { name: 'Tải bản PDF (để in, đọc)' });
    await waitFor(() => expect(document.activeElement).toBe(pdf));
    expect(screen.getByRole('heading', { name: 'Quyền của người dân' })).not.toBeNull();
    expect(screen.getByText('Nguyễn Thị Ánh')).not.toBeNull();
    expect(within(consentRow(/Lưu trữ hồ sơ/)).getByText('Đã đồng ý')).not.toBeNull();
    expect(within(consentRow(/Chia sẻ với hệ thống/)).getByText('Đã đồng ý')).not.toBeNull();
    expect(within(consentRow(/thống kê/)).getByText('Chưa đồng ý')).not.toBeNull();
    // Only a consent she gave can be withdrawn.
    expect(
      screen.queryByRole('button', { name: /Rút lại sự đồng ý: Sử dụng cho thống kê/ }),
    ).toBeNull();
    expect(screen.getByText('Chưa có yêu cầu nào.')).not.toBeNull();
  });

  it('withdraws city sharing after saying what it stops, and lists it with who and when', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SubjectRightsScreen residentId={residentId} />);
    await user.click(
      await screen.findByRole('button', {
        name: 'Rút lại sự đồng ý: Chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/không được gửi lên hệ thống hồ sơ sức khỏe/)).not.toBeNull();
    const reason = within(dialog).getByRole('textbox', { name: /Lý do/ });
    await waitFor(() => expect(document.activeElement).toBe(reason));

    // No reason yet: refused next to the field, nothing sent.
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận rút lại' }));
    expect(await within(dialog).findByText('Bắt buộc nhập')).not.toBeNull();
    expect(calls.some((c) => c.channel === 'subject.withdrawConsent')).toBe(false);

    await user.type(reason, 'Không muốn dữ liệu rời khỏi trạm');
    await user.click(within(dialog).getByRole('button', { name: 'Xác nhận rút lại' }));

    expect(
      await screen.findByText(
        'Đã ghi nhận việc rút lại sự đồng ý: Chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố.',
      ),
    ).not.toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() =>
      expect(within(consentRow(/Chia sẻ với hệ thống/)).getByText('Đã rút lại')).not.toBeNull(),
    );
    const log = screen.getByRole('region', { name: 'Các yêu cầu đã ghi nhận' });
    expect(within(log).getByText('Rút lại sự đồng ý')).not.toBeNull();
    expect(within(log).getByText('Không muốn dữ liệu rời khỏi trạm')).not.toBeNull();
    expect(within(log).getByText('Đang có hiệu lực')).not.toBeNull();
    expect(within(log).getByText('Trần Văn Quản')).not.toBeNull();
    expect((await station.must('resident.get', { id: residentId })).withdrawnPurposes).toEqual([
      'citySharing',
    ]);
  });

  it('records a correction request, asking what was wrong first', async () => {
    const user = userEvent.setup();
    renderSignedIn(<SubjectRightsScreen residentId={residentId} />);
    const form = await screen.findByRole('form', { name: 'Ghi nhận yêu cầu' });
    await user.click(within(form).getByRole('radio', { name: 'Sửa dữ liệu' }));
    await user.click(within(form).getByRole('radio', { name: 'Người đại diện theo pháp luật' }));
    await user.click(within(form).getByRole('button', { name: 'Ghi nhận yêu cầu' }));
    expect(await within(form).findByText('Ghi rõ thông tin nào sai và vì sao')).not.toBeNull();
    expect(within(form).getByText('Bắt buộc nhập')).not.toBeNull();

    await user.type(
      within(form).getByRole('textbox', { name: /Họ tên người đại diện/ }),
      'Trần Văn Bình',
    );
    await user.type(
      within(form).getByRole('textbox', { name: /Nội dung yêu cầu/ }),
      'Nghề nghiệp ghi sai: là giáo viên',
    );
    await user.click(within(form).getByRole('button', { name: 'Ghi nhận yêu cầu' }));

    expect(await screen.findByText('Đã ghi nhận yêu cầu «Sửa dữ liệu».')).not.toBeNull();
    const log = screen.getByRole('region', { name: 'Các yêu cầu đã ghi nhận' });
    await waitFor(() =>
      expect(within(log).getByText('Nghề nghiệp ghi sai: là giáo viên')).not.toBeNull(),
    );
    expect(within(log).getByText('Trần Văn Bình')).not.toBeNull();
    expect(
      within(log).getByRole('link', { name: 'Sửa thông tin hành chính' }).getAttribute('href'),
    ).toBe(`#/residents/${residentId}/edit`);
    expect(calls.find((c) => c.channel === 'subject.recordRequest')?.input).toMatchObject({
      residentId,
      kind: 'correction',
      requestedBy: 'representative',
      representativeName: 'Trần Văn Bình',
    });
  });

  it('hands over the whole record as a JSON file through a download', async () => {
    // The PDF is the same record printed; it is checked in the integration and e2e tests
    // (pdfkit's font check does not hold under jsdom's typed arrays).
    const user = userEvent.setup();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:record';
    });
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    renderSignedIn(<SubjectRightsScreen residentId={residentId} />);
    await user.click(await screen.findByRole('button', { name: 'Tải tệp JSON (cho máy đọc)' }));
    expect(await screen.findByText(/^Đã tạo tệp ho-so-nguoi-dan-.*\.json\.$/)).not.toBeNull();
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^ho-so-nguoi-dan-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.json$/);
    expect(blobs[0]?.type).toBe('application/json');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]!);
    });
    const record = subjectRecordSchema.parse(JSON.parse(text));
    expect(record.resident.resident.fullName).toBe('Nguyễn Thị Ánh');
    expect(calls.at(-1)).toEqual({
      channel: 'subject.exportRecord',
      input: { residentId, format: 'json' },
    });
  });
});

describe('the declaration after a withdrawal', () => {
  it('leaves a withdrawn purpose unticked and records a tick there as a new consent', async () => {
    await station.must('subject.withdrawConsent', {
      residentId,
      purpose: 'citySharing',
      requestedBy: 'self',
      reason: 'Không nêu lý do',
    });
    const user = userEvent.setup();
    window.location.hash = `#/residents/${residentId}/declaration`;
    renderSignedIn(<DeclarationScreen residentId={residentId} />);
    const sharing = (await screen.findByRole('checkbox', {
      name: 'Đồng ý chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
    })) as HTMLInputElement;
    const keeping = screen.getByRole('checkbox', {
      name: 'Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế',
    }) as HTMLInputElement;
    expect(keeping.checked).toBe(true);
    expect(sharing.checked).toBe(false);
    expect(screen.getByText(/Người dân đã rút lại sự đồng ý cho mục đích này/)).not.toBeNull();

    await user.click(sharing);
    await user.click(screen.getByRole('button', { name: 'Lưu tờ khai' }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'declaration.submit')).toBe(true));
    expect(calls.find((c) => c.channel === 'declaration.submit')?.input).toMatchObject({
      renewedConsent: ['citySharing'],
    });
    await waitFor(async () =>
      expect((await station.must('resident.get', { id: residentId })).withdrawnPurposes).toEqual(
        [],
      ),
    );
  });
});
