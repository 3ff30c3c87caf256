-- CreateTable
CREATE TABLE "SubmissionReceipt" (
    "keyHash" TEXT NOT NULL PRIMARY KEY,
    "reportId" TEXT NOT NULL,
    "sealedReceipt" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SubmissionReceipt_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HotlineIntakeWindow" (
    "start" DATETIME NOT NULL PRIMARY KEY,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "unmailed" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "SubmissionReceipt_expiresAt_idx" ON "SubmissionReceipt"("expiresAt");
