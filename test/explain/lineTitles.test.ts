import { describe, expect, it } from "vitest";
import { explain } from "../../src/index.js";
import { rateInvoice } from "../../src/invoice/index.js";
import { buildContract, buildContractJson, flatCharge, seatsCharge } from "../_support/contract.js";

// A list of lines must let a reader tell each line apart. Seats billed in advance at 12.00 a seat,
// 10 seats, then 15 from 21 April (contracts.md, "Subscriptions and seats"): April's closing invoice
// bills three lines named "Seats":
//   the credit for the 10 seats' unused time, 21 April → 1 May: −120.00 × 10 ÷ 30 = −40.00;
//   the 15 seats for that time: 180.00 × 10 ÷ 30 = 60.00;
//   May's 15 seats in advance: 180.00.
// The Markdown lines table read "| Seats | 10 | -$40.00 |", "| Seats | 15 | $60.00 |", "| Seats | 15 |
// $180.00 |": nothing said which piece of time each one is.
const contract = buildContract(
  buildContractJson({
    id: "ctr_line_titles",
    term: { start: "2026-03-10" },
    charges: [seatsCharge("10"), flatCharge("support", "Support", "50.00")],
  }),
  {
    amendments: [
      {
        id: "more-seats",
        effective: "2026-04-21",
        charges: [seatsCharge("15"), flatCharge("support", "Support", "50.00")],
      },
    ],
  },
);
const invoice = rateInvoice(contract, [], "2026-04");

describe("lines of one name, in the lines table", () => {
  it("are the April lines worked by hand: support 50.00, −40.00, 60.00 and May's 180.00", () => {
    expect(invoice.lines.map((line) => [line.name, line.amount])).toEqual([
      ["Support", "50.00"],
      ["Seats", "-40.00"],
      ["Seats", "60.00"],
      ["Seats", "180.00"],
    ]);
  });

  it("say the dates each covers in Markdown, and which one is the credit; a name of its own stays bare", () => {
    const markdown = explain(invoice, { format: "markdown" });
    expect(markdown).toContain("| Seats (2026-04-21 to 2026-05-01, credit for unused time) | 10 | -$40.00 |");
    expect(markdown).toContain("| Seats (2026-04-21 to 2026-05-01) | 15 | $60.00 |");
    expect(markdown).toContain("| Seats (2026-05-01 to 2026-06-01) | 15 | $180.00 |");
    expect(markdown).toContain("| Support | 1 | $50.00 |");
    expect(markdown).toContain("### Seats (2026-05-01 to 2026-06-01): $180.00");
  });

  it("say the same in the HTML page's line summaries", () => {
    const html = explain(invoice, { format: "html" });
    expect(html).toContain(
      '<span class="name">Seats (2026-04-21 to 2026-05-01, credit for unused time)</span>',
    );
    expect(html).toContain('<span class="name">Seats (2026-05-01 to 2026-06-01)</span>');
  });

  it("add the line id when the dates do not tell them apart (two charges of one name)", () => {
    const twoFees = buildContract(
      buildContractJson({
        id: "ctr_two_fees",
        charges: [
          flatCharge("fee_eu", "Platform fee", "10.00"),
          flatCharge("fee_us", "Platform fee", "20.00"),
        ],
      }),
    );
    const markdown = explain(rateInvoice(twoFees, [], "2026-04"), { format: "markdown" });
    expect(markdown).toContain("| Platform fee (2026-04-01 to 2026-05-01, fee\\_eu) | 1 | $10.00 |");
    expect(markdown).toContain("| Platform fee (2026-04-01 to 2026-05-01, fee\\_us) | 1 | $20.00 |");
  });
});
