-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "segments" INTEGER;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "pivot" TEXT;

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN "coopThemes" TEXT;
ALTER TABLE "Topic" ADD COLUMN "franceServicesOperator" TEXT;

-- CreateTable
CREATE TABLE "ActivityReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "workshopSessionId" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "durationMinutes" INTEGER,
    "placeType" TEXT,
    "siteId" TEXT,
    "placeCommune" TEXT,
    "placePostalCode" TEXT,
    "themes" TEXT NOT NULL DEFAULT '[]',
    "procedureDetails" TEXT,
    "equipment" TEXT NOT NULL DEFAULT '[]',
    "notes" TEXT,
    "residentId" TEXT,
    "alreadyAccompanied" BOOLEAN,
    "residenceCommune" TEXT,
    "gender" TEXT,
    "ageBand" TEXT,
    "socialStatus" TEXT,
    "autonomy" TEXT,
    "referred" BOOLEAN,
    "referralStructure" TEXT,
    "workshopTitle" TEXT,
    "workshopLevel" TEXT,
    "anonymousCounts" TEXT NOT NULL DEFAULT '{}',
    "participantCount" INTEGER NOT NULL DEFAULT 0,
    "franceServicesOperator" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    -- A report is about one appointment or one workshop session, never both or neither.
    CONSTRAINT "ActivityReport_one_subject" CHECK (("appointmentId" IS NULL) <> ("workshopSessionId" IS NULL)),
    CONSTRAINT "ActivityReport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityReport_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ActivityReport_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityReport_workshopSessionId_fkey" FOREIGN KEY ("workshopSessionId") REFERENCES "WorkshopSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityReport_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ActivityReport_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityReportParticipant" (
    "reportId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,

    PRIMARY KEY ("reportId", "residentId"),
    CONSTRAINT "ActivityReportParticipant_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ActivityReport" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActivityReportParticipant_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "address" TEXT NOT NULL,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "inseeCode" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "phone" TEXT,
    "accessNotes" TEXT,
    "accessibilityNotes" TEXT,
    "timeZone" TEXT,
    "holidayRegion" TEXT,
    "pivot" TEXT,
    "openData" BOOLEAN NOT NULL DEFAULT true,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Site_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Site" ("accessNotes", "accessibilityNotes", "active", "address", "city", "createdAt", "holidayRegion", "id", "inseeCode", "latitude", "longitude", "name", "organisationId", "phone", "postalCode", "shortName", "timeZone", "updatedAt") SELECT "accessNotes", "accessibilityNotes", "active", "address", "city", "createdAt", "holidayRegion", "id", "inseeCode", "latitude", "longitude", "name", "organisationId", "phone", "postalCode", "shortName", "timeZone", "updatedAt" FROM "Site";
DROP TABLE "Site";
ALTER TABLE "new_Site" RENAME TO "Site";
CREATE INDEX "Site_organisationId_active_idx" ON "Site"("organisationId", "active");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ActivityReport_appointmentId_key" ON "ActivityReport"("appointmentId");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityReport_workshopSessionId_key" ON "ActivityReport"("workshopSessionId");

-- CreateIndex
CREATE INDEX "ActivityReport_organisationId_date_idx" ON "ActivityReport"("organisationId", "date");

-- CreateIndex
CREATE INDEX "ActivityReport_advisorId_date_idx" ON "ActivityReport"("advisorId", "date");

-- CreateIndex
CREATE INDEX "ActivityReportParticipant_residentId_idx" ON "ActivityReportParticipant"("residentId");

