import { formatInt as n, formatPercent } from '../format';
import type { Subject, UnitKind } from '../model';
import { KIND_LABEL, SUBJECT_LABEL } from './labels';

/** A kind of unit inside a sentence: "đảng bộ cơ sở", "a grassroots party cell". */
const kindInText = (kind: UnitKind, lang: 'vi' | 'en') => KIND_LABEL[kind][lang].toLowerCase();
import type { Texts } from './messages';

/**
 * Texts of the findings that need the register or several reports: the unit's kind, reports that do not
 * count, the cap exception. The per-report texts are in messages.ts.
 */
export const consolidationMsg = {
  kindRowCount: (kind: UnitKind, subject: Subject, total: number, expected: string): Texts => ({
    message: `${SUBJECT_LABEL[subject].vi}: tổng số ${n(total)}, nhưng đơn vị là ${kindInText(kind, 'vi')} trong danh sách đơn vị nên dòng này phải là ${expected}`,
    hint:
      subject === 'organization'
        ? 'Ghi 1 ở dòng tổ chức cơ sở đảng và xếp loại tổ chức của đơn vị (mức đề xuất).'
        : subject === 'branch'
          ? 'Chi bộ cơ sở không có chi bộ trực thuộc: để trống hoặc ghi 0.'
          : `Sửa thành ${expected}.`,
    messageEn: `${SUBJECT_LABEL[subject].en}: total ${total}, but the unit is a ${kindInText(kind, 'en')} in the register, so this row must be ${expected}`,
    hintEn: subject === 'organization' ? "Enter 1 on the organisation row with the unit's proposed level." : `Change it to ${expected}.`,
  }),
  notCounted: (unit: string, name: string, year: number, why: 'closed' | 'consolidating' | 'stale', detail: string): Texts => {
    const who = name && name !== unit ? `${name} (${unit})` : unit;
    const vi = {
      closed: `đơn vị không còn trong danh sách đơn vị năm ${year}`,
      consolidating: `trong năm ${year} đơn vị chỉ tổng hợp các đơn vị trực thuộc, không có báo cáo riêng`,
      stale: `danh sách đơn vị trực thuộc đã thay đổi sau khi gửi${detail ? ` (${detail})` : ''}, số liệu có thể tính trùng hoặc thiếu`,
    }[why];
    const en = {
      closed: `the unit is no longer in the register for ${year}`,
      consolidating: `in ${year} the unit only consolidates the units under it`,
      stale: `the units registered under it changed after it was sent${detail ? ` (${detail})` : ''}`,
    }[why];
    return {
      message: `Báo cáo năm ${year} của ${who} không được tính vào tổng hợp: ${vi}`,
      hint: why === 'stale' ? 'Đơn vị gửi lại báo cáo theo danh sách đơn vị hiện hành.' : 'Kiểm tra danh sách đơn vị (năm bắt đầu, năm kết thúc, đơn vị cấp trên).',
      messageEn: `The ${year} report of ${who} is not counted: ${en}`,
      hintEn: why === 'stale' ? 'The unit sends its report again under the current register.' : 'Check the register (from, to, parent).',
    };
  },
  capException: (ratio: number, reason: string): Texts => ({
    message: `Cấp trên cho phép tỷ lệ hoàn thành xuất sắc nhiệm vụ tối đa ${formatPercent(ratio * 100, { trim: true })}% cho đơn vị năm nay (QĐ 366): ${reason}`,
    messageEn: `The level above allows up to ${ratio * 100}% excellent for this unit this year (QĐ 366): ${reason}`,
  }),
};
