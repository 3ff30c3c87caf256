-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN "expiresAt" DATETIME;
