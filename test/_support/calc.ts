import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

// LibreOffice reads cached formula results from an .xlsx unless told to recalculate. A fresh profile
// per run (so parallel runs do not share one) whose Calc setting says "always recalculate on load"
// (OOXMLRecalcMode 0): the values read back are Calc's own, never what the file carried.
const ALWAYS_RECALCULATE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

// CSV export: comma, double quote, UTF-8, from line 1, English number format, and "save cell contents
// as shown" on: each amount as its cell's format shows it, rounded to the currency's minor unit. (Off,
// Calc writes at most 15 significant digits and cuts rather than rounds: the double nearest 2645433.9072
// comes out as 2645433.90719999.)
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false";

/** A sheet read back: its cells by A1 address ("E12"), as Calc shows them (thousands separators removed). */
export type SheetValues = (cell: string) => string;

/** Options of {@link recalculateWithCalc}. */
export interface CalcOptions {
  /** Leave Calc's default ("never recalculate" an .xlsx): for the test that shows the setting matters. */
  readonly keepCachedResults?: boolean;
}

/**
 * Opens every workbook in one headless LibreOffice Calc run (Calc's start-up is the slow part), lets
 * Calc recalculate it, and reads each first sheet back through a CSV export.
 */
export function recalculateWithCalc(
  workbooks: ReadonlyMap<string, Uint8Array>,
  options: CalcOptions = {},
): Map<string, SheetValues> {
  const dir = mkdtempSync(join(tmpdir(), "ratecard-calc-"));
  try {
    const profile = join(dir, "profile");
    mkdirSync(join(profile, "user"), { recursive: true });
    if (options.keepCachedResults !== true)
      writeFileSync(join(profile, "user", "registrymodifications.xcu"), ALWAYS_RECALCULATE);
    const files = [...workbooks].map(([name, bytes]) => {
      const file = join(dir, `${name}.xlsx`);
      writeFileSync(file, bytes);
      return file;
    });
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--convert-to",
        CSV_FILTER,
        "--outdir",
        join(dir, "out"),
        ...files,
      ],
      { stdio: "pipe", timeout: 300_000 },
    );
    return new Map(
      [...workbooks.keys()].map((name) => {
        const rows: string[][] = parse(readFileSync(join(dir, "out", `${name}.csv`), "utf8"), {
          relax_column_count: true,
        });
        return [name, (cell: string) => valueAt(rows, cell)];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function valueAt(rows: ReadonlyArray<ReadonlyArray<string>>, cell: string): string {
  const match = /^([A-Z])(\d+)$/.exec(cell);
  if (match === null) throw new Error(`not a cell address: ${cell}`);
  const column = match[1]!.charCodeAt(0) - "A".charCodeAt(0);
  return (rows[Number(match[2]) - 1]?.[column] ?? "").replaceAll(",", "");
}
