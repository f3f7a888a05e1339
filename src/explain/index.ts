export { currencyPrefix } from "./currencySymbol.js";
export { escapeControl } from "./escapeControl.js";
export { explainLine } from "./explainLine.js";
export { dailyChart, explainText } from "./explainText.js";
