/**
 * stderr without the warning `invoice` and `batch` give when (nearly) every billed event lies outside
 * --period (src/cli/usageOutsidePeriod.ts): for tests that rate a later period from an earlier period's
 * usage on purpose (to carry balances or state into it), where that warning is true and beside the point.
 */
export function apartFromOutsidePeriod(stderr: string): string {
  return stderr.replace(/^ratecard: warning: .* outside --period .*\n/gm, "");
}
