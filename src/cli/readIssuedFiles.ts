import { type Invoice, parseInvoice } from "../index.js";
import { readIssued } from "./cliSupport.js";
import { readJsonFile } from "./readJsonFile.js";

/**
 * The files of a repeated flag (`--earlier`, `--previous`, `--credit-note`), each read as a document
 * ratecard issued (`parse`: parseInvoice, parseCreditNote) and refused in its own file's name. Read one
 * after the other, in the order given, so that of two bad files the first is the one reported.
 */
export async function readIssuedFiles<T>(
  flag: string,
  files: ReadonlyArray<string> | undefined,
  parse: (value: unknown) => T,
  expected: string,
): Promise<T[]> {
  const documents: T[] = [];
  for (const file of files ?? [])
    documents.push(readIssued(`${flag} ${file}`, await readJsonFile(file, flag), parse, expected));
  return documents;
}

/** A ratecard invoice file, read back: a wrong or edited file is an input error naming it. */
export async function readInvoiceFile(file: string, flag: string): Promise<Invoice> {
  return readIssued(`${flag} ${file}`, await readJsonFile(file, flag), parseInvoice, "a ratecard invoice");
}
