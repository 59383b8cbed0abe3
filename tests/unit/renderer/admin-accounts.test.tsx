// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Session } from '../../../src-shared/schemas/station';
import { AccountsScreen } from '../../../src-renderer/features/admin/AccountsScreen';
import {
  answerCalls,
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  testSession,
} from '../../support/render';
import { openSetUpStation, signIn, type TestStation } from '../../support/station';

setUpScreenTests();

beforeAll(() => {
  // jsdom has no modal dialogs yet.
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

describe('the accounts screen over a real station', () => {
  let station: TestStation;
  let session: Session;

  beforeEach(async () => {
    station = await openSetUpStation();
    session = (await station.must('auth.session', {}))!;
    answerFromStation(station);
  });
  afterEach(() => station.dispose());

  const textbox = (name: string) => screen.getByRole('textbox', { name: new RegExp(`^${name}`) });

  it('creates an account, lists it and puts the cursor back on the name', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AccountsScreen />, session);
    const table = await screen.findByRole('table');
    expect(within(table).getByText('Trần Văn Quản')).not.toBeNull();
    expect(within(table).getByText('(bạn)')).not.toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(textbox('Họ và tên')));

    await user.type(textbox('Họ và tên'), 'Lê Thị Thu');
    await user.type(textbox('Tên đăng nhập'), 'ytthu');
    await user.selectOptions(screen.getByRole('combobox', { name: /^Vai trò/ }), 'Giám sát viên');
    await user.type(textbox('Mật khẩu tạm thời'), 'tamthoi2026');
    await user.click(screen.getByRole('button', { name: 'Tạo tài khoản' }));

    const row = (await within(table).findByRole('cell', { name: 'ytthu' })).closest('tr')!;
    expect(within(row).getByText('Lê Thị Thu')).not.toBeNull();
    expect(within(row).getByText('Giám sát viên')).not.toBeNull();
    expect(within(row).getByText('Phải đổi mật khẩu')).not.toBeNull();
    expect(within(row).getByText('Chưa đăng nhập')).not.toBeNull();
    expect(screen.getByText(/Đã tạo tài khoản «ytthu» cho Lê Thị Thu/)).not.toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(textbox('Họ và tên')));
    expect((textbox('Họ và tên') as HTMLInputElement).value).toBe('');

    const created = (await station.must('account.list', {})).find((a) => a.username === 'ytthu');
    expect(created).toMatchObject({ role: 'supervisor', mustChangePassword: true });
  });

  it('puts a taken username next to the field and keeps what she typed', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AccountsScreen />, session);
    await screen.findByRole('table');
    await user.type(textbox('Họ và tên'), 'Trần Văn Khác');
    await user.type(textbox('Tên đăng nhập'), 'Admin');
    await user.type(textbox('Mật khẩu tạm thời'), 'tamthoi2026');
    await user.keyboard('{Enter}');

    const username = textbox('Tên đăng nhập');
    await waitFor(() => expect(username.getAttribute('aria-invalid')).toBe('true'));
    const errorId = username.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)?.textContent).toMatch(/đã có người dùng/);
    expect((textbox('Họ và tên') as HTMLInputElement).value).toBe('Trần Văn Khác');
    expect(document.activeElement).toBe(username);
  });

  it('refuses a weak temporary password before asking the station', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AccountsScreen />, session);
    await screen.findByRole('table');
    await user.type(textbox('Họ và tên'), 'Lê Thị Thu');
    await user.type(textbox('Tên đăng nhập'), 'ytthu');
    await user.type(textbox('Mật khẩu tạm thời'), 'ngan');
    await user.click(screen.getByRole('button', { name: 'Tạo tài khoản' }));
    expect(await screen.findByText('Mật khẩu tối thiểu 10 ký tự')).not.toBeNull();
    expect((await station.must('account.list', {})).map((a) => a.username)).toEqual(['admin']);
  });

  it('edits and disables an account, and resets its password in a dialog', async () => {
    const user = userEvent.setup();
    await station.must('account.create', {
      fullName: 'Lê Thị Thu',
      username: 'ytthu',
      role: 'health_worker',
      temporaryPassword: 'tamthoi2026',
    });
    renderSignedIn(<AccountsScreen />, session);
    const table = await screen.findByRole('table');
    const row = () => within(table).getByRole('cell', { name: 'ytthu' }).closest('tr')!;

    await user.click(within(row()).getByRole('button', { name: 'Sửa ytthu' }));
    const edit = screen.getByRole('dialog');
    const name = within(edit).getByRole('textbox', { name: /^Họ và tên/ });
    await waitFor(() => expect(document.activeElement).toBe(name));
    await user.clear(name);
    await user.type(name, 'Lê Thị Thu Hà');
    await user.click(within(edit).getByRole('checkbox', { name: 'Vô hiệu hóa' }));
    await user.click(within(edit).getByRole('button', { name: 'Lưu thay đổi' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(within(row()).getByText('Đã vô hiệu hóa')).not.toBeNull());
    expect(within(row()).getByText('Lê Thị Thu Hà')).not.toBeNull();

    await user.click(within(row()).getByRole('button', { name: 'Đặt lại mật khẩu ytthu' }));
    const reset = screen.getByRole('dialog');
    const password = within(reset).getByRole('textbox', { name: /^Mật khẩu tạm thời mới/ });
    await waitFor(() => expect(document.activeElement).toBe(password));
    await user.type(password, 'moi2026abcd{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByText(/Đã đặt lại mật khẩu của «ytthu»/)).not.toBeNull();
    // The old temporary password no longer works; the new one does (a disabled account
    // still cannot sign in, so enable it first).
    const id = (await station.must('account.list', {})).find((a) => a.username === 'ytthu')!.id;
    await station.must('account.update', {
      id,
      fullName: 'Lê Thị Thu Hà',
      role: 'health_worker',
      disabled: false,
    });
    expect((await signIn(station, 'ytthu', 'tamthoi2026')).ok).toBe(false);
    expect((await signIn(station, 'ytthu', 'moi2026abcd')).ok).toBe(true);
  });

  it('does not let her change her own role or disable herself', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AccountsScreen />, session);
    const table = await screen.findByRole('table');
    const row = within(table).getByText('Trần Văn Quản').closest('tr')!;
    const editButton = within(row).getByRole('button', { name: 'Sửa admin' });
    await user.click(editButton);
    const edit = screen.getByRole('dialog');
    expect(
      (within(edit).getByRole('combobox', { name: /^Vai trò/ }) as HTMLSelectElement).disabled,
    ).toBe(true);
    expect(
      (within(edit).getByRole('checkbox', { name: 'Vô hiệu hóa' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(within(edit).getByText(/Đây là tài khoản của bạn/)).not.toBeNull();
    await user.click(within(edit).getByRole('button', { name: 'Hủy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(editButton);
  });
});

describe('refusals of the main side', () => {
  const other: Account = {
    id: 'u2',
    username: 'quantri2',
    fullName: 'Võ Thị Hai',
    role: 'administrator',
    disabled: false,
    mustChangePassword: false,
    lockedUntil: null,
    failedAttempts: 0,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastSignInAt: '2026-03-02T01:30:00.000Z',
  };

  it('says clearly that the station needs an active administrator', async () => {
    const user = userEvent.setup();
    answerCalls((channel) =>
      channel === 'account.list'
        ? { ok: true, value: [other] }
        : {
            ok: false,
            error: { code: 'LAST_ADMINISTRATOR', message: 'The station needs an administrator.' },
          },
    );
    renderSignedIn(<AccountsScreen />, testSession());
    const table = await screen.findByRole('table');
    // Last sign-in in Vietnam time (UTC+7).
    expect(within(table).getByText('02/03/2026 08:30')).not.toBeNull();
    await user.click(within(table).getByRole('button', { name: 'Sửa quantri2' }));
    const edit = screen.getByRole('dialog');
    await user.click(within(edit).getByRole('checkbox', { name: 'Vô hiệu hóa' }));
    await user.click(within(edit).getByRole('button', { name: 'Lưu thay đổi' }));
    expect((await within(edit).findByRole('alert')).textContent).toMatch(
      /ít nhất một quản trị viên đang hoạt động/,
    );
    expect(screen.getByRole('dialog')).not.toBeNull();
  });

  it('shows a lockout with the time it ends, in Vietnam time', async () => {
    const lockedUntil = new Date(Date.now() + 10 * 60_000).toISOString();
    answerCalls(() => ({ ok: true, value: [{ ...other, lockedUntil, failedAttempts: 5 }] }));
    renderSignedIn(<AccountsScreen />, testSession());
    const badge = await screen.findByText(/^Tạm khóa đến \d{2}:\d{2}$/);
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(lockedUntil));
    expect(badge.textContent).toBe(`Tạm khóa đến ${parts}`);
  });

  it('explains a refusal to list the accounts', async () => {
    answerCalls(() => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }));
    renderSignedIn(<AccountsScreen />, testSession({ role: 'supervisor' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/không có quyền/);
  });
});
