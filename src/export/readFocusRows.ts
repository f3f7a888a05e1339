import * as z from "zod/mini";
import { requireArgument } from "../errors/index.js";
import { toInputError, toProblems } from "../schema/index.js";
import { FOCUS_COLUMNS, type FocusRow } from "./focusColumns.js";

// focusCsv writes rows a caller may have built or edited, not only focusRows' own: a row without a
// column wrote an empty field, FOCUS's null, and a column it does not write was dropped, so
// `focusCsv([{ a: 1 }])` wrote a record of 39 empty fields without a word. Every column is required
// (null where FOCUS has no value) and no other is taken: the row's own path names what is wrong.
const rowSchema = z.strictObject(
  Object.fromEntries(FOCUS_COLUMNS.map((column) => [column, z.nullable(z.string())])) as {
    [C in (typeof FOCUS_COLUMNS)[number]]: z.ZodMiniNullable<z.ZodMiniString>;
  },
);

/**
 * The rows given to focusCsv, checked: a list of FOCUS rows, each with every column of
 * {@link FOCUS_COLUMNS} as text or null and no other column.
 * @throws InputError `invalid_argument` at `rows` (or `rows[i]`) for rows that are not a list of
 *   objects; `missing_field`, `unknown_field` or `invalid_field` at `rows[i].Column` for a row that is
 *   not a FOCUS row
 */
export function readFocusRows(rows: unknown): ReadonlyArray<FocusRow> {
  requireArgument(Array.isArray(rows), "rows", rows, "rows", "a list of FOCUS rows, as focusRows returns");
  (rows as ReadonlyArray<unknown>).forEach((row, index) => {
    const parsed = rowSchema.safeParse(row);
    if (parsed.success) return;
    requireArgument(
      typeof row === "object" && row !== null && !Array.isArray(row),
      `rows[${index}]`,
      row,
      "row",
      "a FOCUS row, as focusRows returns",
    );
    throw toInputError("input", toProblems(parsed.error.issues, row, ["rows", index], rowSchema));
  });
  return rows as ReadonlyArray<FocusRow>;
}
