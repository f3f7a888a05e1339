export { currencyPrefix } from "./currencySymbol.js";
export { escapeControl } from "./escapeControl.js";
export { explainLateUsage } from "./explainLateUsage.js";
export type { MoneyStyle } from "./explainLine.js";
export { explainLine } from "./explainLine.js";
export { dailyChart, explainText } from "./explainText.js";
