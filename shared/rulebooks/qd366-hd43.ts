import type { Rulebook } from '../model';
import { commonRules, defaultPolicy, disciplineRule, scoreBandRule } from './common';

const ref = { regulation: 'Quy định 366-QĐ/TW', guidance: 'Hướng dẫn 43-HD/BTCTW' };

/**
 * 2025 on: Quy định 366-QĐ/TW (30/8/2025), Hướng dẫn 43-HD/BTCTW (31/10/2025). Ratings come from a 100-point
 * score (≥ 90 excellent, 70–89 good, 50–69 completed, below 50 by analogy [policy]).
 */
export const qd366Hd43: Rulebook = {
  id: 'qd366-hd43',
  codePrefix: 'qd366',
  years: { from: 2025, to: null },
  regulation: 'Quy định 366-QĐ/TW ngày 30/8/2025',
  guidance: 'Hướng dẫn 43-HD/BTCTW ngày 31/10/2025',
  unratedReasons: ['new', 'exempt', 'suspended', 'other'],
  scored: true,
  rules: [...commonRules(ref), disciplineRule(ref), scoreBandRule(ref)],
  defaultPolicy: defaultPolicy(true),
};
