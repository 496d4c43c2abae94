import { z } from 'zod';
import { UnitKind, Year } from './enums';
import { UnitCode } from './report';

/** One unit of the register (PUT /api/v1/units). `from`/`to`: the reporting years in which it exists, inclusive. */
export const UnitInput = z
  .strictObject({
    code: UnitCode,
    name: z.string().trim().min(1).max(200),
    parent: UnitCode.nullable(),
    kind: UnitKind,
    type: z.string().max(64).optional(),
    from: Year.optional(),
    to: Year.optional(),
  })
  .refine((u) => u.from === undefined || u.to === undefined || u.from <= u.to, {
    message: '`from` phải nhỏ hơn hoặc bằng `to`',
    path: ['to'],
  });
export type UnitInput = z.infer<typeof UnitInput>;

export const UnitsInput = z.strictObject({ units: z.array(UnitInput).min(1).max(100_000) });
export type UnitsInput = z.infer<typeof UnitsInput>;
