-- AlterTable
ALTER TABLE "Topic" ADD COLUMN "instructionsEn" TEXT;
ALTER TABLE "Topic" ADD COLUMN "nameEn" TEXT;

