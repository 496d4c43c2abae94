import type { Consolidated, ReportReceipt, StatusView, UnitReport, UnitWithChildren } from '../shared';

export interface ApiErrorItem {
  code: string;
  message: string;
  path?: (string | number)[];
  hint?: string;
}

/** A failed call: the server's envelope, or `network` when the server could not be reached. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
  get network(): boolean {
    return this.status === 0;
  }
}

export interface ApiOptions {
  baseUrl: string;
  key: string;
  lang?: 'vi' | 'en';
  fetch?: typeof fetch;
  /** A call that has not answered after this long is abandoned as a network failure (default 30 s). */
  timeoutMs?: number;
}

export const TIMEOUT_MS = 30_000;

const NETWORK = {
  vi: 'Không kết nối được máy chủ. Số liệu vẫn nằm trong sổ tính; kiểm tra mạng hoặc địa chỉ máy chủ rồi thử lại.',
  en: 'Could not reach the server. The figures are still in the workbook; check the network or the server address and retry.',
};

/** AbortSignal.timeout, or the same by hand where it is missing (Safari before 16, i.e. older Macs' Excel). */
function timeoutSignal(ms: number): AbortSignal {
  if (typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const c = new AbortController();
  setTimeout(() => c.abort(new DOMException('The operation timed out.', 'TimeoutError')), ms);
  return c.signal;
}

/** The promise, or a rejection once the signal aborts (even if whatever made the promise ignores the signal). */
function untilAborted<T>(signal: AbortSignal, p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    p.then(resolve, reject);
  });
}

/** The Worker's API for the add-in and the web page (same origin by default). */
export function apiClient(opts: ApiOptions) {
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const lang = opts.lang ?? 'vi';
  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let res: Response;
    let text: string;
    // a hung connection (captive portal, stalled proxy) ends as a network failure: the ribbon command completes
    const signal = timeoutSignal(opts.timeoutMs ?? TIMEOUT_MS);
    try {
      res = await untilAborted(signal, doFetch(`${opts.baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers: { Authorization: `Bearer ${opts.key}`, 'Accept-Language': lang, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      }));
      text = await untilAborted(signal, res.text());
    } catch {
      throw new ApiCallError(0, [{ code: 'network', message: NETWORK[lang] }]);
    }
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    if (!res.ok) {
      const errors = (json as { errors?: ApiErrorItem[] } | null)?.errors ?? [{ code: `http.${res.status}`, message: `${res.status} ${text.slice(0, 200)}` }];
      throw new ApiCallError(res.status, errors);
    }
    return json as T;
  }
  /** A file the Worker generates (the report's .docx): bytes, or the same errors as `call`. */
  async function file(path: string): Promise<ArrayBuffer> {
    let res: Response;
    try {
      res = await doFetch(`${opts.baseUrl.replace(/\/$/, '')}${path}`, { headers: { Authorization: `Bearer ${opts.key}`, 'Accept-Language': lang } });
    } catch {
      throw new ApiCallError(0, [{ code: 'network', message: NETWORK[lang] }]);
    }
    if (!res.ok) {
      const text = await res.text();
      let errors: ApiErrorItem[] = [{ code: `http.${res.status}`, message: `${res.status} ${text.slice(0, 200)}` }];
      try {
        errors = (JSON.parse(text) as { errors?: ApiErrorItem[] }).errors ?? errors;
      } catch {
        /* not JSON */
      }
      throw new ApiCallError(res.status, errors);
    }
    return res.arrayBuffer();
  }
  return {
    /** Any other route, with the same key, language, timeout and error envelope (the web page's screens). */
    request: call,
    consolidatedDocx: (year: number, unit: string) => file(`/api/v1/consolidated/${year}/${encodeURIComponent(unit)}.docx`),
    putReport: (year: number, unit: string, report: UnitReport, idempotencyKey?: string) =>
      call<ReportReceipt>('PUT', `/api/v1/reports/${year}/${encodeURIComponent(unit)}`, report, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    consolidated: (year: number, unit: string) => call<Consolidated>('GET', `/api/v1/consolidated/${year}/${encodeURIComponent(unit)}`),
    me: () => call<{ keyId: string; unit: string | null; role: string }>('GET', '/api/v1/me'),
    unit: (code: string) => call<UnitWithChildren>('GET', `/api/v1/units/${encodeURIComponent(code)}`),
    status: (year: number, unit: string) => call<StatusView>('GET', `/api/v1/status/${year}/${encodeURIComponent(unit)}`),
    approve: (year: number, unit: string) => call<unknown>('POST', `/api/v1/status/${year}/${encodeURIComponent(unit)}/approve`),
    giveBack: (year: number, unit: string, reason: string) => call<unknown>('POST', `/api/v1/status/${year}/${encodeURIComponent(unit)}/return`, { reason }),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
