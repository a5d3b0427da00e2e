-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_advisorId_createdAt_idx" ON "AuditEvent"("organisationId", "advisorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_action_createdAt_idx" ON "AuditEvent"("organisationId", "action", "createdAt");

