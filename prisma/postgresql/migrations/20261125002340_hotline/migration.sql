-- CreateEnum
CREATE TYPE "ReportChannel" AS ENUM ('WEB', 'PHONE', 'EMAIL', 'LETTER', 'WALK_IN');

-- CreateEnum
CREATE TYPE "ReportCategory" AS ENUM ('GIFTS', 'MISAPPROPRIATION', 'FICTITIOUS_TRANSACTIONS', 'OUTSIDE_COMPETITION', 'CONFIDENTIAL_INFORMATION', 'OTHER');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('NEW', 'TRIAGE', 'INVESTIGATION', 'FINDINGS', 'CLOSED');

-- CreateEnum
CREATE TYPE "IdentityMode" AS ENUM ('ANONYMOUS', 'CONFIDENTIAL', 'NAMED');

-- CreateEnum
CREATE TYPE "ExclusionReason" AS ENUM ('REPORTER_EXCLUDED', 'INVOLVED', 'MANAGER_OF_INVOLVED');

-- CreateEnum
CREATE TYPE "CaseThread" AS ENUM ('REPORTER', 'INTERNAL');

-- CreateEnum
CREATE TYPE "CaseAuthorKind" AS ENUM ('REPORTER', 'HANDLER');

-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "channel" "ReportChannel" NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'NEW',
    "severity" INTEGER,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "identityMode" "IdentityMode" NOT NULL,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "sealedAnswers" TEXT NOT NULL,
    "sealedIdentity" TEXT,
    "sealedInvolved" TEXT,
    "intakeByUserId" TEXT,
    "submissionKey" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgeDueAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "feedbackDueAt" TIMESTAMP(3) NOT NULL,
    "feedbackGivenAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "purgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseExclusion" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" "ExclusionReason" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseExclusion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignedByUserId" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "CaseAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseMessage" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "thread" "CaseThread" NOT NULL,
    "authorKind" "CaseAuthorKind" NOT NULL,
    "authorUserId" TEXT,
    "sealedBody" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "chunkCount" INTEGER NOT NULL,
    "metadataRemoved" BOOLEAN NOT NULL,
    "sealedName" TEXT,
    "uploadedBy" "CaseAuthorKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "attachmentId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sealed" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("attachmentId","index")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" "ActorKind" NOT NULL,
    "actorUserId" TEXT,
    "type" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Report_reference_key" ON "Report"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "Report_submissionKey_key" ON "Report"("submissionKey");

-- CreateIndex
CREATE INDEX "Report_status_receivedAt_idx" ON "Report"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "Report_category_idx" ON "Report"("category");

-- CreateIndex
CREATE INDEX "Report_channel_idx" ON "Report"("channel");

-- CreateIndex
CREATE INDEX "Report_severity_idx" ON "Report"("severity");

-- CreateIndex
CREATE INDEX "Report_acknowledgeDueAt_idx" ON "Report"("acknowledgeDueAt");

-- CreateIndex
CREATE INDEX "Report_feedbackDueAt_idx" ON "Report"("feedbackDueAt");

-- CreateIndex
CREATE INDEX "Report_closedAt_idx" ON "Report"("closedAt");

-- CreateIndex
CREATE INDEX "Report_intakeByUserId_idx" ON "Report"("intakeByUserId");

-- CreateIndex
CREATE INDEX "CaseExclusion_userId_idx" ON "CaseExclusion"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseExclusion_reportId_userId_key" ON "CaseExclusion"("reportId", "userId");

-- CreateIndex
CREATE INDEX "CaseAssignment_reportId_endedAt_idx" ON "CaseAssignment"("reportId", "endedAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_userId_endedAt_idx" ON "CaseAssignment"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "CaseAssignment_assignedByUserId_idx" ON "CaseAssignment"("assignedByUserId");

-- CreateIndex
CREATE INDEX "CaseMessage_reportId_thread_createdAt_idx" ON "CaseMessage"("reportId", "thread", "createdAt");

-- CreateIndex
CREATE INDEX "CaseAttachment_reportId_idx" ON "CaseAttachment"("reportId");

-- CreateIndex
CREATE INDEX "CaseAttachment_messageId_idx" ON "CaseAttachment"("messageId");

-- CreateIndex
CREATE INDEX "CaseEvent_reportId_at_idx" ON "CaseEvent"("reportId", "at");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_intakeByUserId_fkey" FOREIGN KEY ("intakeByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseExclusion" ADD CONSTRAINT "CaseExclusion_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseExclusion" ADD CONSTRAINT "CaseExclusion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAssignment" ADD CONSTRAINT "CaseAssignment_assignedByUserId_fkey" FOREIGN KEY ("assignedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseMessage" ADD CONSTRAINT "CaseMessage_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAttachment" ADD CONSTRAINT "CaseAttachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAttachment" ADD CONSTRAINT "CaseAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "CaseMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "CaseAttachment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
