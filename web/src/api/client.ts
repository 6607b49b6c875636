/** fetch wrapper: same-origin JSON with the session cookie; failures become ApiError with zh/en messages. */

export interface ApiErrorMessage {
  zh: string;
  en: string;
}

export interface ApiErrorDetail {
  in?: string;
  path?: string;
  message?: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: ApiErrorMessage,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(messages.en);
    this.name = 'ApiError';
  }

  /** The message in the UI language. */
  localized(lang: string): string {
    return lang.startsWith('zh') ? this.messages.zh : this.messages.en;
  }

  /** Body-field validation details as {path, message}; empty when the API sent none. */
  fieldDetails(): ApiErrorDetail[] {
    return Array.isArray(this.details) ? (this.details as ApiErrorDetail[]) : [];
  }
}

const NETWORK_MESSAGE: ApiErrorMessage = {
  zh: '无法连接服务器，请检查网络',
  en: 'Cannot reach the server; check your connection',
};

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  query?: Query,
  extraHeaders?: Record<string, string>,
): Promise<T> {
  let res: Response;
  // Multipart bodies get their boundary Content-Type from the browser.
  const multipart = body instanceof FormData;
  try {
    res = await fetch(withQuery(path, query), {
      method,
      credentials: 'include',
      headers: {
        Accept: 'application/json',
        ...(body === undefined || multipart ? {} : { 'Content-Type': 'application/json' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const err = (
      data as
        { error?: { code?: string; message?: ApiErrorMessage; details?: unknown; requestId?: string } } | undefined
    )?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `HTTP_${res.status}`,
      err?.message ?? { zh: `请求失败（${res.status}）`, en: `Request failed (${res.status})` },
      err?.details,
      err?.requestId,
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  /** `headers`: e.g. the Idempotency-Key of a write the client may retry. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, undefined, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** One file as multipart field `file` (attachments, imports). */
  upload: <T>(path: string, file: Blob, filename?: string) => {
    const form = new FormData();
    form.append('file', file, filename ?? (file instanceof File ? file.name : 'file'));
    return request<T>('POST', path, form);
  },
};

/** A fresh Idempotency-Key (8–64 of [A-Za-z0-9_-]) for one attempt of a write the client may retry. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `w${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** A failure as text in the UI language (API message when there is one). */
export function errorText(err: unknown, lang: string): string {
  if (isApiError(err)) return err.localized(lang);
  return err instanceof Error ? err.message : String(err);
}
