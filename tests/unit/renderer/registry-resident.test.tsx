// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src-shared/ipc/errors';
import type { ResidentRecord } from '../../../src-shared/schemas/resident';
import { ResidentScreen } from '../../../src-renderer/features/registry/ResidentScreen';
import { answerCalls, renderSignedIn, setUpScreenTests } from '../../support/render';

const ID = '0196f000-0000-7000-8000-00000000000a';
const OTHER = '0196f000-0000-7000-8000-00000000000b';

const RECORD: ResidentRecord = {
  id: ID,
  version: 4,
  resident: {
    fullName: 'Nguyễn Thị Ánh',
    sex: '2',
    birthDate: '1985-04-12',
    ethnicity: '04',
    nationality: 'VN',
    religion: 'Phật giáo',
    occupation: 'Giáo viên',
    personalId: '079185001234',
    cmnd: '',
    bhyt: 'GD4797912345678',
    noPapers: false,
    phones: [{ number: '0903123456' }],
    currentAddress: { communeCode: '26911', street: '12 Bình Quới' },
    permanentSameAsCurrent: false,
    permanentAddress: { communeCode: '', street: '' },
    relations: [
      {
        fullName: 'Trần Văn Bình',
        relationship: 'spouse',
        phone: '0912345678',
        isGuardian: false,
        residentId: OTHER,
      },
    ],
  },
  temporaryId: '',
  identifierHistory: [
    {
      kind: 'cmnd',
      value: '023456789',
      replacedAt: '2026-02-10T01:15:00.000Z',
      replacedBy: 'Lê Thị Lan',
    },
  ],
  created: { at: '2026-01-05T02:00:00.000Z', userId: 'u1', userName: 'Lê Thị Lan' },
  updated: { at: '2026-02-10T01:15:00.000Z', userId: 'u2', userName: 'Phạm Văn Hùng' },
  duplicateReview: {
    candidateIds: [OTHER],
    at: '2026-01-05T02:00:00.000Z',
    userId: 'u1',
    userName: 'Lê Thị Lan',
  },
};

let history: Result<unknown>;

setUpScreenTests();

beforeEach(() => {
  window.location.hash = `#/residents/${ID}`;
  history = {
    ok: true,
    value: [1, 2].map((version) => ({
      declarationId: `0196f000-0000-7000-8000-00000000010${version}`,
      residentId: ID,
      version,
      submitted: {
        at: `2026-0${version + 1}-01T03:05:00.000Z`,
        userId: 'u1',
        userName: 'Lê Thị Lan',
      },
    })),
  };
  answerCalls((channel) => {
    if (channel === 'resident.get')
      return {
        ok: true,
        value: {
          record: RECORD,
          declarationVersion: 2,
          withdrawnPurposes: [],
          merges: { mergedInto: null, mergedFrom: [] },
        },
      };
    if (channel === 'declaration.history') return history;
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
  });
});

describe('a resident’s page', () => {
  it('shows the record with its history, in Vietnam time, and starts on the health declaration', async () => {
    renderSignedIn(<ResidentScreen residentId={ID} />);
    const declare = await screen.findByRole('button', { name: 'Khai báo sức khỏe' });
    // The page moves focus once it has rendered the record: wait for it, not for a tick.
    await waitFor(() => expect(document.activeElement).toBe(declare));
    expect(screen.getByRole('heading', { name: 'Nguyễn Thị Ánh' })).not.toBeNull();
    expect(screen.getByText('Hoa')).not.toBeNull();
    expect(screen.getByText('Việt Nam')).not.toBeNull();
    expect(
      screen.getByText('12 Bình Quới, Phường Bình Quới, Thành phố Hồ Chí Minh'),
    ).not.toBeNull();
    expect(screen.getByText('023456789')).not.toBeNull();
    expect(
      screen.getByText(/Lê Thị Lan đã xem 1 người dân cùng họ tên và ngày sinh/),
    ).not.toBeNull();
    expect(screen.getByText(/Cập nhật lúc 10\/02\/2026 08:15 bởi Phạm Văn Hùng/)).not.toBeNull();
    expect(screen.getByRole('link', { name: 'Trần Văn Bình' }).getAttribute('href')).toBe(
      `#/residents/${OTHER}`,
    );

    const versions = await screen.findAllByRole('link', { name: /^Lần \d$/ });
    expect(versions.map((a) => a.textContent)).toEqual(['Lần 2', 'Lần 1']);
    expect(versions[0]?.getAttribute('href')).toBe(`#/residents/${ID}/declaration/v/2`);
    expect(screen.getByText('01/03/2026 10:05')).not.toBeNull();
  });

  it('opens the declaration with Alt+D and the edit form with Alt+E', async () => {
    const user = userEvent.setup();
    renderSignedIn(<ResidentScreen residentId={ID} />);
    await screen.findByRole('button', { name: 'Khai báo sức khỏe' });
    await user.keyboard('{Alt>}d{/Alt}');
    expect(window.location.hash).toBe(`#/residents/${ID}/declaration`);
    await user.keyboard('{Alt>}e{/Alt}');
    expect(window.location.hash).toBe(`#/residents/${ID}/edit`);
  });

  it('says so when there is no declaration yet', async () => {
    history = { ok: true, value: [] };
    renderSignedIn(<ResidentScreen residentId={ID} />);
    expect(await screen.findByText('Chưa có tờ khai nào được lưu.')).not.toBeNull();
  });

  it('explains a missing resident in her language', async () => {
    answerCalls(() => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no' } }));
    renderSignedIn(<ResidentScreen residentId={ID} />);
    expect(await screen.findByText('Không tìm thấy hồ sơ.')).not.toBeNull();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Về sổ đăng ký' })).not.toBeNull(),
    );
  });
});
