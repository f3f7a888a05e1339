// A grouped charge whose transform is taken once on the total of its groups (`transform.scope:
// "charge"`), its amount split over the group lines (docs/pricing.md, "The transform across the
// groups"). Cloudflare R2 Class A operations: "$4.50 / million requests", "1 million requests / month"
// free per account, and "Cloudflare rounds up your usage to the next billing unit"
// (https://developers.cloudflare.com/r2/pricing/, docs/pricing.md [C1]): the account's operations are
// rounded, not each bucket's. Every figure is worked out by hand in the comments.
import { describe, expect, it } from "vitest";
import { explainLine, issueCreditNote, parseContract, rateInvoice } from "../../src/index.js";
import { buildContract, buildContractJson, usageEvent } from "../_support/contract.js";

const METERS = [
  { id: "class_a_ops", eventType: "r2.class_a", aggregation: "sum" as const, valueProperty: "ops" },
];

function r2(scope: "group" | "charge" | undefined, extra: Record<string, unknown> = {}) {
  return {
    meters: METERS,
    charges: [
      {
        id: "class_a",
        name: "Class A operations",
        meter: "class_a_ops",
        price: {
          model: "grouped" as const,
          groupBy: ["bucket"],
          price: { model: "unit" as const, unitPrice: "4.50" },
        },
        transform: {
          divideBy: "1000000",
          included: "1",
          round: "up" as const,
          ...(scope === undefined ? {} : { scope }),
        },
        ...extra,
      },
    ],
  };
}

const usageOf = (buckets: Record<string, number>) =>
  Object.entries(buckets).map(([bucket, ops], index) =>
    usageEvent(`e${index}`, "r2.class_a", "2026-02-10T12:00:00Z", { bucket, ops }),
  );

const amounts = (invoice: ReturnType<typeof rateInvoice>) =>
  Object.fromEntries(invoice.lines.map((line) => [line.id, line.amount]));

// Seconds billed as hours, rounded up on the total of the instances (transform.unit "hours").
const vmContractJson = (price: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  meters: [{ id: "secs", eventType: "vm", aggregation: "sum", valueProperty: "s", unit: "seconds" }],
  charges: [
    {
      id: "vm",
      name: "VM hours",
      meter: "secs",
      price: { model: "grouped", groupBy: ["instance"], price },
      transform: { divideBy: "3600", round: "up", unit: "hours", scope: "charge" },
      ...extra,
    },
  ],
});
const vmContract = (price: Record<string, unknown>) => buildContract(vmContractJson(price) as never);
const vmUsage = (seconds: ReadonlyArray<number>) =>
  seconds.map((s, index) =>
    usageEvent(`e${index}`, "vm", "2026-02-10T12:00:00Z", { instance: `i-${index + 1}`, s }),
  );

describe("transform scope charge: Cloudflare R2 rounds the account's operations", () => {
  it("rounds and takes the allowance from the total: 3 × 1.5M bill $18.00, not $13.50", () => {
    // Cloudflare, the account's total: 4,500,000 ÷ 10^6 = 4.5 − 1 free (once) = 3.5 → up 4 million
    // × $4.50 = $18.00; split by usage 1 : 1 : 1, 1,800 cents ÷ 3 = 600 each.
    // Per bucket (scope "group", the default): 1.5 − 1 = 0.5 → up 1 million each, 3 × $4.50 = $13.50,
    // the free million taken once per bucket. (Two buckets of 1.5M happen to agree: 3 − 1 = 2 → $9.00,
    // and 2 × (0.5 → 1) → $9.00.)
    const usage = usageOf({ photos: 1_500_000, backups: 1_500_000, logs: 1_500_000 });
    const invoice = rateInvoice(buildContract(r2("charge")), usage, "2026-02");
    expect(amounts(invoice)).toEqual({
      'class_a[bucket="backups"]': "6.00",
      'class_a[bucket="logs"]': "6.00",
      'class_a[bucket="photos"]': "6.00",
    });
    expect(invoice.total).toBe("18.00");
    expect(rateInvoice(buildContract(r2(undefined)), usage, "2026-02").total).toBe("13.50");
  });

  it("refuses to re-rate a share line by quantity, saying it is a share", () => {
    // Each bucket's $6.00 is a third of the account's $18.00 (above): 1M ops off one bucket would change
    // the total's rounding and every share, so the note credits an amount instead.
    const contract = buildContract(r2("charge"));
    const usage = usageOf({ photos: 1_500_000, backups: 1_500_000, logs: 1_500_000 });
    const invoice = rateInvoice(contract, usage, "2026-02");
    const line = 'class_a[bucket="logs"]';
    expect(() =>
      issueCreditNote(contract, invoice, [{ kind: "quantity", line, quantity: "1000000", reason: "x" }]),
    ).toThrow(
      `Line ${line} cannot be re-rated from its quantity alone: it is a share of a charge whose groups were rated as one, split by usage; credit an amount instead.`,
    );
  });

  it("takes the 1 million free once, where per bucket each bucket takes it", () => {
    // 0.9M + 0.9M + 0.9M. Cloudflare: 2.7 − 1 = 1.7 → up 2 million = $9.00, split 1/3 each:
    // 900 cents ÷ 3 = 300 each, no remainder. Per bucket (scope group): 0.9 − 1 → 0 each: $0.00, the
    // free million taken three times.
    const usage = usageOf({ a: 900_000, b: 900_000, c: 900_000 });
    const shared = rateInvoice(buildContract(r2("charge")), usage, "2026-02");
    expect(amounts(shared)).toEqual({
      'class_a[bucket="a"]': "3.00",
      'class_a[bucket="b"]': "3.00",
      'class_a[bucket="c"]': "3.00",
    });
    const perBucket = rateInvoice(buildContract(r2(undefined)), usage, "2026-02");
    expect(perBucket.total).toBe("0.00");
  });

  it("splits by largest remainder in cents, ties to the earlier line id", () => {
    // 2,000,000 + 1,000,000 + 1,000,000 = 4 million − 1 = 3 → $13.50 = 1,350 cents. Shares by usage
    // 2 : 1 : 1 of 1,350 = 675, 337.5, 337.5: floors 675 + 337 + 337 = 1,349, one cent left; the two
    // remainders of 0.5 tie, the earlier line id takes it: class_a[bucket="b"] before "c" → 3.38, 3.37.
    const usage = usageOf({ a: 2_000_000, c: 1_000_000, b: 1_000_000 });
    const invoice = rateInvoice(buildContract(r2("charge")), usage, "2026-02");
    expect(amounts(invoice)).toEqual({
      'class_a[bucket="a"]': "6.75",
      'class_a[bucket="b"]': "3.38",
      'class_a[bucket="c"]': "3.37",
    });
    expect(invoice.total).toBe("13.50");
  });

  it("says the total and the share in the explanation", () => {
    const invoice = rateInvoice(
      buildContract(r2("charge")),
      usageOf({ a: 2_000_000, c: 1_000_000, b: 1_000_000 }),
      "2026-02",
    );
    const line = invoice.lines.find((candidate) => candidate.id === 'class_a[bucket="b"]')!;
    expect(explainLine(line, { prefix: "$", minorUnits: 2 })).toBe(
      "Class A operations [bucket b]: 1,000,000 from 1 event. Rated as one with the charge's other groups: the 3 groups measured 4,000,000 from 3 events in all. Billable quantity: 4,000,000 divided by 1,000,000, minus 1 included, rounded up = 3. 3 at $4.5000 = $13.50. The charge's $13.50 is split over its groups in proportion to their usage, what rounding leaves over going to the largest remainders: this group's 1,000,000 of 4,000,000 is $3.38. Line total $3.38.",
    );
  });

  it("says the billable quantity in the transform's unit, the group's usage in the meter's", () => {
    // Seconds measured, hours billed at $0.09, rounded up on the account's total: instances of 5,400 s
    // and 3,600 s are 9,000 s ÷ 3,600 = 2.5 → up 3 hours × $0.09 = $0.27; split 5,400 : 3,600 = 3 : 2,
    // 27 cents × 3/5 = 16.2 and × 2/5 = 10.8, 16 + 10 = 26, the cent left to the larger remainder (0.8,
    // i-2): $0.16 and $0.11. The hours are the total's, so "3 hours", not "3 seconds".
    const contract = buildContract({
      meters: [
        {
          id: "secs",
          eventType: "vm",
          aggregation: "sum",
          valueProperty: "s",
          unit: "seconds",
          unitSingular: "second",
        },
      ],
      charges: [
        {
          id: "vm",
          name: "VM hours",
          meter: "secs",
          price: { model: "grouped", groupBy: ["instance"], price: { model: "unit", unitPrice: "0.09" } },
          transform: { divideBy: "3600", round: "up", unit: "hours", scope: "charge" },
        },
      ],
    } as never);
    const usage = [
      usageEvent("e1", "vm", "2026-02-10T12:00:00Z", { instance: "i-1", s: 5400 }),
      usageEvent("e2", "vm", "2026-02-10T12:00:00Z", { instance: "i-2", s: 3600 }),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(amounts(invoice)).toEqual({ 'vm[instance="i-1"]': "0.16", 'vm[instance="i-2"]': "0.11" });
    const line = invoice.lines[1]!;
    // The line's quantity is the group's usage, in the meter's unit; the total's step names the hours.
    expect([line.quantity, line.unit]).toEqual(["3600", "seconds"]);
    expect(line.steps[1]).toEqual({
      kind: "group_total",
      groups: 2,
      measured: "9000",
      events: 2,
      unit: "hours",
    });
    expect(explainLine(line, { prefix: "$", minorUnits: 2 })).toBe(
      "VM hours [instance i-2]: 3,600 seconds from 1 event. Rated as one with the charge's other groups: the 2 groups measured 9,000 seconds from 2 events in all. Billable quantity: 9,000 divided by 3,600, rounded up = 3 hours. 3 hours at $0.0900 = $0.27. The charge's $0.27 is split over its groups in proportion to their usage, what rounding leaves over going to the largest remainders: this group's 3,600 of 9,000 is $0.11. Line total $0.11.",
    );
  });

  it("says that a group below zero lowers the total and takes no share, and splits among the others", () => {
    // Seconds at $0.09 an hour, rounded up on the total: i-1 5,400 s, i-2 1,800 s, i-3 −3,600 s (a
    // correction) measure 3,600 s in all, 1 hour, $0.09. i-3's correction is the account's: it lowers
    // the total; it weighs 0, so the 9 cents go to the groups above zero, 5,400 : 1,800 = 3 : 1: 6.75
    // and 2.25, 6 + 2 = 8, the cent left to the larger remainder (0.75, i-1): $0.07, $0.02, $0.00.
    const invoice = rateInvoice(
      vmContract({ model: "unit", unitPrice: "0.09" }),
      vmUsage([5400, 1800, -3600]),
      "2026-02",
    );
    expect(amounts(invoice)).toEqual({
      'vm[instance="i-1"]': "0.07",
      'vm[instance="i-2"]': "0.02",
      'vm[instance="i-3"]': "0.00",
    });
    const words = invoice.lines.map((line) => explainLine(line, { prefix: "$", minorUnits: 2 }));
    expect(words[2]).toContain(
      "This group measured below zero (-3,600 seconds): that lowers the groups' total, and it takes no share of the charge's $0.09, which is split over the groups above zero in proportion to their usage: $0.00. Line total $0.00.",
    );
    expect(words[2]).not.toContain("this group's 0 of");
    expect(words[0]).toContain(
      "The charge's $0.09 is split over its groups above zero in proportion to their usage, what rounding leaves over going to the largest remainders: this group's 5,400 of 7,200 is $0.07.",
    );
  });

  it("credits a total below zero to the groups below zero, not to a group that used more", () => {
    // A credit charge: i-1 3,600 s, i-2 −9,000 s, i-3 −1,800 s (corrections) measure −7,200 s, −2 hours
    // (rounded up, toward +∞: −2 exactly) × $0.09 = −$0.18. The corrections made the credit: it is split
    // over the groups below zero by their size, 9,000 : 1,800 = 5 : 1, −18 cents × 5/6 = −15 and × 1/6 =
    // −3: i-2 −$0.15, i-3 −$0.03, and i-1, which used 3,600 s, is credited nothing (it was −$0.18).
    const contract = buildContract(
      vmContractJson({ model: "unit", unitPrice: "0.09" }, { credit: true }) as never,
    );
    const invoice = rateInvoice(contract, vmUsage([3600, -9000, -1800]), "2026-02");
    expect(amounts(invoice)).toEqual({
      'vm[instance="i-1"]': "0.00",
      'vm[instance="i-2"]': "-0.15",
      'vm[instance="i-3"]': "-0.03",
    });
    const words = invoice.lines.map((line) => explainLine(line, { prefix: "$", minorUnits: 2 }));
    expect(words[0]).toContain(
      "This group measured above zero (3,600 seconds) where the groups' total is below zero: it takes no share of the charge's -$0.18, which is split over the groups below zero in proportion to their size: $0.00.",
    );
    expect(words[1]).toContain(
      "The charge's -$0.18 is split over its groups below zero in proportion to their size, what rounding leaves over going to the largest remainders: this group's 9,000 of 10,800 is -$0.15.",
    );
  });

  it("says that groups with no usage above zero share the charge equally", () => {
    // A tier's $1.00 flat fee is billed at 0 hours; three groups of 0 s weigh 1 each: 100 cents ÷ 3 =
    // 33.33, 33 × 3 = 99, the cent left to the earliest id (equal remainders): $0.34, $0.33, $0.33.
    const price = {
      model: "graduated",
      tiers: [{ upTo: "10", unitPrice: "0.09", flatFee: "1.00" }, { unitPrice: "0.05" }],
    };
    const invoice = rateInvoice(vmContract(price), vmUsage([0, 0, 0]), "2026-02");
    expect(invoice.lines.map((line) => line.amount)).toEqual(["0.34", "0.33", "0.33"]);
    expect(explainLine(invoice.lines[1]!, { prefix: "$", minorUnits: 2 })).toContain(
      "No group measured above zero, so the charge's $1.00 is split over its 3 groups equally, what rounding leaves over going to the earliest lines: this group's 1 of 3 is $0.33.",
    );
  });

  it("records scope only when it is set: a contract without it keeps its bytes", () => {
    const json = buildContractJson(r2(undefined));
    expect(JSON.stringify(parseContract(json).charges[0]!.transform)).not.toContain("scope");
  });

  it.each([
    [
      "an ungrouped price",
      { price: { model: "unit", unitPrice: "4.50" } },
      "this unit price bills one line, with no groups to add up",
    ],
    ["a line maximum", { maximum: "10" }, "maximum caps each group's line"],
  ])("refuses scope charge on %s at charges[0].transform.scope", (_what, extra, words) => {
    expect(() => buildContract(r2("charge", extra))).toThrowError(
      expect.objectContaining({
        code: "invalid_field",
        path: "charges[0].transform.scope",
        message: expect.stringContaining(words),
      }),
    );
  });

  it("refuses scope charge in an allowance pool, and an override that prices one bucket apart", () => {
    const pool = { allowances: [{ id: "free", name: "Free", quantity: "1", charges: ["class_a"] }] };
    expect(() => buildContract(r2("charge"), pool)).toThrowError(
      expect.objectContaining({ path: "charges[0].transform.scope" }),
    );
    // Half price for photos only: no one price for the buckets' total.
    const overrides = {
      overrides: [{ id: "half", charge: "class_a", multiplier: "0.5", where: { bucket: "photos" } }],
    };
    expect(() =>
      rateInvoice(buildContract(r2("charge"), overrides), usageOf({ backups: 1, photos: 1 }), "2026-02"),
    ).toThrowError(
      expect.objectContaining({
        path: "charges[0].transform.scope",
        message: expect.stringContaining('prices bucket="photos" differently from bucket="backups"'),
      }),
    );
  });
});
