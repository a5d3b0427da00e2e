-- CreateTable
CREATE TABLE "StatisticsPersonDay" (
    "organisationId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    PRIMARY KEY ("organisationId", "day", "personId")
);

-- CreateTable
CREATE TABLE "StatisticsFirstHelp" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "StatisticsPersonDay_day_personId_idx" ON "StatisticsPersonDay"("day", "personId");

-- CreateIndex
CREATE INDEX "StatisticsPersonDay_personId_day_idx" ON "StatisticsPersonDay"("personId", "day");

-- CreateIndex
CREATE INDEX "StatisticsFirstHelp_day_idx" ON "StatisticsFirstHelp"("day");



-- People helped are tallied too (decision 101). An appointment that moves to another
-- resident (a merge, a stand-in) changes its day's people: "residentId" joins the columns
-- that mark a day changed.
DROP TRIGGER "Appointment_statistics_updated";
CREATE TRIGGER "Appointment_statistics_updated"
AFTER UPDATE OF "organisationId", "startsAt", "status", "createdVia", "mode", "topicId", "createdAt", "residentId" ON "Appointment"
WHEN OLD."organisationId" IS NOT NEW."organisationId" OR OLD."startsAt" IS NOT NEW."startsAt"
  OR OLD."status" IS NOT NEW."status" OR OLD."createdVia" IS NOT NEW."createdVia"
  OR OLD."mode" IS NOT NEW."mode" OR OLD."topicId" IS NOT NEW."topicId" OR OLD."createdAt" IS NOT NEW."createdAt"
  OR OLD."residentId" IS NOT NEW."residentId"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT NEW."organisationId", NEW."startsAt"
    WHERE OLD."startsAt" IS NOT NEW."startsAt" OR OLD."organisationId" IS NOT NEW."organisationId";
END;

-- An attendance recorded, withdrawn or moved: the session's day. Other registrations
-- (booked, cancelled) change no tallied figure.
CREATE TRIGGER "WorkshopRegistration_statistics_inserted"
AFTER INSERT ON "WorkshopRegistration"
WHEN NEW."status" = 'ATTENDED'
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s WHERE s."id" = NEW."sessionId";
END;

CREATE TRIGGER "WorkshopRegistration_statistics_deleted"
AFTER DELETE ON "WorkshopRegistration"
WHEN OLD."status" = 'ATTENDED'
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s WHERE s."id" = OLD."sessionId";
END;

CREATE TRIGGER "WorkshopRegistration_statistics_updated"
AFTER UPDATE OF "status", "sessionId", "residentId" ON "WorkshopRegistration"
WHEN (OLD."status" = 'ATTENDED' OR NEW."status" = 'ATTENDED')
  AND (OLD."status" IS NOT NEW."status" OR OLD."sessionId" IS NOT NEW."sessionId" OR OLD."residentId" IS NOT NEW."residentId")
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s
    WHERE s."id" IN (OLD."sessionId", NEW."sessionId");
END;

-- A session moved, cancelled or deleted with people marked present: both its days. A
-- deleted session's registrations may already be gone, so a deletion always counts.
CREATE TRIGGER "WorkshopSession_statistics_updated"
AFTER UPDATE OF "organisationId", "startsAt", "status" ON "WorkshopSession"
WHEN (OLD."organisationId" IS NOT NEW."organisationId" OR OLD."startsAt" IS NOT NEW."startsAt" OR OLD."status" IS NOT NEW."status")
  AND EXISTS (SELECT 1 FROM "WorkshopRegistration" AS r WHERE r."sessionId" = NEW."id" AND r."status" = 'ATTENDED')
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (NEW."organisationId", NEW."startsAt");
END;

CREATE TRIGGER "WorkshopSession_statistics_deleted"
AFTER DELETE ON "WorkshopSession"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
END;

-- The people of what is already there are counted once: the days with an honoured
-- appointment (first and last instant of each UTC day, stored as ISO text) and of each
-- attended session.
INSERT INTO "StatisticsChange" ("organisationId", "at")
SELECT "organisationId", MIN("startsAt") FROM "Appointment" WHERE "status" = 'HONOURED' GROUP BY "organisationId", substr("startsAt", 1, 10)
UNION SELECT "organisationId", MAX("startsAt") FROM "Appointment" WHERE "status" = 'HONOURED' GROUP BY "organisationId", substr("startsAt", 1, 10)
UNION SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s
  WHERE EXISTS (SELECT 1 FROM "WorkshopRegistration" AS r WHERE r."sessionId" = s."id" AND r."status" = 'ATTENDED');
