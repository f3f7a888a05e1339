import { type Invoice, parseInvoice } from "../index.js";
import type { OptionFile } from "./blamedOnFiles.js";
import { readIssuedFiles } from "./readIssuedFiles.js";

/**
 * The `--earlier` files (`progressive`, `credit-note`), in order: the invoices issued earlier in a
 * progressive sequence's period, each read as a ratecard invoice and refused in its own file's name.
 */
export function readEarlierInvoices(files: ReadonlyArray<string>): Promise<Invoice[]> {
  return readIssuedFiles("--earlier", files, parseInvoice, "a ratecard invoice");
}

/**
 * The files of a repeated flag as the entries of the list option they fill, in order: a refusal of the
 * i-th entry (at `options.<option>[i]…`) is led by the flag and the i-th file (`--earlier p2.json`),
 * since two files can hold documents with one id.
 */
export function listOptionFiles(option: string, flag: string, files: ReadonlyArray<string>): OptionFile[] {
  return files.map((file, index) => ({
    option: `${option}[${index}]`,
    named: `${flag} ${file}`,
    inFile: (path: string) => path.replace(/^\./, ""),
  }));
}
