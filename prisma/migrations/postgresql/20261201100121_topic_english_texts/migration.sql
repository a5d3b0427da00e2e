-- AlterTable
ALTER TABLE "Topic" ADD COLUMN     "instructionsEn" TEXT,
ADD COLUMN     "nameEn" TEXT;

