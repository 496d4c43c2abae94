import { describe, expect, it } from 'vitest';
import { rulebookFor, unitPolicy } from '../../shared';

describe("one unit's policy (the Worker's check and the view's re-check under a cap exception use the same)", () => {
  const base = rulebookFor(2025).defaultPolicy;
  it('a cap exception raises the ratio, never lowers it', () => {
    expect(unitPolicy(base, { capException: { ratio: 0.25 } }).capRatio).toBe(0.25);
    expect(unitPolicy({ ...base, capRatio: 0.3 }, { capException: { ratio: 0.25 } }).capRatio).toBe(0.3);
  });
  it("a registered chi bộ trực thuộc's single chi bộ row is not capped on its own; other kinds keep the scope", () => {
    expect(base.capScopes).toContain('branch.unit');
    expect(unitPolicy(base, { kind: 'chi-bo-truc-thuoc' }).capScopes).not.toContain('branch.unit');
    expect(unitPolicy(base, { kind: 'dang-bo-co-so' }).capScopes).toContain('branch.unit');
  });
});
