import * as z from "zod/mini";
import { requireArgument, sqlMessages } from "../errors/index.js";
import { issueOf, toInputError, toProblems } from "../schema/index.js";
import type { CompileUsageSqlOptions } from "./compileUsageSql.js";
import { SQL_DIALECTS, type SqlDialectName } from "./dialect.js";
import type { SqlUsageSource } from "./usageSource.js";

// The table mapping is an input boundary: a JavaScript caller's `timestamp: "epoch"` or `from: ""` would
// otherwise compile into SQL that fails inside the engine (or, worse, runs), with a message that does not
// name the mapping's field. Checked once per compilation, before any SQL is written.

// A SQL expression: text with something in it (the compiler writes it into the query as it is).
const sqlText = (expected: string, blank: string) => {
  const problem = sqlMessages.mappingBlank(blank);
  return z
    .string({ error: expected })
    .check(
      z.refine((text) => text.trim() !== "", { error: problem.message, params: { code: problem.code } }),
    );
};

const column = (field: string) =>
  z.optional(sqlText(sqlMessages.mappingColumn(field), `the expression of each event's ${field}`));

const propertiesSchema = z
  .strictObject(
    {
      json: z.optional(sqlText(sqlMessages.mappingProperties(), "the column of JSON text")),
      columns: z.optional(
        z.record(z.string(), sqlText(sqlMessages.mappingPropertyColumn(), "the property's column"), {
          error: sqlMessages.mappingProperties(),
        }),
      ),
    },
    { error: sqlMessages.mappingProperties() },
  )
  .check(
    z.superRefine((properties, ctx) => {
      const json = properties.json !== undefined;
      if (json === (properties.columns !== undefined))
        ctx.addIssue(issueOf(sqlMessages.mappingPropertiesPlace(json)));
      // No event property is named "": a meter could never read that column.
      if (properties.columns !== undefined && "" in properties.columns)
        ctx.addIssue(issueOf(sqlMessages.mappingPropertyName(), ["columns", ""]));
    }),
  );

const sourceSchema = z.strictObject(
  {
    from: sqlText(sqlMessages.mappingFrom(), "the table the events are read from"),
    columns: z.optional(
      z.strictObject(
        {
          id: column("id"),
          type: column("type"),
          customer: column("customer"),
          timestamp: column("timestamp"),
        },
        { error: sqlMessages.mappingColumns() },
      ),
    ),
    timestamp: z.optional(
      z.enum(["text", "epoch_s", "epoch_ms", "native"], { error: sqlMessages.mappingTimestamp() }),
    ),
    properties: propertiesSchema,
  },
  { error: sqlMessages.mappingSource() },
);

/**
 * The table mapping checked: returned as given when it is one (docs/sql-engines.md, "The table mapping").
 * @throws InputError `invalid_field`, `missing_field` or `unknown_field` at `source.…` (the field at fault)
 */
export function readUsageSource(source: unknown): SqlUsageSource {
  const parsed = sourceSchema.safeParse(source);
  if (!parsed.success)
    throw toInputError("input", toProblems(parsed.error.issues, source, ["source"], sourceSchema));
  return source as SqlUsageSource;
}

/**
 * The engine's name checked: one of {@link SQL_DIALECTS}.
 * @throws InputError `invalid_argument` at `dialect`
 */
export function readDialectName(name: unknown): SqlDialectName {
  requireArgument(
    (SQL_DIALECTS as ReadonlyArray<unknown>).includes(name),
    "dialect",
    name,
    "SQL dialect",
    `one of ${SQL_DIALECTS.map((dialect) => JSON.stringify(dialect)).join(", ")}`,
  );
  return name as SqlDialectName;
}

const compileOptionsSchema = z.strictObject(
  {
    perCustomer: z.optional(z.boolean({ error: sqlMessages.compileOptionSwitch("perCustomer") })),
    materialize: z.optional(z.boolean({ error: sqlMessages.compileOptionSwitch("materialize") })),
  },
  { error: sqlMessages.compileOptions() },
);

/**
 * The compile options checked (a switch written as "yes" or 1 would otherwise read as false): returned
 * as given when they are options.
 * @throws InputError `invalid_field` or `unknown_field` at `options.…`
 */
export function readCompileOptions(options: unknown): CompileUsageSqlOptions {
  const parsed = compileOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw toInputError("input", toProblems(parsed.error.issues, options, ["options"], compileOptionsSchema));
  return options as CompileUsageSqlOptions;
}
