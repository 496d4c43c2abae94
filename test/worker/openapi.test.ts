import { describe, expect, it } from 'vitest';
import { api } from './helpers';

describe('GET /api/v1/openapi.json', () => {
  it('publishes every route of the contract with schemas from the shared model', async () => {
    const res = await api('GET', '/api/v1/openapi.json', { key: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/units', '/api/v1/keys', '/api/v1/reports/{year}/{unit}', '/api/v1/consolidated/{year}/{unit}', '/api/v1/status/{year}/{unit}/approve', '/api/v1/periods/{year}/{unit}/lock', '/api/v1/policy/{year}/{unit}']),
    );
    const report = res.body.paths['/api/v1/reports/{year}/{unit}'].put.requestBody.content['application/json'].schema;
    expect(report.additionalProperties).toBe(false);
    expect(Object.keys(report.properties)).toEqual(['unit', 'year', 'tallies', 'justifications']);
  });
});
