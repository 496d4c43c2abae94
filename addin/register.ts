import type { Bieu01Options } from '../shared';
import type { ApiClient } from './api-client';

export type TemplateFor = Pick<Bieu01Options, 'year' | 'unit' | 'unitName' | 'parentName' | 'kind'>;

/**
 * Whose blank Biểu 01: with a key, the unit (the one typed, else the key's own), its name, kind and superior
 * come from the register; without one (or out of the key's scope, or offline), the fields as typed. With no unit
 * at all, the form leaves its code and name for the user to fill (never a placeholder code).
 */
export async function templateFor(api: Pick<ApiClient, 'me' | 'unit'> | null, typed: { year: number; unit: string; unitName: string }): Promise<TemplateFor> {
  let { unit, unitName } = typed;
  if (api) {
    try {
      const code = unit || (await api.me()).unit;
      if (code) {
        const u = await api.unit(code);
        return { year: typed.year, unit: u.code, unitName: unitName || u.name, parentName: u.parentName ?? undefined, kind: u.kind };
      }
    } catch {
      /* not in the key's scope, or offline: the fields as typed */
    }
  }
  return { year: typed.year, unit, unitName: unitName || unit };
}
