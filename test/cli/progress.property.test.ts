import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countedSource, startProgress } from "../../src/cli/progress.js";
import { BAR_WIDTH, progressLine } from "../../src/cli/progressLine.js";

describe("progressLine", () => {
  it("shows 370,000 of 1,000,000 as 8 of 24 cells and 37%", () => {
    // 370,000 / 1,000,000 × 24 = 8.88 → 8 cells filled (rounded down); × 100 = 37%
    expect(progressLine({ pass: 2, count: 370_000, total: 1_000_000 })).toBe(
      `usage pass 2: [${"#".repeat(8)}${"-".repeat(16)}] 37% 370,000 of 1,000,000 events`,
    );
  });

  it("counts events without a bar when the pass's length is unknown (the first pass, a pipe)", () => {
    expect(progressLine({ pass: 1, count: 1_234_567 })).toBe("usage pass 1: 1,234,567 events read");
  });

  it("always draws BAR_WIDTH cells, never says 100% before the last event, and never goes backwards", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, a, b) => {
          const [low, high] = [Math.floor(Math.min(a, b) * total), Math.floor(Math.max(a, b) * total)];
          const parts = (count: number) => {
            const match = /\[([#-]+)\] (\d+)%/.exec(progressLine({ pass: 2, count, total }));
            if (match === null) throw new Error("no bar");
            return { cells: match[1]!, filled: match[1]!.split("#").length - 1, percent: Number(match[2]) };
          };
          const before = parts(low);
          const after = parts(high);
          expect(before.cells).toHaveLength(BAR_WIDTH);
          expect(after.percent).toBeGreaterThanOrEqual(before.percent);
          expect(after.filled).toBeGreaterThanOrEqual(before.filled);
          expect(parts(high).percent === 100).toBe(high === total);
          expect(parts(total).filled).toBe(BAR_WIDTH);
        },
      ),
    );
  });
});

// A clock the test moves by hand, and what the progress wrote.
function harness(delay = 1000) {
  let now = 0;
  const written: string[] = [];
  const progress = startProgress({
    write: (text) => written.push(text),
    now: () => now,
    paint: (text) => `<${text}>`,
    delay,
  });
  return { progress, written, advance: (ms: number) => (now += ms) };
}

describe("startProgress", () => {
  it("draws nothing for work that ends within the delay, and clears nothing", () => {
    const { progress, written, advance } = harness();
    const tick = progress.beginPass();
    for (let i = 0; i < 5000; i += 1) tick();
    advance(999);
    for (let i = 0; i < 5000; i += 1) tick();
    progress.finish();
    expect(written).toEqual([]);
  });

  it("after the delay draws on the next 1,024th event, then at most every 100 ms, and clears at the end", () => {
    const { progress, written, advance } = harness();
    const tick = progress.beginPass();
    advance(1000);
    for (let i = 0; i < 1023; i += 1) tick();
    expect(written).toEqual([]); // the clock is read on the 1,024th event only
    tick();
    expect(written).toEqual(["\r<usage pass 1: 1,024 events read>\u001b[K"]);
    for (let i = 0; i < 1024; i += 1) tick(); // 2,048: only 0 ms later, not redrawn
    advance(100);
    for (let i = 0; i < 1024; i += 1) tick(); // 3,072: 100 ms later, redrawn
    expect(written.at(-1)).toBe("\r<usage pass 1: 3,072 events read>\u001b[K");
    expect(written).toHaveLength(2);
    progress.finish();
    expect(written.at(-1)).toBe("\r\u001b[K");
  });

  it("gives the second pass the first pass's count as its length", () => {
    const { progress, written, advance } = harness(0);
    const first = progress.beginPass();
    for (let i = 0; i < 4096; i += 1) first();
    const second = progress.beginPass();
    advance(100);
    for (let i = 0; i < 1024; i += 1) second();
    // 1,024 / 4,096 = 25% → 6 of 24 cells
    expect(written.at(-1)).toBe(
      `\r<usage pass 2: [${"#".repeat(6)}${"-".repeat(18)}] 25% 1,024 of 4,096 events>\u001b[K`,
    );
  });
});

describe("countedSource", () => {
  it("passes every event and id through unchanged, and counts each call as a pass", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { maxLength: 50 }), async (ids) => {
        const passes: number[] = [];
        const progress = {
          beginPass: () => {
            passes.push(0);
            return () => {
              passes[passes.length - 1]! += 1;
            };
          },
          finish: () => {},
        };
        const events = ids.map((id) => ({ id }));
        async function* stream<T>(items: ReadonlyArray<T>) {
          yield* items;
        }
        const source = Object.assign(() => stream(events as never[]), { ids: () => stream(ids) });
        const counted = countedSource(source, progress);
        if (typeof counted !== "function" || counted.ids === undefined) throw new Error("lost its shape");
        const seenIds: string[] = [];
        for await (const id of counted.ids()) seenIds.push(id);
        const seen: unknown[] = [];
        for await (const event of counted()) seen.push(event);
        expect(seenIds).toEqual(ids);
        expect(seen).toEqual(events);
        expect(passes).toEqual([ids.length, ids.length]);
      }),
    );
  });
});
