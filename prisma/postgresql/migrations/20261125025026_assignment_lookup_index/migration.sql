-- DropIndex
DROP INDEX "CaseAssignment_reportId_endedAt_idx";

-- CreateIndex
CREATE INDEX "CaseAssignment_reportId_userId_endedAt_idx" ON "CaseAssignment"("reportId", "userId", "endedAt");
