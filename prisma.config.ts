// Prisma 6.19 CLI configuration (ADR 0002). The native schema engine cannot be downloaded here,
// so the CLI runs the WASM engine ("engine: js") through a driver adapter chosen from DATABASE_URL.
// The adapters are wrapped to get round four bugs of that engine, each noted where it is handled.
// A config file switches off Prisma's own .env loading, so .env is loaded here.
import "dotenv/config";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "file:./data/sunline.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

/* eslint-disable @typescript-eslint/no-explicit-any -- adapter internals are untyped here */

// SQLite `migrate dev` sends whole migration scripts to the shadow database through executeRaw,
// which better-sqlite3 refuses (one statement per prepare): route argument-less calls to executeScript.
function sqliteMigrateAdapter(fileUrl: string) {
  const factory = new PrismaBetterSQLite3({ url: fileUrl });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    async connectToShadowDb() {
      const shadow: any = await factory.connectToShadowDb();
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query: any) =>
        query.args.length === 0 ? (await shadow.executeScript(query.sql), 0) : executeRaw(query);
      return shadow;
    },
  };
}

function pgConnectionConfig(connectionUrl: string) {
  const u = new URL(connectionUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

// Introspection returns catalog columns of type "char" (OID 18) and name (OID 19), which
// adapter-pg 6.19 rejects (prisma/orm#27403): report them as text (OID 25).
function reportCatalogTypesAsText<T>(queryable: T): T {
  const q: any = queryable;
  const performIO = q.performIO.bind(q);
  q.performIO = async (query: unknown) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    }
    return result;
  };
  if (typeof q.startTransaction === "function") {
    const start = q.startTransaction.bind(q);
    q.startTransaction = async (...args: unknown[]) => reportCatalogTypesAsText(await start(...args));
  }
  return queryable;
}

// adapter-pg's own shadow database lands on the main database: create and drop one ourselves
// (the role needs CREATEDB).
function pgMigrateAdapter(connectionUrl: string) {
  const base = pgConnectionConfig(connectionUrl);
  const factory = new PrismaPg(base);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => reportCatalogTypesAsText(await factory.connect()),
    async connectToShadowDb() {
      const name = `prisma_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client(base);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const shadow: any = reportCatalogTypesAsText(await new PrismaPg({ ...base, database: name }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        const cleanup = new pg.Client(base);
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      };
      return shadow;
    },
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPostgres ? "prisma/postgresql/migrations" : "prisma/migrations" },
  async adapter() {
    return (isPostgres ? pgMigrateAdapter(url) : sqliteMigrateAdapter(url)) as any;
  },
});
