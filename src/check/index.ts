export type {
  CheckOptions,
  CheckResult,
  FixtureInput,
  FixtureResult,
  FixtureStatus,
  LineWords,
} from "./check.js";
export { check, fixtureError } from "./check.js";
export type { CreditNoteFixture } from "./checkCreditNote.js";
export { checkReportText } from "./checkReportText.js";
export type { CreditNoteFigures, ExpectedFigures, LineFigures } from "./expectedFigures.js";
export { expectedFiguresJsonSchema, parseExpectedFigures } from "./expectedFigures.js";
export { figureDifferences } from "./figureDifferences.js";
export type { Difference } from "./invoiceDifferences.js";
export { invoiceDifferences } from "./invoiceDifferences.js";
export { junitXml } from "./junitXml.js";
