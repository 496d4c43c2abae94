import * as z from 'zod';
import { Level, MemberGroup, RuleName, Severity, Subject } from './enums';
import { UnitCode } from './report';

export const PathSegment = z.union([z.string(), z.number()]);

/** One result of a check: plain data, rendered in Vietnamese (`message`, `hint`) and English (`messageEn`, `hintEn`). */
export const Finding = z.strictObject({
  /** Stable namespaced code: `<regulation>.<rule>.<subject>[.<group>]`, e.g. `qd124.excellent-cap.member`. */
  code: z.string().min(1).max(120),
  rule: RuleName,
  severity: Severity,
  unit: UnitCode.optional(),
  subject: Subject.optional(),
  group: MemberGroup.optional(),
  level: Level.optional(),
  /** Where in the UnitReport (or the consolidated view) the finding points. */
  path: z.array(PathSegment),
  left: z.number().nullable().optional(),
  right: z.number().nullable().optional(),
  message: z.string(),
  hint: z.string().optional(),
  messageEn: z.string(),
  hintEn: z.string().optional(),
  /** The regulation the rule comes from. */
  reference: z.string().optional(),
  /** The workbook cell the finding is about (`Biểu 01!I15`), when it came from a template. */
  cell: z.string().max(80).optional(),
  /** Other cells involved (the roster's rows, the typed percentage's count). */
  cells: z.array(z.string().max(80)).max(20).optional(),
  /** The justification the unit gave for an accepted warning. */
  justification: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;
