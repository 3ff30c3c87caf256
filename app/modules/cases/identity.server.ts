// The reporter's identity. A named report's name and contact are visible to
// whoever can see the case; a confidential one's only after a recorded, justified request that a
// compliance lead (or the auditors, when they triage the case) approves — and only to the handler
// who asked; an anonymous report has none. The justification is sealed with the report; requests,
// decisions and every read of the identity are audit events.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db } from "../db/db.server";
import { fieldContext, openField, sealField } from "../crypto/sealing.server";
import type { CaseAccess } from "./access.server";
import { caseKeyIn } from "./access.server";
import { CaseActionError, notifyTriagers, notifyUsers } from "./conflicts.server";
import { writeCase } from "./case-write.server";

export const MAX_JUSTIFICATION_LENGTH = 4_000;
/** A bound on the requests listed on one case. */
const MAX_LISTED = 50;

export const justificationSchema = z
  .string({ required_error: "required", invalid_type_error: "invalid" })
  .max(MAX_JUSTIFICATION_LENGTH, "tooLong")
  .refine((s) => s.trim().length > 0, "required");

/** May the viewer see the reporter's name and contact on this case? */
export async function canSeeIdentity(access: Pick<CaseAccess, "viewer" | "report">): Promise<boolean> {
  switch (access.report.identityMode) {
    case "NAMED":
      return true;
    case "ANONYMOUS":
      return false;
    case "CONFIDENTIAL": {
      const approved = await db.identityRequest.count({
        where: { reportId: access.report.id, requestedByUserId: access.viewer.id, status: "APPROVED" },
      });
      return approved > 0;
    }
  }
}

/** A handler (can.work) asks to see a confidential reporter's identity. Returns the request id. */
export async function requestIdentity(input: { reportId: string; actorUserId: string; justification: string; now?: Date }): Promise<string> {
  const justification = justificationSchema.parse(input.justification);
  const { reportId, actorUserId: userId } = input;
  return writeCase({ reportId, actorUserId: userId, action: "requestIdentity", now: input.now, run: async (step) => {
    const { tx, now, row: report } = step;
    if (report.identityMode !== "CONFIDENTIAL") throw new CaseActionError("notConfidential");
    const open = await tx.identityRequest.count({ where: { reportId, requestedByUserId: userId, status: { in: ["PENDING", "APPROVED"] } } });
    if (open > 0) throw new CaseActionError("alreadyRequested");
    const key = await caseKeyIn(tx, reportId);
    const id = randomUUID();
    await tx.identityRequest.create({
      data: {
        id,
        reportId,
        requestedByUserId: userId,
        sealedJustification: sealField(key, justification, fieldContext("IdentityRequest", id, "justification")),
        createdAt: now,
      },
      select: { id: true },
    });
    await step.record("identity.requested", { requestId: id });
    await notifyTriagers(tx, { reportId, notice: "caseIdentityRequested", exceptUserId: userId });
    return id;
  } });
}

/** A lead (can.approve) approves or rejects someone else's pending request; the requester is told. */
export async function decideIdentityRequest(input: { reportId: string; requestId: string; actorUserId: string; approve: boolean; now?: Date }): Promise<void> {
  const { reportId, requestId, actorUserId: deciderUserId } = input;
  await writeCase({ reportId, actorUserId: deciderUserId, action: "decideIdentity", now: input.now, run: async (step) => {
    const { tx, now } = step;
    const request = await tx.identityRequest.findFirst({ where: { id: requestId, reportId }, select: { requestedByUserId: true, status: true } });
    if (!request) throw new CaseActionError("alreadyDecided");
    if (request.requestedByUserId === deciderUserId) throw new CaseActionError("ownRequest");
    const status = input.approve ? "APPROVED" : "REJECTED";
    const decided = await tx.identityRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status, decidedByUserId: deciderUserId, decidedAt: now },
    });
    if (decided.count !== 1) throw new CaseActionError("alreadyDecided");
    await step.record(input.approve ? "identity.approved" : "identity.rejected", { requestId, requesterId: request.requestedByUserId });
    await notifyUsers(tx, { reportId, userIds: [request.requestedByUserId], notice: input.approve ? "caseIdentityApproved" : "caseIdentityRejected" });
  } });
}

export type OpenedIdentityRequest = {
  id: string;
  requestedBy: { userId: string; email: string; nameZh: string | null; nameEn: string | null };
  justification: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: { email: string; nameZh: string | null; nameEn: string | null } | null;
};

/**
 * The case's identity requests with their justifications opened (key from openCaseKey, which
 * audited the read). `onlyOf`: just that user's own requests (a handler who cannot decide).
 */
export async function listIdentityRequests({
  key,
  reportId,
  requestedByUserId: onlyOf,
}: {
  key: Buffer;
  reportId: string;
  /** Only this user's requests; null for everyone's. */
  requestedByUserId: string | null;
}): Promise<OpenedIdentityRequest[]> {
  const name = { email: true, person: { select: { nameZh: true, nameEn: true } } } as const;
  const rows = await db.identityRequest.findMany({
    where: { reportId, ...(onlyOf ? { requestedByUserId: onlyOf } : {}) },
    orderBy: { createdAt: "desc" },
    take: MAX_LISTED,
    select: {
      id: true,
      requestedByUserId: true,
      sealedJustification: true,
      status: true,
      createdAt: true,
      decidedAt: true,
      requestedBy: { select: name },
      decidedBy: { select: name },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    requestedBy: { userId: r.requestedByUserId, email: r.requestedBy.email, nameZh: r.requestedBy.person?.nameZh ?? null, nameEn: r.requestedBy.person?.nameEn ?? null },
    justification: openField(key, r.sealedJustification, fieldContext("IdentityRequest", r.id, "justification")),
    status: r.status,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy ? { email: r.decidedBy.email, nameZh: r.decidedBy.person?.nameZh ?? null, nameEn: r.decidedBy.person?.nameEn ?? null } : null,
  }));
}
