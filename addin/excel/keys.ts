/** Names the add-in keeps in the workbook: settings keys and sheet names. */
export const MARKS_KEY = 'xeploai.marks';
export const RECEIPT_KEY = 'xeploai.receipt';
/** The ids of the sheets the add-in wrote (results, pulled consolidated sheets): skipped when reading. */
export const OWNED_KEY = 'xeploai.owned';
/** The justifications typed for warnings, kept in the workbook so that closing Excel loses none. */
export const JUSTIFY_KEY = 'xeploai.justifications';
export const RESULTS_SHEET = 'Kết quả kiểm tra';
export const MARK_COLOR = { error: '#F4CCCC', warning: '#FFF2CC' } as const;
