// `npm run account:bootstrap -- --role admin|compliance_lead --email someone@example.com
//   [--name-zh 张三] [--name-en "San Zhang"] [--locale zh-CN|en]`
// Creates the installation's first administrator or first compliance lead (see
// app/modules/people/bootstrap.server.ts and ADR 0014). Prints the set-password link, which is
// also queued as an invitation email. Refused once an active account holds the role.
import "dotenv/config";
import { parseArgs } from "node:util";
import { dbReady } from "../app/modules/db/db.server";
import { BOOTSTRAP_ROLES, BootstrapError, bootstrapAccount, type BootstrapRole } from "../app/modules/people/bootstrap.server";

const { values } = parseArgs({
  options: {
    role: { type: "string" },
    email: { type: "string" },
    "name-zh": { type: "string" },
    "name-en": { type: "string" },
    locale: { type: "string" },
  },
});

const role = values.role as BootstrapRole | undefined;
if (!role || !(role in BOOTSTRAP_ROLES) || !values.email || (values.locale && !["zh-CN", "en"].includes(values.locale))) {
  console.error("usage: npm run account:bootstrap -- --role admin|compliance_lead --email someone@example.com [--name-zh …] [--name-en …] [--locale zh-CN|en]");
  process.exit(2);
}

await dbReady;
try {
  const result = await bootstrapAccount({
    role,
    email: values.email,
    nameZh: values["name-zh"],
    nameEn: values["name-en"],
    locale: values.locale === "en" ? "en" : values.locale === "zh-CN" ? "zh_CN" : undefined,
  });
  console.log(`account:bootstrap: ${values.email} now holds the role ${role}${result.created ? " (new account)" : ""}.`);
  if (result.link) console.log(`account:bootstrap: set-password link (also queued as an email): ${result.link}`);
  process.exit(0);
} catch (error) {
  if (error instanceof BootstrapError) {
    const why = {
      alreadyHeld: `an active account already holds the role ${role}: give it to more people inside Sunline (an administrator asks, a compliance lead approves).`,
      badEmail: "that is not an email address.",
      accountDisabled: "that account is disabled; enable it in Sunline first.",
    }[error.code];
    console.error(`account:bootstrap: refused: ${why}`);
    process.exit(1);
  }
  throw error;
}
