-- DropIndex
DROP INDEX "Resident_organisationId_searchKey_idx";

-- CreateIndex
CREATE INDEX "Resident_directory_idx" ON "Resident"("organisationId", "anonymisedAt", "searchKey", "phoneE164", "lastName", "firstName", "id");

