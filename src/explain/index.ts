export { currencyPrefix } from "./currencySymbol.js";
export { escapeControl } from "./escapeControl.js";
export type { MoneyStyle } from "./explainLine.js";
export { explainLine } from "./explainLine.js";
export { dailyChart, explainText } from "./explainText.js";
export { invoiceWorkbook } from "./workbook/invoiceWorkbook.js";
export type {
  InvoiceWorkbook,
  WorkbookCell,
  WorkbookFigure,
  WorkbookRow,
  WorkbookRowStyle,
} from "./workbook/workbookTypes.js";
