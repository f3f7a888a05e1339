import { PGlite } from "@electric-sql/pglite";
import { standard, type TestEngine, valuesOf } from "./engines.js";

/** PostgreSQL 18 compiled to wasm (PGlite). */
export async function postgresEngine(): Promise<TestEngine> {
  const db = await PGlite.create();
  return {
    dialect: "postgres",
    async load(events) {
      await db.exec(
        "DROP TABLE IF EXISTS events; CREATE TABLE events (id text, type text, customer text, timestamp text, properties jsonb)",
      );
      if (events.length > 0) await db.exec(`INSERT INTO events VALUES ${valuesOf(events, standard)}`);
    },
    async run(sql) {
      return (await db.query(sql)).rows;
    },
    async close() {
      await db.close();
    },
  };
}
