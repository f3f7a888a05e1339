export type { FocusColumn, FocusRow, FocusServiceCategory } from "./focusColumns.js";
export { FOCUS_COLUMNS, FOCUS_SERVICE_CATEGORIES, FOCUS_VERSION } from "./focusColumns.js";
export { focusCsv } from "./focusCsv.js";
export type { FocusOptions } from "./focusOptions.js";
export { focusRows } from "./focusRows.js";
export { lateUsageRows } from "./lateUsageRows.js";
