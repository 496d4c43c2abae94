import { describe, expect, it } from 'vitest';
import { templateFor } from '../../addin/register';
import { ApiCallError } from '../../addin/api-client';

const unitView = { code: 'KM-06', name: 'Chi bộ Sở Tư pháp', parent: 'KM', parentName: 'Đảng ủy Khối các cơ quan tỉnh Mẫu', kind: 'chi-bo-co-so' as const, type: null, from: null, to: null, children: [] };

describe('whose blank Biểu 01 (page and pane)', () => {
  it('with a key and nothing typed: the key’s unit, its name, kind and superior from the register', async () => {
    const api = { me: async () => ({ keyId: 'k', unit: 'KM-06', role: 'unit' }), unit: async () => unitView };
    expect(await templateFor(api, { year: 2026, unit: '', unitName: '' })).toEqual({ year: 2026, unit: 'KM-06', unitName: 'Chi bộ Sở Tư pháp', parentName: 'Đảng ủy Khối các cơ quan tỉnh Mẫu', kind: 'chi-bo-co-so' });
  });

  it('a unit outside the key’s scope, or no server: the fields as typed; no unit at all: left to fill, never a placeholder code', async () => {
    const api = { me: async () => ({ keyId: 'k', unit: 'KM-06', role: 'unit' }), unit: async () => Promise.reject(new ApiCallError(403, [{ code: 'auth.scope', message: '…' }])) };
    expect(await templateFor(api, { year: 2026, unit: 'KM-13', unitName: 'Chi bộ mới' })).toEqual({ year: 2026, unit: 'KM-13', unitName: 'Chi bộ mới' });
    expect(await templateFor(null, { year: 2026, unit: 'KM-13', unitName: '' })).toEqual({ year: 2026, unit: 'KM-13', unitName: 'KM-13' });
    expect(await templateFor(null, { year: 2026, unit: '', unitName: '' })).toEqual({ year: 2026, unit: '', unitName: '' });
  });
});
