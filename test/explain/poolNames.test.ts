import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { explain, explainText, type Invoice } from "../../src/index.js";

// A line's draw from a shared allowance names the pool as the contract names it (the invoice's
// `allowances[].name`), as the pool's own sentence does, not by its id ("Drawn from shared allowance
// free_dto"). The explanation reads the name from the invoice alone: `ratecard explain invoice.json`.
const cloudfront = () =>
  JSON.parse(readFileSync("fixtures/cloudfront-free-tier/expected.json", "utf8")) as Invoice;

describe("a line's draw from a shared allowance", () => {
  it("names the pool in the text (cloudfront-free-tier: 1,024 GB drawn 300, 500, then the 224 left)", () => {
    const text = explainText(cloudfront());
    // eu draws 300 of 1,024; jp 500 of 1,024 − 300 = 724; us the 724 − 500 = 224 left, 10,464 − 224 = 10,240 billable
    expect(text).toContain(
      "Data transfer out [region eu]: 300 GB from 1 event. Drawn from shared allowance Always Free data transfer out (1 TB): 300 GB of the 1,024 GB left; nothing billable.",
    );
    expect(text).toContain(
      "Drawn from shared allowance Always Free data transfer out (1 TB): 500 GB of the 724 GB left; nothing billable.",
    );
    expect(text).toContain(
      "Drawn from shared allowance Always Free data transfer out (1 TB): 224 GB, all it had left; 10,240 GB billable.",
    );
    expect(text).not.toContain("Drawn from shared allowance free_dto");
  });

  it("names the pool in the explanation JSON's terms and the Markdown", () => {
    const document = JSON.parse(explain(cloudfront(), { format: "json" })) as {
      lines: Array<{ terms: string[] }>;
    };
    expect(document.lines[0]!.terms).toContain(
      "Drawn from shared allowance Always Free data transfer out (1 TB): 300 GB of the 1,024 GB left; nothing billable.",
    );
    expect(explain(cloudfront(), { format: "markdown" })).not.toContain("shared allowance free_dto");
  });

  it("keeps the pool's id when the invoice lists no pool of that id", () => {
    const invoice = cloudfront();
    const text = explainText({ ...invoice, allowances: [] });
    expect(text).toContain("Drawn from shared allowance free_dto: 300 GB of the 1,024 GB left");
  });
});
