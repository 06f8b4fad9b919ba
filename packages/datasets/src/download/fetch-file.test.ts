import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveServer } from '../fixtures/archive-server';
import { DownloadNetworkError, HttpStatusError, SizeMismatchError, UnexpectedContentError } from './errors';
import { type FetchProgress, fetchToFile } from './fetch-file';
import { bypassesProxy, proxyFor } from './proxy';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vpixmix-fetch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const body = crypto.randomBytes(300_000);
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
/** Fast retries, no proxy from the machine's environment. */
const quick = { env: {}, backoffMs: 5, idleTimeoutMs: 2000 };

let server: ArchiveServer;
beforeAll(async () => {
  server = await ArchiveServer.start();
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

let n = 0;
const target = () => path.join(dir, `file-${++n}.bin`);

describe('fetchToFile', () => {
  it('streams a file, reports progress with the total, and leaves no part file', async () => {
    server.serve('a.bin', body);
    const dest = target();
    const seen: FetchProgress[] = [];
    const result = await fetchToFile(server.url('a.bin'), dest, { ...quick, onProgress: (p) => seen.push(p) });
    expect(result).toEqual({ bytes: body.length, resumedFrom: 0 });
    expect(sha(fs.readFileSync(dest))).toBe(sha(body));
    expect(seen.at(-1)).toMatchObject({ received: body.length, total: body.length, sessionBytes: body.length });
    expect(fs.existsSync(`${dest}.part`) || fs.existsSync(`${dest}.part.json`)).toBe(false);
  });

  it('resumes with a Range request after the connection is cut, within one call', async () => {
    server.serve('cut.bin', body, { cutAfter: { bytes: 100_000, times: 2 } });
    const dest = target();
    const notes: string[] = [];
    await fetchToFile(server.url('cut.bin'), dest, { ...quick, onNote: (t) => notes.push(t) });
    expect(sha(fs.readFileSync(dest))).toBe(sha(body));
    // Every byte that arrived before a cut is kept: each resume starts exactly there.
    expect(server.requests.map((r) => r.range)).toEqual([undefined, 'bytes=100000-', 'bytes=200000-']);
    // If-Range carries the ETag, so a changed file is sent whole rather than spliced.
    expect(server.requests[1].ifRange).toMatch(/^"[0-9a-f]{32}"$/);
    expect(notes.some((t) => t.startsWith('resuming'))).toBe(true);
  });

  it('resumes in a later run from the part file an interrupted run left', async () => {
    server.serve('later.bin', body, { trickle: { chunk: 10_000, delayMs: 5 } });
    const dest = target();
    const stop = new AbortController();
    const first = fetchToFile(server.url('later.bin'), dest, { ...quick, signal: stop.signal, onProgress: (p) => p.received >= 120_000 && stop.abort() });
    await expect(first).rejects.toBeInstanceOf(DownloadNetworkError);
    await expect(first).rejects.toThrow(/interrupted \(1 attempt\)\. What arrived is kept in .*\.part; run the same command again to resume/);
    const kept = fs.statSync(`${dest}.part`).size;
    expect(kept).toBeGreaterThanOrEqual(110_000);
    server.behave('later.bin', {});
    const second = await fetchToFile(server.url('later.bin'), dest, quick);
    expect(second.resumedFrom).toBe(kept);
    expect(server.requests.at(-1)?.range).toBe(`bytes=${kept}-`);
    expect(sha(fs.readFileSync(dest))).toBe(sha(body));
  });

  it('starts over when the server ignores the Range request', async () => {
    server.serve('norange.bin', body, { cutAfter: { bytes: 50_000 }, noRanges: true });
    const dest = target();
    const notes: string[] = [];
    await fetchToFile(server.url('norange.bin'), dest, { ...quick, onNote: (t) => notes.push(t) });
    expect(sha(fs.readFileSync(dest))).toBe(sha(body));
    expect(notes).toContain('the server sent the whole file instead of the rest; starting over');
  });

  it('answers a 404 at once with a typed error naming the URL (no retries)', async () => {
    const url = server.url('missing.tar');
    const error = await fetchToFile(url, target(), quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as HttpStatusError).status).toBe(404);
    expect((error as Error).message).toBe(`${url}: HTTP 404 Not Found. The file is not at that address: check --mirror, or the URL in the data set table.`);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a 5xx with backoff, then reports the status', async () => {
    server.serve('busy.bin', body, { status: 503 });
    const error = await fetchToFile(server.url('busy.bin'), target(), { ...quick, retries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as Error).message).toMatch(/HTTP 503 Service Unavailable\. The server failed/);
    expect(server.requests).toHaveLength(3);
  });

  it('finishes from a slow server, resumes one that pauses past the idle timeout, gives up on a silent one', async () => {
    server.serve('slow.bin', body.subarray(0, 20_000), { trickle: { chunk: 2000, delayMs: 15 } });
    const slow = target();
    await fetchToFile(server.url('slow.bin'), slow, { ...quick, idleTimeoutMs: 1000 });
    expect(fs.statSync(slow).size).toBe(20_000);

    server.serve('pausing.bin', body.subarray(0, 12_000), { trickle: { chunk: 4000, delayMs: 300 } });
    const pausing = target();
    await fetchToFile(server.url('pausing.bin'), pausing, { ...quick, idleTimeoutMs: 100, retries: 1 });
    expect(sha(fs.readFileSync(pausing))).toBe(sha(body.subarray(0, 12_000)));
    expect(server.requests.filter((r) => r.path === '/pausing.bin').map((r) => r.range)).toEqual([undefined, 'bytes=4000-', 'bytes=8000-']);

    server.serve('silent.bin', body.subarray(0, 20_000), { stallAt: 5000 });
    const silent = target();
    const error = await fetchToFile(server.url('silent.bin'), silent, { ...quick, idleTimeoutMs: 100, retries: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadNetworkError);
    expect((error as Error).message).toMatch(/no data for 0.1 s \(4 attempts\)/);
    expect(fs.statSync(`${silent}.part`).size).toBe(5000);
  });

  it('refuses an announced size other than the recorded one, and an HTML page, before saving anything', async () => {
    server.serve('sized.bin', body);
    const dest = target();
    await expect(fetchToFile(server.url('sized.bin'), dest, { ...quick, expectedBytes: 1234 })).rejects.toBeInstanceOf(SizeMismatchError);
    expect(fs.existsSync(`${dest}.part`)).toBe(false);
    server.serve('page.bin', Buffer.from('<html>quota exceeded</html>'), { contentType: 'text/html; charset=utf-8' });
    await expect(fetchToFile(server.url('page.bin'), target(), quick)).rejects.toBeInstanceOf(UnexpectedContentError);
  });
});

describe('proxies from the standard variables', () => {
  it('reads HTTP(S)_PROXY and NO_PROXY as curl does', () => {
    const env = { HTTPS_PROXY: 'proxy.example:3128', http_proxy: 'http://u:p@other:8080', NO_PROXY: 'localhost,.internal.org,10.0.0.0/8,example.com:8443' };
    expect(proxyFor(new URL('https://zenodo.org/x'), env)?.href).toBe('http://proxy.example:3128/');
    expect(proxyFor(new URL('http://www.cs.toronto.edu/x'), env)?.host).toBe('other:8080');
    expect(proxyFor(new URL('https://localhost/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://a.b.internal.org/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('http://10.1.2.3/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://example.com:8443/x'), env)).toBeUndefined();
    expect(proxyFor(new URL('https://example.com/x'), env)).toBeDefined();
    expect(bypassesProxy(new URL('http://anything/'), '*')).toBe(true);
    expect(() => proxyFor(new URL('https://x/'), { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/HTTPS_PROXY='socks5:\/\/p:1080' is not an http/);
  });

  /** A forwarding proxy: absolute-URL GETs and CONNECT tunnels, counting what it carried. */
  async function startProxy(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
    const seen: string[] = [];
    const proxy = http.createServer((req, res) => {
      seen.push(`GET ${req.url} auth=${req.headers['proxy-authorization'] ?? '-'}`);
      const { 'proxy-authorization': _auth, ...headers } = req.headers;
      const upstream = http.request(req.url as string, { headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      upstream.end();
    });
    proxy.on('connect', (req, client, head) => {
      seen.push(`CONNECT ${req.url}`);
      const [host, port] = (req.url as string).split(':');
      const upstream = net.connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as net.AddressInfo).port;
    return {
      url: `http://user:secret@127.0.0.1:${port}`,
      seen,
      close: async () => {
        proxy.closeAllConnections();
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
      },
    };
  }

  it('fetches http through HTTP_PROXY and https through a CONNECT tunnel, unless NO_PROXY says not to', async () => {
    const proxy = await startProxy();
    const testdata = path.join(__dirname, 'testdata');
    const cert = fs.readFileSync(path.join(testdata, 'localhost-cert.pem'));
    const secure = https.createServer({ cert, key: fs.readFileSync(path.join(testdata, 'localhost-key.pem')) }, (_req, res) => {
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    try {
      server.serve('proxied.bin', body);
      const plain = target();
      await fetchToFile(server.url('proxied.bin'), plain, { ...quick, env: { HTTP_PROXY: proxy.url } });
      expect(sha(fs.readFileSync(plain))).toBe(sha(body));
      expect(proxy.seen[0]).toBe(`GET ${server.url('proxied.bin')} auth=Basic ${Buffer.from('user:secret').toString('base64')}`);

      const port = (secure.address() as net.AddressInfo).port;
      const tunnelled = target();
      await fetchToFile(`https://localhost:${port}/data.bin`, tunnelled, { ...quick, ca: cert, env: { https_proxy: proxy.url } });
      expect(sha(fs.readFileSync(tunnelled))).toBe(sha(body));
      expect(proxy.seen[1]).toBe(`CONNECT localhost:${port}`);

      await fetchToFile(server.url('proxied.bin'), target(), { ...quick, env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      expect(proxy.seen).toHaveLength(2);
    } finally {
      secure.closeAllConnections();
      await new Promise<void>((resolve) => secure.close(() => resolve()));
      await proxy.close();
    }
  });
});
