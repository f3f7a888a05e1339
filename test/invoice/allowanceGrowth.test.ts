import { describe, expect, it } from "vitest";
import { explainText } from "../../src/explain/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract } from "../_support/contract.js";
import { thrown } from "../_support/thrown.js";

// Linode pools the outbound transfer of every Linode on the account, each plan's quota "prorated for
// the amount of time that the service is active": "if you've got 10 Linodes on Nanode plans on your
// account for the full month, you'll have the full 10TB of transfer to use, but if those 10 Linodes are
// only active for a week, then you'll only receive a week's worth of that transfer allocation"
// (https://www.linode.com/community/questions/18539/linode-alert-account-transfer-quota). A Nanode
// comes with 1 TB (1,000 GB); transfer beyond the pool is $0.01/GB.
//
// Written with ratecard: a weighted_sum meter of the Nanodes running (+1 when one is created, −1 when
// it is deleted) counts instance-months; the pool grows by 1,000 GB for each.
const linode = (
  fixed = "0",
  perUnit = "1000",
  changes?: ReadonlyArray<{ effective: string; quantity: string }>,
) =>
  buildContract({
    id: "ctr_linode_pool",
    meters: [
      {
        id: "nanode_months",
        eventType: "linode.instances",
        aggregation: "weighted_sum",
        valueProperty: "delta",
        unit: "instance-months",
        weighted: { values: "change" },
      },
      {
        id: "outbound_gb",
        eventType: "linode.transfer",
        aggregation: "sum",
        valueProperty: "gb",
        unit: "GB",
      },
    ],
    charges: [
      {
        id: "transfer",
        name: "Network transfer",
        meter: "outbound_gb",
        price: { model: "unit", unitPrice: "0.01" },
      },
    ],
    allowances: [
      {
        id: "transfer_pool",
        name: "Transfer pool",
        quantity: fixed,
        charges: ["transfer"],
        growsWith: { meter: "nanode_months", quantity: perUnit },
        ...(changes === undefined ? {} : { changes }),
      },
    ],
  } as never);

const instances = (id: string, timestamp: string, delta: number) => ({
  id,
  type: "linode.instances",
  customer: "cus",
  timestamp,
  properties: { delta },
});
const transfer = (id: string, gb: string) => ({
  id,
  type: "linode.transfer",
  customer: "cus",
  timestamp: "2026-02-20T00:00:00Z",
  properties: { gb },
});
// February 2026 has 28 days. Two Nanodes run all month; a third runs from the 10th to the 17th (7 days).
const fleet = (lastDay = "17") => [
  instances("up-1", "2026-02-01T00:00:00Z", 2),
  instances("up-2", "2026-02-10T00:00:00Z", 1),
  instances("down-2", `2026-02-${lastDay}T00:00:00Z`, -1),
];

describe("an allowance pool that grows with a meter (Linode's transfer pool)", () => {
  it("grows by 1,000 GB for each instance-month: 2.25 instance-months hold 2,250 GB, 350 GB billed at $0.01 = $3.50", () => {
    // instance-days: 2 × 28 + 1 × 7 = 63; ÷ 28 = 2.25 instance-months; × 1,000 GB = 2,250 GB
    // transfer 2,600 GB − 2,250 = 350 GB × $0.01 = $3.50
    const invoice = rateInvoice(linode(), [...fleet(), transfer("t1", "2600")], "2026-02");
    expect(invoice.allowances).toEqual([
      {
        id: "transfer_pool",
        name: "Transfer pool",
        quantity: "2250",
        drawn: [{ line: "transfer", quantity: "2250" }],
        remaining: "0",
        growth: { meter: "nanode_months", meterQuantity: "2.25", perUnit: "1000", quantity: "2250" },
      },
    ]);
    expect(invoice.lines[0]!.amount).toBe("3.50");
    expect(invoice.total).toBe("3.50");
  });

  it("adds the growth to the pool's own quantity: 500 + 2,250 = 2,750 GB, 150 GB left", () => {
    // 2,600 GB drawn from 2,750: nothing billed, 2,750 − 2,600 = 150 GB left
    const invoice = rateInvoice(linode("500"), [...fleet(), transfer("t1", "2600")], "2026-02");
    expect(invoice.allowances![0]).toMatchObject({ quantity: "2750", remaining: "150" });
    expect(invoice.allowances![0]!.growth!.quantity).toBe("2250");
    expect(invoice.total).toBe("0.00");
  });

  it("rounds the growth half up to the decimals the pool is written with (whole GB here)", () => {
    // the third Nanode runs 10 days: (2 × 28 + 10) ÷ 28 = 66 ÷ 28 = 2.357142857… instance-months
    // × 1,000 = 2,357.142857… → 2,357 GB (written "0" and "1000": whole GB); 2,600 − 2,357 = 243 GB → $2.43
    const invoice = rateInvoice(linode(), [...fleet("20"), transfer("t1", "2600")], "2026-02");
    expect(invoice.allowances![0]!.quantity).toBe("2357");
    expect(invoice.allowances![0]!.growth!.meterQuantity).toMatch(/^2\.357142857142857/);
    expect(invoice.total).toBe("2.43");
    // a pool of its own 0.5 GB is written with one decimal, so the growth keeps one: 2,357.142857… →
    // 2,357.1; the pool 0.5 + 2,357.1 = 2,357.6 GB; 2,600 − 2,357.6 = 242.4 GB × $0.01 = $2.424 → $2.42
    const tenths = rateInvoice(linode("0.5"), [...fleet("20"), transfer("t1", "2600")], "2026-02");
    expect(tenths.allowances![0]!.growth!.quantity).toBe("2357.1");
    expect(tenths.allowances![0]!.quantity).toBe("2357.6");
    expect(tenths.lines[0]!.quantity).toBe("242.4");
    expect(tenths.total).toBe("2.42");
  });

  it("rounds a growth that falls exactly on a half up, not to the even: 2.5 instance-months × 1 → 3", () => {
    // the third Nanode runs from the 10th to the 24th (14 days): (2 × 28 + 14) ÷ 28 = 70 ÷ 28 = 2.5
    // instance-months × 1 per instance-month = 2.5 → 3 (whole, as "0" and "1" are written; half up, where
    // half even would give 2); 2,600 − 3 = 2,597 × $0.01 = $25.97
    const invoice = rateInvoice(linode("0", "1"), [...fleet("24"), transfer("t1", "2600")], "2026-02");
    expect(invoice.allowances![0]!.growth).toEqual({
      meter: "nanode_months",
      meterQuantity: "2.5",
      perUnit: "1",
      quantity: "3",
    });
    expect(invoice.allowances![0]!.quantity).toBe("3");
    expect(invoice.total).toBe("25.97");
  });

  it("keeps the decimals of a resize in the growth of a pool that is resized and grows", () => {
    // resized on 15 February from 1,000 to 1,000.5 GB (one decimal): 14 days each of 28,
    // (1,000 × 14 + 1,000.5 × 14) ÷ 28 = 1,000.25 → 1,000.3 (half up to one decimal)
    // growth: the third Nanode runs 10 days, (2 × 28 + 10) ÷ 28 = 2.357142857… instance-months × 1,000
    //   = 2,357.142857… → 2,357.1 (one decimal, as the resize is written; whole GB would give 2,357)
    // pool 1,000.3 + 2,357.1 = 3,357.4 GB; 3,600 − 3,357.4 = 242.6 GB × $0.01 = $2.426 → $2.43
    const resized = linode("1000", "1000", [{ effective: "2026-02-15", quantity: "1000.5" }]);
    const invoice = rateInvoice(resized, [...fleet("20"), transfer("t1", "3600")], "2026-02");
    expect(invoice.allowances![0]!.growth!.quantity).toBe("2357.1");
    expect(invoice.allowances![0]!.quantity).toBe("3357.4");
    expect(invoice.total).toBe("2.43");
  });

  it("holds nothing from the meter in a month no Nanode ran: all 2,600 GB billed, $26.00", () => {
    // no instance events: 0 instance-months × 1,000 = 0 GB; 2,600 × $0.01 = $26.00
    const invoice = rateInvoice(linode(), [transfer("t1", "2600")], "2026-02");
    expect(invoice.allowances![0]).toMatchObject({ quantity: "0", remaining: "0" });
    expect(invoice.allowances![0]!.growth).toEqual({
      meter: "nanode_months",
      meterQuantity: "0",
      perUnit: "1000",
      quantity: "0",
    });
    expect(invoice.total).toBe("26.00");
  });

  it("says in the explanation how the pool grew", () => {
    const invoice = rateInvoice(linode(), [...fleet(), transfer("t1", "2600")], "2026-02");
    expect(explainText(invoice)).toContain(
      "Shared allowance Transfer pool (transfer_pool): 2,250 GB (2,250 GB of it grown with meter nanode_months: 2.25 × 1,000), drawn: 2,250 GB by Network transfer; nothing left.",
    );
  });

  it("changes nothing for a pool without growsWith (no growth record)", () => {
    const contract = buildContract({
      id: "ctr_fixed_pool",
      meters: [{ id: "outbound_gb", eventType: "linode.transfer", aggregation: "sum", valueProperty: "gb" }],
      charges: [
        {
          id: "transfer",
          name: "Transfer",
          meter: "outbound_gb",
          price: { model: "unit", unitPrice: "0.01" },
        },
      ],
      allowances: [{ id: "pool", name: "Pool", quantity: "1000", charges: ["transfer"] }],
    } as never);
    const invoice = rateInvoice(contract, [transfer("t1", "2600")], "2026-02");
    expect(Object.keys(invoice.allowances![0]!)).toEqual(["id", "name", "quantity", "drawn", "remaining"]);
    expect(invoice.total).toBe("16.00"); // (2,600 − 1,000) × 0.01
  });

  it("refuses a pool that grows with a meter the contract does not have, at its path", () => {
    const error = thrown(() =>
      buildContract({
        id: "ctr_bad_pool",
        meters: [
          { id: "outbound_gb", eventType: "linode.transfer", aggregation: "sum", valueProperty: "gb" },
        ],
        charges: [
          {
            id: "transfer",
            name: "Transfer",
            meter: "outbound_gb",
            price: { model: "unit", unitPrice: "0.01" },
          },
        ],
        allowances: [
          {
            id: "pool",
            name: "Pool",
            quantity: "0",
            charges: ["transfer"],
            growsWith: { meter: "nanode_months", quantity: "1000" },
          },
        ],
      } as never),
    );
    expect(error).toMatchObject({ code: "unknown_meter", path: "allowances[0].growsWith.meter" });
    expect(String((error as Error).message)).toContain(
      'no meter has id "nanode_months"; known meters: outbound_gb',
    );
  });
});
