import { duckdbEngine } from "./duckdbEngine.js";
import { describeSqlEngine } from "./sqlCases.js";

describeSqlEngine(duckdbEngine, () => "events");
