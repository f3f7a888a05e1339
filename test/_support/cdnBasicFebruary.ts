/** The CLI arguments that rate the cdn-basic fixture's usage for February 2026 (its expected.json). */
export const CDN_BASIC_FEBRUARY: ReadonlyArray<string> = [
  "--contract",
  "fixtures/cdn-basic/contract.json",
  "--usage",
  "fixtures/cdn-basic/usage.ndjson",
  "--period",
  "2026-02",
];
