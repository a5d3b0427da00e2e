-- Statistics read a period from covering indexes, and the reports to do are found through
-- a flag set with each report (decision 087). A plain ADD COLUMN rather than Prisma's
-- table redefinition, which would drop the appointment triggers (no overlap).

-- DropIndex
DROP INDEX "Appointment_organisationId_startsAt_idx";

-- DropIndex
DROP INDEX "Notification_organisationId_dueAt_idx";

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN "reported" BOOLEAN NOT NULL DEFAULT false;

-- Appointments reported already (filed or declined)
UPDATE "Appointment" SET "reported" = true
WHERE "id" IN (SELECT "appointmentId" FROM "ActivityReport" WHERE "appointmentId" IS NOT NULL);

-- CreateIndex
CREATE INDEX "Appointment_organisationId_startsAt_status_createdVia_mode_topicId_residentId_createdAt_siteId_advisorId_idx" ON "Appointment"("organisationId", "startsAt", "status", "createdVia", "mode", "topicId", "residentId", "createdAt", "siteId", "advisorId");

-- CreateIndex
CREATE INDEX "Appointment_residentId_status_startsAt_idx" ON "Appointment"("residentId", "status", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_organisationId_status_reported_idx" ON "Appointment"("organisationId", "status", "reported");

-- CreateIndex
CREATE INDEX "Notification_organisationId_dueAt_channel_status_kind_segments_appointmentId_registrationId_idx" ON "Notification"("organisationId", "dueAt", "channel", "status", "kind", "segments", "appointmentId", "registrationId");
