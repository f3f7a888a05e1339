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

const grouped = (n) => Math.round(n).toLocaleString("en-US");

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
