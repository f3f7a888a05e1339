import type { CheckResult, FixtureResult } from "./check.js";
import { fixtureText } from "./checkReportText.js";

/**
 * The check as JUnit XML (the format CI servers read: one `testcase` per fixture, a `failure` for a
 * fixture whose invoice differs, an `error` for one that cannot be rated, then one per folder skipped,
 * with a `skipped` element giving the reason, counted in the suite's `skipped`). No `time` or
 * `timestamp`: the check is pure and reads no clock, so the same fixtures give the same bytes.
 */
export function junitXml(result: CheckResult): string {
  const skipped = result.skipped ?? [];
  // As JUnit counts them: `tests` is every testcase, the skipped ones included.
  const tests = result.fixtures.length + skipped.length;
  const counts = `tests="${tests}" failures="${result.failed}" errors="${result.errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ratecard check" ${counts}>`,
    `  <testsuite name="ratecard check" ${counts} skipped="${skipped.length}">`,
    ...result.fixtures.map(testCase),
    ...skipped.map(skippedCase),
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

// A folder the check found and did not rate (not a fixture): listed, as on the console, never dropped.
function skippedCase(folder: { readonly name: string; readonly reason: string }): string {
  return [
    `    <testcase name="${escapeXml(folder.name)}" classname="ratecard.check">`,
    `      <skipped message="${escapeXml(folder.reason)}"/>`,
    "    </testcase>",
  ].join("\n");
}

function testCase(fixture: FixtureResult): string {
  const open = `    <testcase name="${escapeXml(fixture.name)}" classname="ratecard.check"`;
  // A pass says what it compared, as the console's PASS line does.
  if (fixture.status === "pass")
    return fixture.compared === undefined
      ? `${open}/>`
      : [`${open}>`, `      <system-out>${escapeXml(fixture.compared)}</system-out>`, "    </testcase>"].join(
          "\n",
        );
  const element = fixture.status === "fail" ? "failure" : "error";
  // The body is the report's text for the fixture: each field, and each differing line in words.
  const body = fixtureText(fixture).slice(1).join("\n");
  return [
    `${open}>`,
    `      <${element} message="${escapeXml(fixture.reason ?? "")}" type="${fixture.status === "fail" ? "invoice_differs" : "invalid_fixture"}">${escapeXml(body)}</${element}>`,
    "    </testcase>",
  ].join("\n");
}

// XML 1.0 cannot carry most control characters, not even escaped: they are written as \u001b text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replace(NOT_IN_XML, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
