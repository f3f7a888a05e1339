import { type ContractOverrides, flatCharge, sumMeter, usageEvent } from "./contract.js";

/**
 * docs/late-usage.md's worked example: bandwidth on a volume price, every GB at 0.10 up to 1,000 GB and
 * every GB at 0.08 above, and a 10.00 platform fee; March 2026 issued from 500 + 400 GB, 200 GB late.
 */
export const VOLUME_BANDWIDTH: ContractOverrides = {
  meters: [sumMeter("use", { unit: "GB" })],
  charges: [
    {
      id: "gb",
      name: "Bandwidth",
      meter: "use",
      price: {
        model: "volume",
        tiers: [
          { upTo: "1000", unitPrice: "0.10" },
          { upTo: null, unitPrice: "0.08" },
        ],
      },
    },
    flatCharge("platform", "Platform", "10"),
  ],
};

/** A bandwidth event of `v` GB on a day of March 2026. */
export const marchGb = (id: string, day: number, v: string) =>
  usageEvent(id, "use", `2026-03-${String(day).padStart(2, "0")}T12:00:00Z`, { v });

/**
 * docs/late-usage.md, "After a credit note that took units off": bandwidth graduated, 0.10 a GB up to
 * 1,000 GB and 0.05 above, and a 10.00 fee; issued from 600 + 500 GB (115.00), a note takes 300 GB of
 * the 500 off (25.00 credited), 200 GB arrive late (+20.00).
 */
export const GRADUATED_BANDWIDTH: ContractOverrides = {
  ...VOLUME_BANDWIDTH,
  charges: [
    {
      id: "gb",
      name: "Bandwidth",
      meter: "use",
      price: {
        model: "graduated",
        tiers: [
          { upTo: "1000", unitPrice: "0.10" },
          { upTo: null, unitPrice: "0.05" },
        ],
      },
    },
    flatCharge("platform", "Platform", "10"),
  ],
};
