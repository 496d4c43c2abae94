import * as z from 'zod';
import { OrgType, UnitKind, Year } from './enums';
import { UnitCode } from './report';

/** One unit of the register (PUT /api/v1/units). `from`/`to`: the reporting years in which it exists, inclusive. */
export const UnitInput = z
  .strictObject({
    code: UnitCode,
    name: z.string().trim().min(1).max(200),
    parent: UnitCode.nullable(),
    kind: UnitKind,
    /** Loại hình (OrgType): an unknown value would print as a raw code in every breakdown, so it is refused. */
    type: OrgType.optional(),
    from: Year.optional(),
    to: Year.optional(),
    /**
     * Lineage (the 2025 reorganisation): the units whose last reports this unit's figures are compared with.
     * Merge: several predecessors → one unit. Split: each predecessor's report goes, whole, to the one successor
     * that lists it (the other successors have no base). A transfer to another parent keeps the code: no entry.
     * Given: replaces the unit's list; absent: the list is kept.
     */
    predecessors: z.array(UnitCode).max(200).optional(),
  })
  .refine((u) => u.from === undefined || u.to === undefined || u.from <= u.to, {
    message: '`from` phải nhỏ hơn hoặc bằng `to`',
    path: ['to'],
  });
export type UnitInput = z.infer<typeof UnitInput>;

export const UnitsInput = z.strictObject({ units: z.array(UnitInput).min(1).max(100_000) });
export type UnitsInput = z.infer<typeof UnitsInput>;
