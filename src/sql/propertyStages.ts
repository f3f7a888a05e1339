import type { MeterTerms } from "../schema/index.js";
import { comparedProperties, comparisonStage } from "./comparisonSql.js";
import type { SqlDialect } from "./dialect.js";
import { type PropertyColumns, quantityProperties, quantityStages } from "./quantitySql.js";

/**
 * What the query works out once per row of the events `ev` (property i: columns k{i}, t{i}) before the
 * meters read it: the cast text and readability of each property read as a quantity (evq, evr), the
 * order of each compared with a number (evn). `columns` names a property's columns for the meters,
 * `ctes` are the stages in order, `base` the last (or `ev`), `carried` the staged columns the
 * classified rows read (the quantities' cast texts).
 */
export function propertyStages(
  meters: ReadonlyArray<MeterTerms>,
  names: ReadonlyArray<string>,
  dialect: SqlDialect,
) {
  const indicesOf = (wanted: ReadonlySet<string>) =>
    names.flatMap((name, index) => (wanted.has(name) ? [index] : []));
  const quantities = indicesOf(quantityProperties(meters));
  const compared = indicesOf(comparedProperties(meters));
  const columns = (index: number): PropertyColumns => ({
    kind: `k${index}`,
    text: `t${index}`,
    ...(quantities.includes(index) ? { quantity: `q${index}`, readable: `qr${index}` } : {}),
    ...(compared.includes(index)
      ? { order: { sign: `ns${index}`, place: `ne${index}`, digits: `nd${index}` } }
      : {}),
  });
  const ctes = quantities.length > 0 ? quantityStages(quantities, dialect, "ev") : [];
  if (compared.length > 0) ctes.push(comparisonStage(compared, dialect, ctes.length > 0 ? "evr" : "ev"));
  const base = compared.length > 0 ? "evn" : quantities.length > 0 ? "evr" : "ev";
  return { columns, ctes, base, carried: quantities.map((index) => `q${index}`) };
}
