/**
 * The exit codes of `ratecard`, in one place (docs/cli.md, "Exit codes", lists them with examples):
 * scripts branch on them, so each means one thing in every command.
 */
export const EXIT = {
  /** Done; also `--help` and `--version`. */
  ok: 0,
  /** ratecard failed: a bug, not the input (the stack is printed so it can be reported). */
  internalError: 1,
  /** The input or the command line is wrong; one message says where. */
  badInput: 2,
  /** Differences found: diff, reconcile, and check (an invoice differs from its expected.json). */
  differences: 3,
  /**
   * Done, but bad events were set aside (`batch --bad-events hold`): the invoices they hold were not
   * issued, every other one was; the summary and `--quarantine` say which and why.
   */
  held: 4,
} as const;
