-- CreateTable
CREATE TABLE "Report" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reference" TEXT NOT NULL,
    "receiptHash" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'NEW',
    "severity" INTEGER,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "identityMode" TEXT NOT NULL,
    "legalHold" BOOLEAN NOT NULL DEFAULT false,
    "sealedAnswers" TEXT NOT NULL,
    "sealedIdentity" TEXT,
    "sealedInvolved" TEXT,
    "intakeByUserId" TEXT,
    "submissionKey" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "acknowledgeDueAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    "feedbackDueAt" DATETIME NOT NULL,
    "feedbackGivenAt" DATETIME,
    "closedAt" DATETIME,
    "purgedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Report_intakeByUserId_fkey" FOREIGN KEY ("intakeByUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseExclusion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseExclusion_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseExclusion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "assignedByUserId" TEXT,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    "endReason" TEXT,
    CONSTRAINT "CaseAssignment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "CaseAssignment_assignedByUserId_fkey" FOREIGN KEY ("assignedByUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "thread" TEXT NOT NULL,
    "authorKind" TEXT NOT NULL,
    "authorUserId" TEXT,
    "sealedBody" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseMessage_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseAttachment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "messageId" TEXT,
    "kind" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "chunkCount" INTEGER NOT NULL,
    "metadataRemoved" BOOLEAN NOT NULL,
    "sealedName" TEXT,
    "uploadedBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseAttachment_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaseAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "CaseMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "attachmentId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sealed" BLOB NOT NULL,

    PRIMARY KEY ("attachmentId", "index"),
    CONSTRAINT "AttachmentChunk_attachmentId_fkey" FOREIGN KEY ("attachmentId") REFERENCES "CaseAttachment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" TEXT NOT NULL,
    "actorUserId" TEXT,
    "type" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "CaseEvent_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
