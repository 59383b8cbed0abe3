import type { ElderlyFormValues } from './form-values';

/**
 * The screening being typed, kept in this workstation's local storage on every change, so a
 * closed laptop, a crash or a reload loses nothing. Local storage rather than the station
 * database: it is written synchronously as she types (no call that a sleeping machine could
 * cut off) and it survives a reload and a new sign-in; it is keyed by user, resident and
 * screening so a colleague never opens her half-typed form. It is removed once the screening
 * is saved or she discards it, and a draft older than DRAFT_MAX_AGE_DAYS is dropped unread.
 */
export interface ElderlyDraft {
  /** The version the form was opened on (0 for a new screening). */
  baseVersion: number;
  savedAt: string;
  values: ElderlyFormValues;
}

const PREFIX = 'ward-health.elderly-draft';
export const DRAFT_MAX_AGE_DAYS = 14;

export function draftKey(userId: string, residentId: string, screeningId: string | null): string {
  return `${PREFIX}:${userId}:${residentId}:${screeningId ?? 'new'}`;
}

export function readDraft(key: string, now: Date = new Date()): ElderlyDraft | null {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return null;
    const draft = JSON.parse(text) as ElderlyDraft;
    const age = now.getTime() - new Date(draft.savedAt).getTime();
    if (!(age < DRAFT_MAX_AGE_DAYS * 86_400_000)) {
      window.localStorage.removeItem(key);
      return null;
    }
    return draft;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: ElderlyDraft): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    // A full or disabled storage must not stop her typing; the screen says the draft failed.
    return false;
  }
}

export function removeDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Nothing to remove when storage is unavailable.
  }
}
