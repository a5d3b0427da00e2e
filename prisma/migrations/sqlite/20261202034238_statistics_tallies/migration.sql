-- CreateTable
CREATE TABLE "StatisticsDay" (
    "organisationId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "figures" TEXT NOT NULL,
    "talliedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("organisationId", "day")
);

-- CreateTable
CREATE TABLE "StatisticsChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organisationId" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "StatisticsTally" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME
);

-- CreateIndex
CREATE INDEX "StatisticsDay_day_idx" ON "StatisticsDay"("day");


-- The days whose statistics changed (decision 098): every write that moves a count appends
-- the instant of its day, old and new. Appends only: nothing a booking waits on.
CREATE TRIGGER "Appointment_statistics_inserted"
AFTER INSERT ON "Appointment"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (NEW."organisationId", NEW."startsAt");
END;

CREATE TRIGGER "Appointment_statistics_deleted"
AFTER DELETE ON "Appointment"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
END;

CREATE TRIGGER "Appointment_statistics_updated"
AFTER UPDATE OF "organisationId", "startsAt", "status", "createdVia", "mode", "topicId", "createdAt" ON "Appointment"
WHEN OLD."organisationId" IS NOT NEW."organisationId" OR OLD."startsAt" IS NOT NEW."startsAt"
  OR OLD."status" IS NOT NEW."status" OR OLD."createdVia" IS NOT NEW."createdVia"
  OR OLD."mode" IS NOT NEW."mode" OR OLD."topicId" IS NOT NEW."topicId" OR OLD."createdAt" IS NOT NEW."createdAt"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT NEW."organisationId", NEW."startsAt"
    WHERE OLD."startsAt" IS NOT NEW."startsAt" OR OLD."organisationId" IS NOT NEW."organisationId";
END;

CREATE TRIGGER "Notification_statistics_inserted"
AFTER INSERT ON "Notification"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (NEW."organisationId", NEW."dueAt");
END;

CREATE TRIGGER "Notification_statistics_deleted"
AFTER DELETE ON "Notification"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."dueAt");
END;

CREATE TRIGGER "Notification_statistics_updated"
AFTER UPDATE OF "organisationId", "dueAt", "status", "channel", "kind", "segments" ON "Notification"
WHEN OLD."organisationId" IS NOT NEW."organisationId" OR OLD."dueAt" IS NOT NEW."dueAt"
  OR OLD."status" IS NOT NEW."status" OR OLD."channel" IS NOT NEW."channel"
  OR OLD."kind" IS NOT NEW."kind" OR OLD."segments" IS NOT NEW."segments"
BEGIN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."dueAt");
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT NEW."organisationId", NEW."dueAt"
    WHERE OLD."dueAt" IS NOT NEW."dueAt" OR OLD."organisationId" IS NOT NEW."organisationId";
END;

-- What is already there is counted once: the first and the last instant of each UTC day
-- (stored as ISO text) name every local day it overlaps.
INSERT INTO "StatisticsChange" ("organisationId", "at")
SELECT "organisationId", MIN("startsAt") FROM "Appointment" GROUP BY "organisationId", substr("startsAt", 1, 10)
UNION SELECT "organisationId", MAX("startsAt") FROM "Appointment" GROUP BY "organisationId", substr("startsAt", 1, 10)
UNION SELECT "organisationId", MIN("dueAt") FROM "Notification" GROUP BY "organisationId", substr("dueAt", 1, 10)
UNION SELECT "organisationId", MAX("dueAt") FROM "Notification" GROUP BY "organisationId", substr("dueAt", 1, 10);
