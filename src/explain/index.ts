export { currencyPrefix } from "./currencySymbol.js";
export { dailyChart } from "./dailyChart.js";
export { escapeControl } from "./escapeControl.js";
export type { ExplainFormat, ExplainOptions } from "./explain.js";
export { EXPLAIN_FORMATS, explain } from "./explain.js";
export { explainLateUsage } from "./explainLateUsage.js";
export type { LineWording, MoneyStyle } from "./explainLine.js";
export { explainLine, lineInWords } from "./explainLine.js";
export { explainText } from "./explainText.js";
export type { ExplainedLine, ExplainedMeter, ExplainedStep, Explanation } from "./explanation.js";
export { EXPLANATION_VERSION } from "./explanation.js";
export type { Figure } from "./figure.js";
export { formatQuantity } from "./formatNumber.js";
export { lineTitle } from "./lineTitle.js";
export { invoiceMoneyStyle } from "./settledMoney.js";
export { settlementWords } from "./settlementWords.js";
export type { TierBound } from "./tierBounds.js";
export { usageEvidenceText } from "./usageEvidenceText.js";
export type { WaterfallKind, WaterfallStep } from "./waterfall.js";
export { invoiceWorkbook } from "./workbook/invoiceWorkbook.js";
export type {
  InvoiceWorkbook,
  WorkbookCell,
  WorkbookFigure,
  WorkbookRow,
  WorkbookRowStyle,
} from "./workbook/workbookTypes.js";
