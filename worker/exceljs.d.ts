// exceljs' self-contained browser build: it runs in workerd without Node's streams
declare module 'exceljs/dist/exceljs.min.js' {
  import ExcelJS from 'exceljs';
  export default ExcelJS;
}
