-- CreateEnum
CREATE TYPE "FindingsOutcome" AS ENUM ('SUBSTANTIATED', 'PARTLY_SUBSTANTIATED', 'NOT_SUBSTANTIATED');

-- CreateEnum
CREATE TYPE "QuestionKind" AS ENUM ('TEXT', 'CHOICE', 'DATE');

-- CreateEnum
CREATE TYPE "RemediationStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "IdentityRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- AlterEnum
ALTER TYPE "CaseAuthorKind" ADD VALUE 'SYSTEM';

-- AlterTable
ALTER TABLE "CaseMessage" ADD COLUMN     "template" TEXT;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "acknowledgeReminderAt" TIMESTAMP(3),
ADD COLUMN     "auditorTriage" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "feedbackReminderAt" TIMESTAMP(3),
ADD COLUMN     "findingsApprovedAt" TIMESTAMP(3),
ADD COLUMN     "findingsApprovedByUserId" TEXT,
ADD COLUMN     "findingsRecordedAt" TIMESTAMP(3),
ADD COLUMN     "legalReferral" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "outcome" "FindingsOutcome",
ADD COLUMN     "reopenCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sealedFindings" TEXT,
ADD COLUMN     "sealedInvestigation" TEXT,
ADD COLUMN     "sealedLessons" TEXT,
ADD COLUMN     "triagedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CategoryQuestion" (
    "id" TEXT NOT NULL,
    "category" "ReportCategory" NOT NULL,
    "kind" "QuestionKind" NOT NULL,
    "labelEn" TEXT NOT NULL,
    "labelZh" TEXT NOT NULL,
    "helpEn" TEXT,
    "helpZh" TEXT,
    "choices" TEXT NOT NULL DEFAULT '[]',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CategoryQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationAction" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerPersonId" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" "RemediationStatus" NOT NULL DEFAULT 'OPEN',
    "completedAt" TIMESTAMP(3),
    "createdByUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RemediationAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RemediationNote" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "authorUserId" TEXT NOT NULL,
    "sealedBody" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RemediationNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityRequest" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "requestedByUserId" TEXT NOT NULL,
    "sealedJustification" TEXT NOT NULL,
    "status" "IdentityRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedByUserId" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReporterSession" (
    "id" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReporterSession_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE INDEX "Report_findingsApprovedByUserId_idx" ON "Report"("findingsApprovedByUserId");

-- CreateIndex
CREATE INDEX "Report_auditorTriage_idx" ON "Report"("auditorTriage");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_findingsApprovedByUserId_fkey" FOREIGN KEY ("findingsApprovedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationAction" ADD CONSTRAINT "RemediationAction_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationAction" ADD CONSTRAINT "RemediationAction_ownerPersonId_fkey" FOREIGN KEY ("ownerPersonId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationNote" ADD CONSTRAINT "RemediationNote_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "RemediationAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RemediationNote" ADD CONSTRAINT "RemediationNote_authorUserId_fkey" FOREIGN KEY ("authorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityRequest" ADD CONSTRAINT "IdentityRequest_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityRequest" ADD CONSTRAINT "IdentityRequest_requestedByUserId_fkey" FOREIGN KEY ("requestedByUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityRequest" ADD CONSTRAINT "IdentityRequest_decidedByUserId_fkey" FOREIGN KEY ("decidedByUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReporterSession" ADD CONSTRAINT "ReporterSession_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
