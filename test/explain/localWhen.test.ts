import { describe, expect, it } from "vitest";
import { localWhen } from "../../src/explain/localWhen.js";

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
