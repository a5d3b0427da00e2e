-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('INDIVIDUAL', 'COLLECTIVE');

-- CreateEnum
CREATE TYPE "ActivityReportStatus" AS ENUM ('FILED', 'DECLINED');

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "segments" INTEGER;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "pivot" TEXT;

-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "openData" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "pivot" TEXT;

-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "coopThemes" TEXT,
ADD COLUMN     "franceServicesOperator" TEXT;

-- CreateTable
CREATE TABLE "ActivityReport" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "appointmentId" TEXT,
    "workshopSessionId" TEXT,
    "kind" "ActivityKind" NOT NULL,
    "status" "ActivityReportStatus" NOT NULL,
    "date" TIMESTAMP(3) NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityReportParticipant" (
    "reportId" TEXT NOT NULL,
    "residentId" TEXT NOT NULL,

    CONSTRAINT "ActivityReportParticipant_pkey" PRIMARY KEY ("reportId","residentId")
);

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

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_workshopSessionId_fkey" FOREIGN KEY ("workshopSessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReportParticipant" ADD CONSTRAINT "ActivityReportParticipant_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "ActivityReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityReportParticipant" ADD CONSTRAINT "ActivityReportParticipant_residentId_fkey" FOREIGN KEY ("residentId") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A report is about one appointment or one workshop session, never both or neither.
ALTER TABLE "ActivityReport" ADD CONSTRAINT "ActivityReport_one_subject" CHECK (("appointmentId" IS NULL) <> ("workshopSessionId" IS NULL));
