-- CreateTable
CREATE TABLE "StatisticsPersonDay" (
    "organisationId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "StatisticsPersonDay_pkey" PRIMARY KEY ("organisationId","day","personId")
);

-- CreateTable
CREATE TABLE "StatisticsFirstHelp" (
    "personId" TEXT NOT NULL,
    "day" TEXT NOT NULL,

    CONSTRAINT "StatisticsFirstHelp_pkey" PRIMARY KEY ("personId")
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
CREATE OR REPLACE FUNCTION statistics_appointment_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND ROW(OLD."organisationId", OLD."startsAt", OLD."status", OLD."createdVia", OLD."mode", OLD."topicId", OLD."createdAt", OLD."residentId")
      IS NOT DISTINCT FROM ROW(NEW."organisationId", NEW."startsAt", NEW."status", NEW."createdVia", NEW."mode", NEW."topicId", NEW."createdAt", NEW."residentId") THEN
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

DROP TRIGGER "Appointment_statistics_changed" ON "Appointment";
CREATE TRIGGER "Appointment_statistics_changed"
AFTER INSERT OR DELETE OR UPDATE OF "organisationId", "startsAt", "status", "createdVia", "mode", "topicId", "createdAt", "residentId" ON "Appointment"
FOR EACH ROW EXECUTE FUNCTION statistics_appointment_changed();

-- An attendance recorded, withdrawn or moved: the session's day. Other registrations
-- (booked, cancelled) change no tallied figure.
CREATE FUNCTION statistics_registration_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND ROW(OLD."status", OLD."sessionId", OLD."residentId")
      IS NOT DISTINCT FROM ROW(NEW."status", NEW."sessionId", NEW."residentId") THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD."status" = 'ATTENDED' THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s WHERE s."id" = OLD."sessionId";
  END IF;
  IF TG_OP <> 'DELETE' AND NEW."status" = 'ATTENDED' THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at")
    SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s WHERE s."id" = NEW."sessionId";
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "WorkshopRegistration_statistics_changed"
AFTER INSERT OR DELETE OR UPDATE OF "status", "sessionId", "residentId" ON "WorkshopRegistration"
FOR EACH ROW EXECUTE FUNCTION statistics_registration_changed();

-- A session moved, cancelled or deleted with people marked present: both its days. A
-- deleted session's registrations may already be gone, so a deletion always counts.
CREATE FUNCTION statistics_session_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (ROW(OLD."organisationId", OLD."startsAt", OLD."status")
      IS NOT DISTINCT FROM ROW(NEW."organisationId", NEW."startsAt", NEW."status")
    OR NOT EXISTS (SELECT 1 FROM "WorkshopRegistration" AS r WHERE r."sessionId" = NEW."id" AND r."status" = 'ATTENDED')) THEN
    RETURN NULL;
  END IF;
  INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (OLD."organisationId", OLD."startsAt");
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO "StatisticsChange" ("organisationId", "at") VALUES (NEW."organisationId", NEW."startsAt");
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER "WorkshopSession_statistics_changed"
AFTER DELETE OR UPDATE OF "organisationId", "startsAt", "status" ON "WorkshopSession"
FOR EACH ROW EXECUTE FUNCTION statistics_session_changed();

-- The people of what is already there are counted once: the days with an honoured
-- appointment (first and last instant of each UTC day) and of each attended session.
INSERT INTO "StatisticsChange" ("organisationId", "at")
SELECT "organisationId", MIN("startsAt") FROM "Appointment" WHERE "status" = 'HONOURED' GROUP BY "organisationId", date_trunc('day', "startsAt")
UNION SELECT "organisationId", MAX("startsAt") FROM "Appointment" WHERE "status" = 'HONOURED' GROUP BY "organisationId", date_trunc('day', "startsAt")
UNION SELECT s."organisationId", s."startsAt" FROM "WorkshopSession" AS s
  WHERE EXISTS (SELECT 1 FROM "WorkshopRegistration" AS r WHERE r."sessionId" = s."id" AND r."status" = 'ATTENDED');
