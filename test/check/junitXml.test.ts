import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { type CheckResult, junitXml } from "../../src/check/index.js";
import { xpath } from "../_support/xpath.js";

// The JUnit report is checked by libxml2 (xmllint compiled to WebAssembly) against the schema in
// test/check/junit.xsd (its header says where the format comes from and how it was written).
const SCHEMA = readFileSync(join(import.meta.dirname, "junit.xsd"), "utf8");

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: "report.xml", contents: xml }],
    schema: [{ fileName: "junit.xsd", contents: SCHEMA }],
  });
  return result.errors.map((error) => error.rawMessage);
}

const RESULT: CheckResult = {
  passed: 1,
  failed: 1,
  errors: 1,
  fixtures: [
    { name: "fixtures/cdn-basic", status: "pass", differences: [], lines: [] },
    {
      name: 'fixtures/<odd> & "quoted"',
      status: "fail",
      reason: "1 field differs",
      differences: [{ path: "total", expected: '"7663.78"', actual: '"7664.78"', delta: "+1.00" }],
      lines: [],
    },
    {
      name: "fixtures/broken\u001b",
      status: "error",
      reason: "contract.json: currency < 3 letters",
      differences: [],
      lines: [],
    },
  ],
};

describe("junitXml", () => {
  it('writes a report the JUnit schema accepts: a pass, a failure and an error, names with < & " and a control character', async () => {
    expect(await schemaErrors(junitXml(RESULT))).toEqual([]);
  });

  it("counts the fixtures and writes one testcase per fixture with its outcome", () => {
    const xml = junitXml(RESULT);
    expect(xml).toContain('<testsuites name="ratecard check" tests="3" failures="1" errors="1">');
    expect(xml).toContain('<testcase name="fixtures/cdn-basic" classname="ratecard.check"/>');
    expect(xml).toContain(
      // 7,664.78 − 7,663.78 = +1.00
      '<failure message="1 field differs" type="invoice_differs">  total: expected &quot;7663.78&quot;, recomputed &quot;7664.78&quot; (recomputed − expected: +1.00)</failure>',
    );
    expect(xml).toContain('name="fixtures/&lt;odd&gt; &amp; &quot;quoted&quot;"');
    // ESC (U+001B) cannot be written in XML 1.0, not even as &#27;: it is spelled out.
    expect(xml).toContain('name="fixtures/broken\\u001b"');
  });

  it("writes what a pass compared as its system-out, which the JUnit schema accepts", async () => {
    const compared = "2026-04: expected.json byte for byte; expected-figures.json: 2 lines & total";
    const passed: CheckResult = {
      ...RESULT,
      fixtures: [{ name: "fixtures/jpy", status: "pass", differences: [], lines: [], compared }],
    };
    const xml = junitXml(passed);
    expect(await schemaErrors(xml)).toEqual([]);
    expect(await xpath(xml, "string(/testsuites/testsuite/testcase/system-out)")).toBe(compared);
  });

  describe("the folders the check skipped", () => {
    const WITH_SKIPPED: CheckResult = {
      ...RESULT,
      skipped: [
        { name: "fixtures/_generators", reason: "not a fixture: a helper folder (its name starts with _)" },
        { name: "fixtures/notes", reason: 'not a fixture: it has no contract.json & no "expected.json"' },
      ],
    };
    const xml = junitXml(WITH_SKIPPED);
    const suite = "/testsuites/testsuite";

    it("writes each as a testcase with a skipped element, and the JUnit schema accepts it", async () => {
      expect(await schemaErrors(xml)).toEqual([]);
      // 3 fixtures + 2 folders skipped = 5 testcases; 2 of them skipped, the 3 fixtures' outcomes unchanged
      expect(await xpath(xml, `count(${suite}/testcase)`)).toBe("5");
      expect(await xpath(xml, `count(${suite}/testcase[skipped])`)).toBe("2");
      expect(await xpath(xml, `count(${suite}/testcase[failure])`)).toBe("1");
      expect(await xpath(xml, `count(${suite}/testcase[error])`)).toBe("1");
      expect(await xpath(xml, `string(${suite}/testcase[skipped][1]/@classname)`)).toBe("ratecard.check");
    });

    it("counts them in the suite's skipped and in its tests, as JUnit does", async () => {
      expect(await xpath(xml, `string(${suite}/@skipped)`)).toBe("2");
      expect(await xpath(xml, `string(${suite}/@tests)`)).toBe("5");
      expect(await xpath(xml, "string(/testsuites/@tests)")).toBe("5");
      expect(await xpath(xml, `string(${suite}/@failures)`)).toBe("1");
      expect(await xpath(xml, `string(${suite}/@errors)`)).toBe("1");
    });

    it("gives the reason as the skipped element's message, read back as written (& and quotes escaped)", async () => {
      const message = (name: string) =>
        xpath(xml, `string(${suite}/testcase[@name="${name}"]/skipped/@message)`);
      expect(await message("fixtures/_generators")).toBe(
        "not a fixture: a helper folder (its name starts with _)",
      );
      expect(await message("fixtures/notes")).toBe(
        'not a fixture: it has no contract.json & no "expected.json"',
      );
    });

    it('writes skipped="0" and no skipped element when no folder was skipped', async () => {
      const none = junitXml(RESULT);
      expect(await xpath(none, `string(${suite}/@skipped)`)).toBe("0");
      expect(await xpath(none, "count(//skipped)")).toBe("0");
    });
  });

  it("is refused by the schema when a testcase has no name (the validator is not a rubber stamp)", async () => {
    const xml = junitXml(RESULT).replace('<testcase name="fixtures/cdn-basic"', "<testcase");
    expect((await schemaErrors(xml)).join("\n")).toContain("name");
  });
});
