// Vendors' published price lists written as ratecard contracts, the way finance would write them
// (issue 13): only ratecard's settings (`per`, `included`, derived meter values, per-entity rounding and
// caps, matrix prices by size and region), nothing computed outside ratecard. Every expected figure is
// worked out by hand in the comments from the vendor's prices (or is the vendor's own worked bill),
// never copied from ratecard's output. docs/vendor-price-lists.md lists these and the other vendor
// examples.
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/index.js";
import { buildContract, usageEvent } from "../_support/contract.js";

const amounts = (invoice: ReturnType<typeof rateInvoice>) =>
  Object.fromEntries(invoice.lines.map((line) => [line.id, line.amount]));

describe("Scaleway Serverless Functions", () => {
  // https://www.scaleway.com/en/docs/faq/serverless-functions/ ("How am I billed for Serverless
  // Functions?"): "Monthly requests: €0.15 per million requests, and we offer 1M free requests per
  // account per month." "Resources consumption: €1.20 per 100 000 GB-s, and we provide 400 000 GB-s
  // free tiers per account and per month." Resource consumption is "the memory tiers chosen … by the
  // duration of each function invocation"; the page converts 128 MB to 0.125 GB, i.e. MB ÷ 1,024.
  //
  // GB-s from one invocation record: invocations × memory (MB) × duration (ms) ÷ 1,024 ÷ 1,000;
  // 1 ÷ 1,024,000 = 0.0000009765625 exactly (1,024,000 = 2^13 × 5^3).
  const GB_SECONDS = {
    multiply: [
      { property: "invocations" },
      { property: "memory_mb" },
      { property: "duration_ms" },
      { constant: "0.0000009765625" },
    ],
  };
  const SCALEWAY = {
    currency: "EUR",
    meters: [
      {
        id: "gb_s",
        eventType: "function.invocations",
        aggregation: "sum" as const,
        value: GB_SECONDS,
        unit: "GB-s",
      },
      {
        id: "requests",
        eventType: "function.invocations",
        aggregation: "sum" as const,
        valueProperty: "invocations",
        unit: "requests",
      },
    ],
    charges: [
      {
        id: "resources",
        name: "Resources consumption",
        meter: "gb_s",
        included: "400000",
        price: { model: "unit" as const, unitPrice: "1.20", per: "100000" },
      },
      {
        id: "requests",
        name: "Monthly requests",
        meter: "requests",
        included: "1000000",
        price: { model: "unit" as const, unitPrice: "0.15", per: "1000000" },
      },
    ],
  };
  const event = (id: string, properties: Record<string, unknown>) =>
    usageEvent(id, "function.invocations", "2026-02-10T12:00:00Z", properties);

  it("bills the page's Example 1: €40.20 of resources + €4.35 of requests = €44.55", () => {
    // Scaleway's Example 1 (30,000,000 requests, 1 s each, 128 MB, free tier, no provisioning):
    // 30,000,000 × 1 s × 0.125 GB = 3,750,000 GB-s; − 400,000 free = 3,350,000 GB-s;
    // "3 350 000 x €0.0000120 = €40.20" (= 3,350,000 ÷ 100,000 × €1.20 = 33.5 × 1.20).
    // Requests: 30,000,000 − 1,000,000 free = 29,000,000; 29 × €0.15 = €4.35.
    // Total: 40.20 + 4.35 = €44.55.
    const contract = buildContract(SCALEWAY);
    const usage = [event("month", { invocations: 30_000_000, memory_mb: 128, duration_ms: 1000 })];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters.map((meter) => meter.quantity)).toEqual(["3750000", "30000000"]);
    expect(amounts(invoice)).toEqual({ resources: "40.20", requests: "4.35" });
    expect(invoice.total).toBe("44.55");
  });

  it("adds GB-s across memory tiers before the free 400,000 GB-s is taken off once", () => {
    // Three functions in one account, one record each:
    //   2,000,000 × 512 MB × 300 ms: 2,000,000 × 0.5 GB × 0.3 s = 300,000 GB-s
    //     500,000 × 1,024 MB × 1,200 ms: 500,000 × 1 GB × 1.2 s = 600,000 GB-s
    //     100,000 × 128 MB × 50 ms: 100,000 × 0.125 GB × 0.05 s =     625 GB-s
    // 900,625 GB-s − 400,000 free = 500,625; 500,625 ÷ 100,000 × €1.20 = 5.00625 × 1.20 = €6.0075 → €6.01.
    // Requests: 2,600,000 − 1,000,000 = 1,600,000; 1.6 × €0.15 = €0.24.
    // Total: 6.01 + 0.24 = €6.25.
    const contract = buildContract(SCALEWAY);
    const usage = [
      event("api", { invocations: 2_000_000, memory_mb: 512, duration_ms: 300 }),
      event("thumbs", { invocations: 500_000, memory_mb: 1024, duration_ms: 1200 }),
      event("cron", { invocations: 100_000, memory_mb: 128, duration_ms: 50 }),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(invoice.usage.meters.map((meter) => meter.quantity)).toEqual(["900625", "2600000"]);
    expect(amounts(invoice)).toEqual({ resources: "6.01", requests: "0.24" });
    expect(invoice.total).toBe("6.25");
  });

  it("bills nothing while the month stays inside both free tiers", () => {
    // 900,000 × 128 MB × 3,000 ms = 900,000 × 0.125 × 3 = 337,500 GB-s ≤ 400,000; 900,000 requests ≤ 1M.
    const contract = buildContract(SCALEWAY);
    const usage = [event("small", { invocations: 900_000, memory_mb: 128, duration_ms: 3000 })];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(amounts(invoice)).toEqual({ resources: "0.00", requests: "0.00" });
    expect(invoice.total).toBe("0.00");
  });
});

describe("Linode (Akamai) Nanode: hourly up to a monthly cap, plus transfer overage", () => {
  // https://www.linode.com/pricing/distributed-compute-regions/: "You are charged the hourly rate for a
  // service up to its monthly cap (rates get rounded up to the nearest hour)"; Nanode 1 GB: $0.0075 an
  // hour, $5 a month. "If you deployed it for 2.5 hours, the hours used would be rounded to 3"
  // (https://linode.com/community/questions/23981/how-does-billing-work-for-resources-with-usage-less-than-a-hour).
  // Linode's billing guide: "You'll never be billed more than the monthly cap for any service, excluding
  // network transfer overages" (linode.com/docs/platform/billing-and-support/how-linode-billing-works).
  // Written as Linode bills it: one line per instance (a grouped charge), its seconds divided by 3,600
  // and rounded up, priced at $0.0075, and the line's `maximum` of $5.00, a cap in money per instance.
  //
  // Transfer: a Nanode comes with 1 TB (1,000 GB) of outbound transfer, pooled across the account
  // (https://www.linode.com/community/questions/18539/linode-alert-account-transfer-quota); beyond the
  // pool, "$0.01/GB" (https://www.linode.com/community/questions/24010/traffic-exceeded-threshold,
  // quoting Linode's network transfer guide).
  const nanodeHours = (pool: string) => ({
    meters: [
      {
        id: "nanode_seconds",
        eventType: "linode.runtime",
        aggregation: "sum" as const,
        valueProperty: "seconds",
        unit: "seconds",
      },
      {
        id: "outbound_gb",
        eventType: "linode.transfer",
        aggregation: "sum" as const,
        valueProperty: "gb",
        unit: "GB",
      },
    ],
    charges: [
      {
        id: "nanode",
        name: "Nanode 1 GB",
        meter: "nanode_seconds",
        transform: { divideBy: "3600", round: "up" as const, unit: "hours" },
        price: {
          model: "grouped" as const,
          groupBy: ["instance"],
          price: { model: "unit" as const, unitPrice: "0.0075" },
        },
        maximum: "5.00",
      },
      {
        id: "transfer",
        name: "Network transfer overage",
        meter: "outbound_gb",
        included: pool,
        price: { model: "unit" as const, unitPrice: "0.01" },
      },
    ],
  });
  const runtime = (id: string, instance: string, seconds: number) =>
    usageEvent(id, "linode.runtime", "2026-02-15T00:00:00Z", { instance, seconds });
  const transfer = (id: string, gb: string) =>
    usageEvent(id, "linode.transfer", "2026-02-20T00:00:00Z", { gb });
  // February 2026: 28 days = 672 hours = 2,419,200 s; 672 × $0.0075 = $5.04 > $5, so a whole month hits the cap.
  const FULL_FEBRUARY = 2_419_200;

  it("rounds each instance's hours up and caps each line at the month's $5: $5.00 + $0.02 + $0.76 = $5.78", () => {
    // n1: the whole month, 672 h × $0.0075 = $5.04 → capped at $5.00
    // n2: 9,000 s = 2.5 h → 3 h × $0.0075 = $0.0225 → $0.02 (half-even: the cent digit 2 is even)
    // n3: 361,200 s = 100 h 20 min → 101 h × $0.0075 = $0.7575 → $0.76
    // 5.00 + 0.02 + 0.76 = $5.78
    const contract = buildContract(nanodeHours("1000"));
    const usage = [
      runtime("n1-a", "n1", 1_209_600),
      runtime("n1-b", "n1", FULL_FEBRUARY - 1_209_600),
      runtime("n2", "n2", 9_000),
      runtime("n3", "n3", 361_200),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(amounts(invoice)).toEqual({
      'nanode[instance="n1"]': "5.00",
      'nanode[instance="n2"]': "0.02",
      'nanode[instance="n3"]': "0.76",
      transfer: "0.00",
    });
    const n1 = invoice.lines.find((line) => line.id === 'nanode[instance="n1"]')!;
    expect(n1.quantity).toBe("672");
    // The cap is a visible step: 5.00 − 5.04 = −0.04.
    expect(n1.steps.find((step) => step.kind === "line_limit")).toEqual({
      kind: "line_limit",
      limit: "maximum",
      value: "5",
      before: "5.04",
      amount: "-0.04",
    });
    expect(invoice.total).toBe("5.78");
  });

  it("bills two always-on Nanodes their caps and 347.3 GB over the 2 TB pool: $10.00 + $3.47 = $13.47", () => {
    // Compute: 2 × min(672 × 0.0075 = 5.04, 5.00) = $10.00
    // Transfer: pool 2 × 1,000 GB = 2,000 GB; 1,500.2 + 847.1 = 2,347.3 GB out; 347.3 × $0.01 = $3.473 → $3.47
    // Total: 10.00 + 3.47 = $13.47
    const contract = buildContract(nanodeHours("2000"));
    const usage = [
      runtime("n1", "n1", FULL_FEBRUARY),
      runtime("n2", "n2", FULL_FEBRUARY),
      transfer("t1", "1500.2"),
      transfer("t2", "847.1"),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    expect(amounts(invoice)).toEqual({
      'nanode[instance="n1"]': "5.00",
      'nanode[instance="n2"]': "5.00",
      transfer: "3.47",
    });
    expect(invoice.total).toBe("13.47");
  });

  it("bills 600 always-on Nanodes exactly $3,000.00, as Linode does (the cap is in money, per instance)", () => {
    // Linode: 600 × $5 = $3,000.00. Each line: min(672 × 0.0075 = 5.04, 5.00) = 5.00; 600 × 5.00 = 3,000.00.
    // (A cap in hours, 666.67 h, billed 400,002 h × 0.0075 = 3,000.015 → 3,000.02 on one line.)
    const contract = buildContract(nanodeHours("600000"));
    const usage = Array.from({ length: 600 }, (_, i) => runtime(`n${i}`, `n${i}`, FULL_FEBRUARY));
    const invoice = rateInvoice(contract, usage, "2026-02");
    const nanodes = invoice.lines.filter((line) => line.chargeId === "nanode");
    expect(nanodes).toHaveLength(600);
    expect(nanodes.every((line) => line.amount === "5.00")).toBe(true);
    expect(invoice.subtotal).toBe("3000.00");
    expect(invoice.total).toBe("3000.00");
  });

  it("caps only the instances above $5: 667 h is capped, 666 h is not (and rounds to $5.00 on its own)", () => {
    // n1: 2,401,200 s = 667 h × 0.0075 = 5.0025 > 5 → capped at 5.00 (a line_limit step)
    // n2: 2,397,600 s = 666 h × 0.0075 = 4.995 ≤ 5 → not capped; rounded half-even 4.995 → 5.00 (9 is odd)
    // n3: 3,600 s = 1 h × 0.0075 = 0.0075, three quarters of a cent (not a tie) → 0.01
    // 5.00 + 5.00 + 0.01 = 10.01
    const contract = buildContract(nanodeHours("1000"));
    const usage = [
      runtime("n1", "n1", 2_401_200),
      runtime("n2", "n2", 2_397_600),
      runtime("n3", "n3", 3_600),
    ];
    const invoice = rateInvoice(contract, usage, "2026-02");
    const capped = (id: string) =>
      invoice.lines.find((line) => line.id === id)!.steps.some((step) => step.kind === "line_limit");
    expect(amounts(invoice)).toMatchObject({
      'nanode[instance="n1"]': "5.00",
      'nanode[instance="n2"]': "5.00",
      'nanode[instance="n3"]': "0.01",
    });
    expect([
      capped('nanode[instance="n1"]'),
      capped('nanode[instance="n2"]'),
      capped('nanode[instance="n3"]'),
    ]).toEqual([true, false, false]);
    expect(invoice.total).toBe("10.01");
  });
});

describe("Fly.io Machines by size, per second, and outbound bandwidth by region", () => {
  // Machines, per second of run time by size (https://fly.io/blog/new-vms-more-ram-extra-cpu-and-a-dollar-menu/):
  // shared-cpu-1x 256MB "$0.0000008/s", shared-cpu-1x 1GB "$0.0000022/s", dedicated-cpu-1x 2GB
  // "$0.0000120/s". Bandwidth (https://fly.io/blog/we-cut-bandwidth-prices-go-nuts/): "$0.02 per GB for
  // outbound data transfer from North America and Europe, and $0.04 per GB almost everywhere else".
  // These are the prices Fly published with per-second Machines; today's page
  // (https://fly.io/docs/about/pricing/) prices Machines per region too, which is one more matrix
  // dimension (`["size", "region"]`), not a different setting.
  const perSecond = (unitPrice: string) => ({ model: "unit" as const, unitPrice });
  const perGb = (unitPrice: string) => ({ model: "unit" as const, unitPrice });
  const FLY = {
    meters: [
      {
        id: "machine_seconds",
        eventType: "fly.machine",
        aggregation: "sum" as const,
        valueProperty: "seconds",
        unit: "s",
      },
      {
        id: "outbound_gb",
        eventType: "fly.egress",
        aggregation: "sum" as const,
        valueProperty: "gb",
        unit: "GB",
      },
    ],
    charges: [
      {
        id: "machines",
        name: "Machines",
        meter: "machine_seconds",
        price: {
          model: "matrix" as const,
          dimensions: ["size"],
          cells: [
            { match: { size: "shared-cpu-1x-256mb" }, price: perSecond("0.0000008") },
            { match: { size: "shared-cpu-1x-1gb" }, price: perSecond("0.0000022") },
            { match: { size: "dedicated-cpu-1x-2gb" }, price: perSecond("0.0000120") },
          ],
        },
      },
      {
        id: "bandwidth",
        name: "Outbound data transfer",
        meter: "outbound_gb",
        price: {
          model: "matrix" as const,
          dimensions: ["region"],
          // North America and Europe regions this customer uses; every other region at $0.04.
          cells: [
            { match: { region: "sjc" }, price: perGb("0.02") },
            { match: { region: "iad" }, price: perGb("0.02") },
            { match: { region: "ams" }, price: perGb("0.02") },
          ],
          defaultPrice: perGb("0.04"),
        },
      },
    ],
  };
  const machine = (id: string, size: string, seconds: number) =>
    usageEvent(id, "fly.machine", "2026-02-12T00:00:00Z", { machine: id, size, seconds });
  const egress = (id: string, region: string, gb: string) =>
    usageEvent(id, "fly.egress", "2026-02-12T00:00:00Z", { region, gb });

  // February 2026 (28 days = 2,419,200 s): four Machines, and outbound GB from three regions.
  const FEBRUARY = [
    machine("m1", "shared-cpu-1x-256mb", 2_419_200),
    machine("m2", "shared-cpu-1x-256mb", 864_000),
    machine("m3", "shared-cpu-1x-1gb", 864_000),
    machine("m4", "dedicated-cpu-1x-2gb", 18_000),
    egress("e1", "sjc", "100"),
    egress("e2", "sjc", "20"),
    egress("e3", "ams", "35.5"),
    egress("e4", "syd", "12.25"),
  ];

  it("bills each size's seconds and each region's GB: $4.75 of Machines + $3.60 of bandwidth = $8.35", () => {
    // Machines, February 2026 (28 days = 2,419,200 s):
    //   256MB: m1 all month 2,419,200 s + m2 10 days 864,000 s = 3,283,200 s × 0.0000008 = 2.62656 → $2.63
    //   1GB:   m3 10 days 864,000 s × 0.0000022 = 1.9008 → $1.90
    //   2GB:   m4 5 hours 18,000 s × 0.0000120 = 0.216 → $0.22
    //   2.63 + 1.90 + 0.22 = $4.75
    // Bandwidth: sjc 100 + 20 = 120 GB × 0.02 = $2.40; ams 35.5 GB × 0.02 = $0.71; syd 12.25 GB × 0.04 = $0.49
    //   2.40 + 0.71 + 0.49 = $3.60
    // Total: 4.75 + 3.60 = $8.35
    const contract = buildContract(FLY);
    const invoice = rateInvoice(contract, FEBRUARY, "2026-02");
    expect(amounts(invoice)).toEqual({
      'machines[size="dedicated-cpu-1x-2gb"]': "0.22",
      'machines[size="shared-cpu-1x-1gb"]': "1.90",
      'machines[size="shared-cpu-1x-256mb"]': "2.63",
      'bandwidth[region="ams"]': "0.71",
      'bandwidth[region="sjc"]': "2.40",
      'bandwidth[region="syd"]': "0.49",
    });
    expect(invoice.total).toBe("8.35");
  });

  it("takes a free 160 GB shared by every region off in line-id order: only syd's 7.75 GB bill, $0.31", () => {
    // Fly's former allowance included "160 GB outbound data transfer" a month
    // (https://www.srvrlss.io/blog/fly-io-pay-as-you-go/, "Legacy Plans"), one amount for all regions:
    // an allowance pool on the bandwidth charge. The pool is drawn line by line in id order:
    //   ams 35.5 GB draws 35.5 (124.5 left); sjc 120 GB draws 120 (4.5 left); syd 12.25 GB draws 4.5
    //   → 7.75 GB × $0.04 = $0.31. Machines as above: $4.75. Total 4.75 + 0.31 = $5.06.
    // Fly does not say which region's GB the free amount covers; drawing in another order (syd first)
    // would bill 12.25 + 35.5 + 120 − 160 = 7.75 GB of sjc at $0.02 = $0.155 → $0.16 instead.
    const contract = buildContract({
      ...FLY,
      allowances: [
        { id: "free_transfer", name: "Free outbound transfer", quantity: "160", charges: ["bandwidth"] },
      ],
    });
    const invoice = rateInvoice(contract, FEBRUARY, "2026-02");
    expect(amounts(invoice)).toMatchObject({
      'bandwidth[region="ams"]': "0.00",
      'bandwidth[region="sjc"]': "0.00",
      'bandwidth[region="syd"]': "0.31",
    });
    expect(invoice.total).toBe("5.06");
  });

  it("refuses a Machine size the price list does not name instead of billing it at some other size", () => {
    // No defaultPrice on the Machines matrix: an unknown size is an error (unpriced_combination), the
    // way finance wants a new size noticed, not billed at a guess.
    const contract = buildContract(FLY);
    expect(() => rateInvoice(contract, [machine("m9", "performance-cpu-1x-2gb", 60)], "2026-02")).toThrow(
      /performance-cpu-1x-2gb/,
    );
  });
});

describe("Supabase Compute Hours: a size change mid-month, each part-hour billed whole", () => {
  // https://supabase.com/docs/guides/platform/manage-your-usage/compute: "If a project runs for part of
  // an hour, you are still charged for the full hour." Its example: billing cycle January 1–31, the
  // project switched from Micro to Small on January 10 at 4:30 PM; billed 232 + 1 hours of Micro and
  // 1 + 511 hours of Small (one version of the page's sentence says "511 hours of Small", its own table
  // adds to 512; the page's source, apps/docs/…/compute.mdx, says 512). Prices: Micro "$0.01344" an hour, Small "$0.0206" an hour.
  const hoursOf = (size: string) => ({
    id: `${size}_hours`,
    eventType: "supabase.compute",
    aggregation: "sum" as const,
    valueProperty: "seconds",
    unit: "hours",
    filters: [{ op: "equals" as const, property: "size", value: size }],
    entity: { property: "project", divideBy: "3600", round: "up" as const },
  });
  const hourly = (size: string, name: string, unitPrice: string) => ({
    id: size,
    name,
    meter: `${size}_hours`,
    price: { model: "unit" as const, unitPrice },
  });

  it("bills the page's example: 233 Micro hours ($3.13) and 512 Small hours ($10.55), $13.68", () => {
    // Micro: January 1 00:00 to January 10 16:30 = 9 × 24 + 16.5 = 232.5 h (837,000 s) → 233 h
    // Small: January 10 16:30 to February 1 00:00 = 7.5 + 21 × 24 = 511.5 h (1,841,400 s) → 512 h
    // 233 × 0.01344 = 3.13152 → $3.13; 512 × 0.0206 = 10.5472 → $10.55; 3.13 + 10.55 = $13.68
    // (before the $10 Compute Credits, which test/invoice/credits.test.ts covers)
    const contract = buildContract({
      meters: [hoursOf("micro"), hoursOf("small")],
      charges: [
        hourly("micro", "Compute Hours Micro", "0.01344"),
        hourly("small", "Compute Hours Small", "0.0206"),
      ],
    });
    const run = (id: string, size: string, seconds: number, timestamp: string) =>
      usageEvent(id, "supabase.compute", timestamp, { project: "p1", size, seconds });
    const usage = [
      run("micro", "micro", 837_000, "2026-01-10T16:30:00Z"),
      run("small", "small", 1_841_400, "2026-01-31T23:59:00Z"),
    ];
    const invoice = rateInvoice(contract, usage, "2026-01");
    expect(invoice.usage.meters.map((meter) => meter.quantity)).toEqual(["233", "512"]);
    expect(amounts(invoice)).toEqual({ micro: "3.13", small: "10.55" });
    expect(invoice.total).toBe("13.68");
  });
});
