import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { DownloadError } from './errors';
import { proxyFor } from './proxy';

export interface GetOptions {
  readonly headers?: Readonly<Record<string, string>>;
  /** Where the proxy variables are read (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Extra certificate authorities to trust (tests; users have NODE_EXTRA_CA_CERTS). */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Give up on a connection that sends nothing for this long (ms). */
  readonly idleTimeoutMs?: number;
  readonly maxRedirects?: number;
}

export interface OpenedResponse {
  readonly response: http.IncomingMessage;
  /** The URL that answered, after redirects. */
  readonly url: string;
}

/** A connection that went quiet: retried like any other network failure. */
export class StalledError extends Error {
  override name = 'StalledError';
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function port(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function tlsOptions(options: GetOptions): { ca?: (string | Buffer)[] } {
  if (options.ca === undefined) return {};
  const extra = Array.isArray(options.ca) ? options.ca : [options.ca as string | Buffer];
  return { ca: [...tls.rootCertificates, ...extra] };
}

/** Opens a CONNECT tunnel through an http(s) proxy to the target's host and port. */
function tunnel(proxy: URL, target: URL, options: GetOptions): Promise<net.Socket> {
  const authority = `${target.hostname}:${port(target)}`;
  return new Promise((resolve, reject) => {
    const request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: port(proxy),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(proxy) },
      agent: false,
      ...tlsOptions(options),
    });
    request.once('connect', (response, socket, head) => {
      if (response.statusCode === 200) {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new DownloadError(`proxy ${proxy.host} refused to open a tunnel to ${authority}: HTTP ${response.statusCode} ${response.statusMessage ?? ''}`.trim()));
    });
    request.once('error', (error) => reject(new DownloadError(`proxy ${proxy.host}: ${error.message}`)));
    if (options.idleTimeoutMs) request.setTimeout(options.idleTimeoutMs, () => request.destroy(new StalledError(`proxy ${proxy.host} did not answer CONNECT within ${options.idleTimeoutMs} ms`)));
    request.end();
  });
}

/** One GET, direct or through the proxy the environment names; no redirects followed. */
async function requestOnce(target: URL, options: GetOptions): Promise<http.IncomingMessage> {
  const proxy = proxyFor(target, options.env ?? process.env);
  const headers: Record<string, string> = { 'user-agent': 'vpixmix-datasets (node)', accept: '*/*', ...options.headers };
  let request: http.ClientRequest;
  let tunnelSocket: net.Socket | undefined;
  if (!proxy) {
    request = (target.protocol === 'https:' ? https : http).request(target, { headers, agent: false, ...tlsOptions(options) });
  } else if (target.protocol === 'http:') {
    // A plain-http request goes to the proxy with the absolute URL as its path.
    request = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: port(proxy),
      path: target.href,
      headers: { ...headers, host: target.host, ...proxyAuthorization(proxy) },
      agent: false,
      ...tlsOptions(options),
    });
  } else {
    const socket = await tunnel(proxy, target, options);
    tunnelSocket = socket;
    const servername = target.hostname.replace(/^\[|\]$/g, '');
    request = https.request(target, {
      headers,
      ...tlsOptions(options),
      createConnection: () => tls.connect({ socket, servername: net.isIP(servername) ? undefined : servername, ...tlsOptions(options) }),
    });
  }
  return new Promise((resolve, reject) => {
    request.once('response', (response) => {
      // The body's own idle timer (in fetchToFile) takes over from here.
      request.setTimeout(0);
      // The tunnel's raw socket does not close with the TLS session on top of it.
      if (tunnelSocket) response.once('close', () => tunnelSocket?.destroy());
      resolve(response);
    });
    request.once('error', (error) => {
      tunnelSocket?.destroy();
      reject(error);
    });
    if (options.idleTimeoutMs) {
      const ms = options.idleTimeoutMs;
      request.setTimeout(ms, () => request.destroy(new StalledError(`${target.host} sent nothing for ${ms / 1000} s`)));
    }
    request.end();
  });
}

/** GET `url`, following redirects (Range and other headers kept), through a proxy where the environment sets one. */
export async function openGet(url: string, options: GetOptions = {}): Promise<OpenedResponse> {
  const maxRedirects = options.maxRedirects ?? 10;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new DownloadError(`${current.href}: only http:// and https:// URLs can be downloaded`);
    const response = await requestOnce(current, options);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.statusCode ?? 0) || !location) return { response, url: current.href };
    response.resume();
    if (hop >= maxRedirects) throw new DownloadError(`${url}: more than ${maxRedirects} redirects (last to ${location})`);
    current = new URL(location, current);
  }
}
