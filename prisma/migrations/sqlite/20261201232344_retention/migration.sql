-- AlterTable
ALTER TABLE "Advisor" ADD COLUMN "anonymisedAt" DATETIME;
ALTER TABLE "Advisor" ADD COLUMN "deactivatedAt" DATETIME;
ALTER TABLE "Advisor" ADD COLUMN "retentionWarnedAt" DATETIME;

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN "personalErasedAt" DATETIME;

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "contentsErasedAt" DATETIME;

-- AlterTable
ALTER TABLE "WorkshopRegistration" ADD COLUMN "personalErasedAt" DATETIME;

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "counts" TEXT NOT NULL DEFAULT '{}'
);

-- AlterTable (columns added in place: a redefinition of Organisation would drop the legal
-- pages' columns of the migration before, and one of Resident is not needed)
ALTER TABLE "Organisation" ADD COLUMN "retentionAppointmentMonths" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "Organisation" ADD COLUMN "retentionMessageMonths" INTEGER NOT NULL DEFAULT 6;
ALTER TABLE "Organisation" ADD COLUMN "retentionAuditMonths" INTEGER NOT NULL DEFAULT 12;
ALTER TABLE "Organisation" ADD COLUMN "retentionResidentMonths" INTEGER NOT NULL DEFAULT 24;
ALTER TABLE "Organisation" ADD COLUMN "retentionAdvisorMonths" INTEGER NOT NULL DEFAULT 24;

-- AlterTable
ALTER TABLE "Resident" ADD COLUMN "anonymisedAt" DATETIME;
ALTER TABLE "Resident" ADD COLUMN "isStandIn" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Resident" ADD COLUMN "standInId" TEXT;
CREATE UNIQUE INDEX "Resident_standInId_key" ON "Resident"("standInId");

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRun_day_key" ON "RetentionRun"("day");

-- CreateIndex
CREATE INDEX "Appointment_organisationId_personalErasedAt_startsAt_idx" ON "Appointment"("organisationId", "personalErasedAt", "startsAt");

-- CreateIndex
CREATE INDEX "Notification_organisationId_contentsErasedAt_dueAt_idx" ON "Notification"("organisationId", "contentsErasedAt", "dueAt");

