import { justificationKey, unjustifiedWarnings, type Finding, type Severity } from '../shared';

/** What blocks "Gửi số liệu": errors, and warnings without a justification. Pure, shared by the pane and the page. */
export function submitGate(findings: Finding[], justifications: Record<string, string>): { ok: true } | { ok: false; errors: number; unjustified: string[] } {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const unjustified = [
    // a justification written in the workbook (the reason for "Khác" in Ghi chú) counts as typed
    ...new Set(unjustifiedWarnings(findings, justifications).filter((f) => !f.justification?.trim()).map((f) => justificationKey(f))),
  ];
  return errors === 0 && unjustified.length === 0 ? { ok: true } : { ok: false, errors, unjustified };
}

/** Findings grouped for the pane: by severity, then by sheet, with counts. */
export function groupFindings(findings: Finding[]): { severity: Severity; count: number; items: Finding[] }[] {
  return (['error', 'warning', 'info'] as const)
    .map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.items.length > 0)
    .map((g) => ({ ...g, count: g.items.length }));
}

/** The justifications a report carries: only those of warnings it has, trimmed. */
export function justificationsFor(findings: Finding[], typed: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findings) {
    if (f.severity !== 'warning') continue;
    const key = justificationKey(f);
    const text = (typed[key] ?? f.justification ?? '').trim();
    if (text) out[key] = text.slice(0, 2000);
  }
  return out;
}

/** What the workbook keeps after a submission (no names: counts and their hash only). */
export interface Receipt {
  unit: string;
  year: number;
  version: number;
  receivedAt: string;
  hash: string;
  server: string;
  /** The counts sent, by field path, to tell later edits ("changed since version 3"). */
  sent: Record<string, number>;
}

/** Every count of a report by its path: `tallies.member.levels.good` → 120. */
export function flatCounts(value: unknown, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof value === 'number') out[prefix] = value;
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) Object.assign(out, flatCounts(v, prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

/** How the pane names the warnings still unjustified: their cells (or their message), never internal rule keys. */
export function unjustifiedLabels(findings: Finding[], keys: string[], lang: 'vi' | 'en' = 'vi'): string[] {
  return keys.map((key) => {
    const f = findings.find((x) => x.severity === 'warning' && justificationKey(x) === key);
    return f?.cell ?? (f ? (lang === 'en' ? f.messageEn : f.message) : key);
  });
}
