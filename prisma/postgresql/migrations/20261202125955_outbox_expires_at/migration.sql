-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "expiresAt" TIMESTAMP(3);
