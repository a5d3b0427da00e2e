-- CreateTable
CREATE TABLE "StatisticsDay" (
    "organisationId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "figures" TEXT NOT NULL,
    "talliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatisticsDay_pkey" PRIMARY KEY ("organisationId","day")
);

-- CreateTable
CREATE TABLE "StatisticsChange" (
    "id" SERIAL NOT NULL,
    "organisationId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatisticsChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatisticsTally" (
    "id" TEXT NOT NULL,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "StatisticsTally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatisticsDay_day_idx" ON "StatisticsDay"("day");


-- The days whose statistics changed (decision 098): every write that moves a count appends
-- the instant of its day, old and new. Appends only: nothing a booking waits on.
CREATE FUNCTION statistics_appointment_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND ROW(OLD."organisationId", OLD."startsAt", OLD."status", OLD."createdVia", OLD."mode", OLD."topicId", OLD."createdAt")
      IS NOT DISTINCT FROM ROW(NEW."organisationId", NEW."startsAt", NEW."status", NEW."createdVia", NEW."mode", NEW."topicId", NEW."createdAt") THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD."startsAt" <> NEW."startsAt" OR OLD."organisationId" <> NEW."organisationId")) THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (NEW."organisationId", NEW."startsAt");
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Appointment_statistics_changed"
AFTER INSERT OR DELETE OR UPDATE OF "organisationId", "startsAt", "status", "createdVia", "mode", "topicId", "createdAt" ON "Appointment"
FOR EACH ROW EXECUTE FUNCTION statistics_appointment_changed();

CREATE FUNCTION statistics_notification_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND ROW(OLD."organisationId", OLD."dueAt", OLD."status", OLD."channel", OLD."kind", OLD."segments")
      IS NOT DISTINCT FROM ROW(NEW."organisationId", NEW."dueAt", NEW."status", NEW."channel", NEW."kind", NEW."segments") THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."dueAt");
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (OLD."dueAt" <> NEW."dueAt" OR OLD."organisationId" <> NEW."organisationId")) THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (NEW."organisationId", NEW."dueAt");
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Notification_statistics_changed"
AFTER INSERT OR DELETE OR UPDATE OF "organisationId", "dueAt", "status", "channel", "kind", "segments" ON "Notification"
FOR EACH ROW EXECUTE FUNCTION statistics_notification_changed();

-- What is already there is counted once: one change per organisation and UTC day, the
-- worker recomputes the local days they touch.
-- The first and the last instant of a UTC day name every local day it overlaps.
INSERT INTO "StatisticsChange" ("organisationId", "at")
SELECT "organisationId", MIN("startsAt") FROM "Appointment" GROUP BY "organisationId", date_trunc('day', "startsAt")
UNION SELECT "organisationId", MAX("startsAt") FROM "Appointment" GROUP BY "organisationId", date_trunc('day', "startsAt")
UNION SELECT "organisationId", MIN("dueAt") FROM "Notification" GROUP BY "organisationId", date_trunc('day', "dueAt")
UNION SELECT "organisationId", MAX("dueAt") FROM "Notification" GROUP BY "organisationId", date_trunc('day', "dueAt");
