-- CreateIndex
CREATE INDEX "Notification_organisationId_dueAt_idx" ON "Notification"("organisationId", "dueAt");

