import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  cityPrivateKeysOf,
  describeCurrentKeys,
  publicJwkSetOf,
} from '../../../src-main/city-store/city-keys';
import { initCityStore, openCityStoreDatabase } from '../../../src-main/city-store/data-directory';
import { startCityStoreServer } from '../../../src-main/city-store/server';
import { readEnrollment } from '../../../src-main/sync/keys';
import { openBundle } from '../../../src-main/sync/envelope';
import { TOKEN_HEADER } from '../../../src-main/web-shell/server';
import type { Channel } from '../../../src-shared/ipc/channels';
import type { Result } from '../../../src-shared/ipc/errors';
import { addStaff, openSetUpStation, residentInput, signInAs, STAFF } from '../../support/station';
import { startShellProcess, type ShellProcess } from '../../support/web-shell-process';

/** Enough residents that sealing their bundle takes a moment: the kill lands inside it. */
const RESIDENTS = 10_000;

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

/**
 * Stands between the station and the city: forwards the bundle, lets the city store it, and
 * holds the city's answer back until released — so the station can be killed after the city
 * has the bundle but before the receipt reaches the station.
 */
async function holdingProxy(target: string) {
  let arrived: () => void = () => undefined;
  const arrival = new Promise<void>((resolve) => (arrived = resolve));
  let holding = true;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const answer = await fetch(`${target}${req.url ?? ''}`, {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/jose+json' },
          body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
        });
        const body = Buffer.from(await answer.arrayBuffer());
        arrived();
        if (holding) return; // the station dies waiting; its socket simply closes
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? '' });
        res.end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    arrival,
    release: () => (holding = false),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('the app killed while the city answers an upload marks nothing; the next upload gets the same receipt and the city keeps each record once', async () => {
  const cityDir = mkdtempSync(join(tmpdir(), 'city-upload-kill-'));
  const ring = await initCityStore(cityDir, '2026-01-01T00:00:00.000Z');
  const storage = openCityStoreDatabase(cityDir);
  const city = await startCityStoreServer({ storage, cityKeys: cityPrivateKeysOf(ring), port: 0 });
  const proxy = await holdingProxy(city.url);
  const s = await openSetUpStation();
  const dataDirectory = s.dataDirectory;
  try {
    await addStaff(s, 'supervisor');
    const text = JSON.stringify(publicJwkSetOf(ring));
    for (const key of await describeCurrentKeys(ring)) {
      await s.must('sync.importCityKey', {
        text,
        confirmedFingerprint: key.fingerprint,
        validFrom: '2026-01-01',
      });
    }
    await s.must('sync.configure', { cityStoreUrl: proxy.url });
    await signInAs(s, 'supervisor');
    await s.must('sync.setUpSupervisorKey', { password: STAFF.supervisor.password });
    for (let i = 0; i < 20; i++) {
      await s.must('resident.create', {
        resident: residentInput({ fullName: `Lê Thị ${nameFor(i)}`, personalId: '', phones: [] }),
      });
    }
    storage.enrollStation(
      await readEnrollment((await s.must('sync.enrollment', {})).text),
      '2026-01-01T00:00:00.000Z',
    );
    s.app.close();

    let shell = await startShellProcess(dataDirectory);
    let call = bridge(shell);
    const signIn = () =>
      call('auth.signIn', {
        username: STAFF.supervisor.username,
        password: STAFF.supervisor.password,
      });
    await signIn();
    let job = await call<Job>('sync.startExport', {
      password: STAFF.supervisor.password,
      selection: { from: null, to: null, kinds: ['resident'] },
    });
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await call<Job>('sync.exportProgress', { jobId: job.jobId });
    }
    expect(job.bundles).toHaveLength(1);

    // The city stores the bundle; the station is killed before the receipt reaches it.
    void call('sync.upload', { bundleIds: [] }).catch(() => undefined);
    await proxy.arrival;
    await shell.kill();
    expect(storage.counts()).toMatchObject({ bundles: 1, resourceVersions: 20 });

    // After the restart nothing was marked sent; the upload again gets the city's receipt.
    proxy.release();
    shell = await startShellProcess(dataDirectory);
    call = bridge(shell);
    await signIn();
    type Status = { awaitingReceipt: number };
    type Bundle = { state: string; counts: { accepted: number; pending: number } };
    expect(await call<Status>('sync.status', {})).toMatchObject({ awaitingReceipt: 1 });
    expect(await call<Bundle[]>('sync.bundles', {})).toMatchObject([
      { state: 'exported', counts: { accepted: 0, pending: 20 } },
    ]);
    const outcomes = await call<{ outcome: string }[]>('sync.upload', { bundleIds: [] });
    expect(outcomes.map((o) => o.outcome)).toEqual(['receipted']);
    expect(await call<Status>('sync.status', {})).toMatchObject({ awaitingReceipt: 0 });
    expect(await call<Bundle[]>('sync.bundles', {})).toMatchObject([
      { state: 'receipted', counts: { accepted: 20, pending: 0 } },
    ]);
    // The city holds the bundle and each record once.
    expect(storage.counts()).toMatchObject({ bundles: 1, resourceVersions: 20 });
    await shell.stop();
  } finally {
    await proxy.close();
    await city.close();
    storage.close();
    rmSync(dataDirectory, { recursive: true, force: true });
    rmSync(cityDir, { recursive: true, force: true });
  }
});
