import type { UnitReport } from '../shared';
import { rng } from './harness';

/**
 * Grassroots units' reports (20–220 members), consistent, with the member-group split, random but seeded.
 * Like a real year, most pass; every 20th unit rates too many chi bộ excellent (one warning).
 */
export function syntheticReports(n: number, year: number, seed = 1, spread = 200): UnitReport[] {
  const rand = rng(seed);
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const out: UnitReport[] = [];
  for (let i = 0; i < n; i++) {
    const members = 20 + int(spread);
    const good = Math.floor(members * 0.8);
    const excellent = Math.floor((members - good) * 0.6);
    const complete = members - good - excellent - 1 > 0 ? members - good - excellent - 1 : 0;
    const incomplete = members - good - excellent - complete;
    const leader = { excellent: Math.min(1, excellent), good: 5, complete: 0, incomplete: 0 };
    const manager = { excellent: Math.min(2, excellent - leader.excellent), good: 10, complete: 0, incomplete: 0 };
    const staff = {
      excellent: excellent - leader.excellent - manager.excellent,
      good: good - 15,
      complete,
      incomplete,
    };
    const branches = 5 + int(12);
    const newMembers = int(3);
    out.push({
      unit: `U-${i}`,
      year,
      tallies: {
        committee: { total: 1, unrated: {}, levels: { excellent: 0, good: 1, complete: 0, incomplete: 0 } },
        organization: { total: 1, unrated: {}, levels: { excellent: int(1), good: 0, complete: 0, incomplete: 0 } },
        branch: { total: branches, unrated: {}, levels: { excellent: i % 20 === 0 ? 3 : 1, good: branches - (i % 20 === 0 ? 3 : 1), complete: 0, incomplete: 0 } },
        member: {
          total: members + newMembers,
          unrated: newMembers ? { new: newMembers } : {},
          levels: { excellent, good, complete, incomplete },
          groups: { leader, manager, staff },
        },
      },
    });
    // keep organisation row consistent: excellent or good
    const org = out[i]!.tallies.organization;
    org.levels.good = 1 - org.levels.excellent;
  }
  return out;
}
