// Calls of the REST API (/api/v1, schemas/openapi.json) with the signed-in token. The token lives
// in sessionStorage: it is this tab's and is gone when the tab closes (docs/web.md).

const TOKEN_KEY = 'itaku.token';

export class ApiError extends Error {
  // status: HTTP status (0 when the server could not be reached); code, message and path as the
  // API sends them ({code, message, path}, path a JSON Pointer or a parameter name).
  constructor(status, code, message, path = '') {
    super(message);
    this.status = status;
    this.code = code;
    this.path = path || '';
  }
}

export function token() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return '';
  }
}

export function setToken(value) {
  try {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused: the caller learns at the next call that nobody is signed in.
  }
}

// Listeners told when the server says the token is no longer good (401), so the app can send
// the user back to sign-in instead of showing empty pages.
const unauthorisedListeners = new Set();
export function onUnauthorised(listener) {
  unauthorisedListeners.add(listener);
}

// anonymous: send no token (public routes). signingIn: a 401 means a wrong token typed, not an
// expired session, so nobody is sent back to sign-in.
export async function request(method, path, { body, query, signal, anonymous = false, signingIn = false } = {}) {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  const headers = { Accept: 'application/json' };
  if (!anonymous && token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, 'unreachable',
      'サーバーに接続できません。ネットワークとサーバーの状態を確かめてください / the server cannot be reached; check the network and the server');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const fallback = `サーバーが ${response.status} を返しました / the server answered ${response.status}`;
    const error = new ApiError(response.status, data?.code || 'http_error', data?.message || fallback, data?.path);
    if (response.status === 401 && !anonymous && !signingIn) for (const listener of unauthorisedListeners) listener(error);
    throw error;
  }
  return data;
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options) => request('POST', path, { ...options, body });
export const patch = (path, body, options) => request('PATCH', path, { ...options, body });
export const put = (path, body, options) => request('PUT', path, { ...options, body });

// A path segment from a value (a ref may hold characters a URL reserves).
export const segment = (value) => encodeURIComponent(value);
