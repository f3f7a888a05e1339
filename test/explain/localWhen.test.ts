import { describe, expect, it } from "vitest";
import { distinctLineTitles } from "../../src/explain/lineTitle.js";
import { datesWords, localWhen } from "../../src/explain/localWhen.js";

describe("localWhen: an instant as the invoice dates it", () => {
  it("is the local date at a local midnight: 22:00 UTC on 31 March is 1 April in Berlin (UTC+2 then)", () => {
    expect(localWhen("2026-03-31T22:00:00.000Z", "Europe/Berlin")).toBe("2026-04-01");
  });

  it("adds the local time otherwise: 12:30 UTC is 14:30 in Berlin in April", () => {
    expect(localWhen("2026-04-21T12:30:00.000Z", "Europe/Berlin")).toBe("2026-04-21 14:30");
  });

  it("reads the zone's own clock across its changes (New York: EDT from 8 March, EST from 1 November 2026)", () => {
    // 07:00 UTC on 8 March, after 02:00 EST became 03:00 EDT (UTC−4): 03:00 local
    expect(localWhen("2026-03-08T07:00:00.000Z", "America/New_York")).toBe("2026-03-08 03:00");
    // 04:00 UTC on 1 November is midnight EDT, before the clocks go back at 02:00: the date alone
    expect(localWhen("2026-11-01T04:00:00.000Z", "America/New_York")).toBe("2026-11-01");
  });

  it("is the instant as written when the zone is not known", () => {
    expect(localWhen("2026-04-21T00:00:00.000Z", undefined)).toBe("2026-04-21T00:00:00.000Z");
  });
});

describe("datesWords: a stretch's ends as the invoice dates them", () => {
  // London's clocks go forward at 01:00 UTC on 29 March 2026 (01:00 GMT → 02:00 BST): 01:30 UTC is 02:30 BST.
  const untilHalfPastTwo = { start: "2026-03-29T00:00:00.000Z", end: "2026-03-29T01:30:00.000Z" };

  it("names the local time of an end that is not local midnight, as the period's header does", () => {
    expect(datesWords(untilHalfPastTwo, "Europe/London")).toBe("2026-03-29 to 2026-03-29 02:30");
    expect(
      datesWords({ start: "2026-03-01T00:00:00.000Z", end: "2026-03-29T00:00:00.000Z" }, "Europe/London"),
    ).toBe("2026-03-01 to 2026-03-29");
  });

  it("tells a piece of a few hours from its day in a list of lines (it read 2026-03-29 to 2026-03-29)", () => {
    const line = (id: string, period: { start: string; end: string }) => ({
      id,
      name: "Egress",
      group: null,
      period,
      steps: [],
    });
    const titles = distinctLineTitles(
      [
        line("egress", { start: "2026-03-01T00:00:00.000Z", end: "2026-03-29T00:00:00.000Z" }),
        line("egress@2026-03-29", untilHalfPastTwo),
      ],
      "Europe/London",
    );
    expect(titles).toEqual(["Egress (2026-03-01 to 2026-03-29)", "Egress (2026-03-29 to 2026-03-29 02:30)"]);
  });
});
