import { formatInt, formatInt as n, formatPercent } from '../format';
import type { Level, MemberGroup, Subject, UnratedReason } from '../model';
import { GROUP_LABEL, LEVEL_LABEL, REASON_LABEL, SUBJECT_LABEL } from './labels';

/** The texts of a finding, Vietnamese first. */
export interface Texts {
  message: string;
  hint?: string;
  messageEn: string;
  hintEn?: string;
}

/** A field of a tally in words: "Đảng viên, nhóm không giữ chức vụ – Xuất sắc". */
export interface Field {
  subject?: Subject;
  group?: MemberGroup;
  level?: Level;
  reason?: UnratedReason;
  /** `total` or `disciplined` when neither level nor reason. */
  key?: 'total' | 'disciplined' | 'groups' | 'scoreBands';
}

function fieldVi(f: Field): string {
  const who = f.subject ? SUBJECT_LABEL[f.subject].vi : 'Báo cáo';
  const grp = f.group ? `, nhóm ${GROUP_LABEL[f.group].vi}` : '';
  const what = f.level
    ? LEVEL_LABEL[f.level].short
    : f.reason
      ? `Không xếp loại (${REASON_LABEL[f.reason].vi})`
      : f.key === 'total'
        ? 'Tổng số'
        : f.key === 'disciplined'
          ? 'Số bị kỷ luật'
          : f.key === 'groups'
            ? 'Phân theo nhóm'
            : f.key === 'scoreBands'
              ? 'Phân theo khung điểm'
              : '';
  return what ? `${who}${grp} – ${what}` : `${who}${grp}`;
}

function fieldEn(f: Field): string {
  const who = f.subject ? SUBJECT_LABEL[f.subject].en : 'Report';
  const grp = f.group ? ` (${GROUP_LABEL[f.group].en})` : '';
  const what = f.level
    ? LEVEL_LABEL[f.level].en
    : f.reason
      ? `unrated (${REASON_LABEL[f.reason].en})`
      : (f.key ?? '');
  return what ? `${who}${grp} – ${what}` : `${who}${grp}`;
}

const pct = (ratioBp: number) => formatPercent(ratioBp / 100, { trim: true });
const pctEn = (ratioBp: number) => String(ratioBp / 100);
/** 20% × 67 = 13,4 (exact, at most 4 decimals since the ratio has at most 4). */
function product(ratioBp: number, base: number, en = false): string {
  const v = (ratioBp * base) / 10000;
  const s = Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '');
  return en ? s : s.replace('.', ',');
}

/** Every finding text, built from these templates only. */
export const msg = {
  missingValue: (f: Field): Texts => ({
    message: `${fieldVi(f)}: chưa nhập hoặc không đọc được`,
    hint: 'Nhập số (ghi 0 nếu không có).',
    messageEn: `${fieldEn(f)}: missing or unreadable`,
    hintEn: 'Enter a number (0 if none).',
  }),
  negativeOrFraction: (f: Field, value: number, thousands: number | null = null): Texts => {
    const nearest = Math.max(0, Math.round(value));
    const shown = String(value).replace('.', ',');
    if (thousands !== null) {
      return {
        message: `${fieldVi(f)}: ${shown} không phải số nguyên (có thể gõ "${String(value)}" là ${n(thousands)} nhưng máy đọc dấu chấm là dấu thập phân)`,
        hint: `Nhập ${thousands} (không gõ dấu chấm phân cách hàng nghìn): với số này dòng cộng khớp.`,
        messageEn: `${fieldEn(f)}: ${value} is not a whole number (probably ${thousands} typed with a thousands dot read as a decimal point)`,
        hintEn: `Type ${thousands} (without a thousands separator): with it the row adds up.`,
      };
    }
    const looksThousands = value > 0 && /^\d+\.\d{3}$/.test(String(value));
    return {
      message: `${fieldVi(f)}: ${shown} không phải số nguyên không âm`,
      hint: looksThousands ? `Nhập số nguyên ≥ 0 (nếu là ${n(Math.round(value * 1000))} người, gõ ${Math.round(value * 1000)} không có dấu chấm).` : `Nhập số nguyên ≥ 0 (gần nhất: ${n(nearest)}).`,
      messageEn: `${fieldEn(f)}: ${value} is not a whole number ≥ 0`,
      hintEn: looksThousands ? `Enter a whole number ≥ 0 (for ${Math.round(value * 1000)}, type it without a separator).` : `Enter a whole number ≥ 0 (nearest: ${nearest}).`,
    };
  },
  countTooLarge: (f: Field): Texts => ({
    message: `${fieldVi(f)}: số quá lớn, không thể là số người hoặc số tổ chức`,
    hint: 'Kiểm tra lại ô này (có thể gõ nhầm hoặc dán nhầm dữ liệu): nhập đúng số lượng.',
    messageEn: `${fieldEn(f)}: the number is too large to be a count of people or organisations`,
    hintEn: 'Check this cell (a typing or pasting mistake?): enter the right count.',
  }),
  levelAgainstGroups: (level: Level, value: number, groups: number, total: number): Texts => ({
    message: `Đảng viên – ${LEVEL_LABEL[level].short}: ghi ${n(value)}, không khớp tổng số (${n(total)}) và cũng không khớp tổng các nhóm (${n(groups)})`,
    hint: `Sửa số ${LEVEL_LABEL[level].short} thành ${n(groups)}: khi đó dòng cộng khớp tổng số và các nhóm.`,
    messageEn: `Members – ${LEVEL_LABEL[level].en}: ${value} agrees neither with the total (${total}) nor with the sum of the groups (${groups})`,
    hintEn: `Change it to ${groups}: the row then adds up to the total and to the groups.`,
  }),
  compare: (f: Field, left: number, op: '=' | '<=' | '>=', right: number, terms: { vi: string; en: string }): Texts => {
    const opVi = op === '=' ? '≠' : op === '<=' ? '>' : '<';
    return {
      message: `${fieldVi(f)} ${n(left)} ${opVi} ${terms.vi} ${n(right)}`,
      hint: op === '=' ? `Sửa thành ${n(right)} hoặc kiểm tra lại các cột.` : `Sửa để ${fieldVi(f)} ${op === '<=' ? '≤' : '≥'} ${n(right)}.`,
      messageEn: `${fieldEn(f)} ${left} ${op === '=' ? '≠' : op === '<=' ? '>' : '<'} ${terms.en} ${right}`,
      hintEn: op === '=' ? `Change it to ${right} or check the columns.` : `Make it ${op === '<=' ? '≤' : '≥'} ${right}.`,
    };
  },
  totalMismatch: (subject: Subject, total: number, unrated: number, rated: number): Texts => ({
    message: `${SUBJECT_LABEL[subject].vi}: tổng số ${n(total)} ≠ không xếp loại ${n(unrated)} + được xếp loại ${n(rated)} = ${n(unrated + rated)}`,
    hint: `Sửa tổng số thành ${n(unrated + rated)} hoặc kiểm tra lại các cột xếp loại.`,
    messageEn: `${SUBJECT_LABEL[subject].en}: total ${total} ≠ unrated ${unrated} + rated ${rated} = ${unrated + rated}`,
    hintEn: `Change the total to ${unrated + rated} or check the level columns.`,
  }),
  disciplineExcellent: (subject: Subject, excellent: number, disciplined: number, max: number): Texts => ({
    message: `${SUBJECT_LABEL[subject].vi}: Xuất sắc ${n(excellent)} trong khi có ${n(disciplined)} bị kỷ luật trong năm`,
    hint: `Tập thể có tổ chức trực thuộc hoặc thành viên lãnh đạo bị kỷ luật không được xếp loại xuất sắc: giảm xuống ≤ ${n(max)} hoặc ghi lý do.`,
    messageEn: `${SUBJECT_LABEL[subject].en}: ${excellent} excellent while ${disciplined} were disciplined this year`,
    hintEn: `A collective with disciplined affiliates or leaders cannot be excellent: reduce to ≤ ${max} or justify.`,
  }),
  committeeCountOver: (subject: Subject, total: number): Texts => ({
    message: `${SUBJECT_LABEL[subject].vi}: tổng số ${n(total)} > 1 (báo cáo của một đơn vị có nhiều nhất 1)`,
    hint: 'Sửa thành 1 (hoặc 0 nếu đơn vị không có).',
    messageEn: `${SUBJECT_LABEL[subject].en}: total ${total} > 1 (a unit's own report has at most one)`,
    hintEn: 'Change it to 1 (or 0 if the unit has none).',
  }),
  committeeWithoutOrganization: (committees: number, organizations: number): Texts => ({
    message: `Tập thể cấp ủy ${n(committees)} > Tổ chức cơ sở đảng ${n(organizations)}: có cấp ủy thì phải có tổ chức cơ sở đảng`,
    hint: 'Ghi tổ chức cơ sở đảng là 1, hoặc bỏ dòng cấp ủy (chi bộ dưới 9 đảng viên chính thức không có chi ủy).',
    messageEn: `Committees ${committees} > organisations ${organizations}: a committee needs its organisation`,
    hintEn: 'Set the organisation row to 1, or clear the committee row.',
  }),
  groupSum: (level: Level, sum: number, total: number): Texts => ({
    message: `Đảng viên – ${LEVEL_LABEL[level].short}: tổng các nhóm ${n(sum)} ≠ ${n(total)}`,
    hint: `Sửa số theo nhóm (lãnh đạo, quản lý, không giữ chức vụ) cho tổng bằng ${n(total)}.`,
    messageEn: `Members – ${LEVEL_LABEL[level].en}: groups sum to ${sum} ≠ ${total}`,
    hintEn: `Correct the group counts so that they sum to ${total}.`,
  }),
  groupSplitMissing: (excellent: number): Texts => ({
    message: `Đảng viên: chưa phân ${n(excellent)} đảng viên xuất sắc theo 3 nhóm (lãnh đạo, quản lý, không giữ chức vụ)`,
    hint: 'Điền số theo nhóm để kiểm tra tỷ lệ 20% từng nhóm, hoặc ghi lý do.',
    messageEn: `Members: the ${excellent} excellent members are not split into the three groups`,
    hintEn: 'Fill in the group rows so that the 20% cap can be checked per group, or justify.',
  }),
  groupSplitSum: (sum: number, excellent: number): Texts => ({
    message: `Đảng viên – Xuất sắc: tổng 3 nhóm ${n(sum)} ≠ ${n(excellent)}`,
    hint: `Sửa số theo nhóm cho tổng bằng ${n(excellent)}.`,
    messageEn: `Members – Excellent: the three groups sum to ${sum} ≠ ${excellent}`,
    hintEn: `Correct the group counts so they sum to ${excellent}.`,
  }),
  excellentCap: (
    who: { subject: Subject; group?: MemberGroup; unitName?: string },
    excellent: number,
    ratioBp: number,
    base: number,
    max: number,
    denominator: 'goodOrBetter' | 'good',
  ): Texts => {
    const whoVi = `${SUBJECT_LABEL[who.subject].vi}${who.group ? `, nhóm ${GROUP_LABEL[who.group].vi}` : ''}${who.unitName ? ` (${who.unitName})` : ''}`;
    const whoEn = `${SUBJECT_LABEL[who.subject].en}${who.group ? ` (${GROUP_LABEL[who.group].en})` : ''}${who.unitName ? ` (${who.unitName})` : ''}`;
    const baseVi = denominator === 'goodOrBetter' ? 'số hoàn thành tốt nhiệm vụ trở lên' : 'số hoàn thành tốt nhiệm vụ';
    return {
      message: `${whoVi}: Xuất sắc ${n(excellent)} > ${pct(ratioBp)}% × ${n(base)} = ${product(ratioBp, base)} (${baseVi})`,
      hint: max === 0 ? `Theo tỷ lệ này không được có trường hợp xuất sắc (${pct(ratioBp)}% × ${n(base)} < 1): chuyển sang mức hoàn thành tốt nhiệm vụ hoặc ghi lý do.` : `Giảm xuống ≤ ${n(max)} hoặc ghi lý do.`,
      messageEn: `${whoEn}: excellent ${excellent} > ${pctEn(ratioBp)}% × ${base} = ${product(ratioBp, base, true)}`,
      hintEn: max === 0 ? `At this ratio none may be excellent (${pctEn(ratioBp)}% × ${base} < 1): move them to good or justify.` : `Reduce to ≤ ${max} or justify.`,
    };
  },
  unratedReasonNotAllowed: (f: Field, count: number, year: number, guidance: string): Texts => ({
    message: `${fieldVi(f)} ${n(count)}: năm ${year} (${guidance}) không có trường hợp không xếp loại này`,
    hint: `Xếp loại ${n(count)} trường hợp này vào các mức, hoặc ghi đúng lý do.`,
    messageEn: `${fieldEn(f)} ${count}: not a reason for not rating in ${year}`,
    hintEn: `Rate these ${count} at a level, or give the right reason.`,
  }),
  unratedReasonOther: (f: Field, count: number): Texts => ({
    message: `${fieldVi(f)} ${n(count)}: cần ghi rõ lý do`,
    hint: 'Ghi lý do cụ thể ở cột Ghi chú, hoặc chọn đúng lý do (mới, miễn, đình chỉ).',
    messageEn: `${fieldEn(f)} ${count}: the reason must be explained`,
    hintEn: 'Explain the reason in the notes column, or choose new / exempt / suspended.',
  }),
  scoreBand: (level: Level, band: Level, count: number, minScore: number): Texts => ({
    message: `Đảng viên: ${n(count)} đảng viên xếp loại ${LEVEL_LABEL[level].short} có điểm thuộc khung ${LEVEL_LABEL[band].short} (dưới ${minScore} điểm)`,
    hint: `Hạ mức xếp loại của ${n(count)} đảng viên này xuống ${LEVEL_LABEL[band].short} hoặc thấp hơn, hoặc kiểm tra lại điểm.`,
    messageEn: `Members: ${count} rated ${LEVEL_LABEL[level].en} have a score in the ${LEVEL_LABEL[band].en} band (below ${minScore})`,
    hintEn: `Lower these ${count} to ${LEVEL_LABEL[band].en} or below, or check the scores.`,
  }),
  scoreBandSum: (level: Level, sum: number, count: number): Texts => ({
    message: `Đảng viên – ${LEVEL_LABEL[level].short}: phân theo khung điểm ${n(sum)} > ${n(count)}`,
    hint: `Sửa số theo khung điểm để tổng ≤ ${n(count)}.`,
    messageEn: `Members – ${LEVEL_LABEL[level].en}: score bands sum to ${sum} > ${count}`,
    hintEn: `Correct the score bands to a sum ≤ ${count}.`,
  }),
  target: (subject: Subject, percent: number, target: number): Texts => ({
    message: `${SUBJECT_LABEL[subject].vi}: hoàn thành tốt nhiệm vụ trở lên ${formatPercent(percent)}% < chỉ tiêu ${formatPercent(target, { trim: true })}%`,
    messageEn: `${SUBJECT_LABEL[subject].en}: good or better ${percent}% < target ${target}%`,
  }),
  yearMismatch: (reportYear: number, periodYear: number): Texts => ({
    message: `Biểu ghi năm ${reportYear} nhưng kỳ báo cáo là năm ${periodYear}`,
    hint: `Sửa năm trong biểu thành ${periodYear} (biểu sao chép từ năm trước?).`,
    messageEn: `The report says ${reportYear} but the period is ${periodYear}`,
    hintEn: `Change the year to ${periodYear}.`,
  }),
  unitMismatch: (reportUnit: string, periodUnit: string): Texts => ({
    message: `Biểu của đơn vị ${reportUnit} nhưng đang gửi cho đơn vị ${periodUnit}`,
    hint: `Kiểm tra mã đơn vị trong biểu (${periodUnit}).`,
    messageEn: `The report is for ${reportUnit} but is being sent for ${periodUnit}`,
    hintEn: `Check the unit code (${periodUnit}).`,
  }),
  unknownUnit: (unit: string, year: number): Texts => ({
    message: `Đơn vị ${unit} không có trong danh sách đơn vị năm ${year}`,
    hint: 'Kiểm tra mã đơn vị, hoặc đề nghị quản trị bổ sung đơn vị vào danh sách.',
    messageEn: `Unit ${unit} is not in the register for ${year}`,
    hintEn: 'Check the unit code, or ask the administrator to add the unit.',
  }),
  unsupportedYear: (year: number): Texts => ({
    message: `Năm ${year} chưa có bộ quy định đánh giá, xếp loại (hỗ trợ từ năm 2018)`,
    hint: 'Kiểm tra năm báo cáo.',
    messageEn: `No rulebook for ${year} (supported from 2018)`,
    hintEn: 'Check the reporting year.',
  }),
  reader: {
    noTemplate: (): Texts => ({
      message: 'Không tìm thấy bảng Biểu 01 (các cột Hoàn thành xuất sắc / tốt / hoàn thành / không hoàn thành nhiệm vụ)',
      hint: 'Mở đúng trang tính Biểu 01, hoặc chèn biểu mẫu trống từ ribbon (Chèn biểu mẫu).',
      messageEn: 'No Biểu 01 table found (the four level columns)',
      hintEn: 'Open the Biểu 01 sheet, or insert a blank template from the ribbon.',
    }),
    missingRow: (label: string): Texts => ({
      message: `Không tìm thấy dòng "${label}"`,
      hint: `Thêm lại dòng "${label}" vào bảng (cột Nội dung), hoặc sửa nhãn cho đúng.`,
      messageEn: `Row "${label}" not found`,
      hintEn: `Add the "${label}" row back (Nội dung column), or correct its label.`,
    }),
    missingColumn: (column: string): Texts => ({
      message: `Không tìm thấy cột "${column}"`,
      hint: 'Khôi phục tiêu đề cột theo biểu mẫu.',
      messageEn: `Column "${column}" not found`,
      hintEn: 'Restore the column header of the template.',
    }),
    ambiguousLabel: (label: string, other: string): Texts => ({
      message: `Nhãn "${label}" xuất hiện hai lần (cũng ở ${other}): đang đọc ô ${other}`,
      hint: 'Xóa hoặc đổi nhãn trùng để tránh đọc nhầm.',
      messageEn: `Label "${label}" appears twice (also at ${other}); reading ${other}`,
      hintEn: 'Remove or rename the duplicate label.',
    }),
    unreadable: (value: string): Texts => ({
      message: `Không đọc được số: "${value}"`,
      hint: 'Nhập một số nguyên (ví dụ 12 hoặc 1.234); để trống nếu là 0 ở cột cho phép.',
      messageEn: `Not a number: "${value}"`,
      hintEn: 'Type a whole number (e.g. 12 or 1.234).',
    }),
    errorValue: (value: string): Texts => ({
      message: `Ô có lỗi công thức ${value}`,
      hint: 'Sửa công thức (thường do xóa dòng/cột mà công thức tham chiếu) hoặc nhập số trực tiếp.',
      messageEn: `The cell holds the formula error ${value}`,
      hintEn: 'Fix the formula or type the number.',
    }),
    percentInCount: (value: string): Texts => ({
      message: `Ô số lượng chứa tỷ lệ "${value}"`,
      hint: 'Nhập số lượng (số người, số tổ chức); tỷ lệ % ở cột bên cạnh.',
      messageEn: `A count cell holds a percentage "${value}"`,
      hintEn: 'Type the count; the percentage goes in the next column.',
    }),
    missingYear: (): Texts => ({
      message: 'Không tìm thấy năm đánh giá trong tiêu đề biểu (ví dụ "… NĂM 2025")',
      hint: 'Ghi năm vào tiêu đề biểu.',
      messageEn: 'No reporting year in the title (e.g. "… NĂM 2025")',
      hintEn: 'Put the year in the title.',
    }),
    missingUnit: (): Texts => ({
      message: 'Không tìm thấy mã đơn vị ("Mã đơn vị: …") ở đầu biểu',
      hint: 'Ghi "Mã đơn vị: <mã>" dưới tên đơn vị (mã do Ban Tổ chức cấp).',
      messageEn: 'No unit code ("Mã đơn vị: …") in the header',
      hintEn: 'Write "Mã đơn vị: <code>" under the unit name.',
    }),
    percentMismatch: (typed: string, num: number, den: number, expected: string): Texts => ({
      message: `Tỷ lệ ghi ${typed}% nhưng ${formatInt(num)}/${formatInt(den)} = ${expected}%`,
      hint: `Sửa thành ${expected} (hoặc để công thức tính).`,
      messageEn: `Typed ${typed}% but ${num}/${den} = ${expected.replace(',', '.')}%`,
      hintEn: `Change it to ${expected.replace(',', '.')} (or leave it to the formula).`,
    }),
    breakdownExceeds: (label: string, value: number, parent: number): Texts => ({
      message: `Dòng "${label}" ghi ${formatInt(value)}, lớn hơn dòng trên nó (${formatInt(parent)})`,
      hint: 'Số "trong đó" là một phần của dòng trên: kiểm tra lại hai số này.',
      messageEn: `The row "${label}" says ${value}, more than the row it belongs to (${parent})`,
      hintEn: 'A "trong đó" figure is part of the row above: check both figures.',
    }),
    layoutRead: (layout: string, sheet: string): Texts => ({
      message: `Đọc theo mẫu ${layout}, trang "${sheet}"`,
      messageEn: `Read as ${layout}, sheet "${sheet}"`,
    }),
    sheetChosen: (read: string, others: string[], hidden: string[]): Texts => ({
      message: `Sổ có ${formatInt(others.length + 1)} trang Biểu 01: đang đọc trang "${read}"; không đọc ${others.map((o) => `"${o}"${hidden.includes(o) ? ' (trang ẩn)' : ''}`).join(', ')}`,
      hint: `Nếu cần đọc trang khác, xóa hoặc đổi tên các trang cũ${hidden.length ? ' (trang ẩn: chuột phải vào tên trang → Bỏ ẩn)' : ''}.`,
      messageEn: `The workbook has ${others.length + 1} Biểu 01 sheets: reading "${read}"; not read: ${others.map((o) => `"${o}"${hidden.includes(o) ? ' (hidden)' : ''}`).join(', ')}`,
      hintEn: `To read another sheet, delete or rename the old ones${hidden.length ? ' (hidden sheets: right-click a sheet tab → Unhide)' : ''}.`,
    }),
    hiddenSheetRead: (sheet: string): Texts => ({
      message: `Biểu 01 được đọc từ trang ẩn "${sheet}" (không có trang hiện nào chứa Biểu 01)`,
      hint: 'Bỏ ẩn trang này (chuột phải vào tên trang → Bỏ ẩn) để xem và sửa các ô được đánh dấu.',
      messageEn: `Biểu 01 was read from the hidden sheet "${sheet}" (no visible sheet holds it)`,
      hintEn: 'Unhide the sheet (right-click a sheet tab → Unhide) to see and fix the marked cells.',
    }),
    branchSheetsDiffer: (what: string, summary: number, sum: number, sheets: number): Texts => ({
      message: `${what}: trang tổng hợp ghi ${formatInt(summary)}, cộng ${formatInt(sheets)} trang chi bộ được ${formatInt(sum)}`,
      hint: 'Sửa trang tổng hợp hoặc trang chi bộ cho khớp.',
      messageEn: `${what}: the summary says ${summary}, the ${sheets} chi bộ sheets add up to ${sum}`,
      hintEn: 'Correct the summary or the chi bộ sheets so that they agree.',
    }),
    ratedMismatch: (typed: number, sum: number): Texts => ({
      message: `Số được đánh giá, xếp loại ghi ${formatInt(typed)} nhưng tổng các mức là ${formatInt(sum)}`,
      hint: `Sửa thành ${formatInt(sum)} (hoặc để công thức tính).`,
      messageEn: `Rated typed as ${typed} but the levels sum to ${sum}`,
      hintEn: `Change it to ${sum}.`,
    }),
  },
  /** Why a file could not be read at all, and what to do: never a library's text. */
  file: {
    empty: (): Texts => ({
      message: 'Tệp rỗng (0 byte), không có bảng tính nào để kiểm tra',
      hint: 'Chọn lại đúng tệp Excel (.xlsx) đã điền.',
      messageEn: 'The file is empty (0 bytes)',
      hintEn: 'Choose the filled Excel (.xlsx) file again.',
    }),
    oldXls: (): Texts => ({
      message: 'Tệp được lưu theo định dạng Excel 97–2003 (.xls), không đọc được: mở bằng Excel và Lưu thành .xlsx',
      hint: 'Mở tệp bằng Excel (hoặc LibreOffice), chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx), rồi kiểm tra và gửi tệp .xlsx.',
      messageEn: 'The file is in the Excel 97–2003 format (.xls) and cannot be read: open it in Excel and Save As .xlsx',
      hintEn: 'Open it in Excel (or LibreOffice), File → Save As → Excel Workbook (.xlsx), then check and send the .xlsx.',
    }),
    xml2003: (): Texts => ({
      message: 'Tệp là bảng tính XML 2003, không đọc được: mở bằng Excel và Lưu thành .xlsx',
      hint: 'Mở tệp bằng Excel, chọn Tệp → Lưu thành → Sổ làm việc Excel (.xlsx), rồi gửi lại.',
      messageEn: 'The file is an XML Spreadsheet 2003 and cannot be read: open it in Excel and Save As .xlsx',
      hintEn: 'Open it in Excel, File → Save As → Excel Workbook (.xlsx), then send it again.',
    }),
    encrypted: (): Texts => ({
      message: 'Tệp có mật khẩu: gỡ mật khẩu rồi gửi lại',
      hint: 'Mở tệp bằng Excel, vào Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi gửi.',
      messageEn: 'The file is password-protected: remove the password and send it again',
      hintEn: 'Open it in Excel, File → Info → Protect Workbook → Encrypt with Password, clear the password, save and send.',
    }),
    ods: (): Texts => ({
      message: 'Tệp là bảng tính OpenDocument (.ods), không đọc được: mở bằng LibreOffice hoặc Excel và Lưu thành .xlsx',
      hint: 'Trong LibreOffice: Tệp → Lưu thành → chọn kiểu "Excel 2007-365 (.xlsx)", rồi gửi tệp .xlsx.',
      messageEn: 'The file is an OpenDocument spreadsheet (.ods) and cannot be read: Save As .xlsx in LibreOffice or Excel',
      hintEn: 'In LibreOffice: File → Save As → type "Excel 2007-365 (.xlsx)", then send the .xlsx.',
    }),
    csv: (): Texts => ({
      message: 'Tệp là văn bản CSV (chỉ mang đuôi .xlsx), không phải bảng tính Excel',
      hint: 'Điền Biểu 01 trong Excel và Lưu thành Sổ làm việc Excel (.xlsx) rồi gửi lại.',
      messageEn: 'The file is CSV text (only named .xlsx), not an Excel workbook',
      hintEn: 'Fill Biểu 01 in Excel and Save As an Excel Workbook (.xlsx), then send it again.',
    }),
    html: (): Texts => ({
      message: 'Tệp là trang web HTML (chỉ mang đuôi .xlsx), không phải bảng tính Excel',
      hint: 'Mở tệp bằng Excel và Lưu thành Sổ làm việc Excel (.xlsx) rồi gửi lại.',
      messageEn: 'The file is an HTML page (only named .xlsx), not an Excel workbook',
      hintEn: 'Open it in Excel and Save As an Excel Workbook (.xlsx), then send it again.',
    }),
    otherOffice: (what: string): Texts => ({
      message: `Tệp là ${what}, không phải bảng tính Excel`,
      hint: 'Chọn đúng tệp Biểu 01 (.xlsx).',
      messageEn: `The file is ${what === 'văn bản Word' ? 'a Word document' : what === 'bản trình chiếu PowerPoint' ? 'a PowerPoint presentation' : 'not a spreadsheet'}, not an Excel workbook`,
      hintEn: 'Choose the Biểu 01 file (.xlsx).',
    }),
    notSpreadsheet: (): Texts => ({
      message: 'Tệp không phải bảng tính Excel (.xlsx) hoặc đã bị hỏng',
      hint: 'Mở tệp bằng Excel; nếu mở được, Lưu thành Sổ làm việc Excel (.xlsx) rồi gửi lại; nếu không, xin đơn vị gửi lại tệp.',
      messageEn: 'The file is not an Excel workbook (.xlsx) or is damaged',
      hintEn: 'Open it in Excel; if it opens, Save As an Excel Workbook (.xlsx) and send it again; otherwise ask for the file again.',
    }),
    tooLarge: (part: string, mb: number, limit: number): Texts => ({
      message: `Một phần của tệp (${part}) khi giải nén lớn ${formatInt(mb)} MB, vượt giới hạn ${formatInt(limit)} MB: không đọc`,
      hint: 'Xóa các trang tính, ảnh hoặc vùng dữ liệu thừa, lưu lại rồi gửi; Biểu 01 chỉ cần vài chục dòng.',
      messageEn: `A part of the file (${part}) inflates to ${mb} MB, over the ${limit} MB limit: not read`,
      hintEn: 'Delete unneeded sheets, pictures or data, save and send again; Biểu 01 needs only a few dozen rows.',
    }),
    noSheets: (): Texts => ({
      message: 'Sổ làm việc không có trang tính nào đọc được',
      hint: 'Mở tệp bằng Excel, kiểm tra trang Biểu 01 còn đó, lưu lại rồi gửi.',
      messageEn: 'The workbook has no readable sheet',
      hintEn: 'Open it in Excel, check that the Biểu 01 sheet is there, save and send again.',
    }),
    formulaNoValue: (formula: string): Texts => ({
      message: `Ô có công thức =${formula} nhưng chưa có kết quả lưu sẵn (tệp do chương trình tạo, chưa mở bằng Excel)`,
      hint: 'Mở tệp bằng Excel hoặc LibreOffice và lưu lại (để công thức được tính), rồi kiểm tra lại.',
      messageEn: `The cell holds the formula =${formula} with no saved result (the file was written by a program, never opened in Excel)`,
      hintEn: 'Open the file in Excel or LibreOffice and save it (so the formula is calculated), then check again.',
    }),
    oldEncoding: (font: string, count: number): Texts => ({
      message: `Chữ gõ theo bảng mã cũ (${font}) ở ${formatInt(count)} ô đã được chuyển sang Unicode để đọc`,
      hint: 'Nên chuyển cả tệp sang Unicode (phông Times New Roman) để cấp trên đọc đúng.',
      messageEn: `Text in an old Vietnamese encoding (${font}) in ${count} cells was converted to Unicode to be read`,
      hintEn: 'Consider converting the file to Unicode (Times New Roman).',
    }),
  },
  lists: {
    unknownLevel: (value: string): Texts => ({
      message: `Không rõ mức xếp loại "${value}"`,
      hint: 'Ghi một trong: Xuất sắc, Tốt, Hoàn thành, Không hoàn thành; hoặc lý do: Mới, Miễn, Đình chỉ, Khác.',
      messageEn: `Unknown level "${value}"`,
      hintEn: 'Use Xuất sắc, Tốt, Hoàn thành, Không hoàn thành; or Mới, Miễn, Đình chỉ, Khác.',
    }),
    unknownGroup: (value: string): Texts => ({
      message: `Không rõ nhóm chức vụ "${value}"`,
      hint: 'Ghi một trong: Lãnh đạo, Quản lý, Không giữ chức vụ.',
      messageEn: `Unknown position group "${value}"`,
      hintEn: 'Use Lãnh đạo, Quản lý or Không giữ chức vụ.',
    }),
    badScore: (value: string): Texts => ({
      message: `Điểm "${value}" không hợp lệ (0–100)`,
      hint: 'Nhập điểm từ 0 đến 100, hoặc để trống.',
      messageEn: `Score "${value}" is not valid (0–100)`,
      hintEn: 'Type a score from 0 to 100, or leave it blank.',
    }),
    differs: (what: string, summary: number, list: number, listName: string): Texts => ({
      message: `${what}: Biểu 01 ghi ${formatInt(summary)}, ${listName} đếm được ${formatInt(list)}`,
      hint: `Sửa Biểu 01 hoặc danh sách cho khớp (có thể dùng "Điền từ danh sách").`,
      messageEn: `${what}: Biểu 01 says ${summary}, ${listName} counts ${list}`,
      hintEn: 'Correct Biểu 01 or the list so that they agree (or fill Biểu 01 from the list).',
    }),
  },
  changedSinceSent: (version: number, sent: number, now: number | undefined): Texts => ({
    message: `Đã sửa sau khi gửi phiên bản ${version}: ${sent} → ${now ?? 'trống'}`,
    hint: 'Gửi lại để cấp trên nhận số liệu mới.',
    messageEn: `Changed since version ${version} was sent: ${sent} → ${now ?? 'blank'}`,
    hintEn: 'Submit again so that the figures are updated.',
  }),
  invalidStructure: (path: string, detail: string): Texts => ({
    message: `Trường "${path || '(gốc)'}" không hợp lệ: ${detail}`,
    hint: 'Đối chiếu với cấu trúc báo cáo (docs/api.md): bỏ trường lạ, sửa kiểu dữ liệu.',
    messageEn: `Field "${path || '(root)'}" is invalid: ${detail}`,
    hintEn: 'Compare with the report shape (docs/api.md): remove unknown fields, fix the types.',
  }),
};
