// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ElderlyScreeningScreen } from '../../../src-renderer/features/elderly/ElderlyScreeningScreen';
import { draftKey } from '../../../src-renderer/features/elderly/draft';
import { ResidentScreen } from '../../../src-renderer/features/registry/ResidentScreen';
import {
  answerFromStation,
  renderSignedIn,
  setUpScreenTests,
  testSession,
  type BridgeCall,
} from '../../support/render';
import { openSetUpStation, residentInput, type TestStation } from '../../support/station';

/** The screening form and her page against the real main side (dispatch, handlers, SQLite). */
let station: TestStation;
let residentId: string;
let calls: BridgeCall[];

const SESSION = testSession({ fullName: 'Lê Thị Thu' });

setUpScreenTests();

beforeEach(async () => {
  window.localStorage.clear();
  station = await openSetUpStation();
  const record = await station.must('resident.create', {
    resident: residentInput({
      fullName: 'Trần Thị Bảy',
      birthDate: '1954-02-10',
      personalId: '',
      phones: [],
    }),
  });
  residentId = record.id;
  calls = answerFromStation(station);
  window.location.hash = `#/residents/${residentId}/elderly`;
});
afterEach(() => station.dispose());

function renderForm() {
  return renderSignedIn(
    <ElderlyScreeningScreen residentId={residentId} screeningId={null} />,
    SESSION,
  );
}

async function typeInto(user: UserEvent, label: string, text: string): Promise<void> {
  const input = await screen.findByLabelText(label);
  await user.clear(input);
  await user.type(input, text);
}

const finding = (id: string) => screen.getByTestId(`assessment-${id}`);

describe('the elderly screening form', () => {
  it(
    'classifies as she types, with each guideline named, and refuses implausible values',
    {
      timeout: 20_000,
    },
    async () => {
      const user = userEvent.setup();
      renderForm();
      await screen.findByRole('heading', { name: 'Khám sàng lọc người cao tuổi', level: 1 });
      expect(finding('bp').textContent).toContain('Chưa đo');

      await typeInto(user, 'Tâm thu lần 1', '150');
      await typeInto(user, 'Tâm trương lần 1', '92');
      await typeInto(user, 'Tâm thu lần 2', '146');
      await typeInto(user, 'Tâm trương lần 2', '88');
      expect(finding('bp').textContent).toContain('TB 148/90 mmHg (2 lần đo) — Tăng huyết áp độ 1');
      expect(finding('bp').textContent).toContain('Hội Tim mạch học Việt Nam');
      expect(screen.getByTestId('suggested-referrals').textContent).toContain(
        'Tăng huyết áp (≥140 và/hoặc ≥90 mmHg)',
      );

      await typeInto(user, 'Chiều cao', '152');
      await typeInto(user, 'Cân nặng', '57,5');
      expect(finding('bmi').textContent).toContain('24,9 kg/m² — Thừa cân');
      expect(finding('bmi').textContent).toContain('WHO WPRO');

      // Diastolic above systolic: said plainly, never classified.
      await typeInto(user, 'Tâm trương lần 2', '160');
      expect(finding('bp').textContent).toContain('Huyết áp tâm trương phải thấp hơn tâm thu');
      expect(finding('bp').textContent).not.toContain('Tăng huyết áp độ');
      await typeInto(user, 'Cân nặng', '500');
      expect(finding('bmi').textContent).toContain(
        'Giá trị không hợp lý — phải trong khoảng 25–250',
      );
    },
  );

  it(
    'scores GDS-15 from its answers, chosen by keyboard, and saves a version she sees listed',
    {
      timeout: 20_000,
    },
    async () => {
      const user = userEvent.setup();
      renderForm();
      const gds = (await screen.findByText(/GDS-15\)/)).closest('fieldset') as HTMLElement;
      const groups = within(gds).getAllByRole('radiogroup');
      expect(groups).toHaveLength(15);
      // Space answers the focused item (the browser spec walks the arrow keys between answers).
      for (const [i, group] of groups.entries()) {
        // Items 2–4: the depressive "yes" (3 points); every other item "no".
        const answer = i >= 1 && i <= 3 ? 'Có' : 'Không';
        within(group).getByRole('radio', { name: answer }).focus();
        await user.keyboard(' ');
      }
      // "No" to items 1, 5, 7, 11, 13 scores too: 3 + 5 = 8 ≥ 5.
      expect(screen.getByTestId('score-gds15').textContent).toBe('8/15 điểm');
      expect(finding('gds15').textContent).toContain('Gợi ý trầm cảm');

      await user.selectOptions(screen.getByLabelText('Phân loại sức khỏe'), 'Loại II – Khỏe');
      await user.keyboard('{Control>}s{/Control}');
      await waitFor(() => expect(window.location.hash).toBe(`#/residents/${residentId}`));
      const saved = await station.must('elderly.list', { residentId });
      expect(saved).toEqual([
        expect.objectContaining({ version: 1, positiveFindings: ['depressionScreen'] }),
      ]);
      expect(window.localStorage.getItem(draftKey('u1', residentId, null))).toBeNull();
      expect(calls.filter((c) => c.channel === 'elderly.save')).toHaveLength(1);
    },
  );

  it('keeps what she typed across a reload, and lets her discard it', async () => {
    const user = userEvent.setup();
    const first = renderForm();
    await typeInto(user, 'Tâm thu lần 1', '150');
    await typeInto(user, 'Tâm trương lần 1', '95');
    first.unmount();

    renderForm();
    expect(await screen.findByText(/Đã mở lại bản nháp lưu trên máy này/)).not.toBeNull();
    expect((screen.getByLabelText('Tâm thu lần 1') as HTMLInputElement).value).toBe('150');
    expect(finding('bp').textContent).toContain('Tăng huyết áp độ 1');

    await user.click(screen.getByRole('button', { name: 'Bỏ bản nháp' }));
    expect((screen.getByLabelText('Tâm thu lần 1') as HTMLInputElement).value).toBe('');
    expect(window.localStorage.getItem(draftKey('u1', residentId, null))).toBeNull();
  });
});

describe('the way in from her page', () => {
  it('offers the screening to a health worker for a 72-year-old, by Alt+K, and lists her screenings', async () => {
    await station.must('elderly.save', {
      id: null,
      expectedVersion: 0,
      screening: {
        residentId,
        screenedOn: '2025-12-01',
        healthClass: 2,
        examinerName: 'Lê Thị Thu',
        referral: { referred: true, reasons: ['vision'], to: 'Bệnh viện Mắt' },
      },
    });
    const user = userEvent.setup();
    window.location.hash = `#/residents/${residentId}`;
    renderSignedIn(<ResidentScreen residentId={residentId} />, SESSION);
    expect(await screen.findByRole('button', { name: 'Khám sàng lọc NCT' })).not.toBeNull();
    const history = await screen.findByTestId('elderly-history');
    expect(within(history).getByRole('link', { name: '01/12/2025' })).not.toBeNull();
    expect(history.textContent).toContain('Giảm thị lực');
    expect(history.textContent).toContain('Chuyển tuyến');

    await user.keyboard('{Alt>}k{/Alt}');
    expect(window.location.hash).toBe(`#/residents/${residentId}/elderly`);
  });

  it('offers nothing to a school nurse', async () => {
    window.location.hash = `#/residents/${residentId}`;
    renderSignedIn(
      <ResidentScreen residentId={residentId} />,
      testSession({ role: 'school_nurse' }),
    );
    await screen.findByRole('heading', { name: 'Trần Thị Bảy' });
    expect(screen.queryByRole('button', { name: 'Khám sàng lọc NCT' })).toBeNull();
    expect(screen.queryByTestId('elderly-history')).toBeNull();
  });
});
