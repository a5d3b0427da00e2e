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
    "legalName" TEXT,
    "legalAddress" TEXT,
    "dpoContact" TEXT,
    "publicationDirector" TEXT,
    "hostName" TEXT,
    "hostAddress" TEXT,
    "accessibilityStatus" TEXT NOT NULL DEFAULT 'NON_CONFORME',
    "accessibilityContact" TEXT,
    "accessibilityKnownIssues" TEXT,
    "accessibilityCheckedOn" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("allowedPhoneRegions", "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "createdAt", "dailySmsCap", "earlierSlotAlerts", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "pivot", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt", "waitlistHoldHours") SELECT "allowedPhoneRegions", "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "createdAt", "dailySmsCap", "earlierSlotAlerts", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "pivot", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt", "waitlistHoldHours" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

