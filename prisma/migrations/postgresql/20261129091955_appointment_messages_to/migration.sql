-- CreateEnum
CREATE TYPE "MessageRecipient" AS ENUM ('RESIDENT', 'HELPER');

-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "messagesTo" "MessageRecipient" NOT NULL DEFAULT 'RESIDENT';

