export { explainLine } from "./explainLine.js";
export { explainText } from "./explainText.js";
