import { clickhouseEngine, clickhouseFrom } from "./clickhouseEngine.js";
import { describeSqlEngine } from "./sqlCases.js";

describeSqlEngine(clickhouseEngine, clickhouseFrom);
