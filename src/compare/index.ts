export type { Attribution, DiffCause, DiffResult } from "./attribution.js";
export { DIFF_CAUSES } from "./attribution.js";
export { diff } from "./diff.js";
