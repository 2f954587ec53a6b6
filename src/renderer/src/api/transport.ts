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

declare global {
  interface Window {
    retain?: { invoke(method: string, input: unknown): Promise<unknown> };
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

type Bridge = { invoke(method: string, input: unknown): Promise<unknown> };

/** The preload's bridge, if this page has one: an object whose `invoke` is a function (an element never is). */
function captureBridge(): Bridge | null {
  const candidate: unknown = window.retain;
  if (typeof candidate !== 'object' || candidate === null || candidate instanceof Node) return null;
  const invoke: unknown = (candidate as { invoke?: unknown }).invoke;
  return typeof invoke === 'function' ? { invoke: invoke.bind(candidate) as Bridge['invoke'] } : null;
}

const bridge = captureBridge();
const fetchApi = window.fetch.bind(window);
const token = bridge ? '' : httpToken();

async function invokeHttp(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const res = await fetchApi(`/api/${encodeURIComponent(method)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-retain-token': token },
    body: JSON.stringify(input ?? {}),
  });
  if (res.status === 401) throw new ApiCallError('transport', 'This page has no valid access token. Open the link printed by `npm run serve`.');
  if (!res.ok) throw new ApiCallError('transport', `The Retain server answered ${res.status}.`);
  return (await res.json()) as ApiResult<unknown>;
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const result = bridge
    ? ((await bridge.invoke(method, input)) as ApiResult<Output<M>>)
    : ((await invokeHttp(method, input)) as ApiResult<Output<M>>);
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value;
}

