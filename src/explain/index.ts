export { currencyPrefix } from "./currencySymbol.js";
export { explainLine } from "./explainLine.js";
export { dailyChart, explainText } from "./explainText.js";
