import type { Rulebook } from '../model';
import { commonRules, defaultPolicy, disciplineRule } from './common';

const ref = { regulation: 'Quy định 124-QĐ/TW', guidance: 'Hướng dẫn 25-HD/BTCTW' };

/**
 * 2023–2024: Quy định 124-QĐ/TW (04/10/2023), Hướng dẫn 25-HD/BTCTW (10/11/2023). New (< 6 months), exempt and
 * suspended members are not reviewed; discipline bars a collective from excellent; the member-group split of
 * excellent members is required by default ([policy]).
 */
export const qd124Hd25: Rulebook = {
  id: 'qd124-hd25',
  codePrefix: 'qd124',
  years: { from: 2023, to: 2024 },
  regulation: 'Quy định 124-QĐ/TW ngày 04/10/2023',
  guidance: 'Hướng dẫn 25-HD/BTCTW ngày 10/11/2023',
  unratedReasons: ['new', 'exempt', 'suspended', 'other'],
  scored: false,
  rules: [...commonRules(ref), disciplineRule(ref)],
  defaultPolicy: defaultPolicy(true),
};
