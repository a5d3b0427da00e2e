-- AlterTable
ALTER TABLE "Advisor" ADD COLUMN     "calendarFeedTokenHash" TEXT;

-- AlterTable
ALTER TABLE "Organisation" ALTER COLUMN "allowedPhoneRegions" SET DEFAULT 'FR,GP,MQ,GF,RE,YT,PM,BL,MF';

-- CreateIndex
CREATE UNIQUE INDEX "Advisor_calendarFeedTokenHash_key" ON "Advisor"("calendarFeedTokenHash");

