// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../../src-shared/ipc/channels';
import { DATA_CHANGED_EVENT } from '../../../src-renderer/app/events';
import { DeclarationScreen } from '../../../src-renderer/features/declaration/DeclarationScreen';
import { DeclarationVersionScreen } from '../../../src-renderer/features/declaration/DeclarationVersionScreen';
import {
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  testSession,
  type BridgeCall,
} from '../../support/render';
import {
  declarationInput,
  openSetUpStation,
  residentInput,
  type TestStation,
} from '../../support/station';

/**
 * The declaration screens against the real main side: dispatch, handlers and SQLite on a
 * temporary directory, reached through the in-memory bridge.
 */
let station: TestStation;
let residentId: string;
let calls: BridgeCall[];

const SESSION = testSession();

function renderScreen(session = SESSION) {
  return renderSignedIn(<DeclarationScreen residentId={residentId} />, session);
}

const submitButton = () => screen.findByRole('button', { name: 'Lưu tờ khai' });
const recordKeeping = () =>
  screen.getByRole('checkbox', { name: 'Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế' });
const callsTo = (channel: Channel) => calls.filter((c) => c.channel === channel);

async function createResident(
  overrides: Parameters<typeof residentInput>[0] = {},
): Promise<string> {
  const record = await station.must('resident.create', { resident: residentInput(overrides) });
  return record.id;
}

setUpScreenTests();

beforeEach(async () => {
  station = await openSetUpStation();
  residentId = await createResident();
  window.location.hash = `#/residents/${residentId}/declaration`;
  calls = answerFromStation(station);
});

afterEach(() => {
  // Off the screen before the station closes: a form that leaves still saves its draft.
  cleanup();
  station.dispose();
});

describe('taking a health declaration', () => {
  it('starts with every consent unticked and refuses to save until the record may be kept', async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await submitButton());

    expect(await screen.findByText('Còn 1 ô cần sửa')).not.toBeNull();
    expect(
      screen.getByText('Cần sự đồng ý lưu hồ sơ sức khỏe trước khi lưu tờ khai'),
    ).not.toBeNull();
    expect(document.activeElement).toBe(recordKeeping());
    for (const name of [
      'Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế',
      'Đồng ý chia sẻ với hệ thống hồ sơ sức khỏe của Thành phố',
      'Đồng ý sử dụng cho thống kê y tế (không định danh)',
    ]) {
      expect((screen.getByRole('checkbox', { name }) as HTMLInputElement).checked).toBe(false);
    }
    expect(callsTo('declaration.submit')).toHaveLength(0);
  });

  it('records allergies, doses and risk factors from the keyboard and opens the resident', async () => {
    const user = userEvent.setup();
    let announced = 0;
    const onChanged = (): void => void (announced += 1);
    window.addEventListener(DATA_CHANGED_EVENT, onChanged);
    renderScreen();
    await submitButton();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Hút thuốc lá' }), '1');
    await user.type(screen.getByRole('textbox', { name: 'Số điếu/ngày' }), '10');
    await user.type(screen.getByRole('textbox', { name: 'Chiều dài lúc sinh (cm)' }), '49,5');

    await user.click(screen.getByRole('button', { name: 'Thêm dị ứng' }));
    // The new row's first cell takes the cursor.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Loại dị ứng' })),
    );
    await user.tab();
    await user.keyboard('Penicillin');
    expect((screen.getByRole('textbox', { name: 'Tác nhân' }) as HTMLInputElement).value).toBe(
      'Penicillin',
    );

    await user.click(screen.getByRole('button', { name: 'Thêm mũi tiêm' }));
    const dose = screen.getByRole('group', { name: 'Mũi tiêm 1' });
    await user.selectOptions(within(dose).getByRole('combobox', { name: 'Vắc xin' }), 'BCG');
    await user.selectOptions(within(dose).getByRole('combobox', { name: 'Tình trạng' }), 'Có tiêm');
    await user.type(within(dose).getByRole('textbox', { name: 'Ngày tiêm' }), '13041985');

    await user.click(recordKeeping());
    await user.keyboard('{Control>}s{/Control}');

    await waitFor(() => expect(window.location.hash).toBe(`#/residents/${residentId}`));
    window.removeEventListener(DATA_CHANGED_EVENT, onChanged);
    expect(announced).toBe(1);
    const submitted = callsTo('declaration.submit');
    expect(submitted).toHaveLength(1);
    expect(submitted[0]?.input).toMatchObject({ residentId, baseVersion: 0 });

    const saved = await station.must('declaration.getVersion', { residentId, version: 1 });
    expect(saved.declaration.riskFactors.smoking).toEqual({ status: '1', amount: 10, quit: false });
    expect(saved.declaration.birth.birthLengthCm).toBe(49.5);
    expect(saved.declaration.allergies).toEqual([
      { kind: '1', agent: 'Penicillin', description: '' },
    ]);
    expect(saved.declaration.vaccinations).toEqual([
      {
        vaccine: 'BCG',
        vaccineOther: '',
        dose: null,
        status: '1',
        date: '1985-04-13',
        reaction: '',
        nextAppointment: '',
      },
    ]);
    expect(saved.declaration.consent).toMatchObject({
      recordKeeping: true,
      citySharing: false,
      statistics: false,
      givenBy: 'self',
    });
    // Submitting removes the draft kept while typing.
    expect((await station.must('declaration.current', { residentId })).draft).toBeNull();
  });

  it('adds rows with Ctrl+Enter and moves the cursor sensibly when a row is removed', async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Thêm dị ứng' }));
    await user.tab();
    await user.keyboard('Tôm');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const kinds = () => screen.getAllByRole('combobox', { name: 'Loại dị ứng' });
    await waitFor(() => expect(document.activeElement).toBe(kinds()[1]));
    await user.keyboard('{Tab}Cua');

    const removeFirst = within(screen.getByRole('group', { name: 'Dị ứng 1' })).getByRole(
      'button',
      {
        name: 'Xóa dòng',
      },
    );
    await user.click(removeFirst);
    const agents = screen.getAllByRole('textbox', { name: 'Tác nhân' }) as HTMLInputElement[];
    expect(agents.map((a) => a.value)).toEqual(['Cua']);
    await waitFor(() => expect(document.activeElement).toBe(kinds()[0]));

    await user.click(screen.getByRole('button', { name: 'Xóa dòng' }));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Thêm dị ứng' })),
    );
    expect(screen.getByText('Chưa ghi dị ứng nào.')).not.toBeNull();
  });

  it('switches the amount off for "Không" and gives it back when switched on again', async () => {
    const user = userEvent.setup();
    renderScreen();
    await submitButton();
    const status = screen.getByRole('combobox', { name: 'Uống rượu, bia' });
    const amount = () =>
      screen.getByRole('textbox', { name: 'Số cốc chuẩn/ngày' }) as HTMLInputElement;
    const quit = () => screen.getAllByRole('checkbox', { name: 'Đã bỏ' })[1] as HTMLInputElement;
    expect(amount().disabled).toBe(true);
    expect(quit().disabled).toBe(false);

    await user.selectOptions(status, '2');
    await user.type(amount(), '3');
    expect(quit().disabled).toBe(true);
    await user.selectOptions(status, '0');
    expect(amount().value).toBe('');
    expect(amount().disabled).toBe(true);
    await user.selectOptions(status, '1');
    expect(amount().value).toBe('3');
  });

  it('puts the main side’s refusal next to the dose dated before birth', async () => {
    const user = userEvent.setup();
    renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Thêm mũi tiêm' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Vắc xin' }), 'HEPB');
    await user.type(screen.getByRole('textbox', { name: 'Ngày tiêm' }), '01011980');
    await user.click(recordKeeping());
    await user.click(await submitButton());

    expect(await screen.findByText('Ngày trước ngày sinh')).not.toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Ngày tiêm' })),
    );
    expect(
      screen.getByText('Dữ liệu chưa hợp lệ. Kiểm tra các ô được đánh dấu; chưa có gì được lưu.'),
    ).not.toBeNull();
    expect(window.location.hash).toBe(`#/residents/${residentId}/declaration`);
  });

  it('shows the reproductive-health part for women only', async () => {
    residentId = await createResident({
      fullName: 'Lê Văn Bình',
      sex: '1',
      personalId: '',
      birthDate: '1990-02-01',
    });
    renderScreen();
    await submitButton();
    expect(screen.queryByText('8. Sức khỏe sinh sản')).toBeNull();
    expect(screen.getByText('Nam')).not.toBeNull();
  });

  it('lets a role that may not write see the declaration without a form', async () => {
    renderScreen({ ...SESSION, user: { ...SESSION.user, role: 'school_nurse' } });
    expect(
      await screen.findByText('Tài khoản của bạn chỉ được xem tờ khai sức khỏe, không được sửa.'),
    ).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Lưu tờ khai' })).toBeNull();
  });
});

describe('drafts', () => {
  it('saves nothing while the form is untouched', async () => {
    const view = renderScreen();
    await submitButton();
    await new Promise((resolve) => setTimeout(resolve, 900));
    view.unmount();
    expect(callsTo('declaration.saveDraft')).toHaveLength(0);
  });

  it('keeps what she typed, restores it, and can discard it (with undo)', async () => {
    const user = userEvent.setup();
    const first = renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Thêm dị ứng' }));
    await user.type(screen.getByRole('textbox', { name: 'Tác nhân' }), 'Tôm');
    await waitFor(() => expect(screen.getByText(/^Đã lưu nháp lúc \d\d:\d\d$/)).not.toBeNull(), {
      timeout: 3000,
    });
    const stored = (await station.must('declaration.current', { residentId })).draft;
    expect(stored?.baseVersion).toBe(0);
    expect(stored?.data).toMatchObject({ allergies: [{ kind: '1', agent: 'Tôm' }] });
    first.unmount();

    renderScreen();
    expect(
      await screen.findByText(/^Đã khôi phục bản nháp lưu lúc .* bởi Trần Văn Quản$/),
    ).not.toBeNull();
    expect((screen.getByRole('textbox', { name: 'Tác nhân' }) as HTMLInputElement).value).toBe(
      'Tôm',
    );

    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Tác nhân' })).toBeNull());
    expect((await station.must('declaration.current', { residentId })).draft).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Hoàn tác' }));
    expect((screen.getByRole('textbox', { name: 'Tác nhân' }) as HTMLInputElement).value).toBe(
      'Tôm',
    );
    await waitFor(
      async () =>
        expect((await station.must('declaration.current', { residentId })).draft).not.toBeNull(),
      { timeout: 3000 },
    );
  });

  it('saves the last keystrokes when she leaves the screen before the pause', async () => {
    const user = userEvent.setup();
    const view = renderScreen();
    await user.click(await screen.findByRole('button', { name: 'Thêm dị ứng' }));
    await user.type(screen.getByRole('textbox', { name: 'Tác nhân' }), 'Sữa');
    view.unmount();
    await waitFor(async () =>
      expect((await station.must('declaration.current', { residentId })).draft?.data).toMatchObject(
        {
          allergies: [{ agent: 'Sữa' }],
        },
      ),
    );
  });
});

describe('editing a submitted declaration', () => {
  it('starts from the latest version and reports a version saved meanwhile', async () => {
    const user = userEvent.setup();
    await station.must('declaration.submit', {
      residentId,
      baseVersion: 0,
      declaration: declarationInput({ allergies: [{ kind: '3', agent: 'Đậu phộng' }] }),
    });
    renderScreen();
    expect(await screen.findByText('Phiên bản hiện tại: 1')).not.toBeNull();
    expect((screen.getByRole('textbox', { name: 'Tác nhân' }) as HTMLInputElement).value).toBe(
      'Đậu phộng',
    );
    // Consent carried over from version 1 is shown as such.
    expect(recordKeeping()).toHaveProperty('checked', true);
    expect(screen.getByText(/lấy từ phiên bản 1/)).not.toBeNull();

    // Someone else saves version 2 while this form is open.
    await station.must('declaration.submit', {
      residentId,
      baseVersion: 1,
      declaration: declarationInput(),
    });
    await user.type(screen.getByRole('textbox', { name: 'Biểu hiện' }), 'Nổi mề đay');
    await user.click(await submitButton());
    expect(await screen.findByText(/đã được lưu thành phiên bản 2 ở nơi khác/)).not.toBeNull();
    expect(screen.getByRole('link', { name: 'Xem phiên bản 2' })).not.toBeNull();

    await user.click(
      screen.getByRole('button', { name: 'Dùng nội dung đang nhập làm phiên bản 3' }),
    );
    await user.click(await submitButton());
    await waitFor(() => expect(window.location.hash).toBe(`#/residents/${residentId}`));
    const third = await station.must('declaration.getVersion', { residentId, version: 3 });
    expect(third.declaration.allergies).toEqual([
      { kind: '3', agent: 'Đậu phộng', description: 'Nổi mề đay' },
    ]);
  });
});

describe('a submitted version', () => {
  it('shows who saved it, what was consented to, and says "Không có" for empty parts', async () => {
    await station.must('declaration.submit', {
      residentId,
      baseVersion: 0,
      declaration: declarationInput({ allergies: [{ kind: '1', agent: 'Aspirin' }] }),
    });
    await station.must('declaration.submit', {
      residentId,
      baseVersion: 1,
      declaration: declarationInput({ consent: { recordKeeping: true, statistics: true } }),
    });
    renderSignedIn(<DeclarationVersionScreen residentId={residentId} version={1} />);
    expect(
      await screen.findByRole('heading', { name: 'Tờ khai sức khỏe — phiên bản 1' }),
    ).not.toBeNull();
    expect(
      screen.getByText(/^Lưu lúc \d\d\/\d\d\/\d{4} \d\d:\d\d bởi Trần Văn Quản\.$/),
    ).not.toBeNull();
    expect(screen.getByText('Đã có phiên bản 2 mới hơn')).not.toBeNull();
    expect(screen.getByText('Aspirin')).not.toBeNull();
    expect(screen.getAllByText('Không có').length).toBeGreaterThanOrEqual(4);
    const consent = screen.getByText('Đồng ý lưu trữ hồ sơ sức khỏe tại trạm y tế').closest('li');
    expect(consent?.textContent).toContain('Đồng ý');
    expect(
      screen.getByText('Đồng ý sử dụng cho thống kê y tế (không định danh)').closest('li')
        ?.textContent,
    ).toContain('Không đồng ý');
    expect(screen.getByRole('link', { name: /Phiên bản 2/ }).getAttribute('href')).toBe(
      `#/residents/${residentId}/declaration/v/2`,
    );
    expect(screen.getByRole('link', { name: 'Về hồ sơ người dân' }).getAttribute('href')).toBe(
      `#/residents/${residentId}`,
    );
  });
});
