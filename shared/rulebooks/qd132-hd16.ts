import type { Rulebook } from '../model';
import { commonRules, defaultPolicy } from './common';

const ref = { regulation: 'Quy định 132-QĐ/TW', guidance: 'Hướng dẫn 16-HD/BTCTW' };

/** 2018: Quy định 132-QĐ/TW (08/3/2018), Hướng dẫn 16-HD/BTCTW (24/9/2018). Suspended members were still rated. */
export const qd132Hd16: Rulebook = {
  id: 'qd132-hd16',
  codePrefix: 'qd132',
  years: { from: 2018, to: 2018 },
  regulation: 'Quy định 132-QĐ/TW ngày 08/3/2018',
  guidance: 'Hướng dẫn 16-HD/BTCTW ngày 24/9/2018',
  unratedReasons: ['new', 'exempt', 'other'],
  scored: false,
  rules: commonRules(ref),
  defaultPolicy: defaultPolicy(false),
};
