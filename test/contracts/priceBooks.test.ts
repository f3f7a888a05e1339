import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  explainLine,
  type Invoice,
  parseContract,
  parsePriceBook,
  rateInvoice,
  resolveContract,
  safeParsePriceBook,
} from "../../src/index.js";
import { thrown } from "../_support/thrown.js";

// fixtures/_price-books: one price book (edge-standard, whose version 2026-03 takes effect on March 15)
// followed by two customers, globex with a 10 % volume deal on bandwidth (docs/price-books.md).
const DIR = join(import.meta.dirname, "../../fixtures/_price-books");
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, file), "utf8"));
const events = (customer: string) =>
  readFileSync(join(DIR, customer, "usage.ndjson"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
const BOOK_JSON = read("edge-standard.json");
const BOOK = parsePriceBook(BOOK_JSON);

function march(customer: string, changes: Record<string, unknown> = {}): Invoice {
  const contract = resolveContract({ ...read(`${customer}/contract.json`), ...changes }, [BOOK]);
  return rateInvoice(contract, events(customer), "2026-03");
}

const lines = (invoice: Invoice) =>
  invoice.lines.map((line) => ({
    id: line.id,
    priceBook: line.priceBook,
    quantity: line.quantity,
    amount: line.amount,
  }));

describe("a contract that follows a price book", () => {
  it("prices each part of the month at the version in force, and names it on the line", () => {
    const invoice = march("acme");
    // 1,000 GB on March 10 at version 2026-01's 0.08 = 80.00; 500 GB on March 20 at version 2026-03's
    // 0.06 = 30.00; the platform fee is the same in both versions: one line of 20.00, under the version
    // in force on March 1. Total 80.00 + 30.00 + 20.00 = 130.00.
    expect(lines(invoice)).toEqual([
      {
        id: "platform",
        priceBook: { id: "edge-standard", version: "2026-01" },
        quantity: "1",
        amount: "20.00",
      },
      {
        id: "bandwidth@2026-03-01",
        priceBook: { id: "edge-standard", version: "2026-01" },
        quantity: "1000",
        amount: "80.00",
      },
      {
        id: "bandwidth@2026-03-15",
        priceBook: { id: "edge-standard", version: "2026-03" },
        quantity: "500",
        amount: "30.00",
      },
    ]);
    expect(invoice.total).toBe("130.00");
    expect(explainLine(invoice.lines[2]!, { prefix: "$", minorUnits: 2 })).toContain(
      "Priced by price book edge-standard, version 2026-03.",
    );
  });

  it("applies the customer's override on top of each version's price", () => {
    const invoice = march("globex");
    // multiplier 0.9: 2,000 GB × (0.08 × 0.9 = 0.072) = 144.00 before March 15,
    // 1,000 GB × (0.06 × 0.9 = 0.054) = 54.00 after; platform 20.00. Total 218.00.
    expect(lines(invoice).map((line) => [line.id, line.amount])).toEqual([
      ["platform", "20.00"],
      ["bandwidth@2026-03-01", "144.00"],
      ["bandwidth@2026-03-15", "54.00"],
    ]);
    expect(invoice.total).toBe("218.00");
  });

  it("stays on a pinned version after the book moves on", () => {
    const invoice = march("acme", { priceBook: { id: "edge-standard", version: "2026-01" } });
    // 1,500 GB × 0.08 = 120.00, one line; + 20.00 platform = 140.00
    expect(lines(invoice).map((line) => [line.id, line.amount, line.priceBook?.version])).toEqual([
      ["platform", "20.00", "2026-01"],
      ["bandwidth", "120.00", "2026-01"],
    ]);
    expect(invoice.total).toBe("140.00");
  });

  it("takes the book's defaults for terms the contract leaves out, and its own where it sets them", () => {
    expect(resolveContract(read("acme/contract.json"), [BOOK]).rounding).toBe("half_up");
    const own = resolveContract({ ...read("acme/contract.json"), rounding: { mode: "half_even" } }, [BOOK]);
    expect(own.rounding).toBe("half_even");
  });

  it("bills the contract's own charges beside the book's, without a price book on their lines", () => {
    const invoice = march("acme", {
      charges: [{ id: "support", name: "Support", price: { model: "flat", amount: "50.00" } }],
    });
    const support = invoice.lines.find((line) => line.chargeId === "support");
    expect(support?.amount).toBe("50.00");
    expect(support).not.toHaveProperty("priceBook");
    // 130.00 + 50.00
    expect(invoice.total).toBe("180.00");
  });

  it("seals the invoice with the contract and the book: a new book text changes the contract digest", () => {
    const changed = parsePriceBook({ ...BOOK_JSON, name: "Edge standard (renamed)" });
    const contract = read("acme/contract.json");
    expect(resolveContract(contract, [BOOK]).digest).not.toBe(resolveContract(contract, [changed]).digest);
  });

  it("reads a contract that leaves out meters and charges as one that writes them empty", () => {
    const { meters: _meters, charges: _charges, ...leftOut } = read("acme/contract.json");
    // acme/contract.json writes `"meters": [], "charges": []`: the same invoice, 130.00 (above), but for
    // the contract digest, which is of the text as written.
    const written = march("acme");
    const invoice = rateInvoice(resolveContract(leftOut, [BOOK]), events("acme"), "2026-03");
    expect(invoice.total).toBe("130.00");
    expect(lines(invoice)).toEqual(lines(written));
    expect(invoice.contractDigest).not.toBe(written.contractDigest);
  });

  it("parses a contract without a price book as parseContract does", () => {
    const { priceBook: _book, ...plain } = read("acme/contract.json");
    const inline = {
      ...plain,
      meters: BOOK_JSON.meters,
      charges: [{ id: "x", name: "X", price: { model: "flat", amount: "1" } }],
    };
    expect(resolveContract(inline, [])).toEqual(parseContract(inline));
  });
});

describe("refusals", () => {
  const acme = read("acme/contract.json");
  const refusal = (contract: unknown, books = [BOOK]) => thrown(() => resolveContract(contract, books));

  it("refuses a book none of the books given has", () => {
    expect(refusal({ ...acme, priceBook: { id: "edge-premium" } })).toMatchObject({
      name: "ContractError",
      code: "unknown_price_book",
      path: "priceBook.id",
    });
    expect(refusal(acme, [])).toMatchObject({ code: "unknown_price_book" });
  });

  it("refuses a version the book does not have", () => {
    expect(refusal({ ...acme, priceBook: { id: "edge-standard", version: "2027-01" } })).toMatchObject({
      code: "unknown_price_book_version",
      path: "priceBook.version",
    });
  });

  it("refuses a reference that is not { id, version }", () => {
    expect(refusal({ ...acme, priceBook: { id: "edge-standard", plan: "x" } })).toMatchObject({
      code: "unknown_field",
      path: "priceBook.plan",
    });
  });

  it("refuses a meter or charge id the book already uses", () => {
    const meter = { id: "bandwidth", eventType: "x", aggregation: "count" };
    expect(refusal({ ...acme, meters: [meter] })).toMatchObject({
      code: "price_book_conflict",
      path: "meters[0].id",
    });
    const charge = { id: "platform", name: "Platform", price: { model: "flat", amount: "1" } };
    expect(refusal({ ...acme, charges: [charge] })).toMatchObject({
      code: "price_book_conflict",
      path: "charges[0].id",
    });
  });

  it("refuses an amendment of a book's charge (an override changes a customer's price)", () => {
    const amendments = [{ id: "a1", effective: "2026-02-01", remove: ["platform"] }];
    expect(refusal({ ...acme, amendments })).toMatchObject({
      code: "price_book_conflict",
      path: "amendments[0].remove[0]",
    });
  });

  it("refuses an override of a charge neither the contract nor the book has", () => {
    const overrides = [{ id: "o1", charge: "storage", multiplier: "0.5" }];
    expect(refusal({ ...acme, overrides })).toMatchObject({
      code: "invalid_field",
      path: "overrides[0].charge",
    });
  });

  it("refuses a contract in another currency than the book's", () => {
    expect(refusal({ ...acme, currency: "EUR" })).toMatchObject({
      code: "price_book_conflict",
      path: "currency",
    });
  });

  it("refuses a term that starts before the book's first version", () => {
    expect(refusal({ ...acme, term: { start: "2025-12-01" } })).toMatchObject({
      code: "price_book_not_in_force",
      path: "term.start",
    });
  });

  it("reports the contract's own problems at the contract's paths", () => {
    const charge = { id: "support", name: "Support", price: { model: "flat", amount: "-1" } };
    expect(refusal({ ...acme, charges: [charge] })).toMatchObject({ path: "charges[0].price.amount" });
  });

  it("tells parseContract's caller that the book must be given", () => {
    expect(thrown(() => parseContract(acme))).toMatchObject({
      code: "price_book_not_resolved",
      path: "priceBook",
    });
  });

  it("still refuses a contract with no charges and no price book", () => {
    const { priceBook: _book, ...alone } = acme;
    expect(thrown(() => parseContract(alone))).toMatchObject({ code: "invalid_field", path: "charges" });
  });
});

describe("parsePriceBook", () => {
  const versions = BOOK_JSON.versions as Array<Record<string, unknown>>;
  const problem = (input: unknown) => {
    const result = safeParsePriceBook(input);
    return result.success ? undefined : { code: result.error.code, path: result.error.path };
  };

  it("tells an unknown field the field it most likely meant, as for a contract", () => {
    // A version written with Stripe's habits: "effective_date" for the version's left-out "effective",
    // and a tier's "up_to" for the optional upTo, which only the book's schema knows.
    const { effective: _effective, ...undated } = versions[0] as Record<string, unknown>;
    const tiers = [{ up_to: "100", unitPrice: "0.08" }, { unitPrice: "0.05" }];
    const price = { model: "graduated", tiers };
    const stripeLike = {
      ...BOOK_JSON,
      versions: [
        {
          ...undated,
          effective_date: "2026-01-01",
          charges: [{ id: "bandwidth", name: "Bandwidth", meter: "bandwidth", price }],
        },
        versions[1],
      ],
    };
    const result = safeParsePriceBook(stripeLike);
    const details = result.success
      ? undefined
      : (result.error.details as { problems: { path: string; message: string }[] });
    const at = (path: string) => details?.problems.find((entry) => entry.path === path)?.message;
    expect(at("versions[0].effective_date")).toContain(`did you mean "effective"?`);
    expect(at("versions[0].charges[0].price.tiers[0].up_to")).toContain(`did you mean "upTo"?`);
  });

  it("refuses versions out of effective order", () => {
    const swapped = { ...BOOK_JSON, versions: [versions[1], versions[0]] };
    expect(problem(swapped)).toEqual({ code: "invalid_field", path: "versions[1].effective" });
  });

  it("refuses a version name used twice", () => {
    const twice = { ...BOOK_JSON, versions: [versions[0], { ...versions[1], version: "2026-01" }] };
    expect(problem(twice)).toEqual({ code: "duplicate_id", path: "versions[1].version" });
  });

  it("checks a version's charges against the book's meters, at their paths in the book", () => {
    const charge = {
      id: "egress",
      name: "Egress",
      meter: "egress",
      price: { model: "unit", unitPrice: "1" },
    };
    const unknownMeter = { ...BOOK_JSON, versions: [{ ...versions[0], charges: [charge] }] };
    expect(problem(unknownMeter)).toMatchObject({ path: "versions[0].charges[0].meter" });
  });

  it("reads a book of fees only that leaves out its meters, as a contract may", () => {
    // One version: the platform fee alone (flat 20.00 a month). acme follows it, with no meter or charge
    // of its own; its usage file's events meet no meter. March: 20.00.
    const { meters: _meters, ...rest } = BOOK_JSON;
    const feesOnly = {
      ...rest,
      id: "fees-only",
      versions: [{ ...versions[0], charges: [(versions[0]!.charges as unknown[])[0]] }],
    };
    const book = parsePriceBook(feesOnly);
    expect(book.meters).toEqual([]);
    const contract = resolveContract({ ...read("acme/contract.json"), priceBook: { id: "fees-only" } }, [
      book,
    ]);
    const invoice = rateInvoice(contract, [], "2026-03");
    expect(invoice.lines.map((line) => [line.id, line.amount])).toEqual([["platform", "20.00"]]);
    expect(invoice.total).toBe("20.00");
  });

  it("refuses a book with no versions", () => {
    expect(problem({ ...BOOK_JSON, versions: [] })).toEqual({ code: "invalid_field", path: "versions" });
  });
});
