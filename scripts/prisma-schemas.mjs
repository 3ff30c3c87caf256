// Writes prisma/postgresql/schema.prisma from the one hand-edited schema, prisma/schema.prisma.
// Only the datasource provider, its placeholder URL and the client output path differ.
import fs from "node:fs";

const src = fs.readFileSync("prisma/schema.prisma", "utf8");
const out = src
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://unused@localhost:5432/unused"')
  .replace('output     = "../app/generated/sqlite"', 'output     = "../../app/generated/postgresql"');
if (!out.includes('provider = "postgresql"') || !out.includes('"../../app/generated/postgresql"')) {
  throw new Error("prisma-schemas: could not rewrite prisma/schema.prisma for PostgreSQL");
}
fs.mkdirSync("prisma/postgresql", { recursive: true });
fs.writeFileSync(
  "prisma/postgresql/schema.prisma",
  "// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs: do not edit.\n" + out,
);
