-- CreateEnum
CREATE TYPE "AdvisorTokenPurpose" AS ENUM ('PASSWORD_RESET', 'INVITATION');

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "bookingsPerIpPerHour" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "bookingsPerPhonePerDay" INTEGER NOT NULL DEFAULT 5;

-- CreateTable
CREATE TABLE "AdvisorSession" (
    "id" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userAgent" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AdvisorSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdvisorToken" (
    "id" TEXT NOT NULL,
    "advisorId" TEXT NOT NULL,
    "purpose" "AdvisorTokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AdvisorToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AdvisorSession_tokenHash_key" ON "AdvisorSession"("tokenHash");

-- CreateIndex
CREATE INDEX "AdvisorSession_advisorId_expiresAt_idx" ON "AdvisorSession"("advisorId", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "AdvisorToken_tokenHash_key" ON "AdvisorToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AdvisorToken_advisorId_purpose_idx" ON "AdvisorToken"("advisorId", "purpose");

-- AddForeignKey
ALTER TABLE "AdvisorSession" ADD CONSTRAINT "AdvisorSession_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdvisorToken" ADD CONSTRAINT "AdvisorToken_advisorId_fkey" FOREIGN KEY ("advisorId") REFERENCES "Advisor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

