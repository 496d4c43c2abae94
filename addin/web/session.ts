/** The page's session: the key (kept in this browser only), who it belongs to, the language; and the API with them. */
import { reportingYearAt, type Role } from '../../shared';
import { apiClient, ApiCallError } from '../api-client';
import { STRINGS, type Lang } from '../strings';

export interface Who {
  keyId: string;
  unit: string | null;
  role: Role;
  name: string;
}

export const session = {
  lang: ((): Lang => (localStorage.getItem('xeploai.lang') === 'en' ? 'en' : 'vi'))(),
  key: localStorage.getItem('xeploai.key') ?? '',
  who: null as Who | null,
};

export const t = () => STRINGS[session.lang];
export const api = () => apiClient({ baseUrl: location.origin, key: session.key, lang: session.lang });
export const req = <T>(method: string, path: string, body?: unknown) => api().request<T>(method, path, body);

const RANK: Record<Role, number> = { unit: 1, reviewer: 2, admin: 3 };
/** The signed-in key may do what `role` may. */
export const can = (role: Role) => !!session.who && RANK[session.who.role] >= RANK[role];

export function errorText(e: unknown): string {
  if (e instanceof ApiCallError) {
    if (e.status === 401) return t().badKey;
    return e.errors.map((x) => (x.hint ? `${x.message} ${x.hint}` : x.message)).join(' ');
  }
  return e instanceof Error ? e.message : String(e);
}

export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(session.lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '');
/** The year the forms open on: the review of year Y runs from October Y into the next year. */
export const lastYear = () => reportingYearAt(new Date());
export const enc = encodeURIComponent;
