// Shared measuring for the benchmarks: every figure is printed beside a baseline measured in the
// same run, and the ratio is the figure to compare across machines and runs.

/** Runs `work(count)` after a warm-up and returns its rate. `work` returns a checksum so nothing is optimised away. */
export function measure(label, work, count) {
  work(Math.max(1, Math.floor(count / 20)));
  const start = process.hrtime.bigint();
  const checksum = work(count);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { label, count, seconds, perSecond: count / seconds, checksum };
}

/**
 * Runs each case's `work` over `count` items in `rounds` alternating rounds (the order reversed every
 * other round) after a warm-up of a fifth of `count`, and returns each case's rate over all its rounds: cases measured side
 * by side share the machine's load, so their ratio holds even when the load changes during the run.
 * `cpuPerSecond` is the rate per second of the process's CPU time (process.cpuUsage: user and system,
 * GC threads included), which a loaded machine disturbs far less than the wall clock.
 */
export function alternating(cases, count, rounds = 10) {
  const each = Math.max(1, Math.floor(count / rounds));
  // A fifth of the work first, each case: with a twentieth, the first rounds still ran code the JIT had
  // not compiled yet (its threads' CPU time counted), and the cases' difference was lost in it.
  for (const [, work] of cases) work(Math.max(1, Math.floor(count / 5)));
  const seconds = cases.map(() => 0);
  const cpuSeconds = cases.map(() => 0);
  const checksums = cases.map(() => 0);
  for (let round = 0; round < rounds; round += 1) {
    const order = cases.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const start = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      checksums[index] += cases[index][1](each);
      const used = process.cpuUsage(cpu);
      seconds[index] += Number(process.hrtime.bigint() - start) / 1e9;
      cpuSeconds[index] += (used.user + used.system) / 1e6;
    }
  }
  return cases.map(([label], index) => ({
    label,
    count: each * rounds,
    seconds: seconds[index],
    perSecond: (each * rounds) / seconds[index],
    cpuPerSecond: (each * rounds) / cpuSeconds[index],
    checksum: checksums[index],
  }));
}

/**
 * Runs each case's `work(count)` whole, `rounds` times in alternating order (reversed every other round)
 * after one warm-up at a twentieth of `count`, and returns each case's median rate. Whole runs because the
 * figure is about `count` items at once (a deduplication's sort grows with it); the median because one
 * timed run a case swung a ratio from 0.19× to 0.47× with the heap an earlier benchmark left behind.
 */
export function medianOfRounds(cases, count, rounds = 5) {
  for (const [, work] of cases) work(Math.max(1, Math.floor(count / 20)));
  const times = cases.map(() => []);
  const checksums = cases.map(() => undefined);
  for (let round = 0; round < rounds; round += 1) {
    const order = cases.map((_, index) => index);
    if (round % 2 === 1) order.reverse();
    for (const index of order) {
      const start = process.hrtime.bigint();
      checksums[index] = cases[index][1](count);
      times[index].push(Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
  return cases.map(([label], index) => {
    const sorted = [...times[index]].sort((a, b) => a - b);
    const seconds = sorted[Math.floor(sorted.length / 2)];
    return { label, count, seconds, perSecond: count / seconds, checksum: checksums[index] };
  });
}

/** A count for people: rounded, with thousands separators (bench output only, never the core). */
export const grouped = (n) => Math.round(n).toLocaleString("en-US");

/** Prints a subject and its baseline with the ratio subject / baseline. */
export function report(title, subject, baseline) {
  console.log(`\n${title}`);
  for (const row of [subject, baseline]) {
    console.log(
      `  ${row.label.padEnd(44)} ${grouped(row.perSecond).padStart(14)} /s  (${grouped(row.count)} in ${row.seconds.toFixed(2)} s)`,
    );
  }
  console.log(`  ratio ratecard / baseline: ${(subject.perSecond / baseline.perSecond).toFixed(3)}×`);
}

/** Prints one table row per case: ratecard's rate, the baseline's, and their ratio. */
export function table(title, rows) {
  console.log(`\n${title}`);
  console.log(
    `  ${"model".padEnd(22)} ${"ratecard /s".padStart(14)} ${"float /s".padStart(14)} ${"ratio".padStart(8)}`,
  );
  for (const { name, subject, baseline } of rows) {
    console.log(
      `  ${name.padEnd(22)} ${grouped(subject.perSecond).padStart(14)} ${grouped(baseline.perSecond).padStart(14)} ${(subject.perSecond / baseline.perSecond).toFixed(3).padStart(7)}×`,
    );
  }
}
