-- AlterTable
ALTER TABLE "Notification" ADD COLUMN "sender" TEXT;

-- CreateTable
CREATE TABLE "InboundMessage" (
    "providerMessageId" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "InboundMessage_receivedAt_idx" ON "InboundMessage"("receivedAt");

-- CreateIndex
CREATE INDEX "Notification_recipient_sender_idx" ON "Notification"("recipient", "sender");

