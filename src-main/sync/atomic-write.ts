import { writeFileAtomic } from '../security/secret-store';

/**
 * Writes a bundle or receipt file so that a crash, a power cut or a pulled USB stick leaves
 * either no file or the whole file, never a torn one that would later be sent or imported:
 * a temporary file in the same folder, written, fsynced, renamed over the target, and the
 * folder fsynced so the rename itself lasts. This is the station's one atomic-write routine
 * (`writeFileAtomic`, also used for the key store), not a second copy of it.
 *
 * Mode 0600: a bundle's content is encrypted, but its header (station, counts, times) is not
 * everyone's business on a shared workstation.
 */
export function writeSyncFileAtomic(file: string, fileText: string): void {
  writeFileAtomic(file, fileText, 0o600);
}
