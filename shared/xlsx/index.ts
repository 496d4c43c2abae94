/**
 * The .xlsx adapters, pure (bytes in, Grid out; a spec in, an exceljs sheet out): no file or network I/O.
 * Reading (check.ts) is a streaming unzip and XML tokenizer and never loads exceljs; writing (workbook.ts) is
 * exceljs. Code that only reads imports './check' so that its bundle stays without the writer.
 */
export * from './check';
export * from './workbook';
