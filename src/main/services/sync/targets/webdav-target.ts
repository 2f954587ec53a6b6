/**
 * A WebDAV target (Nextcloud, ownCloud, a NAS, `rclone serve webdav`), spoken with the platform's
 * fetch: PROPFIND to list, GET, PUT to a temporary name then MOVE onto the real one, DELETE, MKCOL.
 * The PROPFIND answer is read with fast-xml-parser (namespaces differ between servers).
 */
import { XMLParser } from 'fast-xml-parser';
import { bodyUpTo, READ_LIMIT_BYTES, SyncTargetError, tempNameFor, type SyncTarget, type TargetEntry } from './sync-target';

export interface WebdavOptions {
  url: string;
  username: string;
  password: string;
  /** Per request (default 120 s). */
  timeoutMs?: number;
}

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface DavResponse {
  href?: string;
  propstat?: { prop?: { resourcetype?: unknown } } | Array<{ prop?: { resourcetype?: unknown } }>;
}

function isCollection(r: DavResponse): boolean {
  return asArray(r.propstat).some((p) => typeof p.prop?.resourcetype === 'object' && p.prop.resourcetype !== null && 'collection' in p.prop.resourcetype);
}

/** The entries of a PROPFIND Depth: 1 answer, without the folder itself. */
export function parseMultistatus(body: string, folderPath: string): TargetEntry[] {
  let doc: { multistatus?: { response?: DavResponse | DavResponse[] } };
  try {
    doc = xml.parse(body) as typeof doc;
  } catch (err) {
    throw new SyncTargetError('other', `The server's folder listing is not WebDAV (${err instanceof Error ? err.message : String(err)}): is this the WebDAV address?`);
  }
  if (typeof doc !== 'object' || doc === null || !doc.multistatus) throw new SyncTargetError('other', "The server's folder listing is not WebDAV: is this the WebDAV address?");
  const self = decodeURIComponent(folderPath).replace(/\/+$/, '');
  const entries: TargetEntry[] = [];
  for (const r of asArray(doc.multistatus?.response)) {
    if (typeof r.href !== 'string') continue;
    let path: string;
    try {
      path = decodeURIComponent(new URL(r.href, 'http://x').pathname).replace(/\/+$/, '');
    } catch {
      continue;
    }
    if (path === self || path === '') continue;
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (name) entries.push({ name, folder: isCollection(r) || r.href.endsWith('/') });
  }
  return entries;
}

export function createWebdavTarget(options: WebdavOptions): SyncTarget {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const label = `the WebDAV server ${base.origin}${base.pathname}`;
  const auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const urlOf = (path: string, folder = false): URL => new URL(path.split('/').map(encodeURIComponent).join('/') + (folder ? '/' : ''), base);

  const request = async (method: string, url: URL, init: { headers?: Record<string, string>; body?: Uint8Array | string } = {}): Promise<Response> => {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { Authorization: auth, ...init.headers },
        body: init.body as BodyInit | undefined,
        redirect: 'follow',
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
      throw new SyncTargetError('unreachable', `${label} cannot be reached (${why}). Check the address and the network.`);
    }
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel();
      throw new SyncTargetError('auth', `${label} refused the user name or password (HTTP ${res.status}).`);
    }
    if (res.status === 507) {
      await res.body?.cancel();
      throw new SyncTargetError('out_of_space', `${label} is out of space (HTTP 507): free some space or raise the quota, then sync again.`);
    }
    return res;
  };
  const fail = async (res: Response, what: string): Promise<never> => {
    const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
    throw new SyncTargetError(res.status >= 500 ? 'unreachable' : 'other', `${label} failed ${what} (HTTP ${res.status} ${res.statusText}${text ? `: ${text}` : ''}).`);
  };

  return {
    label,
    async list(folder) {
      const url = urlOf(folder, true);
      const res = await request('PROPFIND', url, {
        headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
        body: '<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/></d:prop></d:propfind>',
      });
      if (res.status === 404) {
        await res.body?.cancel();
        return [];
      }
      if (res.status !== 207 && res.status !== 200) return fail(res, `listing ${folder}`);
      // A listing is small; a server that sends more than 32 MiB is cut short (and fails to parse).
      return parseMultistatus(Buffer.from(await bodyUpTo(res, 32 * 1024 * 1024)).toString('utf8'), url.pathname);
    },
    async read(path) {
      const res = await request('GET', urlOf(path));
      if (res.status === 404) {
        await res.body?.cancel();
        return null;
      }
      if (!res.ok) return fail(res, `reading ${path}`);
      return bodyUpTo(res, READ_LIMIT_BYTES);
    },
    async write(path, data) {
      const slash = path.lastIndexOf('/');
      const temp = `${path.slice(0, slash + 1)}${tempNameFor(path.slice(slash + 1))}`;
      const put = await request('PUT', urlOf(temp), { headers: { 'Content-Type': 'application/octet-stream' }, body: data });
      if (!put.ok) return fail(put, `writing ${path}`);
      await put.body?.cancel();
      const move = await request('MOVE', urlOf(temp), { headers: { Destination: urlOf(path).href, Overwrite: 'T' } });
      if (!move.ok) {
        await request('DELETE', urlOf(temp)).then((r) => r.body?.cancel()).catch(() => undefined);
        return fail(move, `renaming ${path}`);
      }
      await move.body?.cancel();
    },
    async remove(path) {
      const res = await request('DELETE', urlOf(path));
      if (!res.ok && res.status !== 404) return fail(res, `deleting ${path}`);
      await res.body?.cancel();
    },
    async makeFolder(path) {
      const parts = path.split('/');
      for (let i = 1; i <= parts.length; i++) {
        const res = await request('MKCOL', urlOf(parts.slice(0, i).join('/'), true));
        // 405: it exists already. 409 on the first part: the address's own folder is missing.
        if (res.status === 409 && i === 1) {
          await res.body?.cancel();
          throw new SyncTargetError('unreachable', `${label}: that folder does not exist on the server. Create it, or correct the address.`);
        }
        if (!res.ok && res.status !== 405) return fail(res, `making the folder ${parts.slice(0, i).join('/')}`);
        await res.body?.cancel();
      }
    },
  };
}
