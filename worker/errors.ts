import { ROLE_LABEL, type Finding, type Issue } from '../shared';
import type { Lang } from './env';

type Params = Record<string, string | number>;
type Template = { vi: (p: Params) => string; en: (p: Params) => string };
const role = (r: string | number | undefined) => ROLE_LABEL[r as keyof typeof ROLE_LABEL] ?? { vi: String(r), en: String(r) };

/** Every error text the API returns, Vietnamese first, in one place. */
const MESSAGES = {
  'auth.missing': { vi: () => 'Thiếu khóa truy cập: đăng nhập bằng khóa được cấp.', en: () => 'Missing access key: sign in with the key you were given.' },
  'auth.invalid': { vi: () => 'Khóa truy cập không hợp lệ hoặc đã bị thu hồi. Liên hệ quản trị để cấp khóa mới.', en: () => 'The key is invalid or revoked. Ask an administrator for a new key.' },
  'auth.role': { vi: (p) => `Khóa này (vai trò ${role(p.role).vi}) không được làm việc này: cần khóa vai trò ${role(p.need).vi}.`, en: (p) => `This key (role ${role(p.role).en}) may not do this: a ${role(p.need).en} key is needed.` },
  'auth.scope': { vi: (p) => `Khóa này không có quyền với đơn vị ${p.unit}.`, en: (p) => `This key has no access to unit ${p.unit}.` },
  'auth.parent': { vi: (p) => `Chỉ cấp trên của đơn vị ${p.unit} mới được thực hiện việc này.`, en: (p) => `Only a parent of ${p.unit} may do this.` },
  'request.malformed-json': { vi: () => 'Nội dung gửi lên không phải JSON hợp lệ.', en: () => 'The body is not valid JSON.' },
  'request.too-large': { vi: (p) => `Nội dung gửi lên quá lớn (tối đa ${p.limit} KB).`, en: (p) => `The body is too large (at most ${p.limit} KB).` },
  'request.invalid': { vi: (p) => `Trường "${p.path}" không hợp lệ: ${p.detail}`, en: (p) => `Field "${p.path}" is invalid: ${p.detail}` },
  'request.year': { vi: (p) => `Năm "${p.year}" không hợp lệ.`, en: (p) => `Year "${p.year}" is not valid.` },
  'request.not-found': { vi: () => 'Không có địa chỉ này trong API.', en: () => 'No such API route.' },
  'unit.not-found': { vi: (p) => `Không có đơn vị ${p.unit} trong danh sách đơn vị.`, en: (p) => `Unit ${p.unit} is not in the register.` },
  'unit.not-in-year': { vi: (p) => `Đơn vị ${p.unit} không tồn tại trong năm ${p.year} (xem cột "Từ năm", "Đến năm" của đơn vị trong danh sách đơn vị).`, en: (p) => `Unit ${p.unit} does not exist in ${p.year}.` },
  'unit.unknown-parent': { vi: (p) => `Đơn vị ${p.unit}: đơn vị cấp trên ${p.parent} không có trong danh sách.`, en: (p) => `Unit ${p.unit}: parent ${p.parent} is not in the register.` },
  'unit.cycle': { vi: (p) => `Đơn vị ${p.unit}: quan hệ cấp trên tạo thành vòng (${p.cycle}).`, en: (p) => `Unit ${p.unit}: the parents form a cycle (${p.cycle}).` },
  'unit.duplicate': { vi: (p) => `Mã đơn vị ${p.unit} xuất hiện hơn một lần.`, en: (p) => `Unit code ${p.unit} appears more than once.` },
  'unit.out-of-scope': { vi: (p) => `Đơn vị ${p.unit} nằm ngoài phạm vi của khóa này.`, en: (p) => `Unit ${p.unit} is outside this key's scope.` },
  'key.not-found': { vi: (p) => `Không có khóa ${p.id}.`, en: (p) => `No key ${p.id}.` },
  'key.batch-too-large': { vi: (p) => `Nhiều đơn vị quá cho một lần cấp (${p.count}, tối đa ${p.max}): cấp cho từng nhánh nhỏ hơn, hoặc chỉ cho đơn vị chưa có khóa.`, en: (p) => `Too many units for one batch (${p.count}, at most ${p.max}): issue per smaller subtree, or only for units without a key.` },
  'report.version-not-found': { vi: (p) => `Báo cáo năm ${p.year} của ${p.unit} không có phiên bản ${p.version}.`, en: (p) => `The ${p.year} report of ${p.unit} has no version ${p.version}.` },
  'key.role-too-high': { vi: (p) => `Không thể cấp khóa vai trò ${p.role} cao hơn vai trò của mình.`, en: (p) => `Cannot issue a ${p.role} key above your own role.` },
  'report.not-found': { vi: (p) => `Đơn vị ${p.unit} chưa gửi báo cáo năm ${p.year}.`, en: (p) => `Unit ${p.unit} has not submitted a report for ${p.year}.` },
  'report.unsupported-year': { vi: (p) => `Năm ${p.year} chưa có bộ quy định đánh giá, xếp loại (hỗ trợ từ năm 2018).`, en: (p) => `No rulebook for ${p.year} (supported from 2018).` },
  'report.stale': { vi: (p) => `Báo cáo đã có phiên bản ${p.current} (bạn sửa từ phiên bản ${p.expected}): tải lại rồi gửi lại.`, en: (p) => `The report is at version ${p.current} (you edited version ${p.expected}): reload and resend.` },
  'report.locked': { vi: (p) => `Kỳ báo cáo năm ${p.year} đã khóa bởi ${p.by}: không thể gửi hoặc sửa.`, en: (p) => `The ${p.year} period is locked by ${p.by}.` },
  'report.approved': { vi: (p) => `Báo cáo năm ${p.year} của ${p.unit} đã được duyệt: cấp trên cần trả lại trước khi gửi lại.`, en: (p) => `The ${p.year} report of ${p.unit} is approved: it must be returned before resubmitting.` },
  'report.idempotency-conflict': { vi: () => 'Idempotency-Key này đã dùng cho một nội dung khác: dùng khóa mới cho lần gửi mới.', en: () => 'This Idempotency-Key was used with another body: use a new key for a new submission.' },
  'report.busy': { vi: () => 'Báo cáo đang được gửi đồng thời từ nơi khác: thử lại.', en: () => 'The report is being written concurrently: try again.' },
  'status.not-submitted': { vi: (p) => `Đơn vị ${p.unit} chưa gửi báo cáo năm ${p.year}.`, en: (p) => `Unit ${p.unit} has not submitted for ${p.year}.` },
  'status.version': { vi: (p) => `Phiên bản ${p.expected} không còn là phiên bản mới nhất (${p.current}).`, en: (p) => `Version ${p.expected} is not the latest (${p.current}).` },
  'period.not-locked': { vi: (p) => `Kỳ báo cáo năm ${p.year} của ${p.unit} chưa khóa.`, en: (p) => `The ${p.year} period of ${p.unit} is not locked.` },
  'unit.consolidating': { vi: (p) => `Đơn vị ${p.unit} không gửi báo cáo riêng trong năm ${p.year}: đơn vị tổng hợp báo cáo của các đơn vị trực thuộc.`, en: (p) => `Unit ${p.unit} does not send a report of its own in ${p.year}: it consolidates the units under it.` },
  'unit.code': { vi: (p) => `Mã đơn vị "${p.unit}" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.`, en: (p) => `Unit code "${p.unit}" is not valid: ASCII letters, digits, dot, hyphen and underscore only.` },
  'unit.predecessor-unknown': { vi: (p) => `Đơn vị ${p.unit}: đơn vị tiền thân ${p.predecessor} không có trong danh sách đơn vị.`, en: (p) => `Unit ${p.unit}: predecessor ${p.predecessor} is not in the register.` },
  'unit.predecessor-claimed': { vi: (p) => `Đơn vị tiền thân ${p.predecessor} đã được ghi cho đơn vị ${p.other}: số liệu của một đơn vị tiền thân chỉ chuyển cho một đơn vị kế thừa (khi chia tách, ghi cho đơn vị nhận báo cáo cũ).`, en: (p) => `Predecessor ${p.predecessor} is already given to ${p.other}: a predecessor's report goes to one successor only.` },
  'unit.predecessor-self': { vi: (p) => `Đơn vị ${p.unit} không thể là đơn vị tiền thân của chính mình.`, en: (p) => `Unit ${p.unit} cannot be its own predecessor.` },
  'register.locked': { vi: (p) => `Thay đổi này ảnh hưởng đến kỳ báo cáo đã khóa${p.detail ? ` (${p.detail})` : ''}: mở khóa kỳ báo cáo trước, hoặc chỉ thay đổi các năm chưa khóa.`, en: (p) => `This change affects a locked period${p.detail ? ` (${p.detail})` : ''}: unlock it first.` },
  'report.unjustified': { vi: (p) => `Cần ghi giải trình cho cảnh báo: ${p.what}.`, en: (p) => `A justification is needed for the warning: ${p.what}.` },
  'decision.no-report': { vi: (p) => `Đơn vị ${p.unit} chưa có báo cáo năm ${p.year} được tính: chưa thể ghi quyết định xếp loại.`, en: (p) => `Unit ${p.unit} has no counted report for ${p.year}: no decision can be recorded yet.` },
  'decision.total': { vi: (p) => `${p.row}: tổng số quyết định ${p.decided} khác tổng số trong báo cáo của đơn vị (${p.proposed}): quyết định xếp loại giữ nguyên tổng số, chỉ thay đổi mức xếp loại.`, en: (p) => `${p.row}: the decided total ${p.decided} differs from the report's ${p.proposed}: a decision changes levels, not totals.` },
  'decision.not-found': { vi: (p) => `Chưa có quyết định xếp loại nào cho đơn vị ${p.unit} năm ${p.year}.`, en: (p) => `No decision for ${p.unit} in ${p.year}.` },
  'period.open-items': { vi: (p) => `Còn ${p.count} đơn vị chưa xong (${p.list}): hoàn thành trước, hoặc khóa kèm lý do (khóa khi còn việc chưa xong).`, en: (p) => `${p.count} units still open (${p.listEn ?? p.list}): finish them first, or lock anyway with a reason.` },
  'period.unlock-reason': { vi: () => 'Mở khóa kỳ báo cáo cần ghi lý do ("reason").', en: () => 'Unlocking needs a "reason".' },
  'period.force-reason': { vi: () => 'Khóa khi còn việc chưa xong cần ghi lý do ("reason").', en: () => 'Locking over open items needs a "reason".' },
  'policy.looser': { vi: (p) => `Tham số "${p.param}" lỏng hơn quy định của cấp trên ${p.from}: cấp dưới chỉ được quy định bằng hoặc chặt hơn.`, en: (p) => `"${p.param}" is looser than the policy of ${p.from} above: a unit below may only be as strict or stricter.` },
  'request.bad-encoding': { vi: () => 'Địa chỉ có ký tự mã hóa sai.', en: () => 'The address has a bad percent-encoding.' },
  'internal': { vi: () => 'Lỗi máy chủ: thử lại sau; nếu còn lỗi, báo quản trị.', en: () => 'Server error: try again later.' },
} satisfies Record<string, Template>;

export type ErrorCode = keyof typeof MESSAGES;

export interface ErrorItem {
  code: string;
  message: string;
  messageEn: string;
  path?: (string | number)[];
  hint?: string;
  hintEn?: string;
  rule?: string;
  severity?: string;
}

export function errorItem(code: ErrorCode, params: Params = {}, path?: (string | number)[]): ErrorItem {
  const t: Template = MESSAGES[code];
  return { code, message: t.vi(params), messageEn: t.en(params), ...(path ? { path } : {}) };
}

/** The findings of a rejected report as error items: `report.<rule>`, with the finding's path and hint. */
export function findingItems(findings: Finding[]): ErrorItem[] {
  return findings.map((f) => ({
    code: `report.${f.rule}`,
    message: f.message,
    messageEn: f.messageEn,
    path: f.path,
    hint: f.hint,
    hintEn: f.hintEn,
    rule: f.rule,
    severity: f.severity,
  }));
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500,
    readonly items: ErrorItem[],
  ) {
    super(items[0]?.messageEn ?? 'error');
  }
  static of(status: ApiError['status'], code: ErrorCode, params: Params = {}, path?: (string | number)[]): ApiError {
    return new ApiError(status, [errorItem(code, params, path)]);
  }
}

/** The envelope in the caller's language: `{ ok: false, errors: [{ code, message, path }] }`. */
export function envelope(items: ErrorItem[], lang: Lang) {
  return {
    ok: false as const,
    errors: items.map((i) => {
      const out: Record<string, unknown> = { code: i.code, message: lang === 'en' ? i.messageEn : i.message };
      if (i.path) out.path = i.path;
      const hint = lang === 'en' ? i.hintEn : i.hint;
      if (hint) out.hint = hint;
      if (i.rule) out.rule = i.rule;
      if (i.severity) out.severity = i.severity;
      return out;
    }),
  };
}

/** zod issues (with their vi/en messages) as error items naming each field. */
export function issueItems(issues: Issue[], prefix: (string | number)[] = []): ErrorItem[] {
  return issues.map((i) => {
    const path = [...prefix, ...i.path];
    const where = path.join('.');
    return {
      code: 'request.invalid',
      message: MESSAGES['request.invalid'].vi({ path: where || '(gốc)', detail: i.message }),
      messageEn: MESSAGES['request.invalid'].en({ path: where || '(root)', detail: i.messageEn }),
      path,
    };
  });
}

/**
 * A write refused inside its own batch by a guard trigger (worker/migrations/0003): the error text carries
 * `guard:<what>`. Returns the 409 to answer with, or null for any other error.
 */
export function guardError(e: unknown, params: Params = {}): ApiError | null {
  const m = /guard:([a-z-]+)/.exec(String(e));
  if (!m) return null;
  switch (m[1]) {
    case 'locked':
      return ApiError.of(409, 'report.locked', { year: params.year ?? '', by: params.by ?? 'cấp trên' });
    case 'approved':
      return ApiError.of(409, 'report.approved', params);
    case 'register-locked':
      return ApiError.of(409, 'register.locked', { detail: params.detail ?? '' });
    default:
      return null;
  }
}
