import type { ScreeningRound } from '../../../src-shared/schemas/school';
import { EMPTY_ROW, type RowValues } from './school-display';

/** A row typed but not saved yet: what the nurse typed, and the version she typed it on. */
export interface RowDraft {
  values: RowValues;
  absent: boolean;
  version: number;
}

/**
 * Unsaved grid rows live in the window's session storage, not local storage: they are
 * children's health data, and session storage is dropped with the session (it is cleared
 * at sign-out, app/session.tsx) while still surviving a reload or a renderer restart.
 */
const key = (classId: string, round: ScreeningRound): string =>
  `wardHealth.schoolGrid:${classId}:${round}`;

export function loadGridDrafts(
  storage: Storage,
  classId: string,
  round: ScreeningRound,
): Record<string, RowDraft> {
  try {
    const parsed = JSON.parse(storage.getItem(key(classId, round)) ?? '{}') as Record<
      string,
      Partial<RowDraft>
    >;
    const drafts: Record<string, RowDraft> = {};
    for (const [residentId, d] of Object.entries(parsed)) {
      drafts[residentId] = {
        values: { ...EMPTY_ROW, ...d.values },
        absent: d.absent === true,
        version: typeof d.version === 'number' ? d.version : 0,
      };
    }
    return drafts;
  } catch {
    // A draft that no longer parses is worth less than a working grid.
    return {};
  }
}

export function storeGridDrafts(
  storage: Storage,
  classId: string,
  round: ScreeningRound,
  drafts: Record<string, RowDraft>,
): void {
  if (Object.keys(drafts).length === 0) storage.removeItem(key(classId, round));
  else storage.setItem(key(classId, round), JSON.stringify(drafts));
}
