import { describe, expect, it } from 'vitest';
import { checkReport, hasErrors, type Finding } from '../../shared';
import { baseReport, edit } from '../helpers/reports';

const rules = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.rule}:${f.path.join('.')}`);
const nonInfo = (fs: Finding[]) => fs.filter((f) => f.severity !== 'info');

describe('rule engine', () => {
  it('a consistent report has no findings in any rulebook year', () => {
    for (const year of [2018, 2019, 2022, 2023, 2024, 2025, 2026]) {
      const r = edit(baseReport(year), (x) => {
        if (year < 2019) x.tallies.member.unrated = { new: 2 };
      });
      expect(checkReport(r), String(year)).toEqual([]);
    }
  });

  describe('total-mismatch', () => {
    it('fails when total ≠ unrated + rated, with the value to type', () => {
      const fs = checkReport(edit(baseReport(), (r) => (r.tallies.member.total = 63)));
      expect(rules(fs)).toEqual(['error:total-mismatch:tallies.member.total']);
      expect(fs[0]!.code).toBe('qd366.total-mismatch.member');
      expect(fs[0]!.message).toBe('Đảng viên: tổng số 63 ≠ không xếp loại 2 + được xếp loại 60 = 62');
      expect(fs[0]!.hint).toContain('62');
      expect(fs[0]!).toMatchObject({ left: 63, right: 62, unit: 'KM-01', subject: 'member' });
      expect(fs[0]!.messageEn).toContain('total 63');
    });
    it('passes with zero totals (a chi bộ cơ sở has no chi bộ trực thuộc)', () => {
      const r = edit(baseReport(), (x) => (x.tallies.branch = { total: 0, unrated: {}, levels: { excellent: 0, good: 0, complete: 0, incomplete: 0 } }));
      expect(checkReport(r)).toEqual([]);
    });
  });

  describe('negative-or-fraction', () => {
    it('names each bad count; arithmetic rules that depend on it stay quiet', () => {
      const fs = checkReport(edit(baseReport(), (r) => {
        r.tallies.member.levels.complete = -4;
        r.tallies.branch.levels.good = 3.5;
      }));
      expect(rules(fs)).toEqual([
        'error:negative-or-fraction:tallies.branch.levels.good',
        'error:negative-or-fraction:tallies.member.levels.complete',
      ]);
      expect(fs[0]!.hint).toContain('gần nhất: 4');
    });
    it('passes whole numbers ≥ 0', () => {
      expect(checkReport(baseReport()).filter((f) => f.rule === 'negative-or-fraction')).toEqual([]);
    });
  });

  describe('missing-value', () => {
    it('a blank cell (null) is a finding, never a silent zero', () => {
      const fs = checkReport(edit(baseReport(), (r) => (r.tallies.member.levels.good = null)));
      expect(rules(fs)).toEqual(['error:missing-value:tallies.member.levels.good']);
      expect(fs[0]!.message).toBe('Đảng viên – Tốt: chưa nhập hoặc không đọc được');
    });
    it('an absent subject or key is a finding', () => {
      const fs = checkReport(edit(baseReport(), (r) => {
        delete r.tallies.branch;
        delete r.tallies.member.total;
      }));
      expect(rules(fs)).toEqual(['error:missing-value:tallies.branch', 'error:missing-value:tallies.member.total']);
    });
    it('an absent unrated reason is 0, not missing', () => {
      expect(checkReport(edit(baseReport(), (r) => (r.tallies.committee.unrated = {})))).toEqual([]);
    });
  });

  describe('group-sum', () => {
    it('fails when the groups of a level add up to more than the level', () => {
      const fs = checkReport(edit(baseReport(), (r) => (r.tallies.member.groups.staff.good = 31)));
      expect(rules(nonInfo(fs))).toEqual(['error:group-sum:tallies.member.groups']);
      expect(fs[0]).toMatchObject({ level: 'good', left: 46, right: 45 });
    });
    it('passes a partial split below the totals (before 2023)', () => {
      const r = edit(baseReport(2021), (x) => (x.tallies.member.groups = { leader: { excellent: 1, good: 5, complete: 0, incomplete: 0 } }));
      expect(checkReport(r)).toEqual([]);
    });
  });

  describe('group-split', () => {
    it('missing split from 2023 → warning', () => {
      for (const year of [2023, 2025]) {
        const fs = checkReport(edit(baseReport(year), (r) => delete r.tallies.member.groups));
        expect(rules(fs)).toEqual(['warning:group-split:tallies.member.groups']);
      }
    });
    it('missing split before 2023 → nothing (policy default)', () => {
      expect(checkReport(edit(baseReport(2022), (r) => delete r.tallies.member.groups))).toEqual([]);
    });
    it('the policy can turn the requirement off', () => {
      const r = edit(baseReport(2025), (x) => delete x.tallies.member.groups);
      expect(checkReport(r, { policy: { groupSplitRequired: false } })).toEqual([]);
    });
    it('split present but short of the excellent total → error', () => {
      const fs = checkReport(edit(baseReport(2024), (r) => (r.tallies.member.groups.staff.excellent = 6)));
      expect(rules(fs)).toEqual(['error:group-split:tallies.member.groups']);
      expect(fs[0]!.message).toBe('Đảng viên – Xuất sắc: tổng 3 nhóm 9 ≠ 10');
    });
    it('no excellent members: no split needed', () => {
      const r = edit(baseReport(2025), (x) => {
        delete x.tallies.member.groups;
        x.tallies.member.levels = { excellent: 0, good: 55, complete: 4, incomplete: 1 };
      });
      expect(checkReport(r)).toEqual([]);
    });
  });

  describe('excellent-cap', () => {
    it('exactly 20% of good-or-better passes (branch 1 of 5)', () => {
      expect(checkReport(baseReport()).filter((f) => f.rule === 'excellent-cap')).toEqual([]);
    });
    it('members over 20% → warning with the nearest compliant value', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.member.levels = { excellent: 14, good: 46, complete: 0, incomplete: 0 };
        x.tallies.member.groups = undefined;
      });
      const fs = checkReport(r, { policy: { groupSplitRequired: false } });
      expect(rules(fs)).toEqual(['warning:excellent-cap:tallies.member.levels.excellent']);
      expect(fs[0]!.message).toBe('Đảng viên: Xuất sắc 14 > 20% × 60 = 12 (số hoàn thành tốt nhiệm vụ trở lên)');
      expect(fs[0]!.hint).toBe('Giảm xuống ≤ 12 hoặc ghi lý do.');
      expect(fs[0]!.code).toBe('qd366.excellent-cap.member');
      expect(hasErrors(fs)).toBe(false);
    });
    it('per member group, even when the unit is under 20%', () => {
      const r = edit(baseReport(2023), (x) => {
        x.tallies.member.groups.leader = { excellent: 3, good: 3, complete: 0, incomplete: 0 };
        x.tallies.member.groups.staff = { excellent: 5, good: 32, complete: 4, incomplete: 1 };
      });
      const fs = checkReport(r);
      expect(rules(fs)).toEqual(['warning:excellent-cap:tallies.member.groups.leader.excellent']);
      expect(fs[0]).toMatchObject({ group: 'leader', code: 'qd124.excellent-cap.member.leader', right: 1 });
    });
    it('chi bộ per đảng bộ cơ sở: 2 of 6 → warning', () => {
      const fs = checkReport(edit(baseReport(), (r) => (r.tallies.branch = { total: 6, unrated: {}, levels: { excellent: 2, good: 4, complete: 0, incomplete: 0 } })));
      expect(rules(fs)).toEqual(['warning:excellent-cap:tallies.branch.levels.excellent']);
    });
    it('zero base: nothing rated excellent or good, no finding', () => {
      const r = edit(baseReport(), (x) => (x.tallies.branch = { total: 2, unrated: {}, levels: { excellent: 0, good: 0, complete: 2, incomplete: 0 } }));
      expect(checkReport(r)).toEqual([]);
    });
    it('organisations and committees are capped at the consolidating unit, not in a unit report', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.organization.levels = { excellent: 1, good: 0, complete: 0, incomplete: 0 };
        x.tallies.committee.levels = { excellent: 1, good: 0, complete: 0, incomplete: 0 };
      });
      expect(checkReport(r)).toEqual([]);
    });
    it('policy: denominator `good` only, with the fix that accounts for the moved members', () => {
      const fs = checkReport(baseReport(), { policy: { capDenominator: 'good' } });
      const member = fs.find((f) => f.path.join('.') === 'tallies.member.levels.excellent');
      // 10 > 20% × 45 = 9; moving k to good: 10 − k ≤ 0,2 × (45 + k) → k ≥ 1 → ≤ 9
      expect(member?.message).toContain('Xuất sắc 10 > 20% × 45 = 9');
      expect(member?.right).toBe(9);
    });
    it('policy: ratio 0.25 lets 14 of 60 pass', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.member.levels = { excellent: 14, good: 46, complete: 0, incomplete: 0 };
        x.tallies.member.groups = undefined;
      });
      expect(checkReport(r, { policy: { capRatio: 0.25, groupSplitRequired: false } })).toEqual([]);
    });
  });

  describe('unrated-reason', () => {
    const suspended = (year: number) =>
      edit(baseReport(year), (r) => {
        r.tallies.member.total = 63;
        r.tallies.member.unrated = { new: 2, suspended: 1 };
      });
    it('2018 (HD 16): suspended members were still rated → error', () => {
      const fs = checkReport(suspended(2018));
      expect(rules(fs)).toEqual(['error:unrated-reason:tallies.member.unrated.suspended']);
      expect(fs[0]!.message).toContain('Hướng dẫn 16-HD/BTCTW');
    });
    it('2019 on: suspended is a reason', () => {
      expect(checkReport(suspended(2019))).toEqual([]);
      expect(checkReport(suspended(2025))).toEqual([]);
    });
    it('"other" needs an explanation → warning', () => {
      const fs = checkReport(edit(baseReport(), (r) => {
        r.tallies.member.total = 63;
        r.tallies.member.unrated.other = 1;
      }));
      expect(rules(fs)).toEqual(['warning:unrated-reason:tallies.member.unrated.other']);
    });
  });

  describe('committee-count', () => {
    it('a unit report has at most one committee and one organisation', () => {
      const fs = checkReport(edit(baseReport(), (r) => {
        r.tallies.committee = { total: 2, unrated: {}, levels: { excellent: 0, good: 2, complete: 0, incomplete: 0 } };
      }));
      expect(rules(fs)).toEqual(['error:committee-count:tallies.committee.total']);
    });
    it('a unit with no committee (chi bộ cơ sở under 9 members) passes', () => {
      const r = edit(baseReport(), (x) => (x.tallies.committee = { total: 0, unrated: {}, levels: { excellent: 0, good: 0, complete: 0, incomplete: 0 } }));
      expect(checkReport(r)).toEqual([]);
    });
    it('a committee without its organisation → error', () => {
      const fs = checkReport(edit(baseReport(), (r) => {
        r.tallies.organization = { total: 0, unrated: {}, levels: { excellent: 0, good: 0, complete: 0, incomplete: 0 } };
      }));
      expect(rules(fs)).toEqual(['error:committee-count:tallies.committee.total']);
    });
  });

  describe('score-band (QĐ 366, 2025 on)', () => {
    const scored = (band: Record<string, number>) =>
      edit(baseReport(2025), (r) => {
        r.tallies.member.scoreBands = { excellent: { excellent: 10, good: 0, complete: 0, incomplete: 0, ...band } };
      });
    it('levels within their score bands pass; a lower level than the band is allowed', () => {
      const r = edit(baseReport(2025), (x) => {
        x.tallies.member.scoreBands = {
          excellent: { excellent: 10, good: 0, complete: 0, incomplete: 0 },
          good: { excellent: 3, good: 42, complete: 0, incomplete: 0 },
        };
      });
      expect(checkReport(r)).toEqual([]);
    });
    it('excellent with a score below 90 → error', () => {
      const fs = checkReport(scored({ excellent: 8, good: 2 }));
      expect(rules(fs)).toEqual(['error:score-band:tallies.member.scoreBands.excellent.good']);
      expect(fs[0]!.message).toContain('dưới 90 điểm');
    });
    it('bands adding up to more than the level → error', () => {
      const fs = checkReport(scored({ excellent: 11 }));
      expect(rules(fs)).toEqual(['error:score-band:tallies.member.scoreBands.excellent']);
    });
    it('before 2025 there are no scores to check', () => {
      const r = edit(scored({ excellent: 8, good: 2 }), (x) => (x.year = 2024));
      expect(checkReport(r)).toEqual([]);
    });
    it('the bands are policy: 85 for excellent', () => {
      const fs = checkReport(scored({ excellent: 8, good: 2 }), { policy: { scoreBands: { excellent: 85, good: 70, complete: 50 } } });
      expect(fs[0]!.message).toContain('dưới 85 điểm');
    });
  });

  describe('discipline-excellent (QĐ 124, QĐ 366)', () => {
    const disciplined = (year: number, n: number) =>
      edit(baseReport(year), (r) => {
        r.tallies.organization = { total: 1, unrated: {}, levels: { excellent: 1, good: 0, complete: 0, incomplete: 0 }, disciplined: n };
      });
    it('an excellent organisation with a disciplined affiliate → warning', () => {
      for (const year of [2023, 2025]) {
        const fs = checkReport(disciplined(year, 1));
        expect(rules(fs)).toEqual(['warning:discipline-excellent:tallies.organization.levels.excellent']);
      }
    });
    it('no discipline, or before 2023: nothing', () => {
      expect(checkReport(disciplined(2025, 0))).toEqual([]);
      expect(checkReport(disciplined(2022, 1))).toEqual([]);
    });
  });

  describe('target (info)', () => {
    it('below 90% good or better → info, never an error', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.member.levels = { excellent: 10, good: 40, complete: 9, incomplete: 1 };
        x.tallies.member.groups = {
          leader: { excellent: 1, good: 4, complete: 0, incomplete: 0 },
          manager: { excellent: 2, good: 8, complete: 0, incomplete: 0 },
          staff: { excellent: 7, good: 28, complete: 9, incomplete: 1 },
        };
      });
      const fs = checkReport(r);
      expect(rules(fs)).toEqual(['info:target:tallies.member.levels']);
      expect(fs[0]!.message).toBe('Đảng viên: hoàn thành tốt nhiệm vụ trở lên 83,33% < chỉ tiêu 90%');
    });
    it('exactly 90% passes', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.member.levels = { excellent: 10, good: 44, complete: 5, incomplete: 1 };
        x.tallies.member.groups.staff = { excellent: 7, good: 29, complete: 5, incomplete: 1 };
      });
      expect(checkReport(r)).toEqual([]);
    });
  });

  describe('period, unit, year', () => {
    it('a copy of last year submitted for this year → year-mismatch', () => {
      const fs = checkReport(baseReport(2024), { period: { year: 2025, unit: 'KM-01' } });
      expect(rules(fs)).toEqual(['error:year-mismatch:year']);
      expect(fs[0]!.hint).toContain('2025');
    });
    it('a unit not in the register → unknown-unit', () => {
      const fs = checkReport(baseReport(), { unitExists: () => false });
      expect(rules(fs)).toEqual(['error:unknown-unit:unit']);
    });
    it('a report of another unit → unknown-unit', () => {
      const fs = checkReport(baseReport(), { period: { year: 2025, unit: 'KM-02' } });
      expect(rules(fs)).toEqual(['error:unknown-unit:unit']);
    });
    it('a year before 2018 → unsupported-year', () => {
      const fs = checkReport(baseReport(2017));
      expect(rules(fs)).toEqual(['error:unsupported-year:year']);
      expect(fs[0]!.message).toContain('2018');
    });
  });

  describe('structure', () => {
    it('unknown keys are rejected with their path', () => {
      const fs = checkReport(edit(baseReport(), (r) => (r.tallies.member.names = ['Nguyễn Văn A'])));
      expect(fs).toHaveLength(1);
      expect(fs[0]).toMatchObject({ rule: 'invalid-structure', severity: 'error', path: ['tallies', 'member'] });
      expect(fs[0]!.message).toContain("Khóa không được nhận dạng: \"names\"");
      expect(fs[0]!.messageEn).toContain("Unrecognized key");
    });
    it('a string where a count belongs is an error at that path', () => {
      const fs = checkReport(edit(baseReport(), (r) => (r.tallies.member.total = '62')));
      expect(fs[0]).toMatchObject({ rule: 'invalid-structure', path: ['tallies', 'member', 'total'] });
    });
  });

  describe('findings', () => {
    it('carry the justification the unit gave, by subject.rule or by code', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.branch = { total: 6, unrated: {}, levels: { excellent: 2, good: 4, complete: 0, incomplete: 0 } };
        x.justifications = { 'branch.excellent-cap': 'Hai chi bộ đạt danh hiệu trong sạch vững mạnh tiêu biểu' };
      });
      expect(checkReport(r)[0]!.justification).toBe('Hai chi bộ đạt danh hiệu trong sạch vững mạnh tiêu biểu');
    });
    it('are sorted errors first, then by subject and path, deterministically', () => {
      const r = edit(baseReport(), (x) => {
        x.tallies.branch = { total: 6, unrated: {}, levels: { excellent: 2, good: 4, complete: 0, incomplete: 0 } };
        x.tallies.member.total = 70;
        x.tallies.committee.total = 3;
      });
      const fs = checkReport(r);
      expect(fs.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'warning']);
      expect(fs.map((f) => f.subject)).toEqual(['committee', 'committee', 'member', 'branch']);
      expect(checkReport(r)).toEqual(fs);
    });
    it('reference the regulation of the year', () => {
      const fs = checkReport(edit(baseReport(2023), (r) => (r.tallies.member.total = 1)));
      expect(fs[0]!.reference).toContain('Hướng dẫn 25-HD/BTCTW');
    });
  });
});
