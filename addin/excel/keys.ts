/** Names the add-in keeps in the workbook: settings keys and sheet names. */
export const MARKS_KEY = 'xeploai.marks';
export const RECEIPT_KEY = 'xeploai.receipt';
export const RESULTS_SHEET = 'Kết quả kiểm tra';
export const MARK_COLOR = { error: '#F4CCCC', warning: '#FFF2CC' } as const;
