// @vitest-environment jsdom
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ageInYears, todayInVietnam } from '../../../src-shared/domain/dates';
import type { Result } from '../../../src-shared/ipc/errors';
import type { ResidentSummary } from '../../../src-shared/schemas/resident';
import { FOCUS_SEARCH_EVENT } from '../../../src-renderer/app/events';
import { RegistryScreen } from '../../../src-renderer/features/registry/RegistryScreen';
import { answerCalls, renderSignedIn, setUpScreenTests, testSession } from '../../support/render';

function summary(
  id: string,
  fullName: string,
  extra: Partial<ResidentSummary> = {},
): ResidentSummary {
  return {
    id,
    fullName,
    sex: '2',
    birthDate: '1985-04-12',
    personalId: '',
    temporaryId: '',
    bhyt: '',
    phone: '',
    communeCode: '26911',
    street: '',
    ...extra,
  };
}

const ANH = summary('0196f000-0000-7000-8000-000000000001', 'Nguyễn Thị Ánh', {
  personalId: '079185001234',
  phone: '0903123456',
  street: '12 Bình Quới',
});
const BINH = summary('0196f000-0000-7000-8000-000000000002', 'Trần Văn Bình', {
  sex: '1',
  birthDate: '1950-01-02',
});
const BE = summary('0196f000-0000-7000-8000-000000000003', 'Nguyễn Thị Ánh Dương', {
  birthDate: '2025-06-01',
  temporaryId: 'TAM-79123-0ABCDEFG',
});

type Answer = (query: string) => Promise<Result<unknown>> | Result<unknown>;
let answer: Answer;
let queries: string[];

let userNumber = 0;

function renderRegistry() {
  // The registry remembers the last query per user: each test signs in someone new.
  userNumber += 1;
  return renderSignedIn(
    <RegistryScreen />,
    testSession({
      id: `u${userNumber}`,
      username: 'lan',
      fullName: 'Lê Thị Lan',
      role: 'health_worker',
    }),
  );
}

const searchBox = () => screen.getByRole('combobox', { name: 'Tìm người dân' });

setUpScreenTests();

beforeAll(() => {
  // jsdom has no layout: give the result list's scroll box a screen-sized viewport.
  for (const dimension of ['clientHeight', 'clientWidth'] as const) {
    Object.defineProperty(HTMLElement.prototype, dimension, {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('registry-list__scroll') ? 600 : 0;
      },
    });
  }
});

beforeEach(() => {
  window.location.hash = '#/';
  queries = [];
  answer = (query) =>
    query.trim() === ''
      ? { ok: true, value: { kind: 'empty', results: [ANH, BINH] } }
      : { ok: true, value: { kind: 'name', results: [ANH, BE] } };
  answerCalls((channel, input) => {
    if (channel !== 'resident.search')
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    const { query } = input as { query: string };
    queries.push(query);
    return answer(query);
  });
});

describe('resident registry search', () => {
  it('opens on the search box and lists recently updated residents', async () => {
    renderRegistry();
    expect(searchBox()).toHaveProperty('id', document.activeElement?.id);
    expect(await screen.findByText('Nguyễn Thị Ánh')).not.toBeNull();
    expect(screen.getByText('Trần Văn Bình')).not.toBeNull();
    expect(screen.getByText('2 người dân cập nhật gần đây')).not.toBeNull();
    expect(screen.getByText('079185001234')).not.toBeNull();
    const age = ageInYears('1985-04-12', todayInVietnam());
    expect(screen.getByText(`12/04/1985 · ${age} tuổi`)).not.toBeNull();
  });

  it('finds a resident typed without accents and opens her with the keyboard', async () => {
    const user = userEvent.setup();
    renderRegistry();
    await screen.findByText('Trần Văn Bình');
    await user.type(searchBox(), 'nguyen thi anh');
    expect(await screen.findByText('Nguyễn Thị Ánh Dương')).not.toBeNull();
    expect(screen.getByText('2 kết quả')).not.toBeNull();
    // Debounced: one search for the whole word, not one per keystroke.
    expect(queries.filter((q) => q !== '')).toEqual(['nguyen thi anh']);
    expect(screen.getByText('TAM-79123-0ABCDEFG')).not.toBeNull();

    await user.keyboard('{ArrowDown}');
    const options = screen.getAllByRole('option');
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe(`#/residents/${BE.id}`);
  });

  it('keeps the newest answer when an older search finishes last', async () => {
    const user = userEvent.setup();
    let releaseSlow: () => void = () => undefined;
    answer = (query) => {
      if (query === 'nguyen') {
        return new Promise((resolve) => {
          releaseSlow = () => resolve({ ok: true, value: { kind: 'name', results: [BE] } });
        });
      }
      return query.trim() === ''
        ? { ok: true, value: { kind: 'empty', results: [] } }
        : { ok: true, value: { kind: 'identifier', results: [ANH] } };
    };
    renderRegistry();
    await user.type(searchBox(), 'nguyen');
    await waitFor(() => expect(queries).toContain('nguyen'));
    await user.clear(searchBox());
    await user.type(searchBox(), '0903123456');
    expect(await screen.findByText('Nguyễn Thị Ánh')).not.toBeNull();
    await act(async () => releaseSlow());
    expect(screen.queryByText('Nguyễn Thị Ánh Dương')).toBeNull();
    expect(screen.getByText('Nguyễn Thị Ánh')).not.toBeNull();
  });

  it('opens the one match when Enter comes before the answer, as from a card reader', async () => {
    const user = userEvent.setup();
    answer = (query) =>
      query.trim() === ''
        ? { ok: true, value: { kind: 'empty', results: [ANH, BINH] } }
        : { ok: true, value: { kind: 'identifier', results: [ANH] } };
    renderRegistry();
    await screen.findByText('Trần Văn Bình');
    await user.type(searchBox(), '079185001234{Enter}');
    await waitFor(() => expect(window.location.hash).toBe(`#/residents/${ANH.id}`));
  });

  it('offers to register a new resident when nothing matches', async () => {
    const user = userEvent.setup();
    answer = (query) =>
      query.trim() === ''
        ? { ok: true, value: { kind: 'empty', results: [ANH] } }
        : { ok: true, value: { kind: 'name', results: [] } };
    renderRegistry();
    await user.type(searchBox(), 'pham van z');
    expect(
      await screen.findByText('Không tìm thấy người dân nào khớp với «pham van z».'),
    ).not.toBeNull();
    const buttons = screen.getAllByRole('button', { name: 'Đăng ký người dân mới' });
    await user.click(buttons[buttons.length - 1] as HTMLElement);
    expect(window.location.hash).toBe('#/residents/new');
  });

  it('takes the focus back on the shell’s search shortcut', async () => {
    const user = userEvent.setup();
    renderRegistry();
    await screen.findByText('Trần Văn Bình');
    await user.tab();
    expect(document.activeElement).not.toBe(searchBox());
    act(() => {
      window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT));
    });
    expect(document.activeElement).toBe(searchBox());
  });
});
