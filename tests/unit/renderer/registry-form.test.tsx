// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src-shared/ipc/errors';
import type { DuplicateCandidate, ResidentRecord } from '../../../src-shared/schemas/resident';
import { DATA_CHANGED_EVENT } from '../../../src-renderer/app/events';
import { ResidentFormScreen } from '../../../src-renderer/features/registry/ResidentFormScreen';
import {
  answerCalls,
  renderSignedIn,
  setUpScreenTests,
  polyfillModalDialogs,
  testSession,
  type BridgeCall,
} from '../../support/render';

const SESSION = testSession({ username: 'lan', fullName: 'Lê Thị Lan', role: 'health_worker' });
const NEW_ID = '0196f000-0000-7000-8000-00000000000a';
const OTHER_ID = '0196f000-0000-7000-8000-00000000000b';

function stored(overrides: Partial<ResidentRecord> = {}): ResidentRecord {
  const stamp = { at: '2026-03-01T02:30:00.000Z', userId: 'u1', userName: 'Lê Thị Lan' };
  return {
    id: NEW_ID,
    version: 3,
    resident: {
      fullName: 'Nguyễn Thị Ánh',
      sex: '2',
      birthDate: '1985-04-12',
      ethnicity: '01',
      nationality: 'VN',
      religion: '',
      occupation: 'Giáo viên',
      personalId: '079185001234',
      cmnd: '',
      bhyt: '',
      noPapers: false,
      phones: [{ number: '0903123456' }],
      currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
      permanentSameAsCurrent: true,
      permanentAddress: { communeCode: '26911', street: '12 Bình Quới' },
      relations: [],
    },
    temporaryId: '',
    identifierHistory: [],
    created: stamp,
    updated: stamp,
    duplicateReview: null,
    ...overrides,
  };
}

const CANDIDATE: DuplicateCandidate = {
  id: OTHER_ID,
  fullName: 'Nguyễn Thị Ánh',
  sex: '2',
  birthDate: '1985-04-12',
  personalId: '',
  temporaryId: '',
  bhyt: '',
  phone: '0903123456',
  communeCode: '26911',
  street: '5 Bình Quới',
  sameCommune: true,
  samePhone: false,
};

let calls: BridgeCall[];
let answers: Record<string, ((input: Record<string, unknown>) => Result<unknown>)[]>;

function answerWith(
  channel: string,
  ...results: ((input: Record<string, unknown>) => Result<unknown>)[]
): void {
  answers[channel] = results;
}

function renderForm(residentId: string | null = null) {
  return renderSignedIn(<ResidentFormScreen residentId={residentId} />, SESSION);
}

const field = (name: string) => screen.getByRole('textbox', { name });
const saveButton = () => screen.getByRole('button', { name: 'Lưu người dân' });

async function typeRequiredDetails(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.type(field('Họ và tên'), 'Nguyễn Thị Ánh');
  await user.click(screen.getByRole('radio', { name: 'Nữ' }));
  await user.type(field('Ngày sinh'), '12041985');
  await user.type(field('Số định danh cá nhân'), '079185001234');
}

setUpScreenTests();
beforeAll(polyfillModalDialogs);

beforeEach(() => {
  window.location.hash = '#/residents/new';
  answers = {};
  calls = answerCalls((channel, input) => {
    const next = answers[channel]?.shift();
    if (!next) return { ok: false, error: { code: 'INTERNAL', message: `unexpected ${channel}` } };
    return next(input as Record<string, unknown>);
  });
});

describe('registering a resident', () => {
  it('starts on the name, saves the required details, and opens the new record', async () => {
    const user = userEvent.setup();
    let announced = 0;
    const onChanged = (): void => void (announced += 1);
    window.addEventListener(DATA_CHANGED_EVENT, onChanged);
    answerWith('resident.create', () => ({ ok: true, value: stored() }));
    renderForm();
    await waitFor(() => expect(document.activeElement).toBe(field('Họ và tên')));
    // The station's own commune is offered as the current address.
    expect((screen.getByRole('combobox', { name: 'Xã/phường' }) as HTMLInputElement).value).toBe(
      'Phường Bình Quới',
    );

    await typeRequiredDetails(user);
    await user.type(field('Địa chỉ (số nhà, đường)'), '12 Bình Quới');
    await user.click(saveButton());

    await waitFor(() => expect(window.location.hash).toBe(`#/residents/${NEW_ID}`));
    window.removeEventListener(DATA_CHANGED_EVENT, onChanged);
    expect(announced).toBe(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toMatchObject({
      duplicateAcknowledged: [],
      resident: {
        fullName: 'Nguyễn Thị Ánh',
        sex: '2',
        birthDate: '1985-04-12',
        personalId: '079185001234',
        // The empty phone row means "no phone", not an invalid number.
        phones: [],
        currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
        permanentSameAsCurrent: true,
        nationality: 'VN',
        ethnicity: '01',
      },
    });
  });

  it('refuses to save without the required fields and puts the cursor on the first', async () => {
    const user = userEvent.setup();
    renderForm();
    await user.click(saveButton());
    expect(
      await screen.findByText('Còn 3 ô cần sửa — kiểm tra các ô được đánh dấu đỏ.'),
    ).not.toBeNull();
    expect(screen.getAllByText('Bắt buộc nhập').length).toBeGreaterThanOrEqual(2);
    expect(document.activeElement).toBe(field('Họ và tên'));
    expect(calls).toHaveLength(0);
  });

  it('warns, without blocking, when the ID’s sex digit disagrees with the chosen sex', async () => {
    const user = userEvent.setup();
    answerWith('resident.create', () => ({ ok: true, value: stored() }));
    renderForm();
    await user.type(field('Họ và tên'), 'Nguyễn Văn Ánh');
    await user.click(screen.getByRole('radio', { name: 'Nam' }));
    await user.type(field('Ngày sinh'), '12041985');
    await user.type(field('Số định danh cá nhân'), '079185001234');
    expect(
      screen.getByText('Chữ số giới tính không khớp với giới tính đã chọn — kiểm tra lại'),
    ).not.toBeNull();
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(calls).toHaveLength(1));
  });

  it('shows possible duplicates and records that she confirmed a different person', async () => {
    const user = userEvent.setup();
    answerWith(
      'resident.create',
      () => ({
        ok: false,
        error: {
          code: 'DUPLICATE_CANDIDATES',
          message: 'same name',
          details: { candidates: [CANDIDATE] },
        },
      }),
      () => ({ ok: true, value: stored() }),
    );
    renderForm();
    await typeRequiredDetails(user);
    await user.click(saveButton());

    const dialog = await screen.findByRole('dialog', { name: 'Có thể trùng người dân' });
    expect(dialog.textContent).toContain('5 Bình Quới');
    expect(dialog.textContent).toContain('Cùng xã/phường');
    expect(screen.getByRole('button', { name: 'Mở hồ sơ này' })).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Đây là người khác — vẫn đăng ký' }));

    await waitFor(() => expect(window.location.hash).toBe(`#/residents/${NEW_ID}`));
    expect(calls[1]?.input).toMatchObject({
      duplicateAcknowledged: [OTHER_ID],
      resident: { fullName: 'Nguyễn Thị Ánh' },
    });
  });

  it('points to the resident who already holds the personal ID, keeping what she typed', async () => {
    const user = userEvent.setup();
    answerWith('resident.create', () => ({
      ok: false,
      error: {
        code: 'DUPLICATE_PERSONAL_ID',
        message: 'taken',
        issues: [{ path: ['resident', 'personalId'], message: 'validation.personalId.taken' }],
        details: { existing: { ...CANDIDATE, personalId: '079185001234' } },
      },
    }));
    renderForm();
    await typeRequiredDetails(user);
    await user.click(saveButton());

    expect(
      await screen.findByText('Số định danh này đã thuộc về một người dân khác'),
    ).not.toBeNull();
    expect((field('Họ và tên') as HTMLInputElement).value).toBe('Nguyễn Thị Ánh');
    expect((field('Ngày sinh') as HTMLInputElement).value).toBe('12/04/1985');
    await user.click(screen.getByRole('button', { name: /^Mở hồ sơ đã có: Nguyễn Thị Ánh/ }));
    expect(window.location.hash).toBe(`#/residents/${OTHER_ID}`);
  });

  it('asks before dropping what she typed on Esc', async () => {
    const user = userEvent.setup();
    window.location.hash = '#/residents/new';
    renderForm();
    await user.type(field('Họ và tên'), 'Trần');
    await user.keyboard('{Escape}');
    expect(await screen.findByRole('dialog', { name: 'Bỏ thông tin vừa nhập?' })).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Tiếp tục nhập' }));
    expect(window.location.hash).toBe('#/residents/new');
    await waitFor(() => expect(document.activeElement).toBe(field('Họ và tên')));
    expect((field('Họ và tên') as HTMLInputElement).value).toBe('Trần');
  });

  it('adds and removes phone rows from the keyboard, up to three', async () => {
    const user = userEvent.setup();
    renderForm();
    await waitFor(() => expect(document.activeElement).toBe(field('Họ và tên')));
    const add = screen.getByRole('button', { name: 'Thêm số điện thoại' });
    add.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(field('Số điện thoại 2')));
    screen.getByRole('button', { name: 'Thêm số điện thoại' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('button', { name: 'Thêm số điện thoại' })).toBeNull();
    screen.getByRole('button', { name: 'Xóa số điện thoại 3' }).focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(field('Số điện thoại 2')));
  });
});

describe('correcting a resident', () => {
  it('loads the record, saves against its version, and offers a reload on a conflict', async () => {
    const user = userEvent.setup();
    answerWith('resident.get', () => ({
      ok: true,
      value: { record: stored(), declarationVersion: 0 },
    }));
    answerWith('resident.update', () => ({
      ok: false,
      error: { code: 'CONFLICT', message: 'changed', details: { currentVersion: 4 } },
    }));
    renderForm(NEW_ID);
    await waitFor(() => expect(document.activeElement).toBe(field('Họ và tên')));
    expect((field('Số điện thoại') as HTMLInputElement).value).toBe('0903123456');
    await user.clear(field('Nghề nghiệp'));
    await user.type(field('Nghề nghiệp'), 'Hưu trí');
    await user.click(saveButton());

    expect(await screen.findByText(/Hồ sơ vừa được người khác thay đổi/)).not.toBeNull();
    expect(calls[1]).toMatchObject({
      channel: 'resident.update',
      input: {
        id: NEW_ID,
        expectedVersion: 3,
        resident: { occupation: 'Hưu trí', phones: [{ number: '0903123456' }] },
      },
    });
    expect((field('Nghề nghiệp') as HTMLInputElement).value).toBe('Hưu trí');
    expect(screen.getByRole('button', { name: /Tải bản mới nhất/ })).not.toBeNull();
  });
});
