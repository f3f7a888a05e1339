import { describeEquivalenceShard } from "./equivalenceProperty.js";

// Shard 4 of the SQL equivalence property: see equivalenceProperty.ts and, for where its time goes,
// equivalence.property.test.ts.
describeEquivalenceShard(4);
