import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readUsage, usageSource } from "../../src/cli/readUsage.js";
import { UsageError } from "../../src/errors/index.js";
import { aggregateUsageAsync } from "../../src/meters/index.js";
import type { MeterTerms } from "../../src/schema/index.js";
import { rejected } from "../_support/thrown.js";

let scratch = "";
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "ratecard-read-usage-"));
});

function file(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<UsageError> {
  const error = await rejected(promise);
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

const event = (id: string, gb = "1") =>
  `{"id":"${id}","type":"cdn.bandwidth","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"${gb}"}}`;
const BOM = "\uFEFF";
const HEADER = "id,type,customer,timestamp,gb\n";
const row = (id: string, gb = "1") => `${id},cdn.bandwidth,cus_a,2026-02-10T00:00:00Z,${gb}\n`;

describe("usage files with a byte order mark", () => {
  it("reads NDJSON, JSON and CSV files that start with one", async () => {
    const ndjson = file("bom.ndjson", `${BOM}${event("a")}\n${event("b")}\n`);
    const json = file("bom.json", `${BOM}[${event("a")},${event("b")}]`);
    const csv = file("bom.csv", `${BOM}${HEADER}${row("a")}${row("b")}`);
    for (const path of [ndjson, json, csv])
      expect((await readUsage(path)).map((e) => e.id)).toEqual(["a", "b"]);
  });

  it("gives the first NDJSON line's id to the fast id pass too (both passes agree)", async () => {
    const path = file("bom-ids.ndjson", `${BOM}${event("a")}\n`);
    const source = await usageSource(path);
    if (typeof source !== "function" || source.ids === undefined)
      throw new Error("expected a two-pass source");
    const ids: string[] = [];
    for await (const id of source.ids()) ids.push(id);
    expect(ids).toEqual(["a"]);
  });
});

describe("keys written twice", () => {
  it("refuses an NDJSON line with two ids, naming the file, the line and the key", async () => {
    const twice = `{"id":"x","id":"d1","type":"cdn.bandwidth","customer":"cus_a","timestamp":"2026-02-10T00:00:00Z"}`;
    const path = file("two-ids.ndjson", `${event("a")}\n\n${twice}\n`);
    const error = await failure(readUsage(path));
    expect(error.code).toBe("duplicate_key");
    expect(error.path).toBe("id");
    // line 1 is a, line 2 is blank, the line with two ids is line 3
    expect(error.details).toEqual({ file: path, line: 3, key: "id" });
  });

  it("refuses a key repeated inside properties", async () => {
    const path = file(
      "two-gb.ndjson",
      `{"id":"a","type":"t","customer":"c","timestamp":"2026-02-10T00:00:00Z","properties":{"gb":"1","gb":"100"}}\n`,
    );
    const error = await failure(readUsage(path));
    expect(error.code).toBe("duplicate_key");
    expect(error.path).toBe("properties.gb");
  });

  it("refuses a repeated key in a JSON array file, naming the event and the physical line", async () => {
    const path = file("two-ids.json", `[\n${event("a")},\n{"id":"b","id":"c"}\n]`);
    const error = await failure(readUsage(path));
    expect(error.code).toBe("duplicate_key");
    expect(error.path).toBe("[1].id");
    // "[" is line 1, event a line 2, the object with two ids line 3
    expect(error.details).toEqual({ file: path, line: 3, key: "id" });
  });

  it("refuses a CSV header that names a column twice", async () => {
    const path = file("two-gb.csv", "id,type,customer,timestamp,gb,gb\na,t,c,2026-02-10T00:00:00Z,1,100\n");
    const error = await failure(readUsage(path));
    expect(error.code).toBe("duplicate_key");
    expect(error.path).toBe("gb");
  });
});

describe("CSV structure", () => {
  it("refuses a file whose first row is an event, not a header", async () => {
    const path = file("no-header.csv", row("a") + row("b"));
    const error = await failure(readUsage(path));
    expect(error.code).toBe("invalid_csv");
    expect(error.path).toBe("");
  });

  it("refuses a header without a timestamp column", async () => {
    const path = file("no-timestamp.csv", "id,type,customer,gb\na,t,c,1\n");
    const error = await failure(readUsage(path));
    expect(error.code).toBe("invalid_csv");
    expect(error.path).toBe("timestamp");
    expect(error.details).toMatchObject({ missing: ["timestamp"] });
  });

  it("refuses a header column without a name (a trailing comma)", async () => {
    const path = file("trailing-comma.csv", "id,type,customer,timestamp,\na,t,c,2026-02-10T00:00:00Z,\n");
    const error = await failure(readUsage(path));
    expect(error.code).toBe("invalid_csv");
    expect(error.details).toMatchObject({ column: 5 });
  });

  it.each([
    // header line 1, a line 2, blank line 3, the short row line 4
    ["a short row", `${HEADER}${row("a")}\nb,cdn.bandwidth,cus_a\n`, 4],
    // header 1, a 2, the long row 3
    ["a long row", `${HEADER}${row("a")}b,cdn.bandwidth,cus_a,2026-02-10T00:00:00Z,1,5\n`, 3],
    // header 1, a row whose quoted id spans lines 2–3, blank 4, blank 5, the long row 6
    [
      "a long row after a two-line cell and blank lines",
      `${HEADER}"a\nz",t,c,2026-02-10T00:00:00Z,1\n\n\nb,t,c,x,1,2\n`,
      6,
    ],
    // header 1, a 2, the row with the unclosed quote starts on line 3
    ["an unclosed quote", `${HEADER}${row("a")}b,t,c,"2026-02-10T00:00:00Z,1\n${row("c")}`, 3],
  ])("refuses %s with invalid_csv naming the physical line", async (_name, content, line) => {
    const path = file(`malformed-${line}.csv`, content);
    const error = await failure(readUsage(path));
    expect(error.code).toBe("invalid_csv");
    expect(error.details).toMatchObject({ file: path, line });
  });

  it("labels an event error with the physical lines of its row, blank lines and multi-line cells counted", async () => {
    // header 1, blank 2, a row spanning lines 3–4 (a quoted property with a line break), blank 5, the bad row 6
    const content = `${HEADER}\n${'a,cdn.bandwidth,cus_a,2026-02-10T00:00:00Z,"1\n"'}\n\nb,cdn.bandwidth,cus_a,yesterday,1\n`;
    const error = await failure(readUsage(file("lines.csv", content)));
    expect(error.code).toBe("invalid_instant");
    expect(error.message.startsWith(`${join(scratch, "lines.csv")} line 6:`)).toBe(true);
  });

  it("keeps a column named __proto__ as a property like any other", async () => {
    const path = file("proto.csv", "id,type,customer,timestamp,__proto__\na,t,c,2026-02-10T00:00:00Z,x\n");
    const [only] = await readUsage(path);
    expect(Object.keys(only!.properties)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(only!.properties)).toBe(Object.prototype);
  });
});

describe("paths that are not regular files", () => {
  it("refuses a directory with unreadable_usage", async () => {
    const path = join(scratch, "folder.ndjson");
    mkdirSync(path, { recursive: true });
    const error = await failure(usageSource(path));
    expect(error.code).toBe("unreadable_usage");
    expect(error.details).toEqual({ file: path });
  });

  it("reads a named pipe once, as a one-pass stream", async () => {
    const path = join(scratch, "pipe.ndjson");
    await new Promise<void>((resolve, reject) =>
      spawn("mkfifo", [path]).on("exit", (code) => (code === 0 ? resolve() : reject(new Error("mkfifo")))),
    );
    const writer = spawn("sh", [
      "-c",
      `printf '%s\\n%s\\n' '${event("a", "2")}' '${event("a", "2")}' > '${path}'`,
    ]);
    const written = new Promise((resolve) => writer.on("exit", resolve));
    const source = await usageSource(path);
    expect(typeof source).not.toBe("function");
    const meter: MeterTerms = {
      id: "gb",
      eventType: "cdn.bandwidth",
      aggregation: "sum",
      valueProperty: "gb",
    };
    const result = await aggregateUsageAsync(source, {
      meters: [meter],
      customer: "cus_a",
      period: { start: Date.UTC(2026, 1, 1), end: Date.UTC(2026, 2, 1) },
    });
    // a twice, identical: 2 GB once, one duplicate
    expect(result.meters[0]!.quantity.toFixed()).toBe("2");
    expect(result.excluded).toEqual([{ reason: "duplicate_id", events: 1, sampleIds: ["a"] }]);
    await written;
  });
});

describe("a file that changes while it is read", () => {
  it("is refused when appended to between the two passes", async () => {
    const path = file("growing.ndjson", `${event("a")}\n`);
    const source = await usageSource(path);
    if (typeof source !== "function") throw new Error("expected a two-pass source");
    for await (const _ of source()) {
      // the first pass reads a
    }
    appendFileSync(path, `${event("b")}\n`);
    const error = await failure(
      (async () => {
        for await (const _ of source()) {
          // the second pass starts on a file that is no longer the one opened
        }
      })(),
    );
    expect(error.code).toBe("usage_changed_while_read");
    expect(error.details).toEqual({ file: path });
  });
});
