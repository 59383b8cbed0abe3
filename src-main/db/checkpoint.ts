import { statSync } from 'node:fs';
import type { Db } from './driver';

export interface CheckpointOptions {
  /** Quiet time after the last call before the log is copied back into the database file. */
  idleMs: number;
  /** A log this large is checkpointed at once, quiet or not (long imports, bulk merges). */
  maxWalBytes: number;
}

export const DEFAULT_CHECKPOINT_OPTIONS: CheckpointOptions = {
  idleMs: 1000,
  maxWalBytes: 64 * 1024 * 1024,
};

/**
 * Hands checkpoints to an IdleCheckpointer: none inside commits, and a log file that SQLite
 * cuts back to 16 MiB whenever it starts reusing it after a checkpoint (journal_size_limit).
 */
export function leaveCheckpointsToIdleTime(db: Db): void {
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${16 * 1024 * 1024}`);
}

/**
 * Checkpoints the write-ahead log when the workstation is quiet, not inside a save.
 *
 * By default SQLite copies the log back into the database file inside whichever commit
 * takes it past 1000 pages. On the encrypted file the cipher works at the file level, so that
 * commit decrypts and re-encrypts every page of the log: one save in ~70 took tens of
 * milliseconds. The app turns automatic checkpoints off, runs a PASSIVE checkpoint (it never
 * waits on readers) once calls have stopped for `idleMs`, and checkpoints at once only when
 * the log passes `maxWalBytes`. Durability is unchanged: committed transactions are in the
 * log, and SQLite replays it on the next open (sqlite.org/wal.html).
 *
 * The log's size on disk is what tells a long burst of writes: a checkpoint does not shrink
 * the file by itself (SQLite reuses it from the start). So the forced checkpoint is a
 * TRUNCATE one, which empties the file, and `journal_size_limit` caps what a reused log keeps
 * after an idle checkpoint. Were the file left large, every later call would look "over the
 * bound" and pay a checkpoint of its own (measured: a submit 2.7 ms instead of 0.7 ms on the
 * encrypted 300 000-resident station after one bulk import).
 */
export class IdleCheckpointer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Checkpoints run so far: by the idle timer, and forced by the log's size. */
  readonly counts = { idle: 0, forced: 0 };
  /** The log size past which the next call forces a checkpoint. */
  private forceAbove: number;

  constructor(
    private readonly currentDb: () => Db,
    private readonly walFile: string,
    private readonly options: CheckpointOptions = DEFAULT_CHECKPOINT_OPTIONS,
  ) {
    this.forceAbove = options.maxWalBytes;
  }

  /** Called after every call into the app: restarts the quiet-time countdown. */
  noteActivity(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.walBytes() > this.forceAbove) {
      this.counts.forced += 1;
      this.truncatingCheckpoint();
      // Emptied, the bound is back to its default. A log another connection kept busy could
      // not be emptied: the next forced attempt waits for it to grow by another bound rather
      // than retrying on every call.
      this.forceAbove = Math.max(
        this.options.maxWalBytes,
        this.walBytes() + this.options.maxWalBytes,
      );
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.counts.idle += 1;
      this.checkpoint();
    }, this.options.idleMs);
    // A pending checkpoint never keeps the process alive; closing the database checkpoints.
    this.timer.unref();
  }

  /** PASSIVE: copies what no reader still needs, never blocks; returns the frames copied. */
  checkpoint(): number {
    const db = this.currentDb();
    if (!db.open) return 0;
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { checkpointed: number }[];
    return row?.checkpointed ?? 0;
  }

  /** TRUNCATE: copies the whole log and empties its file (waits on readers up to busy_timeout). */
  private truncatingCheckpoint(): void {
    const db = this.currentDb();
    if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
  }

  walBytes(): number {
    try {
      return statSync(this.walFile).size;
    } catch {
      return 0;
    }
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
