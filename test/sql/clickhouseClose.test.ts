import { expect, it } from "vitest";
import { clickhouseEngine } from "./clickhouseEngine.js";

// A test that times out leaves its query planning in chdb; closing the engine must not wait for it
// (the equivalence property's afterAll once hit vitest's 10 s hook limit so). A sum over 10^11 rows, a
// minute of CPU, takes far longer than this test may: close stops the process, and the query fails
// saying so (before the fix, close waited and the test timed out at 20 s).
it("closing ClickHouse stops a query still running instead of waiting for it", async () => {
  const engine = await clickhouseEngine();
  const pending = engine.run("SELECT sum(number) FROM numbers(100000000000)").catch(String);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await engine.close();
  expect(await pending).toMatch(/^Error: chdb failed \(SIGKILL\)/);
}, 20_000);
