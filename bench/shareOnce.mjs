// Does a rating share (createRatingShare, docs/scale.md "Customers on the same plan") pay when each
// prepared contract is rated once (a month-end close) or several times (an invoice so far, recomputed)?
// 5,000 cdn-basic customers: CPU of preparing and aggregating, then of everything, with and without a
// share, alternating. `node bench/shareOnce.mjs` after `npx tsup --silent`.
import { hash } from "node:crypto";
import * as lib from "../dist/index.js";
import { contractJson, customerEvents } from "./aggregates.mjs";

const HOST = { sha256: (bytes) => hash("sha256", bytes, "buffer") };
const customers = 5000;
const events = customerEvents(customers);
const contracts = events.map((_, c) =>
  lib.parseContract({ ...contractJson, customer: { ...contractJson.customer, id: `cus_${c}` } }),
);
const cpuMs = (since) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1e3);
};

function run(shared, ratings) {
  const options = shared ? { share: lib.createRatingShare() } : undefined;
  const start = process.cpuUsage();
  const prepared = contracts.map((contract) => lib.prepareRating(contract, "2026-02", options));
  const aggregates = prepared.map((p, c) => lib.aggregateForRating(p, events[c]));
  const preparing = cpuMs(start);
  for (let round = 0; round < ratings; round += 1)
    for (let c = 0; c < customers; c += 1) lib.rateFromAggregates(prepared[c], aggregates[c], HOST);
  return { preparing, all: cpuMs(start) };
}

for (let round = 0; round < 4; round += 1)
  for (const ratings of [1, 6])
    for (const shared of [false, true]) {
      const { preparing, all } = run(shared, ratings);
      console.log(
        `rated ${ratings}× ${shared ? "with a share   " : "without a share"}: preparing ${preparing} ms, all ${all} ms of CPU`,
      );
    }
