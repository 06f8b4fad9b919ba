import { DownloadSetupError } from './errors';

/**
 * The proxy for a URL from the standard variables, as curl and wget read them:
 * HTTPS_PROXY / https_proxy for https URLs, HTTP_PROXY / http_proxy for http URLs
 * (ALL_PROXY / all_proxy for either), unless NO_PROXY / no_proxy lists the host.
 */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): URL | undefined {
  if (bypassesProxy(target, env.NO_PROXY ?? env.no_proxy ?? '')) return undefined;
  const names = target.protocol === 'https:' ? ['HTTPS_PROXY', 'https_proxy'] : ['HTTP_PROXY', 'http_proxy'];
  const variable = [...names, 'ALL_PROXY', 'all_proxy'].find((n) => (env[n] ?? '').trim() !== '');
  if (!variable) return undefined;
  const value = env[variable] as string;
  // "proxy:3128" without a scheme means an http proxy, as curl reads it.
  const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? value.trim() : `http://${value.trim()}`;
  try {
    const proxy = new URL(text);
    if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') throw new Error(`unsupported proxy scheme '${proxy.protocol}'`);
    return proxy;
  } catch (error) {
    throw new DownloadSetupError(`${variable}='${value}' is not an http:// or https:// proxy URL (${(error as Error).message}); fix or unset it.`);
  }
}

function defaultPort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * NO_PROXY: comma- or space-separated entries; '*' matches everything; 'example.com' and
 * '.example.com' match the host and its subdomains; 'host:port' only that port; an IP
 * address or CIDR block (IPv4) matches those addresses.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = defaultPort(target);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.startsWith('[') ? entry.replace(/^\[(.*)\](.*)$/, '$1$2') : entry);
    const name = (match?.[1] ?? entry).replace(/^\*?\./, '');
    const entryPort = match?.[2];
    if (entryPort && entryPort !== port) continue;
    if (name.includes('/') && inCidr(host, name)) return true;
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const address = ipv4(host);
  const network = ipv4(base);
  const bits = Number(bitsText);
  if (address === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}
