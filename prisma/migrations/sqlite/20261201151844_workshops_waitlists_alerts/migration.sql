-- CreateTable
CREATE TABLE "WorkshopSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "enrolment" TEXT NOT NULL DEFAULT 'PER_SESSION',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkshopSeries_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopSeries_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "seriesId" TEXT,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "seatCount" INTEGER NOT NULL,
    "level" TEXT NOT NULL DEFAULT 'BEGINNER',
    "whatToBring" TEXT,
    "whatToBringEn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'SCHEDULED',
    "cancellationReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkshopSession_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopSession_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkshopSession_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkshopSession_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "WorkshopSeries" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopSessionAdvisor" (
    "sessionId" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    PRIMARY KEY ("sessionId", "advisorId"),
    CONSTRAINT "WorkshopSessionAdvisor_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopSessionAdvisor_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopSeat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    CONSTRAINT "WorkshopSeat_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopRegistration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "seatId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'REGISTERED',
    "companionOfId" TEXT,
    "companionName" TEXT,
    "createdVia" TEXT NOT NULL,
    "helperName" TEXT,
    "helperPhoneE164" TEXT,
    "helperEmail" TEXT,
    "messagesTo" TEXT NOT NULL DEFAULT 'RESIDENT',
    "manageTokenHash" TEXT,
    "idempotencyKeyHash" TEXT,
    "cancellationReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkshopRegistration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopRegistration_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopRegistration_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkshopRegistration_seatId_fkey" FOREIGN KEY ("seatId") REFERENCES "WorkshopSeat" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WorkshopRegistration_companionOfId_fkey" FOREIGN KEY ("companionOfId") REFERENCES "WorkshopRegistration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'WAITING',
    "heldSeatId" TEXT,
    "offerCount" INTEGER NOT NULL DEFAULT 0,
    "holdUntil" DATETIME,
    "registrationId" TEXT,
    "createdVia" TEXT NOT NULL,
    "helperName" TEXT,
    "helperPhoneE164" TEXT,
    "helperEmail" TEXT,
    "messagesTo" TEXT NOT NULL DEFAULT 'RESIDENT',
    "manageTokenHash" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WaitlistEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WaitlistEntry_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WaitlistEntry_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "WaitlistEntry_heldSeatId_fkey" FOREIGN KEY ("heldSeatId") REFERENCES "WorkshopSeat" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "WaitlistEntry_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "WorkshopRegistration" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EarlierSlotRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "topicId" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "siteId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "alertsSent" INTEGER NOT NULL DEFAULT 0,
    "maxAlerts" INTEGER NOT NULL DEFAULT 3,
    "offeredStartsAt" DATETIME,
    "createdVia" TEXT NOT NULL,
    "manageTokenHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EarlierSlotRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EarlierSlotRequest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "EarlierSlotRequest_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EarlierSlotRequest_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EarlierSlotRequest_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "registrationId" TEXT,
    "waitlistEntryId" TEXT,
    "earlierSlotRequestId" TEXT,
    "kind" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "dueAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "providerMessageId" TEXT,
    "sender" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Notification_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "WorkshopRegistration" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_waitlistEntryId_fkey" FOREIGN KEY ("waitlistEntryId") REFERENCES "WaitlistEntry" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Notification_earlierSlotRequestId_fkey" FOREIGN KEY ("earlierSlotRequestId") REFERENCES "EarlierSlotRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Notification" ("appointmentId", "attempts", "channel", "createdAt", "dueAt", "id", "kind", "language", "lastError", "leaseOwner", "leaseUntil", "organisationId", "providerMessageId", "recipient", "sender", "sentAt", "status", "updatedAt") SELECT "appointmentId", "attempts", "channel", "createdAt", "dueAt", "id", "kind", "language", "lastError", "leaseOwner", "leaseUntil", "organisationId", "providerMessageId", "recipient", "sender", "sentAt", "status", "updatedAt" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE UNIQUE INDEX "Notification_providerMessageId_key" ON "Notification"("providerMessageId");
CREATE INDEX "Notification_recipient_sender_idx" ON "Notification"("recipient", "sender");
CREATE INDEX "Notification_status_dueAt_idx" ON "Notification"("status", "dueAt");
CREATE INDEX "Notification_appointmentId_status_idx" ON "Notification"("appointmentId", "status");
CREATE INDEX "Notification_organisationId_createdAt_idx" ON "Notification"("organisationId", "createdAt");
CREATE UNIQUE INDEX "Notification_waitlistEntryId_kind_key" ON "Notification"("waitlistEntryId", "kind");
CREATE UNIQUE INDEX "Notification_earlierSlotRequestId_kind_key" ON "Notification"("earlierSlotRequestId", "kind");
CREATE UNIQUE INDEX "Notification_registrationId_kind_key" ON "Notification"("registrationId", "kind");
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Organisation" ("allowedPhoneRegions", "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "createdAt", "dailySmsCap", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt") SELECT "allowedPhoneRegions", "bookingsPerIpPerHour", "bookingsPerPhonePerDay", "createdAt", "dailySmsCap", "email", "holidayRegion", "id", "kind", "maxUpcomingPerContact", "name", "phone", "quietHoursEnd", "quietHoursStart", "reminderOffsets", "slotStepMinutes", "slug", "smsSenderName", "timeZone", "updatedAt" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");
CREATE TABLE "new_Topic" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL DEFAULT 'INDIVIDUAL',
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
    "nameEn" TEXT,
    "instructionsEn" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Topic_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Topic" ("active", "allowsInPerson", "allowsPhone", "bufferMinutes", "cancellationDeadlineMinutes", "createdAt", "durationMinutes", "horizonDays", "id", "instructions", "instructionsEn", "isPublic", "minNoticeMinutes", "name", "nameEn", "organisationId", "theme", "updatedAt") SELECT "active", "allowsInPerson", "allowsPhone", "bufferMinutes", "cancellationDeadlineMinutes", "createdAt", "durationMinutes", "horizonDays", "id", "instructions", "instructionsEn", "isPublic", "minNoticeMinutes", "name", "nameEn", "organisationId", "theme", "updatedAt" FROM "Topic";
DROP TABLE "Topic";
ALTER TABLE "new_Topic" RENAME TO "Topic";
CREATE INDEX "Topic_organisationId_active_isPublic_idx" ON "Topic"("organisationId", "active", "isPublic");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WorkshopSeries_organisationId_idx" ON "WorkshopSeries"("organisationId");

-- CreateIndex
CREATE INDEX "WorkshopSession_organisationId_status_startsAt_idx" ON "WorkshopSession"("organisationId", "status", "startsAt");

-- CreateIndex
CREATE INDEX "WorkshopSession_siteId_startsAt_idx" ON "WorkshopSession"("siteId", "startsAt");

-- CreateIndex
CREATE INDEX "WorkshopSession_seriesId_idx" ON "WorkshopSession"("seriesId");

-- CreateIndex
CREATE INDEX "WorkshopSessionAdvisor_advisorId_startsAt_idx" ON "WorkshopSessionAdvisor"("advisorId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopSeat_sessionId_number_key" ON "WorkshopSeat"("sessionId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopRegistration_seatId_key" ON "WorkshopRegistration"("seatId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopRegistration_manageTokenHash_key" ON "WorkshopRegistration"("manageTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopRegistration_idempotencyKeyHash_key" ON "WorkshopRegistration"("idempotencyKeyHash");

-- CreateIndex
CREATE INDEX "WorkshopRegistration_sessionId_status_idx" ON "WorkshopRegistration"("sessionId", "status");

-- CreateIndex
CREATE INDEX "WorkshopRegistration_residentId_idx" ON "WorkshopRegistration"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_heldSeatId_key" ON "WaitlistEntry"("heldSeatId");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_registrationId_key" ON "WaitlistEntry"("registrationId");

-- CreateIndex
CREATE UNIQUE INDEX "WaitlistEntry_manageTokenHash_key" ON "WaitlistEntry"("manageTokenHash");

-- CreateIndex
CREATE INDEX "WaitlistEntry_sessionId_status_createdAt_idx" ON "WaitlistEntry"("sessionId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "WaitlistEntry_residentId_idx" ON "WaitlistEntry"("residentId");

-- CreateIndex
CREATE UNIQUE INDEX "EarlierSlotRequest_manageTokenHash_key" ON "EarlierSlotRequest"("manageTokenHash");

-- CreateIndex
CREATE INDEX "EarlierSlotRequest_organisationId_status_topicId_idx" ON "EarlierSlotRequest"("organisationId", "status", "topicId");

-- CreateIndex
CREATE INDEX "EarlierSlotRequest_appointmentId_idx" ON "EarlierSlotRequest"("appointmentId");


-- Written by hand (docs/decisions/080-workshop-seats-and-waiting-list.md).
-- A registration holds a seat unless it was cancelled.
CREATE TRIGGER "WorkshopRegistration_seat_insert"
BEFORE INSERT ON "WorkshopRegistration"
WHEN NEW."seatId" IS NULL AND NEW."status" <> 'CANCELLED'
BEGIN
    SELECT RAISE(ABORT, 'REGISTRATION_WITHOUT_SEAT');
END;

CREATE TRIGGER "WorkshopRegistration_seat_update"
BEFORE UPDATE OF "seatId", "status" ON "WorkshopRegistration"
WHEN NEW."seatId" IS NULL AND NEW."status" <> 'CANCELLED'
BEGIN
    SELECT RAISE(ABORT, 'REGISTRATION_WITHOUT_SEAT');
END;

-- A session holds its advisors' time: it never overlaps their active appointments nor
-- another of their active sessions, and no appointment overlaps it.
CREATE TRIGGER "WorkshopSessionAdvisor_no_overlap_insert"
BEFORE INSERT ON "WorkshopSessionAdvisor"
WHEN NEW."active"
BEGIN
    SELECT RAISE(ABORT, 'ADVISOR_BUSY')
    WHERE EXISTS (
        SELECT 1 FROM "Appointment" AS a
        WHERE a."advisorId" = NEW."advisorId"
          AND a."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
          AND a."startsAt" < NEW."endsAt"
          AND a."endsAt" > NEW."startsAt"
    ) OR EXISTS (
        SELECT 1 FROM "WorkshopSessionAdvisor" AS s
        WHERE s."advisorId" = NEW."advisorId"
          AND s."active"
          AND s."startsAt" < NEW."endsAt"
          AND s."endsAt" > NEW."startsAt"
    );
END;

CREATE TRIGGER "WorkshopSessionAdvisor_no_overlap_update"
BEFORE UPDATE OF "advisorId", "startsAt", "endsAt", "active" ON "WorkshopSessionAdvisor"
WHEN NEW."active"
BEGIN
    SELECT RAISE(ABORT, 'ADVISOR_BUSY')
    WHERE EXISTS (
        SELECT 1 FROM "Appointment" AS a
        WHERE a."advisorId" = NEW."advisorId"
          AND a."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
          AND a."startsAt" < NEW."endsAt"
          AND a."endsAt" > NEW."startsAt"
    ) OR EXISTS (
        SELECT 1 FROM "WorkshopSessionAdvisor" AS s
        WHERE s."advisorId" = NEW."advisorId"
          AND s."active"
          AND NOT (s."sessionId" = NEW."sessionId" AND s."advisorId" = OLD."advisorId")
          AND s."startsAt" < NEW."endsAt"
          AND s."endsAt" > NEW."startsAt"
    );
END;

CREATE TRIGGER "Appointment_no_session_overlap_insert"
BEFORE INSERT ON "Appointment"
WHEN NEW."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
BEGIN
    SELECT RAISE(ABORT, 'APPOINTMENT_OVERLAP')
    WHERE EXISTS (
        SELECT 1 FROM "WorkshopSessionAdvisor" AS s
        WHERE s."advisorId" = NEW."advisorId"
          AND s."active"
          AND s."startsAt" < NEW."endsAt"
          AND s."endsAt" > NEW."startsAt"
    );
END;

CREATE TRIGGER "Appointment_no_session_overlap_update"
BEFORE UPDATE OF "advisorId", "startsAt", "endsAt", "status" ON "Appointment"
WHEN NEW."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
BEGIN
    SELECT RAISE(ABORT, 'APPOINTMENT_OVERLAP')
    WHERE EXISTS (
        SELECT 1 FROM "WorkshopSessionAdvisor" AS s
        WHERE s."advisorId" = NEW."advisorId"
          AND s."active"
          AND s."startsAt" < NEW."endsAt"
          AND s."endsAt" > NEW."startsAt"
    );
END;
