// Every role against every route. The route modules are read from app/routes, so a new route fails
// this test until it has a row below saying who may load it and who may post to it. Each cell calls
// the route's loader (GET) or action (an empty POST) directly, as Remix would, with a fresh session
// of a user holding that role (second factor enrolled and verified where the role needs one).
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/modules/db/db.server";
import type { RoleKey } from "~/modules/auth/permissions";
import { enqueueEmail } from "~/modules/mail/outbox.server";
import { createDepartment, createUser } from "../factories/people";
import { getRequest, postRequest, sessionCookieFor, settle } from "../factories/requests";
import { importRoute, routeModules, strayRouteEntries } from "../factories/route-modules";
import { createHandler, fileReport, textAttachment } from "../factories/cases";

type Who = "anonymous" | RoleKey;
const WHO: Who[] = ["anonymous", "employee", "investigator", "compliance_lead", "auditor", "admin"];

/**
 * allow: served (not 401/403/404, no redirect to sign-in); forbid: 403; login: redirected to /login;
 * notFound: 404 — what a case handler gets for a case they may not see (its existence stays hidden);
 * signInAgain: a post without a session is sent on, body and all (307), to /signed-out, which signs
 * in again and gives the typed text back.
 */
type Outcome = "allow" | "forbid" | "login" | "notFound" | "signInAgain";
type Matrix = Record<Who, Outcome>;

const matrix = (anonymous: Outcome, roles: Outcome | Partial<Record<RoleKey, Outcome>>, otherwise: Outcome = "forbid"): Matrix => {
  const pick = (r: RoleKey) => (typeof roles === "string" ? roles : (roles[r] ?? otherwise));
  return {
    anonymous,
    employee: pick("employee"),
    investigator: pick("investigator"),
    compliance_lead: pick("compliance_lead"),
    auditor: pick("auditor"),
    admin: pick("admin"),
  };
};

/** Anyone, signed in or not: sign-in, password reset, health, the language switch. */
const PUBLIC = matrix("allow", "allow");
/** Any signed-in account. */
const SIGNED_IN = matrix("login", "allow");
/** Administration: only administrators (people, departments, settings, the outbox). */
const ADMIN_ONLY = matrix("login", { admin: "allow" });
/** The audit log: auditors only. Administrators and compliance leads are refused. */
const AUDITOR_ONLY = matrix("login", { auditor: "allow" });
/** Signing out ends in the sign-in page for everyone. */
const TO_LOGIN = matrix("login", "login");
/** The case queue and intake: case handlers (investigators, leads, auditors). */
const CASE_HANDLERS = matrix("login", { investigator: "allow", compliance_lead: "allow", auditor: "allow" });
/**
 * One case (the fixture: filed on the web, nobody assigned, not urgent): compliance leads only. The
 * unassigned investigator and the auditor get 404; roles without case permissions get 403.
 */
const ONE_CASE = matrix("login", { compliance_lead: "allow", investigator: "notFound", auditor: "notFound" });
/** A form on one case that creates something: the same, but a post without a session keeps its text. */
const ONE_CASE_FORM = { ...ONE_CASE, anonymous: "signInAgain" } satisfies Matrix;
/** Remediation actions across cases (titles, owners, dates; no case content): compliance leads and auditors. */
const REMEDIATION_READERS = matrix("login", { compliance_lead: "allow", auditor: "allow" });

/** Intake on someone's behalf: investigators and compliance leads (auditors only oversee). */
const INTAKE = matrix("login", { investigator: "allow", compliance_lead: "allow" });

/**
 * reportId: the fixture case; fileId: a file filed with it; questionId: a category question;
 * urgentReportId / urgentFileId: an urgent case and its file (auditors see its metadata only).
 */
type Fixtures = { departmentId: string; personId: string; outboxId: string; reportId: string; fileId: string; questionId: string; urgentReportId: string; urgentFileId: string };
type RouteRow = {
  /** Route params, from rows created for this test so a loader cannot 404 for the wrong reason. */
  params?: (f: Fixtures) => Record<string, string>;
  /** null: the module has no loader (likewise action). */
  loader: Matrix | null;
  action: Matrix | null;
};

// One row per route in app/routes. Case content routes, when they come, must forbid admin.
const ROUTES: Record<string, RouteRow> = {
  "_index": { loader: SIGNED_IN, action: null },
  "healthz": { loader: PUBLIC, action: null },
  "livez": { loader: PUBLIC, action: null },
  "hotline": { loader: PUBLIC, action: null },
  "locale": { loader: PUBLIC, action: PUBLIC },
  "login": { loader: PUBLIC, action: PUBLIC },
  // The second step needs a session that owes a code; without any session it sends you to sign in.
  "login_.two-factor": { loader: SIGNED_IN, action: SIGNED_IN },
  "logout": { loader: PUBLIC, action: TO_LOGIN },
  "forgot-password": { loader: null, action: PUBLIC },
  "reset-password.$token": { params: () => ({ token: "not-a-real-token" }), loader: PUBLIC, action: PUBLIC },
  "account._index": { loader: SIGNED_IN, action: SIGNED_IN },
  "account.password": { loader: SIGNED_IN, action: SIGNED_IN },
  "account.two-factor": { loader: SIGNED_IN, action: SIGNED_IN },
  "admin.people._index": { loader: ADMIN_ONLY, action: null },
  "admin.people.new": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.people.$id": { params: (f) => ({ id: f.personId }), loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.people.import": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.people.import.template": { loader: ADMIN_ONLY, action: null },
  "admin.departments._index": { loader: ADMIN_ONLY, action: null },
  "admin.departments.new": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.departments.$id": { params: (f) => ({ id: f.departmentId }), loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.outbox._index": { loader: ADMIN_ONLY, action: null },
  "admin.outbox.$id": { params: (f) => ({ id: f.outboxId }), loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.settings": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.questions._index": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.questions.new": { loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "admin.questions.$id": { params: (f) => ({ id: f.questionId }), loader: ADMIN_ONLY, action: ADMIN_ONLY },
  "audit.log": { loader: AUDITOR_ONLY, action: AUDITOR_ONLY },
  // Role-grant requests are decided by compliance leads only (ADR 0014); administrators ask.
  // Signing in again after a session ended mid-form: anyone (an empty post has nothing to carry: 400).
  "signed-out": { loader: PUBLIC, action: PUBLIC },
  "role-requests": { loader: matrix("login", { compliance_lead: "allow" }), action: matrix("login", { compliance_lead: "allow" }) },
  // The hotline's form: anyone, with or without an account (an empty post is refused as incomplete).
  "report._index": { loader: PUBLIC, action: PUBLIC },
  // The reporter's follow-up: anyone may ask for the receipt form (an empty post is refused as invalid).
  "report.follow-up": { loader: PUBLIC, action: PUBLIC },
  // A file of the reporter's thread: only with a reporter session (a receipt, not an account), so
  // without one everyone, signed in or not, gets the same 404.
  "report.follow-up.files.$fileId": { params: () => ({ fileId: "no-session" }), loader: matrix("notFound", "notFound"), action: null },
  // The queue: every case handler (each sees only their own cases).
  "cases._index": { loader: CASE_HANDLERS, action: null },
  // A report taken by phone, email, letter or in person (an empty post is refused as incomplete).
  "cases.new": { loader: INTAKE, action: { ...INTAKE, anonymous: "signInAgain" } },
  // One case: the layout (header and tabs), without sealed content.
  "cases.$id": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: null },
  // The report, the two message threads (an empty post is refused as invalid), the timeline.
  "cases.$id._index": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: null },
  "cases.$id.messages": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: ONE_CASE_FORM },
  "cases.$id.timeline": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: null },
  // A file filed with the fixture case: downloaded by whoever may see the case.
  "cases.$id.files.$fileId": { params: (f) => ({ id: f.reportId, fileId: f.fileId }), loader: ONE_CASE, action: null },
  // People and conflicts: assignees, involved people, exclusions, recusal, identity requests.
  "cases.$id.people": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: ONE_CASE },
  // The workflow tab: an empty post (no step named) is refused as 400, not as a permission matter.
  "cases.$id.workflow": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: ONE_CASE_FORM },
  "cases.$id.remediation": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: ONE_CASE_FORM },
  // Auditors' grants on the case (list, grant, revoke): compliance leads only (an empty post is 400).
  "cases.$id.access": { params: (f) => ({ id: f.reportId }), loader: ONE_CASE, action: ONE_CASE },
  // Remediation across cases, for the audit committee: compliance leads and auditors.
  "remediation._index": { loader: REMEDIATION_READERS, action: null },
  "remediation.export": { loader: REMEDIATION_READERS, action: null },
};

const routeFiles = [...routeModules().keys()];

/** The URL path of a route's name: dots are slashes, `_index` is the parent, `x_` is not nested, `$p` is a param. */
function urlPath(file: string, params: Record<string, string>): string {
  const segments = file
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => (s.startsWith("$") ? encodeURIComponent(params[s.slice(1)]) : s.replace(/_$/, "")));
  return "/" + segments.join("/");
}

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => Promise<unknown> | unknown;
  action?: (args: ActionFunctionArgs) => Promise<unknown> | unknown;
};

const users = {} as Record<RoleKey, string>;
let fixtures: Fixtures;

beforeAll(async () => {
  for (const role of WHO.filter((w): w is RoleKey => w !== "anonymous")) {
    // Roles that the default settings require a second factor of are enrolled, as in production.
    users[role] = (await createHandler(role)).id;
  }
  const department = await createDepartment();
  const { person } = await createUser();
  const outbox = await db.$transaction((tx) =>
    enqueueEmail(tx, { to: person.email!, locale: "en", template: "passwordReset", params: { url: "http://localhost:3999/x", minutes: 60 } }),
  );
  const filed = { reportId: await fileReport({ answers: { whatHappened: "A role-routes fixture." } }, { attachments: [await textAttachment("A role-routes fixture file.\n", "fixture.txt")] }) };
  const fileRow = await db.caseAttachment.findFirstOrThrow({ where: { reportId: filed.reportId }, select: { id: true } });
  const question = await db.categoryQuestion.create({ data: { category: "OTHER", kind: "TEXT", labelZh: "固定问题", labelEn: "A fixture question" }, select: { id: true } });
  const urgent = { reportId: await fileReport({ answers: { whatHappened: "An urgent role-routes fixture." } }, { attachments: [await textAttachment("A role-routes fixture file.\n", "urgent.txt")] }) };
  await db.report.update({ where: { id: urgent.reportId }, data: { urgent: true } });
  const urgentFile = await db.caseAttachment.findFirstOrThrow({ where: { reportId: urgent.reportId }, select: { id: true } });
  fixtures = {
    departmentId: department.id,
    personId: person.id,
    outboxId: outbox.id,
    reportId: filed.reportId,
    fileId: fileRow.id,
    questionId: question.id,
    urgentReportId: urgent.reportId,
    urgentFileId: urgentFile.id,
  };
});

async function cookieFor(who: Who): Promise<string | undefined> {
  // A fresh session per call: a cell such as signing out must not end the next cell's session.
  return who === "anonymous" ? undefined : sessionCookieFor(users[who]);
}

function expectOutcome(res: Response, outcome: Outcome, label: string) {
  const location = res.headers.get("Location") ?? "";
  const redirected = res.status >= 300 && res.status < 400;
  if (outcome === "forbid") {
    expect(res.status, label).toBe(403);
  } else if (outcome === "notFound") {
    expect(res.status, label).toBe(404);
  } else if (outcome === "signInAgain") {
    expect(res.status, label).toBe(307);
    expect(location, label).toMatch(/^\/signed-out\?to=/);
  } else if (outcome === "login") {
    expect(redirected, `${label}: expected a redirect, got ${res.status}`).toBe(true);
    expect(location, label).toMatch(/^\/login(\?|$)/);
  } else {
    expect([401, 403, 404], `${label}: got ${res.status}`).not.toContain(res.status);
    expect(res.status, label).toBeLessThan(500);
    if (redirected) expect(location, `${label}: redirected to ${location}`).not.toMatch(/^\/(login|account\/two-factor)(\/|\?|$)/);
  }
}

describe("role × route", () => {
  it("has a row for every route module, and no row for a route that is gone", () => {
    expect(strayRouteEntries(), "every route is a folder with route.tsx or route.ts").toEqual([]);
    expect(routeFiles.filter((f) => !(f in ROUTES)), "routes missing from the table").toEqual([]);
    expect(Object.keys(ROUTES).filter((f) => !routeFiles.includes(f)), "table rows without a route").toEqual([]);
  });

  it("never lets an administrator read the audit log or case content", () => {
    expect(ROUTES["audit.log"].loader!.admin).toBe("forbid");
    // Routes of cases and reports (later issues) must forbid administrators in their rows. `report.*`
    // (singular) is the reporter's own public side, open to anyone, administrators included: it
    // shows only what the person filing types or holds the receipt of.
    const caseRoutes = Object.keys(ROUTES).filter((f) => /^(cases?|reports|investigations?|audit)[._$]/.test(f));
    for (const file of caseRoutes) {
      for (const cell of [ROUTES[file].loader, ROUTES[file].action]) if (cell) expect(cell.admin, file).toBe("forbid");
    }
    // …and every route of one case hides it from the unassigned investigator.
    for (const file of caseRoutes.filter((f) => f.includes("$id"))) {
      for (const cell of [ROUTES[file].loader, ROUTES[file].action]) if (cell) expect(cell.investigator, file).toBe("notFound");
    }
  });

  for (const file of routeFiles) {
    const row = ROUTES[file];
    it(`${file}: each role gets what the table says`, async () => {
      expect(row, `add ${file} to ROUTES`).toBeDefined();
      const mod = await importRoute<RouteModule>(file);
      expect(typeof mod.loader === "function", `${file}: loader in the table ⇔ loader exported`).toBe(row.loader !== null);
      expect(typeof mod.action === "function", `${file}: action in the table ⇔ action exported`).toBe(row.action !== null);
      const params = row.params?.(fixtures) ?? {};
      const url = urlPath(file, params);

      for (const who of WHO) {
        if (row.loader && mod.loader) {
          const request = getRequest(url, await cookieFor(who));
          const res = await settle(async () => mod.loader!({ request, params, context: {} }));
          expectOutcome(res, row.loader[who], `GET ${url} as ${who}`);
        }
        if (row.action && mod.action) {
          const request = postRequest(url, {}, await cookieFor(who));
          const res = await settle(async () => mod.action!({ request, params, context: {} }));
          expectOutcome(res, row.action[who], `POST ${url} as ${who}`);
        }
      }
    });
  }

  // An auditor sees an urgent case's header (the escalation to the audit committee) but reads its
  // content only with a grant: every tab answers "needs a grant", a file 404, the grants tab 403.
  // Every route of one case needs an entry here, so a new tab cannot forget the rule.
  const URGENT_FOR_AUDITOR: Record<string, "allow" | "needsGrant" | "notFound" | "forbid"> = {
    "cases.$id": "allow",
    "cases.$id._index": "needsGrant",
    "cases.$id.messages": "needsGrant",
    "cases.$id.workflow": "needsGrant",
    "cases.$id.people": "needsGrant",
    "cases.$id.remediation": "needsGrant",
    "cases.$id.timeline": "needsGrant",
    "cases.$id.files.$fileId": "notFound",
    "cases.$id.access": "forbid",
  };

  it("shows an auditor an urgent case's metadata only: every content route refuses without a grant, and opens with one", async () => {
    const caseRoutes = routeFiles.filter((f) => f.startsWith("cases.$id"));
    expect(caseRoutes.filter((f) => !(f in URGENT_FOR_AUDITOR)), "case routes missing from URGENT_FOR_AUDITOR").toEqual([]);
    const params = { id: fixtures.urgentReportId, fileId: fixtures.urgentFileId };
    const load = async (file: string) => {
      const mod = await importRoute<RouteModule>(file);
      const request = getRequest(urlPath(file, params), await cookieFor("auditor"));
      return settle(async () => mod.loader!({ request, params, context: {} }));
    };
    for (const file of caseRoutes) {
      const res = await load(file);
      const expected = URGENT_FOR_AUDITOR[file];
      if (expected === "needsGrant") {
        expect(res.status, file).toBe(403);
        expect(await res.json(), file).toEqual({ needsGrant: true });
      } else {
        expectOutcome(res, expected, `GET ${file} (urgent) as auditor`);
      }
    }
    // The header carries metadata only, and says so.
    const header = (await (await load("cases.$id")).json()) as { metadataOnly: boolean; can: { read: boolean }; report: Record<string, unknown> };
    expect(header.metadataOnly).toBe(true);
    expect(header.can.read).toBe(false);
    expect(Object.keys(header.report).filter((k) => k.startsWith("sealed") || k === "wrappedKey")).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: fixtures.urgentReportId, actorUserId: users.auditor } })).toBe(0);

    // With a running grant, the same auditor reads every tab and the file (and each read is audited).
    await db.caseGrant.create({
      data: { reportId: fixtures.urgentReportId, userId: users.auditor, grantedById: users.compliance_lead, reason: "Committee review", expiresAt: new Date(Date.now() + 86_400_000) },
    });
    for (const file of caseRoutes.filter((f) => f !== "cases.$id.access")) {
      expectOutcome(await load(file), "allow", `GET ${file} (urgent, granted) as auditor`);
    }
    expect(await db.auditEvent.count({ where: { action: "case.read", objectId: fixtures.urgentReportId, actorUserId: users.auditor } })).toBeGreaterThan(0);
  });
});
