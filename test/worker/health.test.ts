import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('GET /api/v1/health', () => {
  it('answers without a key, with the register size from D1', async () => {
    const res = await SELF.fetch('http://x.test/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, version: '1', units: 0 });
  });
});
