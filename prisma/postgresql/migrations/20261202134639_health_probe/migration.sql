-- CreateTable
CREATE TABLE "HealthProbe" (
    "instance" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthProbe_pkey" PRIMARY KEY ("instance")
);
