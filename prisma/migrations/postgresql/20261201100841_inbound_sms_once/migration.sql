-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "sender" TEXT;

-- CreateTable
CREATE TABLE "InboundMessage" (
    "providerMessageId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("providerMessageId")
);

-- CreateIndex
CREATE INDEX "InboundMessage_receivedAt_idx" ON "InboundMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "Notification_recipient_sender_idx" ON "Notification"("recipient", "sender");

