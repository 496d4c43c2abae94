import type { Rulebook } from '../model';
import { commonRules, defaultPolicy } from './common';

const ref = { regulation: 'Quy định 132-QĐ/TW', guidance: 'Hướng dẫn 21-HD/BTCTW' };

/** 2019–2022: Quy định 132-QĐ/TW, Hướng dẫn 21-HD/BTCTW (18/10/2019). Suspended members are not rated. */
export const qd132Hd21: Rulebook = {
  id: 'qd132-hd21',
  codePrefix: 'qd132',
  years: { from: 2019, to: 2022 },
  regulation: 'Quy định 132-QĐ/TW ngày 08/3/2018',
  guidance: 'Hướng dẫn 21-HD/BTCTW ngày 18/10/2019',
  unratedReasons: ['new', 'exempt', 'suspended', 'other'],
  scored: false,
  rules: commonRules(ref),
  defaultPolicy: defaultPolicy(false),
};
