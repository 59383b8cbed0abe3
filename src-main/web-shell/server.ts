import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { fail, type Result } from '../../src-shared/ipc/errors';
import type { StationApp } from '../app/station-app';

/**
 * The browser shell: the same dispatch, handlers and SQLite as the Electron app, behind a
 * loopback HTTP bridge, for trying and testing the app where Electron cannot run. Only this
 * machine can reach it (127.0.0.1), and only a caller holding the per-run token, which is
 * handed over in the URL fragment (never sent to the server, never logged by it).
 */
export const TOKEN_HEADER = 'x-ward-token';
export const MAX_BODY_BYTES = 1024 * 1024;
/** A backup file travels as base64 in the body of these (token-holders only, as all calls). */
export const MAX_BACKUP_BODY_BYTES = 256 * 1024 * 1024;
const BACKUP_UPLOADS: ReadonlySet<string> = new Set(['backup.inspect', 'backup.restore']);

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface WebShell {
  url: string;
  /** The URL to open: carries the token in its fragment. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

export interface WebShellOptions {
  app: StationApp;
  rendererDirectory: string;
  port?: number;
  token?: string;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  res.end(body);
}

function sendResult(res: ServerResponse, status: number, result: Result<unknown>): void {
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const root = resolve(options.rendererDirectory);
  let origin = '';

  const handleIpc = async (
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
  ): Promise<void> => {
    // Loopback only, our own origin only (a web page elsewhere cannot call in), token required.
    if (req.headers.host !== new URL(origin).host) {
      return sendResult(res, 403, fail('FORBIDDEN', 'Wrong host.'));
    }
    if (req.headers.origin !== undefined && req.headers.origin !== origin) {
      return sendResult(res, 403, fail('FORBIDDEN', 'Wrong origin.'));
    }
    const header = req.headers[TOKEN_HEADER];
    if (!sameSecret(Array.isArray(header) ? header[0] : header, token)) {
      return sendResult(res, 403, fail('FORBIDDEN', 'Missing or wrong bridge token.'));
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendResult(res, 415, fail('INVALID_INPUT', 'Send JSON.'));
    }
    const body = await readBody(
      req,
      BACKUP_UPLOADS.has(channel) ? MAX_BACKUP_BODY_BYTES : MAX_BODY_BYTES,
    );
    if (body === null)
      return sendResult(res, 413, fail('INVALID_INPUT', 'Request body too large.'));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendResult(res, 400, fail('INVALID_INPUT', 'The request body is not JSON.'));
    }
    // Channel names are plain `domain.verb`; anything else is an unknown channel (404),
    // answered as data like every other refusal.
    const result = await options.app.dispatch(channel, input);
    const unknown = !result.ok && result.error.code === 'UNKNOWN_CHANNEL';
    sendResult(res, unknown ? 404 : 200, result);
  };

  const handleStatic = async (res: ServerResponse, pathname: string): Promise<void> => {
    let relative: string;
    try {
      relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname.slice(1));
    } catch {
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
    const file = resolve(join(root, relative));
    if (!file.startsWith(root + sep))
      return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    try {
      send(res, 200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      return send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
    }
    const ipc = /^\/ipc\/([^/]+)$/.exec(pathname);
    if (ipc && req.method === 'POST') return handleIpc(req, res, ipc[1] as string);
    if (req.method === 'GET') return handleStatic(res, pathname);
    send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[web-shell]', error);
      if (!res.headersSent) sendResult(res, 500, fail('INTERNAL', 'Unexpected error.'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
