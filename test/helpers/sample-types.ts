import type { OrgType } from '../../shared';
/**
 * The kinds of organisation (loại hình) of the sample bloc's units, as a register would give them. The sample's
 * own register has none (it is shared data, kept identical); the report tests overlay these.
 */
export const SAMPLE_TYPES: Record<string, OrgType> = {
  'KM-01': 'co-quan-nha-nuoc',
  'KM-02': 'co-quan-nha-nuoc',
  'KM-03': 'don-vi-su-nghiep',
  'KM-04': 'doanh-nghiep-nha-nuoc',
  'KM-05': 'don-vi-su-nghiep',
  'KM-06': 'co-quan-nha-nuoc',
  'KM-07': 'co-quan-nha-nuoc',
  'KM-08': 'co-quan-nha-nuoc',
  'KM-09': 'co-quan-nha-nuoc',
  'KM-10': 'co-quan-dang-doan-the',
  'KM-11': 'don-vi-su-nghiep',
  'KM-12': 'doanh-nghiep-nha-nuoc',
};
