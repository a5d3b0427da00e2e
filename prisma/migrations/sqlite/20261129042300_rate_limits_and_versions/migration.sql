-- CreateTable
CREATE TABLE "RateLimiterFlexible" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Appointment" (
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
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Appointment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appointment_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Appointment_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Appointment" ("advisorId", "cancellationReason", "createdAt", "createdVia", "endsAt", "helperEmail", "helperName", "helperPhoneE164", "id", "idempotencyKey", "manageTokenHash", "mode", "note", "organisationId", "residentId", "siteId", "startsAt", "status", "topicId", "updatedAt") SELECT "advisorId", "cancellationReason", "createdAt", "createdVia", "endsAt", "helperEmail", "helperName", "helperPhoneE164", "id", "idempotencyKey", "manageTokenHash", "mode", "note", "organisationId", "residentId", "siteId", "startsAt", "status", "topicId", "updatedAt" FROM "Appointment";
DROP TABLE "Appointment";
ALTER TABLE "new_Appointment" RENAME TO "Appointment";
CREATE UNIQUE INDEX "Appointment_manageTokenHash_key" ON "Appointment"("manageTokenHash");
CREATE UNIQUE INDEX "Appointment_idempotencyKey_key" ON "Appointment"("idempotencyKey");
CREATE INDEX "Appointment_advisorId_startsAt_idx" ON "Appointment"("advisorId", "startsAt");
CREATE INDEX "Appointment_advisorId_status_endsAt_startsAt_idx" ON "Appointment"("advisorId", "status", "endsAt", "startsAt");
CREATE INDEX "Appointment_siteId_startsAt_idx" ON "Appointment"("siteId", "startsAt");
CREATE INDEX "Appointment_organisationId_startsAt_idx" ON "Appointment"("organisationId", "startsAt");
CREATE INDEX "Appointment_residentId_startsAt_idx" ON "Appointment"("residentId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RateLimiterFlexible_expire_idx" ON "RateLimiterFlexible"("expire");


-- Prisma redefined "Appointment" above, which drops its triggers: they are created again.
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
