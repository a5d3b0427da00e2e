-- CreateTable
CREATE TABLE "Organisation" (
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
    "dailySmsCap" INTEGER NOT NULL DEFAULT 500,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Site" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
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
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Site_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Advisor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "role" TEXT NOT NULL DEFAULT 'ADVISOR',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Advisor_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Topic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "allowsInPerson" BOOLEAN NOT NULL DEFAULT true,
    "allowsPhone" BOOLEAN NOT NULL DEFAULT false,
    "minNoticeMinutes" INTEGER NOT NULL DEFAULT 120,
    "horizonDays" INTEGER NOT NULL DEFAULT 60,
    "bufferMinutes" INTEGER NOT NULL DEFAULT 0,
    "cancellationDeadlineMinutes" INTEGER NOT NULL DEFAULT 120,
    "isPublic" BOOLEAN NOT NULL DEFAULT true,
    "instructions" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Topic_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpeningRule" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "siteId" TEXT,
    "weekdays" TEXT NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,
    "everyNWeeks" INTEGER NOT NULL DEFAULT 1,
    "validFrom" TEXT NOT NULL,
    "validUntil" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OpeningRule_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OpeningRule_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OpeningRuleTopic" (
    "openingRuleId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,

    PRIMARY KEY ("openingRuleId", "topicId"),
    CONSTRAINT "OpeningRuleTopic_openingRuleId_fkey" FOREIGN KEY ("openingRuleId") REFERENCES "OpeningRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OpeningRuleTopic_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "advisorId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Absence_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Resident" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Resident_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "siteId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'BOOKED',
    "createdVia" TEXT NOT NULL,
    "helperName" TEXT,
    "helperPhoneE164" TEXT,
    "helperEmail" TEXT,
    "manageTokenHash" TEXT,
    "idempotencyKey" TEXT,
    "cancellationReason" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Appointment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appointment_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "advisorId" TEXT,
    "actorKind" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE INDEX "Site_organisationId_active_idx" ON "Site"("organisationId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "Advisor_email_key" ON "Advisor"("email");

-- CreateIndex
CREATE INDEX "Advisor_organisationId_active_idx" ON "Advisor"("organisationId", "active");

-- CreateIndex
CREATE INDEX "Topic_organisationId_active_isPublic_idx" ON "Topic"("organisationId", "active", "isPublic");

-- CreateIndex
CREATE INDEX "OpeningRule_advisorId_validFrom_idx" ON "OpeningRule"("advisorId", "validFrom");

-- CreateIndex
CREATE INDEX "OpeningRule_siteId_validFrom_idx" ON "OpeningRule"("siteId", "validFrom");

-- CreateIndex
CREATE INDEX "OpeningRuleTopic_topicId_idx" ON "OpeningRuleTopic"("topicId");

-- CreateIndex
CREATE INDEX "Absence_advisorId_endsAt_startsAt_idx" ON "Absence"("advisorId", "endsAt", "startsAt");

-- CreateIndex
CREATE INDEX "Resident_organisationId_phoneE164_idx" ON "Resident"("organisationId", "phoneE164");

-- CreateIndex
CREATE INDEX "Resident_organisationId_email_idx" ON "Resident"("organisationId", "email");

-- CreateIndex
CREATE INDEX "Resident_organisationId_searchKey_idx" ON "Resident"("organisationId", "searchKey");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_manageTokenHash_key" ON "Appointment"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_idempotencyKey_key" ON "Appointment"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Appointment_advisorId_startsAt_idx" ON "Appointment"("advisorId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_advisorId_status_endsAt_startsAt_idx" ON "Appointment"("advisorId", "status", "endsAt", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_siteId_startsAt_idx" ON "Appointment"("siteId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_organisationId_startsAt_idx" ON "Appointment"("organisationId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_residentId_startsAt_idx" ON "Appointment"("residentId", "startsAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_createdAt_idx" ON "AuditEvent"("organisationId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_createdAt_idx" ON "AuditEvent"("entityType", "entityId", "createdAt");


-- No overlap, enforced by the database (not by Prisma, which cannot express it):
-- two active appointments of one advisor never overlap. Active means the advisor's
-- time is taken: booked, honoured or no-show. Excused and cancelled free it.
CREATE TRIGGER "Appointment_no_overlap_insert"
BEFORE INSERT ON "Appointment"
WHEN NEW."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
BEGIN
    SELECT RAISE(ABORT, 'APPOINTMENT_OVERLAP')
    WHERE EXISTS (
        SELECT 1 FROM "Appointment" AS a
        WHERE a."advisorId" = NEW."advisorId"
          AND a."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
          AND a."startsAt" < NEW."endsAt"
          AND a."endsAt" > NEW."startsAt"
    );
END;

CREATE TRIGGER "Appointment_no_overlap_update"
BEFORE UPDATE OF "advisorId", "startsAt", "endsAt", "status" ON "Appointment"
WHEN NEW."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
BEGIN
    SELECT RAISE(ABORT, 'APPOINTMENT_OVERLAP')
    WHERE EXISTS (
        SELECT 1 FROM "Appointment" AS a
        WHERE a."advisorId" = NEW."advisorId"
          AND a."id" <> NEW."id"
          AND a."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
          AND a."startsAt" < NEW."endsAt"
          AND a."endsAt" > NEW."startsAt"
    );
END;

CREATE TRIGGER "Appointment_time_order_insert"
BEFORE INSERT ON "Appointment"
WHEN NEW."endsAt" <= NEW."startsAt"
BEGIN
    SELECT RAISE(ABORT, 'APPOINTMENT_ENDS_BEFORE_START');
END;

CREATE TRIGGER "Appointment_time_order_update"
BEFORE UPDATE OF "startsAt", "endsAt" ON "Appointment"
WHEN NEW."endsAt" <= NEW."startsAt"
BEGIN
    SELECT RAISE(ABORT, 'APPOINTMENT_ENDS_BEFORE_START');
END;
