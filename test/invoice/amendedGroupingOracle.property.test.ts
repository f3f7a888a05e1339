import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rateInvoice } from "../../src/invoice/index.js";
import {
  amountOf,
  billingArb,
  cellTermsArb,
  periodOf,
  priceOf,
  singleCharge,
  stretchCents,
  type Terms,
  termsArb,
} from "../_support/amendmentOracle.js";
import { centsText, isoDate, localMidnight } from "../_support/calendarOracle.js";
import { buildContract } from "../_support/contract.js";
import { fuzzRuns } from "../_support/fuzzRuns.js";

// Amendments that switch a charge between a matrix on `region` (a line per region with usage) and a
// single price (one line), either way, or change one cell of the matrix, worked out by hand. The charge
// is rated once per run of consecutive pieces with the same terms (chargeRuns.ts): a single-price run
// bills one line `use@<run start>`, its usage priced by its tiers and its share of the line limits; a
// matrix run one line `use[region="eu"]@<run start>` per region with usage in the run, priced by the
// region's cell or else the defaultPrice, and an `unpriced_usage` warning for a region with neither.
// When the terms are the same in every piece the lines carry no suffix. While every version prices per
// region (a matrix, or no charge), each region is rated by its own terms, its cell (or the default)
// and the override that reaches it (second property): a region whose terms hold in every piece is rated
// once over the whole period, without a suffix, before the other regions' runs of their own terms
// (docs/contracts.md, "A group the override does not reach keeps its terms"), whether an amendment
// repriced another cell or an override with `where` did. Until 6 December 2026 an amendment of one cell
// restarted every region's tiers at its date, as if every cell had changed. Until 293bc3d a matrix
// amended to a single price also billed the single price over the whole period, on a line `use`
// (test/invoice/amendedGrouping.test.ts).

const REGIONS = ["apac", "eu", "na"] as const;
type Region = (typeof REGIONS)[number];
// `null`: an event without a region, which only the defaultPrice prices. Lines and warnings come in the
// order of the value as JSON text: "apac", "eu", "na", then null ('"' sorts before 'n').
const GROUPS: ReadonlyArray<Region | null> = [...REGIONS, null];

interface Matrix {
  readonly cells: Readonly<Partial<Record<Region, Terms>>>;
  readonly defaultPrice: Terms | undefined;
}
type Version = { readonly single: Terms } | { readonly matrix: Matrix } | undefined;

const cellsArb = fc
  .record({
    apac: fc.option(cellTermsArb, { nil: undefined }),
    eu: fc.option(cellTermsArb, { nil: undefined }),
    na: fc.option(cellTermsArb, { nil: undefined }),
  })
  .map((cells) => Object.fromEntries(Object.entries(cells).filter(([, terms]) => terms !== undefined)));
const matrixArb: fc.Arbitrary<Matrix> = fc.record({
  cells: cellsArb.filter((cells) => Object.keys(cells).length > 0),
  defaultPrice: fc.option(cellTermsArb, { nil: undefined, freq: 3 }),
});
// The same matrix with one region's cell priced anew, added or taken out (kept when it was the last).
const recelled = (matrix: Matrix, region: Region, terms: Terms | undefined): Matrix => {
  const { [region]: _old, ...others } = matrix.cells;
  const cells = terms === undefined ? others : { ...others, [region]: terms };
  return Object.keys(cells).length === 0 ? matrix : { ...matrix, cells };
};

// "2026-01-17" → { y: 2026, m: 1, d: 17 }
const dateOf = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return { y, m, d };
};

const choiceArb = fc.constantFrom(0, 1, 1, 2, 2, 3);
const fractionArb = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
// [where in the period, units, region]: most events in eu and na, some without a region
const eventsArb = fc.array(
  fc.tuple(fractionArb, fc.integer({ min: 1, max: 30 }), fc.constantFrom(...GROUPS, "eu", "na")),
  {
    maxLength: 12,
  },
);
type Drawn = ReadonlyArray<readonly [number, number, Region | null]>;
// The events at their instants in [whole), and the invoice of the period rated from them.
function rated(contract: Parameters<typeof rateInvoice>[0], drawn: Drawn, whole: readonly [number, number]) {
  const events = drawn.map(([at, v, region]) => ({
    t: whole[0] + Math.floor(at * (whole[1] - whole[0])),
    v,
    region,
  }));
  const invoice = rateInvoice(
    contract,
    events.map(({ t, v, region }, i) => ({
      id: `e${i}`,
      type: "e",
      customer: "cus",
      timestamp: new Date(t).toISOString(),
      properties: region === null ? { v: String(v) } : { v: String(v), region },
    })),
    { start: whole[0], end: whole[1] },
  );
  const billed = invoice.lines
    .filter((line) => line.chargeId === "use")
    .map((line) => [line.id, line.amount]);
  const warned = (invoice.notices ?? [])
    .filter((notice) => notice.code === "unpriced_usage")
    .map((notice) => notice.details.group);
  return { events, billed, warned };
}

const chargeOf = (version: NonNullable<Version>) =>
  "single" in version
    ? singleCharge(version.single)
    : {
        id: "use",
        name: "Use",
        meter: "m",
        price: {
          model: "matrix" as const,
          dimensions: ["region"],
          cells: REGIONS.flatMap((region) => {
            const terms = version.matrix.cells[region];
            return terms === undefined ? [] : [{ match: { region }, price: priceOf(terms) }];
          }),
          ...(version.matrix.defaultPrice === undefined
            ? {}
            : { defaultPrice: priceOf(version.matrix.defaultPrice) }),
          onUnpriced: "warn" as const,
        },
      };

// A region's terms as the contract writes them, to tell a change of its terms: the drawn tiers carry a
// width for the last, open tier, which the price leaves out (a graduated [[1, 437]] and [[2, 437]] are both
// `tiers: [{ unitPrice: "4.37" }]`), so an amendment that redraws only that width changes nothing. Until
// 7 December 2026 the oracle compared the drawn terms and billed such a region in two runs (suffixed at the
// amendment) where ratecard, rightly, rates it once without a suffix; seed -747363229 found it.
const writtenKey = (terms: Terms | undefined) => JSON.stringify(terms === undefined ? null : priceOf(terms));

// By hand, the lines of a charge priced per region whose regions are rated by their own terms: a
// region whose terms (`keyOf`, undefined where the charge is absent) hold in every one of the `pieces`
// is billed over the whole period without a suffix, first; every other region's runs of consecutive
// pieces with the same terms follow, in order of their start, then end, then region (chargeRuns.ts,
// groupedRuns). `bill` writes a region's line (or warning) for pieces first to last.
function perRegion(
  pieces: number,
  keyOf: (group: Region | null, at: number) => string | undefined,
  bill: (group: Region | null, first: number, last: number, whole: boolean) => void,
): void {
  const runsOf = (group: Region | null) => {
    const runs: { first: number; last: number }[] = [];
    for (let at = 0; at < pieces; at += 1) {
      const key = keyOf(group, at);
      const open = runs[runs.length - 1];
      if (key === undefined) continue;
      if (open !== undefined && open.last === at - 1 && keyOf(group, open.first) === key) open.last = at;
      else runs.push({ first: at, last: at });
    }
    return runs;
  };
  const holds = (group: Region | null) => {
    const runs = runsOf(group);
    return runs.length === 1 && runs[0]!.first === 0 && runs[0]!.last === pieces - 1;
  };
  const steady = GROUPS.filter(holds);
  for (const group of steady) bill(group, 0, pieces - 1, true);
  const runs = GROUPS.filter((group) => !steady.includes(group)).flatMap((group) =>
    runsOf(group).map((run) => ({ ...run, group })),
  );
  runs.sort(
    (a, b) => a.first - b.first || a.last - b.last || GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group),
  );
  for (const { group, first, last } of runs) bill(group, first, last, false);
}

describe("an amendment between a matrix and a single price, against a hand-worked oracle (property)", () => {
  it("bills each run of the same terms on its own: a line per region of a matrix, one for a single price", () => {
    fc.assert(
      fc.property(
        fc.record({
          billing: billingArb,
          single: termsArb,
          matrix: matrixArb,
          cell: fc.tuple(fc.constantFrom(...REGIONS), fc.option(cellTermsArb, { nil: undefined, freq: 4 })),
          // the terms of each piece: 0 the single price, 1 the matrix, 2 the matrix with one cell changed,
          // 3 no charge; one or two amendments, on days of the period but its first
          // (mostly three pieces, so that a run of two pieces and a return to earlier terms are drawn)
          choices: fc
            .tuple(choiceArb, choiceArb, fc.option(choiceArb, { nil: undefined, freq: 3 }))
            .map((drawnChoices) => drawnChoices.filter((choice) => choice !== undefined)),
          cuts: fc.tuple(fractionArb, fractionArb),
          events: eventsArb,
        }),
        (drawn) => {
          const zone = drawn.billing.zone;
          const { termStart, start, end, billing, dayAt, share } = periodOf(drawn.billing);
          const pool: Version[] = [
            { single: drawn.single },
            { matrix: drawn.matrix },
            { matrix: recelled(drawn.matrix, ...drawn.cell) },
            undefined,
          ];
          const versions = drawn.choices.map((choice) => pool[choice]);
          // the terms as the contract writes them (a cell priced anew at its old price is no change)
          const keys = versions.map((version) =>
            version === undefined ? undefined : JSON.stringify(chargeOf(version)),
          );
          // an amendment must change something to be written: not two pieces without the charge in a row
          if (keys.every((key) => key === undefined)) return;
          if (keys.some((key, at) => at > 0 && key === undefined && keys[at - 1] === undefined)) return;
          const dates = [
            start,
            ...drawn.cuts
              .slice(0, versions.length - 1)
              .map(dayAt)
              .sort((a, b) => isoDate(a).localeCompare(isoDate(b))),
          ];
          if (new Set(dates.map(isoDate)).size !== dates.length) return; // two amendments on one day
          const first = versions[0];
          const contract = buildContract({
            timeZone: zone,
            billing,
            term: { start: isoDate(termStart) },
            charges: [
              ...(first === undefined ? [] : [chargeOf(first)]),
              { id: "fee", name: "Fee", price: { model: "flat", amount: "1.00" } },
            ],
            amendments: versions.slice(1).map((version, at) => ({
              id: `change${at}`,
              effective: isoDate(dates[at + 1]!),
              ...(version === undefined ? { remove: ["use"] } : { charges: [chargeOf(version)] }),
            })),
          });
          const whole = [localMidnight(start, zone), localMidnight(end, zone)] as const;
          const bounds = [...dates.map((date) => localMidnight(date, zone)), whole[1]];
          const { events, billed, warned } = rated(contract, drawn.events, whole);

          // by hand: the runs of consecutive pieces with the same terms (none where the charge is absent)
          const runs: { first: number; last: number }[] = [];
          keys.forEach((key, at) => {
            const open = runs[runs.length - 1];
            if (key === undefined) return;
            if (open !== undefined && open.last === at - 1 && keys[open.first] === key) open.last = at;
            else runs.push({ first: at, last: at });
          });
          const lines: [string, string][] = [];
          const unpriced: string[] = [];
          const matrixOf = (at: number) => {
            const version = versions[at];
            return version === undefined || "single" in version ? undefined : version.matrix;
          };
          const termsOf = (group: Region | null, matrix: Matrix) =>
            (group === null ? undefined : matrix.cells[group]) ?? matrix.defaultPrice;
          if (versions.every((version) => version === undefined || "matrix" in version)) {
            // every version prices per region: each region by its own cell (or the default)
            perRegion(
              versions.length,
              (group, at) => {
                const matrix = matrixOf(at);
                return matrix === undefined ? undefined : writtenKey(termsOf(group, matrix));
              },
              (group, first, last, whole) => {
                const [from, to] = [bounds[first]!, bounds[last + 1]!];
                const within = events.filter(({ t, region }) => region === group && t >= from && t < to);
                if (within.length === 0) return; // no usage, no line
                const text = `region=${JSON.stringify(group)}`;
                const terms = termsOf(group, matrixOf(last)!);
                const quantity = within.reduce((sum, { v }) => sum + v, 0);
                const suffix = whole ? "" : `@${isoDate(dates[first]!)}`;
                if (terms === undefined) unpriced.push(text);
                else lines.push([`use[${text}]${suffix}`, centsText(amountOf(terms, quantity))]);
              },
            );
            expect(billed).toEqual(lines);
            expect(warned).toEqual(unpriced);
            return;
          }
          for (const { first, last } of runs) {
            const version = versions[first]!;
            const [from, to] = [bounds[first]!, bounds[last + 1]!];
            // one run over every piece: the charge's terms never change, its lines have no suffix
            const suffix =
              runs.length === 1 && first === 0 && last === versions.length - 1
                ? ""
                : `@${isoDate(dates[first]!)}`;
            const within = events.filter(({ t }) => t >= from && t < to);
            const quantity = (group?: Region | null) =>
              within
                .filter(({ region }) => group === undefined || region === group)
                .reduce((sum, { v }) => sum + v, 0);
            if ("single" in version) {
              lines.push([
                `use${suffix}`,
                centsText(stretchCents(version.single, quantity(), share([from, to], whole))),
              ]);
              continue;
            }
            for (const group of GROUPS) {
              if (!within.some(({ region }) => region === group)) continue; // no usage, no line
              const text = `region=${JSON.stringify(group)}`;
              const terms =
                (group === null ? undefined : version.matrix.cells[group]) ?? version.matrix.defaultPrice;
              if (terms === undefined) unpriced.push(text);
              else lines.push([`use[${text}]${suffix}`, centsText(amountOf(terms, quantity(group)))]);
            }
          }
          expect(billed).toEqual(lines);
          expect(warned).toEqual(unpriced);
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });

  it("with an override on one region: a group whose terms never change is rated over the whole period", () => {
    fc.assert(
      fc.property(
        fc.record({
          billing: billingArb,
          matrix: matrixArb,
          cell: fc.tuple(fc.constantFrom(...REGIONS), fc.option(cellTermsArb, { nil: undefined, freq: 4 })),
          // the matrix of each stretch between amendments: 1 as drawn, 2 with one cell changed (a
          // matrix amended to the same matrix cuts the period but changes no group's terms)
          choices: fc
            .tuple(
              fc.constantFrom(1, 2),
              fc.constantFrom(1, 2),
              fc.option(fc.constantFrom(1, 2), { nil: undefined }),
            )
            .map((drawnChoices) => drawnChoices.filter((choice) => choice !== undefined)),
          cuts: fc.tuple(fractionArb, fractionArb),
          // the override: which region, its multiplier, from which day
          override: fc.tuple(fc.constantFrom(...REGIONS), fc.constantFrom(0, 2, 3), fractionArb),
          events: eventsArb,
        }),
        (drawn) => {
          const zone = drawn.billing.zone;
          const { termStart, start, end, billing, dayAt } = periodOf(drawn.billing);
          const pool = [drawn.matrix, drawn.matrix, recelled(drawn.matrix, ...drawn.cell)];
          const matrices = drawn.choices.map((choice) => pool[choice]!);
          const amended = [start, ...drawn.cuts.slice(0, matrices.length - 1).map(dayAt)].map(isoDate);
          if (new Set(amended).size !== amended.length) return; // two amendments on one day
          const sorted = [...amended].sort();
          const [region, factor, from] = drawn.override;
          const overrideDay = isoDate(dayAt(from));
          const contract = buildContract({
            timeZone: zone,
            billing,
            term: { start: isoDate(termStart) },
            charges: [chargeOf({ matrix: matrices[0]! })],
            amendments: matrices.slice(1).map((matrix, at) => ({
              id: `change${at}`,
              effective: sorted[at + 1]!,
              charges: [chargeOf({ matrix })],
            })),
            overrides: [
              { id: "o", charge: "use", from: overrideDay, where: { region }, multiplier: String(factor) },
            ],
          });
          const whole = [localMidnight(start, zone), localMidnight(end, zone)] as const;
          const { events, billed, warned } = rated(contract, drawn.events, whole);

          // by hand: the pieces (cut at every amendment and at the override), each group's terms in each
          // piece (the matrix in force, and the override when it has started and reaches the group)
          const days = [...new Set([...sorted, overrideDay])].sort();
          const bounds = [...days.map((day) => localMidnight(dateOf(day), zone)), whole[1]];
          const matrixIn = (day: string) => matrices[sorted.filter((at) => at <= day).length - 1]!;
          const termsOf = (group: Region | null, at: number) => {
            const matrix = matrixIn(days[at]!);
            const terms = (group === null ? undefined : matrix.cells[group]) ?? matrix.defaultPrice;
            return { terms, factor: group === region && days[at]! >= overrideDay ? factor : 1 };
          };
          // a region's own terms: its cell (or the default) and the override's factor on it
          const keyOf = (group: Region | null, at: number) => {
            const { terms, factor: times } = termsOf(group, at);
            return JSON.stringify([writtenKey(terms), times]);
          };
          const lines: [string, string][] = [];
          const unpriced: string[] = [];
          const bill = (group: Region | null, first: number, last: number, suffix: string) => {
            const within = events.filter(
              ({ t, region: r }) => r === group && t >= bounds[first]! && t < bounds[last + 1]!,
            );
            if (within.length === 0) return; // no usage, no line
            const text = `region=${JSON.stringify(group)}`;
            const { terms, factor: times } = termsOf(group, last);
            const quantity = within.reduce((sum, { v }) => sum + v, 0);
            if (terms === undefined) unpriced.push(text);
            else lines.push([`use[${text}]${suffix}`, centsText(BigInt(times) * amountOf(terms, quantity))]);
          };
          perRegion(days.length, keyOf, (group, first, last, whole) =>
            bill(group, first, last, whole ? "" : `@${days[first]!}`),
          );
          expect(billed).toEqual(lines);
          expect(warned).toEqual(unpriced);
        },
      ),
      { numRuns: fuzzRuns(150) },
    );
  });
});
