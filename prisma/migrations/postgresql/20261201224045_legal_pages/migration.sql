-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "accessibilityCheckedOn" TEXT,
ADD COLUMN     "accessibilityContact" TEXT,
ADD COLUMN     "accessibilityKnownIssues" TEXT,
ADD COLUMN     "accessibilityStatus" TEXT NOT NULL DEFAULT 'NON_CONFORME',
ADD COLUMN     "dpoContact" TEXT,
ADD COLUMN     "hostAddress" TEXT,
ADD COLUMN     "hostName" TEXT,
ADD COLUMN     "legalAddress" TEXT,
ADD COLUMN     "legalName" TEXT,
ADD COLUMN     "publicationDirector" TEXT;

