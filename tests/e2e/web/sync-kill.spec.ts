import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  cityPrivateKeysOf,
  describeCurrentKeys,
  publicJwkSetOf,
} from '../../../src-main/city-store/city-keys';
import { initCityStore } from '../../../src-main/city-store/data-directory';
import { openBundle } from '../../../src-main/sync/envelope';
import { TOKEN_HEADER } from '../../../src-main/web-shell/server';
import type { Channel } from '../../../src-shared/ipc/channels';
import type { Result } from '../../../src-shared/ipc/errors';
import { addStaff, openSetUpStation, residentInput, signInAs, STAFF } from '../../support/station';
import { startShellProcess, type ShellProcess } from '../../support/web-shell-process';

/** Enough residents that sealing their bundle takes a moment: the kill lands inside it. */
const RESIDENTS = 3000;

/** A letters-only, distinct name part for each synthetic resident. */
function nameFor(i: number): string {
  const a = 'abcdeghiklmnopqrstuvxy';
  return `${a[Math.floor(i / (a.length * a.length)) % a.length]!.toUpperCase()}${a[Math.floor(i / a.length) % a.length]}${a[i % a.length]}`;
}

/** Calls the shell the way its renderer does: POST /ipc/<channel> with the run's token. */
function bridge(shell: ShellProcess) {
  const url = new URL(shell.launchUrl);
  const token = /token=([^&]+)/.exec(url.hash)?.[1] ?? '';
  return async <T>(channel: Channel, input: unknown): Promise<T> => {
    const response = await fetch(`${url.origin}/ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input),
    });
    const result = (await response.json()) as Result<T>;
    if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
}

interface Job {
  jobId: string;
  state: string;
  bundles: { id: string; records: number }[];
}

test.setTimeout(180_000);

test('the app killed during an export leaves no partial bundle; the next export sends every record once', async () => {
  const cityDir = mkdtempSync(join(tmpdir(), 'city-kill-'));
  const ring = await initCityStore(cityDir, '2026-01-01T00:00:00.000Z');
  const s = await openSetUpStation();
  const dataDirectory = s.dataDirectory;
  try {
    // A station with a supervisor's key, the city's keys and many residents to send.
    await addStaff(s, 'supervisor');
    const text = JSON.stringify(publicJwkSetOf(ring));
    for (const key of await describeCurrentKeys(ring)) {
      await s.must('sync.importCityKey', {
        text,
        confirmedFingerprint: key.fingerprint,
        validFrom: '2026-01-01',
      });
    }
    await signInAs(s, 'supervisor');
    await s.must('sync.setUpSupervisorKey', { password: STAFF.supervisor.password });
    for (let i = 0; i < RESIDENTS; i++) {
      await s.must('resident.create', {
        resident: residentInput({ fullName: `Trần Văn ${nameFor(i)}`, personalId: '', phones: [] }),
      });
    }
    s.app.close();

    // The app as a process, killed (SIGKILL) while its export job runs.
    let shell = await startShellProcess(dataDirectory);
    let call = bridge(shell);
    const signIn = () =>
      call('auth.signIn', {
        username: STAFF.supervisor.username,
        password: STAFF.supervisor.password,
      });
    const exportInput = {
      password: STAFF.supervisor.password,
      selection: { from: null, to: null, kinds: ['resident'] },
    };
    await signIn();
    const started = await call<Job>('sync.startExport', exportInput);
    expect(started.state).toBe('running');
    await shell.kill();

    // After the restart: only whole bundles, each with all of its records listed.
    shell = await startShellProcess(dataDirectory);
    call = bridge(shell);
    await signIn();
    type Bundle = { id: string; records: number; counts: { pending: number } };
    const survivors = await call<Bundle[]>('sync.bundles', {});
    for (const b of survivors) expect(b.counts.pending).toBe(b.records);
    // The kill came while the one bundle was being sealed: nothing stored, nothing marked sent.
    expect(survivors).toHaveLength(0);
    const status = await call<{ pending: { total: number } }>('sync.status', {});
    expect(status.pending.total).toBe(RESIDENTS);

    // The export again: every resident goes out exactly once across all bundles.
    let job = await call<Job>('sync.startExport', exportInput);
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await call<Job>('sync.exportProgress', { jobId: job.jobId });
    }
    expect(job.state).toBe('done');
    const bundles = await call<Bundle[]>('sync.bundles', {});
    const cityKey = cityPrivateKeysOf(ring).decryptionKeys[0]!;
    const sent: string[] = [];
    for (const b of bundles) {
      const file = await call<{ base64: string }>('sync.bundleFile', { bundleId: b.id });
      const opened = await openBundle(Buffer.from(file.base64, 'base64').toString('utf8'), cityKey);
      sent.push(...opened.manifest.map((m) => `${m.resourceType}/${m.id}/${m.versionId}`));
    }
    expect(sent).toHaveLength(RESIDENTS);
    expect(new Set(sent).size).toBe(RESIDENTS);
    await shell.stop();
  } finally {
    rmSync(dataDirectory, { recursive: true, force: true });
    rmSync(cityDir, { recursive: true, force: true });
  }
});
