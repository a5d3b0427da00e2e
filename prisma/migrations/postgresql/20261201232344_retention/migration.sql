-- AlterTable
ALTER TABLE "Advisor" ADD COLUMN     "anonymisedAt" TIMESTAMP(3),
ADD COLUMN     "deactivatedAt" TIMESTAMP(3),
ADD COLUMN     "retentionWarnedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "personalErasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "contentsErasedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "retentionAdvisorMonths" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "retentionAppointmentMonths" INTEGER NOT NULL DEFAULT 24,
ADD COLUMN     "retentionAuditMonths" INTEGER NOT NULL DEFAULT 12,
ADD COLUMN     "retentionMessageMonths" INTEGER NOT NULL DEFAULT 6,
ADD COLUMN     "retentionResidentMonths" INTEGER NOT NULL DEFAULT 24;

-- AlterTable
ALTER TABLE "Resident" ADD COLUMN     "anonymisedAt" TIMESTAMP(3),
ADD COLUMN     "isStandIn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "standInId" TEXT;

-- AlterTable
ALTER TABLE "WorkshopRegistration" ADD COLUMN     "personalErasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counts" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRun_day_key" ON "RetentionRun"("day");

-- CreateIndex
CREATE INDEX "Appointment_organisationId_personalErasedAt_startsAt_idx" ON "Appointment"("organisationId", "personalErasedAt", "startsAt");

-- CreateIndex
CREATE INDEX "Notification_organisationId_contentsErasedAt_dueAt_idx" ON "Notification"("organisationId", "contentsErasedAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_standInId_key" ON "Resident"("standInId");

