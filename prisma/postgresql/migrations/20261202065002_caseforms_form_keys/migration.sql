-- CreateTable
CREATE TABLE "FormSubmission" (
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "resultId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormSubmission_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CaseDuplicate" (
    "duplicateId" TEXT NOT NULL,
    "originalId" TEXT NOT NULL,
    "markedByUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseDuplicate_pkey" PRIMARY KEY ("duplicateId")
);

-- CreateIndex
CREATE INDEX "FormSubmission_createdAt_idx" ON "FormSubmission"("createdAt");

-- CreateIndex
CREATE INDEX "CaseDuplicate_originalId_idx" ON "CaseDuplicate"("originalId");
