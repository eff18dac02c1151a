import { describe, expect, it } from "vitest";
import { loadEnv } from "../../server/env";

describe("the environment at boot", () => {
  it("defaults to the embedded SQLite file in DATA_DIR", () => {
    const env = loadEnv({ NODE_ENV: "test", DATA_DIR: "/tmp/civic-env-test" });
    expect(env.databaseFile).toBe("/tmp/civic-env-test/civic.sqlite");
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("refuses DATABASE_URL with a message that says why and what to do, instead of writing to SQLite unawares", () => {
    expect(() => loadEnv({ NODE_ENV: "test", DATABASE_URL: "postgres://civic@db.example/civic" })).toThrow(
      /DATABASE_URL: PostgreSQL is not available in this version yet.*Unset DATABASE_URL/s,
    );
  });

  it("names every bad value in one message", () => {
    expect(() => loadEnv({ NODE_ENV: "test", PORT: "eighty", LOG_LEVEL: "loud" })).toThrow(/PORT:.*\n.*LOG_LEVEL:/s);
  });
});
