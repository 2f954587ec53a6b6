/**
 * The renderer's only way to the main process: `call(method, input)`. Under Electron it uses the
 * preload's `window.retain.invoke`; in a browser it POSTs to the local HTTP host with the launch
 * token. Nothing else in the renderer knows which host it runs under.
 *
 * Everything the transport needs from the page (the preload's bridge, `fetch`, the token) is
 * captured once, when this module is first loaded and before any card is shown. Card HTML can
 * add named elements to the page (`<a id="retain">` makes `window.retain` an element), so no
 * global is read at call time.
 */
import type { Input, Method, Output } from '../../../shared/api/contract';
import type { ApiResult, ErrorCode } from '../../../shared/api/errors';
import { appEventSchema, EVENT_CHANNEL, EVENT_STREAM_PATH, type AppEvent } from '../../../shared/api/app-events';
import type { StagedImport } from '../../../shared/api/import-contract';

declare global {
  interface Window {
    retain?: Bridge;
  }
}

export class ApiCallError extends Error {
  constructor(
    readonly code: ErrorCode | 'transport',
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

const TOKEN_KEY = 'retain.token';

/** Take the token from `?token=` once, keep it for this tab, and drop it from the address bar. */
function httpToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

type Bridge = {
  invoke(method: string, input: unknown): Promise<unknown>;
};

/** The preload's bridge, if this page has one: an object whose `invoke` is a function (an element never is). */
function captureBridge(): Bridge | null {
  const candidate: unknown = window.retain;
  if (typeof candidate !== 'object' || candidate === null || candidate instanceof Node) return null;
  const { invoke } = candidate as { invoke?: unknown };
  if (typeof invoke !== 'function') return null;
  return { invoke: invoke.bind(candidate) as Bridge['invoke'] };
}

const bridge = captureBridge();

/**
 * Under Electron, pushed events arrive on a MessagePort that the preload hands to the page once per
 * load (see src/preload). The first port is kept; listeners receive what comes through it.
 */
const portListeners = new Set<(event: unknown) => void>();
if (bridge) {
  let port: MessagePort | null = null;
  window.addEventListener('message', (e: MessageEvent) => {
    if (port || e.source !== window || e.data !== EVENT_CHANNEL || !e.ports[0]) return;
    port = e.ports[0];
    port.onmessage = (m: MessageEvent) => {
      for (const l of portListeners) l(m.data);
    };
  });
}
const fetchApi = window.fetch.bind(window);
const token = bridge ? '' : httpToken();

const EventSourceApi = typeof window.EventSource === 'function' ? window.EventSource : null;

async function invokeHttp(method: string, input: unknown, file?: File): Promise<ApiResult<unknown>> {
  const res = await fetchApi(
    file ? `/api/${encodeURIComponent(method)}?name=${encodeURIComponent(file.name)}` : `/api/${encodeURIComponent(method)}`,
    {
      method: 'POST',
      headers: { 'content-type': file ? 'application/octet-stream' : 'application/json', 'x-retain-token': token },
      body: file ?? JSON.stringify(input ?? {}),
    },
  );
  if (res.status === 401) throw new ApiCallError('transport', 'This page has no valid access token. Open the link printed by `npm run serve`.');
  if (!res.ok) throw new ApiCallError('transport', `The Retain server answered ${res.status}.`);
  return (await res.json()) as ApiResult<unknown>;
}

const unavailableListeners = new Set<() => void>();

/**
 * Be told when a call finds the collection unavailable: it can become so after the first screen,
 * when the start check finds the file damaged. Returns the function that stops listening.
 */
export function onCollectionUnavailable(listener: () => void): () => void {
  unavailableListeners.add(listener);
  return () => void unavailableListeners.delete(listener);
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = bridge
    ? ((await bridge.invoke(method, input)) as ApiResult<Output<M>>)
    : ((await invokeHttp(method, input)) as ApiResult<Output<M>>);
  if (!result.ok) {
    if (result.error.code === 'database_unavailable') for (const listener of unavailableListeners) listener();
    throw new ApiCallError(result.error.code, result.error.message);
  }
  return result.value;
}


/**
 * Send a file for import once; later calls refer to it by the answer's `stageId`. In a browser the
 * file is streamed as the raw request body; under Electron its bytes go over IPC as one ArrayBuffer.
 */
export async function stageFile(file: File): Promise<StagedImport> {
  const result = bridge
    ? ((await bridge.invoke('import.stage', { fileName: file.name, data: await file.arrayBuffer() })) as ApiResult<StagedImport>)
    : ((await invokeHttp('import.stage', null, file)) as ApiResult<StagedImport>);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value;
}

/**
 * Listen to what the main process pushes (import progress): an IPC event under Electron,
 * Server-Sent Events in a browser. Anything that does not match the contract's event schema is
 * ignored. Returns the function that stops listening.
 */
export function onEvent(listener: (event: AppEvent) => void): () => void {
  const deliver = (raw: unknown): void => {
    const parsed = appEventSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
  };
  if (bridge) {
    portListeners.add(deliver);
    return () => void portListeners.delete(deliver);
  }
  if (!EventSourceApi) return () => undefined;
  const source = new EventSourceApi(`${EVENT_STREAM_PATH}?token=${encodeURIComponent(token)}`);
  source.onmessage = (e: MessageEvent<string>) => {
    try {
      deliver(JSON.parse(e.data));
    } catch {
      // not JSON: ignored
    }
  };
  return () => source.close();
}
