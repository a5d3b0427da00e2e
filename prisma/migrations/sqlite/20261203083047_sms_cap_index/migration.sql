-- CreateIndex
CREATE INDEX "Notification_organisationId_channel_sentAt_idx" ON "Notification"("organisationId", "channel", "sentAt");

