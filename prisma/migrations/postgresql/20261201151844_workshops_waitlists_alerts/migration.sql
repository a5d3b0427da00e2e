-- CreateEnum
CREATE TYPE "TopicFormat" AS ENUM ('INDIVIDUAL', 'COLLECTIVE');

-- CreateEnum
CREATE TYPE "WorkshopLevel" AS ENUM ('BEGINNER', 'INTERMEDIATE', 'ADVANCED');

-- CreateEnum
CREATE TYPE "SeriesEnrolment" AS ENUM ('WHOLE', 'PER_SESSION');

-- CreateEnum
CREATE TYPE "WorkshopSessionStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RegistrationStatus" AS ENUM ('REGISTERED', 'ATTENDED', 'ABSENT', 'EXCUSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "WaitlistStatus" AS ENUM ('WAITING', 'OFFERED', 'REGISTERED', 'EXPIRED', 'LEFT');

-- CreateEnum
CREATE TYPE "EarlierSlotRequestStatus" AS ENUM ('ACTIVE', 'DONE', 'CANCELLED');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "earlierSlotRequestId" TEXT,
ADD COLUMN     "registrationId" TEXT,
ADD COLUMN     "waitlistEntryId" TEXT;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "earlierSlotAlerts" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "waitlistHoldHours" INTEGER NOT NULL DEFAULT 12;

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "format" "TopicFormat" NOT NULL DEFAULT 'INDIVIDUAL';

-- CreateTable
CREATE TABLE "WorkshopSeries" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "enrolment" "SeriesEnrolment" NOT NULL DEFAULT 'PER_SESSION',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkshopSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopSession" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "seriesId" TEXT,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "seatCount" INTEGER NOT NULL,
    "level" "WorkshopLevel" NOT NULL DEFAULT 'BEGINNER',
    "whatToBring" TEXT,
    "whatToBringEn" TEXT,
    "status" "WorkshopSessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "cancellationReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkshopSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopSessionAdvisor" (
    "sessionId" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "WorkshopSessionAdvisor_pkey" PRIMARY KEY ("sessionId","advisorId")
);

-- CreateTable
CREATE TABLE "WorkshopSeat" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,

    CONSTRAINT "WorkshopSeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopRegistration" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "seatId" TEXT,
    "status" "RegistrationStatus" NOT NULL DEFAULT 'REGISTERED',
    "companionOfId" TEXT,
    "companionName" TEXT,
    "createdVia" "BookingChannel" NOT NULL,
    "helperName" TEXT,
    "helperPhoneE164" TEXT,
    "helperEmail" TEXT,
    "messagesTo" "MessageRecipient" NOT NULL DEFAULT 'RESIDENT',
    "manageTokenHash" TEXT,
    "idempotencyKeyHash" TEXT,
    "cancellationReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkshopRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "status" "WaitlistStatus" NOT NULL DEFAULT 'WAITING',
    "heldSeatId" TEXT,
    "offerCount" INTEGER NOT NULL DEFAULT 0,
    "holdUntil" TIMESTAMP(3),
    "registrationId" TEXT,
    "createdVia" "BookingChannel" NOT NULL,
    "helperName" TEXT,
    "helperPhoneE164" TEXT,
    "helperEmail" TEXT,
    "messagesTo" "MessageRecipient" NOT NULL DEFAULT 'RESIDENT',
    "manageTokenHash" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WaitlistEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EarlierSlotRequest" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "topicId" TEXT NOT NULL,
    "mode" "AppointmentMode" NOT NULL,
    "siteId" TEXT,
    "status" "EarlierSlotRequestStatus" NOT NULL DEFAULT 'ACTIVE',
    "alertsSent" INTEGER NOT NULL DEFAULT 0,
    "maxAlerts" INTEGER NOT NULL DEFAULT 3,
    "offeredStartsAt" TIMESTAMP(3),
    "createdVia" "BookingChannel" NOT NULL,
    "manageTokenHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EarlierSlotRequest_pkey" PRIMARY KEY ("id")
);

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

-- CreateIndex
CREATE UNIQUE INDEX "Notification_waitlistEntryId_kind_key" ON "Notification"("waitlistEntryId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_earlierSlotRequestId_kind_key" ON "Notification"("earlierSlotRequestId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_registrationId_kind_key" ON "Notification"("registrationId", "kind");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "WorkshopRegistration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_waitlistEntryId_fkey" FOREIGN KEY ("waitlistEntryId") REFERENCES "WaitlistEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_earlierSlotRequestId_fkey" FOREIGN KEY ("earlierSlotRequestId") REFERENCES "EarlierSlotRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSeries" ADD CONSTRAINT "WorkshopSeries_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSeries" ADD CONSTRAINT "WorkshopSeries_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSession" ADD CONSTRAINT "WorkshopSession_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSession" ADD CONSTRAINT "WorkshopSession_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSession" ADD CONSTRAINT "WorkshopSession_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSession" ADD CONSTRAINT "WorkshopSession_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "WorkshopSeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSessionAdvisor" ADD CONSTRAINT "WorkshopSessionAdvisor_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSessionAdvisor" ADD CONSTRAINT "WorkshopSessionAdvisor_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSeat" ADD CONSTRAINT "WorkshopSeat_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopRegistration" ADD CONSTRAINT "WorkshopRegistration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopRegistration" ADD CONSTRAINT "WorkshopRegistration_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopRegistration" ADD CONSTRAINT "WorkshopRegistration_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopRegistration" ADD CONSTRAINT "WorkshopRegistration_seatId_fkey" FOREIGN KEY ("seatId") REFERENCES "WorkshopSeat"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopRegistration" ADD CONSTRAINT "WorkshopRegistration_companionOfId_fkey" FOREIGN KEY ("companionOfId") REFERENCES "WorkshopRegistration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_heldSeatId_fkey" FOREIGN KEY ("heldSeatId") REFERENCES "WorkshopSeat"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "WorkshopRegistration"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlierSlotRequest" ADD CONSTRAINT "EarlierSlotRequest_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlierSlotRequest" ADD CONSTRAINT "EarlierSlotRequest_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlierSlotRequest" ADD CONSTRAINT "EarlierSlotRequest_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlierSlotRequest" ADD CONSTRAINT "EarlierSlotRequest_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "Topic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlierSlotRequest" ADD CONSTRAINT "EarlierSlotRequest_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Written by hand (docs/decisions/080-workshop-seats-and-waiting-list.md).
-- A registration holds a seat unless it was cancelled.
ALTER TABLE "WorkshopRegistration" ADD CONSTRAINT "WorkshopRegistration_holds_seat"
    CHECK ("seatId" IS NOT NULL OR "status" = 'CANCELLED');

-- Two active sessions of one advisor never overlap.
ALTER TABLE "WorkshopSessionAdvisor" ADD CONSTRAINT "WorkshopSessionAdvisor_no_overlap"
    EXCLUDE USING gist ("advisorId" WITH =, tsrange("startsAt", "endsAt", '[)') WITH &&)
    WHERE ("active");

ALTER TABLE "WorkshopSessionAdvisor" ADD CONSTRAINT "WorkshopSessionAdvisor_time_order"
    CHECK ("endsAt" > "startsAt");

-- Sessions and appointments are in two tables, which no exclusion constraint spans: each
-- side's trigger takes the advisor's lock (the key serialiseWrites computes, so a
-- transaction holding it already goes on) and then looks at the other table with a fresh
-- snapshot, so two concurrent writes cannot both pass.
CREATE FUNCTION permanence_advisor_lock(advisor_id TEXT) RETURNS VOID AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(
        ('x' || encode(substring(sha256(convert_to('advisor:' || advisor_id, 'UTF8')) FROM 1 FOR 8), 'hex'))::bit(64)::bigint
    );
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION permanence_session_holds_advisor() RETURNS TRIGGER AS $$
BEGIN
    PERFORM permanence_advisor_lock(NEW."advisorId");
    IF EXISTS (
        SELECT 1 FROM "Appointment" AS a
        WHERE a."advisorId" = NEW."advisorId"
          AND a."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW')
          AND a."startsAt" < NEW."endsAt"
          AND a."endsAt" > NEW."startsAt"
    ) THEN
        RAISE EXCEPTION 'ADVISOR_BUSY' USING ERRCODE = 'exclusion_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "WorkshopSessionAdvisor_no_appointment_overlap"
BEFORE INSERT OR UPDATE OF "advisorId", "startsAt", "endsAt", "active" ON "WorkshopSessionAdvisor"
FOR EACH ROW WHEN (NEW."active")
EXECUTE FUNCTION permanence_session_holds_advisor();

CREATE FUNCTION permanence_appointment_avoids_sessions() RETURNS TRIGGER AS $$
BEGIN
    PERFORM permanence_advisor_lock(NEW."advisorId");
    IF EXISTS (
        SELECT 1 FROM "WorkshopSessionAdvisor" AS s
        WHERE s."advisorId" = NEW."advisorId"
          AND s."active"
          AND s."startsAt" < NEW."endsAt"
          AND s."endsAt" > NEW."startsAt"
    ) THEN
        RAISE EXCEPTION 'APPOINTMENT_OVERLAP' USING ERRCODE = 'exclusion_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Appointment_no_session_overlap"
BEFORE INSERT OR UPDATE OF "advisorId", "startsAt", "endsAt", "status" ON "Appointment"
FOR EACH ROW WHEN (NEW."status" IN ('BOOKED', 'HONOURED', 'NO_SHOW'))
EXECUTE FUNCTION permanence_appointment_avoids_sessions();
