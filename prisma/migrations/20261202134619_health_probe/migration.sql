-- CreateTable
CREATE TABLE "HealthProbe" (
    "instance" TEXT NOT NULL PRIMARY KEY,
    "checkedAt" DATETIME NOT NULL
);
