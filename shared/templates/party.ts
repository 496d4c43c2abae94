import type { UnitKind } from '../model';

/**
 * The party-document rules a printed form or report follows (Hướng dẫn 36-HD/VPTW on the layout of party
 * documents): the superior party organisation on line 1, the issuing committee on line 2 with a "*" under it,
 * "ĐẢNG CỘNG SẢN VIỆT NAM" on the right, a signature block that matches the unit's kind. Names come from the
 * register; nothing here names a particular bloc.
 */

/** "Đảng ủy Khối các cơ quan tỉnh" → "ĐẢNG BỘ KHỐI CÁC CƠ QUAN TỈNH": the superior party organisation, line 1. */
export function superiorLine(parentName: string | null | undefined): string {
  return superiorName(parentName).toLocaleUpperCase('vi');
}

/** A committee's name → its party organisation's ("Tỉnh ủy Mẫu" → "Đảng bộ tỉnh Mẫu"). */
const SUPERIOR_FORMS: [RegExp, string][] = [
  [/^đảng ủy\s+/i, 'Đảng bộ '],
  [/^tỉnh ủy\s+/i, 'Đảng bộ tỉnh '],
  [/^thành ủy\s+/i, 'Đảng bộ thành phố '],
  [/^huyện ủy\s+/i, 'Đảng bộ huyện '],
  [/^quận ủy\s+/i, 'Đảng bộ quận '],
  [/^thị ủy\s+/i, 'Đảng bộ thị xã '],
];

/** The superior party organisation in running text ("Đảng bộ Khối các cơ quan tỉnh"). */
export function superiorName(parentName: string | null | undefined): string {
  const name = parentName?.trim() ?? '';
  for (const [re, to] of SUPERIOR_FORMS) if (re.test(name)) return name.replace(re, to);
  return name;
}

/**
 * The issuing committee, line 2: a đảng bộ issues through its đảng ủy ("Đảng bộ Sở Tài chính" → "ĐẢNG ỦY SỞ TÀI
 * CHÍNH"); a chi bộ cơ sở issues as the chi bộ ("CHI BỘ SỞ TƯ PHÁP").
 */
export function issuerLine(unitName: string, kind?: UnitKind): string {
  return issuerName(unitName, kind).toLocaleUpperCase('vi');
}

/** The issuing committee in running text ("Đảng ủy Sở Tài chính", "Chi bộ Sở Tư pháp"). */
export function issuerName(unitName: string, kind?: UnitKind): string {
  const name = unitName.trim();
  return kind !== 'chi-bo-co-so' ? name.replace(/^đảng bộ\s+/i, 'Đảng ủy ') : name;
}

/** "T/M CHI BỘ" / "T/M ĐẢNG ỦY" / "T/M BAN THƯỜNG VỤ", and the signer's title, by the unit's kind. */
export function signatureFor(kind?: UnitKind): { onBehalf: string; title: string } {
  switch (kind) {
    case 'chi-bo-co-so':
      return { onBehalf: 'T/M CHI BỘ', title: 'BÍ THƯ' };
    case 'dang-bo-co-so':
    case undefined:
      return { onBehalf: 'T/M ĐẢNG ỦY', title: 'BÍ THƯ' };
    default:
      return { onBehalf: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' };
  }
}

/** "…, ngày … tháng … năm …": the place and date the signer fills in (a date is never pre-printed). */
export function placeDateLine(place?: string): string {
  return `${place?.trim() || '…'}, ngày … tháng … năm …`;
}

export const PARTY_NAME = 'ĐẢNG CỘNG SẢN VIỆT NAM';
