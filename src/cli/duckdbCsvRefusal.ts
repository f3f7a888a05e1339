import { isRatecardError } from "../index.js";
import { csvRecordBatches } from "./csvRecords.js";
import { fileInput } from "./readLines.js";

/**
 * Why the in-memory engine refuses a CSV file's rows (a row with a cell too many, a quote never closed,
 * lines that end LF and CRLF both), for a file DuckDB could not read: its sentence names the line, where
 * DuckDB's says "Error when sniffing file" or "state machine reached an invalid state" of the same file.
 * The rows are read only once DuckDB has failed, so a file it reads costs nothing more. Undefined when
 * the in-memory reader reads every row (DuckDB's own sentence then stands).
 */
export async function csvRowsRefusal(file: string): Promise<unknown> {
  try {
    for await (const _batch of csvRecordBatches(fileInput(file).open(), file));
  } catch (error) {
    if (isRatecardError(error)) return error;
  }
  return undefined;
}
