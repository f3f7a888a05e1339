import { isRatecardError, toJsonPath } from "../index.js";
import { fileProblem, isObject, UsageLineError } from "./cliSupport.js";

/**
 * A file a flag gave for one of a rating call's options (--carry for `carried`, --balances for
 * `creditBalances`, --commitment-spend for `commitmentSpendToDate`), and where a path inside that
 * option lies inside the file.
 */
export interface OptionFile {
  /** The rating call's option the file fills. */
  readonly option: string;
  /** The flag and the file, as messages name them: `--carry jan.json`. */
  readonly named: string;
  /** A path inside the option (`.requests`, `["edge-cache"].level`) as a path inside the file. */
  readonly inFile: (path: string) => string;
}

/**
 * Runs a rating call. The library checks what the options carry against the contract only while
 * rating, and addresses its errors from its own arguments (`options.carried.requests`,
 * `options.creditBalances.wallet`); such an error is the file's that gave the option, and is printed
 * led by the flag, the file and the path inside it ("--carry jan.json at usage.carryOut.requests: …"),
 * so a specialist with four files on the command line knows which one to open.
 */
export async function blamedOnFiles<T>(
  files: ReadonlyArray<OptionFile>,
  rate: () => T | Promise<T>,
): Promise<T> {
  try {
    return await rate();
  } catch (error) {
    if (!isRatecardError(error)) throw error;
    for (const file of files) {
      const prefix = `options.${file.option}`;
      const rest = error.path.slice(prefix.length);
      if (error.path.startsWith(prefix) && (rest === "" || rest.startsWith(".") || rest.startsWith("["))) {
        const inFile = file.inFile(rest);
        // A sentence that names the option's path (`options.commitmentSpendToDate.q1.spendAftr is not a
        // field …`) names the file's instead: the specialist has a file, not the library's arguments.
        const message =
          inFile === "" || rest === "" ? error.message : error.message.replace(error.path, inFile);
        throw new UsageLineError(fileProblem(file.named, inFile, message));
      }
    }
    throw error;
  }
}

/**
 * An {@link OptionFile} whose option is an object of id → text (balances, spend): `where(data, id)` is
 * the path of one id's entry in the file as read (`data`); an id the path does not name gives none. A
 * path inside an id's entry (`.q1.spendAftr`, a field of a commitment's cumulative record) is that
 * entry's path and the rest (`q1.spendAftr`).
 */
export function keyedFile(
  option: string,
  named: string,
  data: unknown,
  values: Readonly<Record<string, unknown>>,
  where: (data: unknown, id: string) => ReadonlyArray<PropertyKey>,
): OptionFile {
  const inFile = (path: string) => {
    const entry = (key: string) => toJsonPath(["_", key]).slice(1);
    const within = (key: string) => {
      const rest = path.slice(entry(key).length);
      return path.startsWith(entry(key)) && (rest === "" || rest.startsWith(".") || rest.startsWith("["));
    };
    const id = Object.keys(values).find(within);
    return id === undefined ? "" : `${toJsonPath(where(data, id))}${path.slice(entry(id).length)}`;
  };
  return { option, named, inFile };
}

/**
 * Where a grant's balance lies in a --balances file (or a previous.json): an invoice's
 * `credits[i].balanceAfter` (under `rerated` or `reissued` in a late-usage correction), or its id.
 */
export function balanceIn(data: unknown, id: string): ReadonlyArray<PropertyKey> {
  const { at, invoice } = invoiceWithin(data);
  if (!isObject(invoice) || !("schemaVersion" in invoice)) return [id];
  return entryOf(invoice.credits, id, [...at, "credits"], ["balanceAfter"]);
}

/**
 * Where a commitment's spend lies in a --commitment-spend file (or a previous.json): an invoice's
 * `commitments[i].cumulative.spendAfter` (under `rerated` or `reissued` in a late-usage correction), or
 * its id.
 */
export function spendIn(data: unknown, id: string): ReadonlyArray<PropertyKey> {
  const { at, invoice } = invoiceWithin(data);
  if (!isObject(invoice) || !("schemaVersion" in invoice)) return [id];
  return entryOf(invoice.commitments, id, [...at, "commitments"], ["cumulative", "spendAfter"]);
}

/**
 * The invoice a file holds and where: the file itself, or, in a late-usage correction
 * (`ratecard late-usage --format json`), its `rerated` or `reissued` invoice.
 */
export function invoiceWithin(data: unknown): {
  readonly at: ReadonlyArray<string>;
  readonly invoice: unknown;
} {
  if (!isObject(data) || typeof data.mode !== "string" || !("invoiceId" in data))
    return { at: [], invoice: data };
  const within = data.rerated === undefined ? "reissued" : "rerated";
  return { at: [within], invoice: data[within] };
}

// `path[i].fields…` for the entry of `list` (at `path`) with this id; the list alone when there is none.
function entryOf(
  list: unknown,
  id: string,
  path: ReadonlyArray<PropertyKey>,
  fields: ReadonlyArray<string>,
): ReadonlyArray<PropertyKey> {
  const index = Array.isArray(list) ? list.findIndex((entry) => isObject(entry) && entry.id === id) : -1;
  return index < 0 ? path : [...path, index, ...fields];
}
