import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { connect, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStationApp, type StationApp } from '../../../src-main/app/station-app';
import { FileSecretStore } from '../../../src-main/security/secret-store';
import {
  MAX_BODY_BYTES,
  startWebShell,
  TOKEN_HEADER,
  type WebShell,
} from '../../../src-main/web-shell/server';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: () => { ok: boolean; value?: unknown; error?: { code: string } };
}

let scratch: string;
let app: StationApp;
let shell: WebShell;
let boundAddress: unknown;

const SECRET = 'SECRET-NEXT-TO-THE-RENDERER';

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'ward-shell-'));
  const data = join(scratch, 'data');
  const renderer = join(scratch, 'renderer');
  mkdirSync(data);
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Trạm Y tế</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ secret: SECRET }));
  app = openStationApp({
    dataDirectory: data,
    shell: 'browser',
    version: 'test',
    secretStore: new FileSecretStore(data),
  });
  const listen = vi.spyOn(Server.prototype, 'listen');
  try {
    shell = await startWebShell({ app, rendererDirectory: renderer });
    boundAddress = (listen.mock.contexts[0] as Server).address();
  } finally {
    listen.mockRestore();
  }
});

afterAll(async () => {
  await shell?.close();
  app?.close();
  rmSync(scratch, { recursive: true, force: true });
});

function send(options: {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: shell.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text) as ReturnType<Reply['json']>,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Sends bytes exactly as written (for request lines no well-behaved client would send) and
 * returns the status line. A server that never answers is reported after an idle period as
 * 'no answer' — a failure, not a measurement.
 */
function sendRaw(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(shell.port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('close', () => resolve(received.split('\r\n')[0] || 'no answer'));
    socket.on('error', () => resolve('connection error'));
    socket.setTimeout(2000, () => socket.destroy());
    socket.write(text);
  });
}

function ipc(
  channel: string,
  body: unknown = {},
  headers: Record<string, string | number> = {},
): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/ipc/${channel}`,
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token, ...headers },
    body: JSON.stringify(body),
  });
}

describe('the browser shell', () => {
  it('listens on the loopback address 127.0.0.1 only', () => {
    expect(boundAddress).toMatchObject({ address: '127.0.0.1', family: 'IPv4', port: shell.port });
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}`);
  });

  it('hands the token over in the URL fragment only, never in the path or query', () => {
    const launch = new URL(shell.launchUrl);
    expect(launch.origin).toBe(shell.url);
    expect(launch.pathname).toBe('/');
    expect(launch.search).toBe('');
    expect(launch.hash).toBe(`#token=${shell.token}`);
    expect(shell.url).not.toContain(shell.token);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call that carries the token', async () => {
    const reply = await ipc('app.info');
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ ok: true, value: { shell: 'browser', version: 'test' } });
  });

  it('refuses a call without the token', async () => {
    const reply = await send({
      method: 'POST',
      path: '/ipc/app.info',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(403);
    expect(reply.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a call with a wrong token, of the same length or not', async () => {
    const sameLength = shell.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    for (const token of [sameLength, 'guess', `${shell.token}x`]) {
      const reply = await ipc('app.info', {}, { [TOKEN_HEADER]: token });
      expect(reply.status, token).toBe(403);
      expect(reply.json().error?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a call addressed to another host name (DNS rebinding)', async () => {
    for (const host of [`localhost:${shell.port}`, 'evil.example', `evil.example:${shell.port}`]) {
      const reply = await ipc('app.info', {}, { host });
      expect(reply.status, host).toBe(403);
      expect(reply.json().error?.code).toBe('FORBIDDEN');
    }
  });

  it('refuses a call made by a page of another origin, accepts one from its own page', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${shell.port}`, 'null']) {
      const reply = await ipc('app.info', {}, { origin });
      expect(reply.status, origin).toBe(403);
      expect(reply.json().error?.code).toBe('FORBIDDEN');
    }
    const own = await ipc('app.info', {}, { origin: shell.url });
    expect(own.status).toBe(200);
    expect(own.json().ok).toBe(true);
  });

  it('refuses a body larger than 1 MiB with 413', async () => {
    const big = JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const reply = await send({
      method: 'POST',
      path: '/ipc/resident.search',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token },
      body: big,
    });
    expect(reply.status).toBe(413);
    expect(reply.json().error?.code).toBe('INVALID_INPUT');
  });

  it('refuses a body that is not JSON with 400, and a non-JSON content type with 415', async () => {
    const notJson = await send({
      method: 'POST',
      path: '/ipc/app.info',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token },
      body: '{"query": ',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json().error?.code).toBe('INVALID_INPUT');
    const form = await send({
      method: 'POST',
      path: '/ipc/app.info',
      headers: { 'content-type': 'text/plain', [TOKEN_HEADER]: shell.token },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('returns the same error codes as the desktop app for unknown channels and bad input', async () => {
    expect((await ipc('resident.delete')).json().error?.code).toBe('UNKNOWN_CHANNEL');
    expect((await ipc('setup.status', { extra: 1 })).json().error?.code).toBe('INVALID_INPUT');
    expect((await ipc('resident.search', { query: 'anh' })).json().error?.code).toBe(
      'NOT_SIGNED_IN',
    );
  });

  it('serves the app page with a Content-Security-Policy', async () => {
    const reply = await send({ path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.text).toContain('Trạm Y tế');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves the scripts of the renderer with their type', async () => {
    const reply = await send({ path: '/assets/app.js' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%5cpackage.json',
    '/%2fetc%2fpasswd',
    // The browser shell's database key file, in the data directory beside the renderer here.
    '/../data/station-database.key',
    '/%2e%2e/data/station-database.key',
  ])('never serves a file outside the renderer: %s → 404', async (path) => {
    const reply = await send({ path });
    expect(reply.status).toBe(404);
    expect(reply.text).not.toContain(SECRET);
    expect(reply.text).not.toContain('root:');
    const key = new FileSecretStore(join(scratch, 'data')).load('station-database');
    expect(key).not.toBeNull();
    expect(reply.text).not.toContain(key?.toString('hex'));
  });

  it('answers 404 for a missing page and 405 for other methods', async () => {
    expect((await send({ path: '/missing.html' })).status).toBe(404);
    expect((await send({ method: 'DELETE', path: '/' })).status).toBe(405);
  });

  it('answers a request for an address with broken percent-encoding as not found, not as a crash', async () => {
    const page = await send({ path: '/%E0%A4%A' });
    expect(page.status).toBe(404);
    const call = await send({
      method: 'POST',
      path: '/ipc/%E0%A4%A',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: shell.token },
      body: '{}',
    });
    expect([400, 404]).toContain(call.status);
  });

  it('answers 400 to a malformed absolute URL in the request line and keeps serving', async () => {
    const host = `Host: 127.0.0.1:${shell.port}\r\nConnection: close\r\n`;
    expect(await sendRaw(`GET http://[/ HTTP/1.1\r\n${host}\r\n`)).toBe('HTTP/1.1 400 Bad Request');
    expect(await sendRaw(`GET / HTTP/1.1\r\n${host}\r\n`)).toBe('HTTP/1.1 200 OK');
  });
});
