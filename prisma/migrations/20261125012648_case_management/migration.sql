-- AlterTable
ALTER TABLE "CaseMessage" ADD COLUMN "template" TEXT;

-- CreateTable
CREATE TABLE "CategoryQuestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "labelZh" TEXT NOT NULL,
    "helpEn" TEXT,
    "helpZh" TEXT,
    "choices" TEXT NOT NULL DEFAULT '[]',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RemediationAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "completedAt" DATETIME,
    "createdByUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RemediationAction_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RemediationAction_ownerPersonId_fkey" FOREIGN KEY ("ownerPersonId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RemediationNote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "sealedBody" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RemediationNote_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "RemediationAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RemediationNote_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IdentityRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "requestedByUserId" TEXT NOT NULL,
    "sealedJustification" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "decidedByUserId" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IdentityRequest_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IdentityRequest_requestedByUserId_fkey" FOREIGN KEY ("requestedByUserId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IdentityRequest_decidedByUserId_fkey" FOREIGN KEY ("decidedByUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReporterSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReporterSession_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Report" (
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
    "auditorTriage" BOOLEAN NOT NULL DEFAULT false,
    "triagedAt" DATETIME,
    "sealedInvestigation" TEXT,
    "legalReferral" BOOLEAN NOT NULL DEFAULT false,
    "outcome" TEXT,
    "sealedFindings" TEXT,
    "findingsRecordedAt" DATETIME,
    "findingsApprovedAt" DATETIME,
    "findingsApprovedByUserId" TEXT,
    "sealedLessons" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "acknowledgeReminderAt" DATETIME,
    "feedbackReminderAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Report_intakeByUserId_fkey" FOREIGN KEY ("intakeByUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Report_findingsApprovedByUserId_fkey" FOREIGN KEY ("findingsApprovedByUserId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Report" ("acknowledgeDueAt", "acknowledgedAt", "category", "channel", "closedAt", "createdAt", "feedbackDueAt", "feedbackGivenAt", "id", "identityMode", "intakeByUserId", "legalHold", "purgedAt", "receiptHash", "receivedAt", "reference", "sealedAnswers", "sealedIdentity", "sealedInvolved", "severity", "status", "submissionKey", "updatedAt", "urgent", "wrappedKey") SELECT "acknowledgeDueAt", "acknowledgedAt", "category", "channel", "closedAt", "createdAt", "feedbackDueAt", "feedbackGivenAt", "id", "identityMode", "intakeByUserId", "legalHold", "purgedAt", "receiptHash", "receivedAt", "reference", "sealedAnswers", "sealedIdentity", "sealedInvolved", "severity", "status", "submissionKey", "updatedAt", "urgent", "wrappedKey" FROM "Report";
DROP TABLE "Report";
ALTER TABLE "new_Report" RENAME TO "Report";
CREATE UNIQUE INDEX "Report_reference_key" ON "Report"("reference");
CREATE UNIQUE INDEX "Report_submissionKey_key" ON "Report"("submissionKey");
CREATE INDEX "Report_status_receivedAt_idx" ON "Report"("status", "receivedAt");
CREATE INDEX "Report_category_idx" ON "Report"("category");
CREATE INDEX "Report_channel_idx" ON "Report"("channel");
CREATE INDEX "Report_severity_idx" ON "Report"("severity");
CREATE INDEX "Report_acknowledgeDueAt_idx" ON "Report"("acknowledgeDueAt");
CREATE INDEX "Report_feedbackDueAt_idx" ON "Report"("feedbackDueAt");
CREATE INDEX "Report_closedAt_idx" ON "Report"("closedAt");
CREATE INDEX "Report_intakeByUserId_idx" ON "Report"("intakeByUserId");
CREATE INDEX "Report_findingsApprovedByUserId_idx" ON "Report"("findingsApprovedByUserId");
CREATE INDEX "Report_auditorTriage_idx" ON "Report"("auditorTriage");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CategoryQuestion_category_active_position_idx" ON "CategoryQuestion"("category", "active", "position");

-- CreateIndex
CREATE INDEX "RemediationAction_status_dueDate_idx" ON "RemediationAction"("status", "dueDate");

-- CreateIndex
CREATE INDEX "RemediationAction_reportId_idx" ON "RemediationAction"("reportId");

-- CreateIndex
CREATE INDEX "RemediationAction_ownerPersonId_idx" ON "RemediationAction"("ownerPersonId");

-- CreateIndex
CREATE INDEX "RemediationNote_actionId_createdAt_idx" ON "RemediationNote"("actionId", "createdAt");

-- CreateIndex
CREATE INDEX "RemediationNote_authorUserId_idx" ON "RemediationNote"("authorUserId");

-- CreateIndex
CREATE INDEX "IdentityRequest_reportId_status_idx" ON "IdentityRequest"("reportId", "status");

-- CreateIndex
CREATE INDEX "IdentityRequest_requestedByUserId_idx" ON "IdentityRequest"("requestedByUserId");

-- CreateIndex
CREATE INDEX "IdentityRequest_decidedByUserId_idx" ON "IdentityRequest"("decidedByUserId");

-- CreateIndex
CREATE INDEX "ReporterSession_expiresAt_idx" ON "ReporterSession"("expiresAt");

-- CreateIndex
CREATE INDEX "ReporterSession_reportId_idx" ON "ReporterSession"("reportId");
