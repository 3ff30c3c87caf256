-- CreateTable
CREATE TABLE "FormSubmission" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CaseDuplicate" (
    "duplicateId" TEXT NOT NULL PRIMARY KEY,
    "originalId" TEXT NOT NULL,
    "markedByUserId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "FormSubmission_createdAt_idx" ON "FormSubmission"("createdAt");

-- CreateIndex
CREATE INDEX "CaseDuplicate_originalId_idx" ON "CaseDuplicate"("originalId");
