import type { Invoice } from "../invoice/index.js";
import { unitWord } from "../meters/index.js";
import { Decimal } from "../money/index.js";
import { formatQuantity } from "./formatNumber.js";
import { lineTitlesById } from "./lineTitle.js";
import { datesWords } from "./localWhen.js";
import { prorationUnit } from "./prorationUnit.js";

type Pool = NonNullable<Invoice["allowances"]>[number];

/**
 * A shared allowance pool in words, each quantity with the unit of the lines that draw from it:
 * "Shared allowance Always Free data transfer out (free_dto): 1,024 GB, drawn: 300 GB by Data transfer
 * out [region eu], …; 724 GB left.", or "…; nothing left." when all of it was drawn (it read "0 GB
 * left"). Each line by its name and group, as its own sentence starts: "drawn by dto[region="eu"] 300
 * GB" put a bare line id before the quantity. (A contract's pool charges share one billable unit; a
 * pool no line draws from, or whose lines have no unit, keeps its numbers bare.)
 */
export function poolWords(pool: Pool, lines: Invoice["lines"], timeZone: string): string {
  const units = poolUnits(pool, lines);
  const title = lineTitlesById(lines, timeZone);
  const drawn = pool.drawn.map((entry) => `${units(entry.quantity)} by ${title(entry.line)}`).join(", ");
  return `Shared allowance ${pool.name} (${pool.id}): ${units(pool.quantity)}${poolScheduleWords(pool, timeZone, units)}${poolGrowthWords(pool, units)}${drawn === "" ? ", none drawn" : `, drawn: ${drawn}`};${leftWords(pool.remaining, units)}`;
}

// " 724 GB left.", or " nothing left." for a pool drawn to the end.
function leftWords(remaining: string, units: (quantity: string) => string): string {
  return new Decimal(remaining).isZero() ? " nothing left." : ` ${units(remaining)} left.`;
}

// A quantity with the unit every line drawing from the pool bills in (its allowance step names the
// pool), or bare when they bill in different units or none.
function poolUnits(pool: Pool, lines: Invoice["lines"]): (quantity: string) => string {
  const drawing = lines.filter((line) =>
    line.steps.some((step) => step.kind === "allowance" && step.pool === pool.id),
  );
  const kinds = new Set(drawing.map((line) => `${line.unit ?? ""}\u0000${line.unitSingular ?? ""}`));
  const first = drawing[0];
  if (kinds.size !== 1 || first?.unit === undefined) return formatQuantity;
  return (quantity) => `${formatQuantity(quantity)}${unitWord(quantity, first.unit, first.unitSingular)}`;
}

// " (1,000 for 2026-03-01 to 2026-03-16, 1,500 for …, weighted by 15 and 16 of 31 days)": how a pool
// resized inside the period got its size.
function poolScheduleWords(pool: Pool, timeZone: string, units: (quantity: string) => string): string {
  const schedule = pool.schedule;
  if (schedule === undefined || schedule.length === 0) return "";
  const sizes = schedule.map((part) => `${units(part.quantity)} for ${datesWords(part, timeZone)}`);
  const shares = schedule.map((part) => formatQuantity(part.elapsed));
  const last = schedule[schedule.length - 1]!;
  return ` (${sizes.join(", ")}, weighted by ${shares.slice(0, -1).join(", ")} and ${shares[shares.length - 1]} of ${formatQuantity(last.total)} ${prorationUnit(last.basis)})`;
}

// " (2,250 of it grown with meter nanode_months: 2.25 × 1,000)": what a pool that grows with a meter
// added to its size.
function poolGrowthWords(pool: Pool, units: (quantity: string) => string): string {
  const growth = pool.growth;
  if (growth === undefined) return "";
  return ` (${units(growth.quantity)} of it grown with meter ${growth.meter}: ${formatQuantity(growth.meterQuantity)} × ${formatQuantity(growth.perUnit)})`;
}
