import * as z from 'zod';
// the two locales we speak, imported one by one: `z.locales` would pull all 60-odd into every bundle
import enLocale from 'zod/v4/locales/en.js';
import viLocale from 'zod/v4/locales/vi.js';

const vi = viLocale().localeError;
const en = enLocale().localeError;

export interface Issue {
  path: (string | number)[];
  message: string;
  messageEn: string;
}

export type Parsed<T> = { success: true; data: T } | { success: false; issues: Issue[] };

/** Parse with zod; on failure, every issue with its path and its message in Vietnamese and English. */
export function parseWithIssues<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const first = schema.safeParse(input, { error: vi });
  if (first.success) return { success: true, data: first.data };
  const english = schema.safeParse(input, { error: en });
  const enIssues = english.success ? [] : english.error.issues;
  return {
    success: false,
    issues: first.error.issues.map((issue, i) => ({
      path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: issue.message,
      messageEn: enIssues[i]?.message ?? issue.message,
    })),
  };
}
