-- AlterTable
ALTER TABLE "Site" ADD COLUMN     "shortName" TEXT;

