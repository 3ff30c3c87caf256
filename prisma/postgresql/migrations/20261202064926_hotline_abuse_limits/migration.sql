-- CreateTable
CREATE TABLE "SubmissionReceipt" (
    "keyHash" TEXT NOT NULL,
    "reportId" TEXT NOT NULL,
    "sealedReceipt" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubmissionReceipt_pkey" PRIMARY KEY ("keyHash")
);

-- CreateTable
CREATE TABLE "HotlineIntakeWindow" (
    "start" TIMESTAMP(3) NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "unmailed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "HotlineIntakeWindow_pkey" PRIMARY KEY ("start")
);

-- CreateIndex
CREATE INDEX "SubmissionReceipt_expiresAt_idx" ON "SubmissionReceipt"("expiresAt");

-- AddForeignKey
ALTER TABLE "SubmissionReceipt" ADD CONSTRAINT "SubmissionReceipt_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
