import { postgresEngine } from "./postgresEngine.js";
import { describeSqlEngine } from "./sqlCases.js";

describeSqlEngine(postgresEngine, () => "events");
