/**
 * Talking to the server: JSON in, JSON out, errors from the catalogue shown as their plain message.
 * A token saved in this browser (for servers that need one) is sent with every request.
 */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'wiretrace.token';

export function savedToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function saveToken(t: string): void {
  try {
    if (t) localStorage.setItem(TOKEN_KEY, t);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage off: the token lasts this page only
  }
}

export async function api<T>(path: string, init: { method?: string; body?: string; type?: string; signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.type) headers['content-type'] = init.type;
  const token = savedToken();
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(path, {
    method: init.method ?? 'GET', headers,
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiFailure('internal', `The server answered ${res.status} with something that is not JSON.`, res.status);
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiFailure(e?.code ?? 'internal', e?.message ?? `HTTP ${res.status}`, res.status);
  }
  return data as T;
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
}
