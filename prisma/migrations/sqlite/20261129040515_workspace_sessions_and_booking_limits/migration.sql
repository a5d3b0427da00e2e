-- CreateTable
CREATE TABLE "AdvisorSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userAgent" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    CONSTRAINT "AdvisorSession_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AdvisorToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AdvisorToken_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "allowedPhoneRegions" TEXT NOT NULL DEFAULT 'FR,GP,MQ,GF,RE,YT',
    "maxUpcomingPerContact" INTEGER NOT NULL DEFAULT 3,
    "bookingsPerIpPerHour" INTEGER NOT NULL DEFAULT 20,
    "bookingsPerPhonePerDay" INTEGER NOT NULL DEFAULT 5,
    "dailySmsCap" INTEGER NOT NULL DEFAULT 500,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("allowedPhoneRegions", "createdAt", "dailySmsCap", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt") SELECT "allowedPhoneRegions", "createdAt", "dailySmsCap", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "AdvisorSession_tokenHash_key" ON "AdvisorSession"("tokenHash");

-- CreateIndex
CREATE INDEX "AdvisorSession_advisorId_expiresAt_idx" ON "AdvisorSession"("advisorId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "AdvisorToken_tokenHash_key" ON "AdvisorToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AdvisorToken_advisorId_purpose_idx" ON "AdvisorToken"("advisorId", "purpose");

