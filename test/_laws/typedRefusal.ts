import { expect } from "vitest";
import { InvariantError, isRatecardError } from "../../src/index.js";

/**
 * The law of refusals: ratecard refuses input only with a RatecardError that says what and where (a
 * snake_case `code`, a JSON `path`, a sentence), never with a TypeError, a RangeError, a decimal.js
 * error, or an InvariantError (which is our own bug). Anything else is rethrown, so the test fails with
 * the original error and its stack.
 */
export function expectTypedRefusal(error: unknown): void {
  if (!isRatecardError(error) || error instanceof InvariantError) throw error;
  expect(error.code).toMatch(/^[a-z_]+$/);
  expect(typeof error.path).toBe("string");
  expect(error.message.length).toBeGreaterThan(10);
}

/** What `run` returns, or undefined when it refused with a typed error (anything else fails). */
export function attempt<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    expectTypedRefusal(error);
    return undefined;
  }
}

/** {@link attempt} for a promise. */
export async function attemptAsync<T>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    expectTypedRefusal(error);
    return undefined;
  }
}
