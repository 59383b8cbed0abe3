// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClassSummaryScreen } from '../../../src-renderer/features/school/ClassSummaryScreen';
import type { Channel } from '../../../src-shared/ipc/channels';
import {
  answerCalls,
  renderSignedIn,
  setUpScreenTests,
  type BridgeCall,
} from '../../support/render';
import { seedKnownClass, type KnownPupil } from '../../support/school-fixtures';
import { openSetUpStation, type TestStation } from '../../support/station';

/**
 * The class summary against the real main side of a test station, except the PDF itself:
 * pdfkit's font check does not hold under jsdom's typed arrays, so the letter export answers
 * with a small file here (the PDF is checked in tests/integration/school-reports.test.ts).
 */
let station: TestStation;
let classId: string;
let ids: Record<KnownPupil, string>;
let calls: BridgeCall[];

setUpScreenTests();

beforeEach(async () => {
  station = await openSetUpStation();
  ({ classId, ids } = await seedKnownClass(station));
  calls = answerCalls((channel, input) => {
    if (channel === 'class.exportLetters') {
      const one = (input as { residentId: string | null }).residentId !== null;
      return {
        ok: true,
        value: {
          fileName: one ? 'thong-bao-mot.pdf' : 'thong-bao-lop-5a.pdf',
          mimeType: 'application/pdf',
          base64: Buffer.from('%PDF-1.3').toString('base64'),
          letters: one ? 1 : 5,
        },
      };
    }
    return station.app.dispatch(channel as Channel, input);
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  station.dispose();
});

function captureDownloads(): string[] {
  URL.createObjectURL = vi.fn(() => 'blob:letters');
  URL.revokeObjectURL = vi.fn();
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return names;
}

describe('the class summary screen', () => {
  it('shows counts and percentages of the pupils measured, by category', async () => {
    renderSignedIn(<ClassSummaryScreen classId={classId} round="I" />);
    expect(
      await screen.findByRole('heading', {
        name: 'Tổng hợp kết quả khám lớp 5A — đợt I, năm học 2025-2026',
      }),
    ).not.toBeNull();
    const counts = screen.getByText('Sĩ số').parentElement;
    expect(counts?.textContent).toBe('Sĩ số7');
    expect(screen.getByText('Vắng', { selector: 'dt' }).nextSibling?.textContent).toBe('1');

    const summary = screen.getByRole('table', { name: 'Kết quả theo từng mục' });
    // Each row reads: category, pupils, share of the 5 measured.
    expect(within(summary).getByRole('row', { name: 'Gầy 2 40,0 %' })).not.toBeNull();
    expect(within(summary).getByRole('row', { name: 'Béo phì 1 20,0 %' })).not.toBeNull();
    expect(within(summary).getByRole('row', { name: 'Thừa cân 0 0,0 %' })).not.toBeNull();
    // Nutrition, vision, teeth, spine, referral: all 5 measured; blood pressure: the 2 measured.
    expect(within(summary).getAllByText('(trên 5 học sinh được khám mục này)')).toHaveLength(5);
    expect(within(summary).getAllByText('(trên 2 học sinh được khám mục này)')).toHaveLength(1);
    expect(screen.getByText(/WHO Growth Reference 2007/)).not.toBeNull();
  });

  it('lists the pupils to refer with the guardian to call', async () => {
    renderSignedIn(<ClassSummaryScreen classId={classId} round="I" />);
    const heading = await screen.findByRole('heading', {
      name: 'Danh sách học sinh cần chuyển khám, theo dõi (4)',
    });
    const table = heading.nextElementSibling as HTMLElement;
    const khang = within(table).getByRole('row', { name: /Phạm Minh Khang/ });
    expect(within(khang).getByText('Giảm thị lực — khám mắt')).not.toBeNull();
    expect(within(khang).getByText('Bệnh viện Mắt Thành phố Hồ Chí Minh')).not.toBeNull();
    expect(within(khang).getByText('0908111222')).not.toBeNull();
  });

  it('downloads the whole class’s letters, then one pupil’s', async () => {
    const user = userEvent.setup();
    const names = captureDownloads();
    renderSignedIn(<ClassSummaryScreen classId={classId} round="I" />);
    await user.click(await screen.findByRole('button', { name: 'Tải thông báo cả lớp (PDF)' }));
    expect(await screen.findByText('Đã tạo 5 thông báo.')).not.toBeNull();
    expect(calls.at(-1)).toEqual({
      channel: 'class.exportLetters',
      input: { classId, round: 'I', residentId: null },
    });

    await user.click(
      screen.getByRole('button', { name: 'Tải thông báo cho phụ huynh em Nguyễn Văn An' }),
    );
    expect(await screen.findByText('Đã tạo 1 thông báo.')).not.toBeNull();
    expect(calls.at(-1)).toEqual({
      channel: 'class.exportLetters',
      input: { classId, round: 'I', residentId: ids.an },
    });
    expect(names).toEqual(['thong-bao-lop-5a.pdf', 'thong-bao-mot.pdf']);
    // Absent and not-yet-measured pupils have no results, so no letter.
    expect(
      screen.queryByRole('button', { name: 'Tải thông báo cho phụ huynh em Huỳnh Minh Dũng' }),
    ).toBeNull();
  });
});
