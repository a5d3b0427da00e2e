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

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "holidayRegion" TEXT NOT NULL,
    "smsSenderName" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "slotStepMinutes" INTEGER,
    "reminderOffsets" TEXT NOT NULL DEFAULT '[{"kind":"DAYS_BEFORE","days":2},{"kind":"SAME_DAY","atLeastHoursBefore":3}]',
    "quietHoursStart" TEXT NOT NULL DEFAULT '20:00',
    "quietHoursEnd" TEXT NOT NULL DEFAULT '08:30',
    "allowedPhoneRegions" TEXT NOT NULL DEFAULT 'FR,GP,MQ,GF,RE,YT,PM,BL,MF',
    "maxUpcomingPerContact" INTEGER NOT NULL DEFAULT 3,
    "bookingsPerIpPerHour" INTEGER NOT NULL DEFAULT 20,
    "bookingsPerPhonePerDay" INTEGER NOT NULL DEFAULT 5,
    "dailySmsCap" INTEGER NOT NULL DEFAULT 500,
    "waitlistHoldHours" INTEGER NOT NULL DEFAULT 12,
    "earlierSlotAlerts" INTEGER NOT NULL DEFAULT 3,
    "pivot" TEXT,
    "retentionAppointmentMonths" INTEGER NOT NULL DEFAULT 24,
    "retentionMessageMonths" INTEGER NOT NULL DEFAULT 6,
    "retentionAuditMonths" INTEGER NOT NULL DEFAULT 12,
    "retentionResidentMonths" INTEGER NOT NULL DEFAULT 24,
    "retentionAdvisorMonths" INTEGER NOT NULL DEFAULT 24,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("allowedPhoneRegions", "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "createdAt", "dailySmsCap", "earlierSlotAlerts", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "pivot", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt", "waitlistHoldHours") SELECT "allowedPhoneRegions", "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "createdAt", "dailySmsCap", "earlierSlotAlerts", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "pivot", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt", "waitlistHoldHours" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
CREATE TABLE "new_Resident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL,
    "phoneE164" TEXT,
    "phoneType" TEXT,
    "email" TEXT,
    "preferredLanguage" TEXT NOT NULL DEFAULT 'fr',
    "notificationConsent" BOOLEAN NOT NULL DEFAULT false,
    "smsOptedOut" BOOLEAN NOT NULL DEFAULT false,
    "createdVia" TEXT NOT NULL,
    "anonymisedAt" DATETIME,
    "isStandIn" BOOLEAN NOT NULL DEFAULT false,
    "standInId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Resident_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Resident" ("createdAt", "createdVia", "email", "firstName", "id", "lastName", "notificationConsent", "organisationId", "phoneE164", "phoneType", "preferredLanguage", "searchKey", "smsOptedOut", "updatedAt") SELECT "createdAt", "createdVia", "email", "firstName", "id", "lastName", "notificationConsent", "organisationId", "phoneE164", "phoneType", "preferredLanguage", "searchKey", "smsOptedOut", "updatedAt" FROM "Resident";
DROP TABLE "Resident";
ALTER TABLE "new_Resident" RENAME TO "Resident";
CREATE UNIQUE INDEX "Resident_standInId_key" ON "Resident"("standInId");
CREATE INDEX "Resident_organisationId_phoneE164_idx" ON "Resident"("organisationId", "phoneE164");
CREATE INDEX "Resident_organisationId_email_idx" ON "Resident"("organisationId", "email");
CREATE INDEX "Resident_organisationId_searchKey_idx" ON "Resident"("organisationId", "searchKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "RetentionRun_day_key" ON "RetentionRun"("day");

-- CreateIndex
CREATE INDEX "Appointment_organisationId_personalErasedAt_startsAt_idx" ON "Appointment"("organisationId", "personalErasedAt", "startsAt");

-- CreateIndex
CREATE INDEX "Notification_organisationId_contentsErasedAt_dueAt_idx" ON "Notification"("organisationId", "contentsErasedAt", "dueAt");

