import type { Level, MemberGroup, ReportStatus, Role, Severity, Subject, UnitKind, UnratedReason } from '../model';

/** The words staff read in templates and reports, in one place (vi as printed in templates; en for English). */
export const SUBJECT_LABEL: Record<Subject, { vi: string; en: string }> = {
  committee: { vi: 'Tập thể cấp ủy', en: 'Committees' },
  organization: { vi: 'Tổ chức cơ sở đảng', en: 'Grassroots organisations' },
  branch: { vi: 'Chi bộ trực thuộc', en: 'Affiliated party cells' },
  member: { vi: 'Đảng viên', en: 'Party members' },
};

/** The unit of count in prose: "807 đồng chí", "10 tổ chức". */
export const SUBJECT_NOUN: Record<Subject, { vi: string; en: string }> = {
  committee: { vi: 'tập thể', en: 'committees' },
  organization: { vi: 'tổ chức', en: 'organisations' },
  branch: { vi: 'chi bộ', en: 'cells' },
  member: { vi: 'đồng chí', en: 'members' },
};

export const LEVEL_LABEL: Record<Level, { vi: string; short: string; en: string }> = {
  excellent: { vi: 'Hoàn thành xuất sắc nhiệm vụ', short: 'Xuất sắc', en: 'Excellent' },
  good: { vi: 'Hoàn thành tốt nhiệm vụ', short: 'Tốt', en: 'Good' },
  complete: { vi: 'Hoàn thành nhiệm vụ', short: 'Hoàn thành', en: 'Completed' },
  incomplete: { vi: 'Không hoàn thành nhiệm vụ', short: 'Không hoàn thành', en: 'Not completed' },
};

export const REASON_LABEL: Record<UnratedReason, { vi: string; en: string }> = {
  new: { vi: 'mới kết nạp, thành lập dưới 6 tháng', en: 'new (under 6 months)' },
  exempt: { vi: 'miễn công tác và sinh hoạt đảng', en: 'exempt' },
  suspended: { vi: 'đình chỉ sinh hoạt đảng', en: 'suspended' },
  other: { vi: 'lý do khác', en: 'other reason' },
};

export const STATUS_LABEL: Record<ReportStatus, { vi: string; en: string }> = {
  missing: { vi: 'Chưa gửi', en: 'Missing' },
  submitted: { vi: 'Đã gửi', en: 'Submitted' },
  returned: { vi: 'Trả lại', en: 'Returned' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
};

/** The kinds of unit as staff name them (the register sheet, messages). */
export const KIND_LABEL: Record<UnitKind, { vi: string; en: string }> = {
  khoi: { vi: 'Đảng bộ khối', en: 'Bloc' },
  tinh: { vi: 'Đảng bộ tỉnh', en: 'Province' },
  huyen: { vi: 'Đảng bộ cấp huyện', en: 'District committee' },
  'dang-bo-co-so': { vi: 'Đảng bộ cơ sở', en: 'Grassroots party committee' },
  'chi-bo-co-so': { vi: 'Chi bộ cơ sở', en: 'Grassroots party cell' },
  'chi-bo-truc-thuoc': { vi: 'Chi bộ trực thuộc', en: 'Affiliated party cell' },
  other: { vi: 'Khác', en: 'Other' },
};

/** A key's role, as the page and the messages name it. */
export const ROLE_LABEL: Record<Role, { vi: string; en: string }> = {
  unit: { vi: 'đơn vị', en: 'unit' },
  reviewer: { vi: 'người duyệt', en: 'reviewer' },
  admin: { vi: 'quản trị', en: 'administrator' },
};

/** What is still open before a lock (GET /api/v1/periods): the state of a reporting unit's report. */
export const OPEN_STATE_LABEL: Record<'missing' | 'stale' | 'returned' | 'submitted', { vi: string; en: string }> = {
  missing: { vi: 'chưa gửi', en: 'not sent' },
  stale: { vi: 'cần gửi lại', en: 'must send again' },
  returned: { vi: 'bị trả lại', en: 'returned' },
  submitted: { vi: 'chưa duyệt', en: 'not approved' },
};

export const SEVERITY_LABEL: Record<Severity, { vi: string; en: string }> = {
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  info: { vi: 'Thông tin', en: 'Info' },
};

export const GROUP_LABEL: Record<MemberGroup, { vi: string; en: string }> = {
  leader: { vi: 'lãnh đạo cơ quan, đơn vị', en: 'leaders' },
  manager: { vi: 'quản lý cấp phòng và tương đương', en: 'managers' },
  staff: { vi: 'không giữ chức vụ', en: 'staff' },
};
