-- The plain idempotency keys go: presented again in a form, any of them led to its booking's
-- manage link. Nothing of them is worth keeping, since no browser can send them any more.

-- DropIndex
DROP INDEX "Appointment_idempotencyKey_key";

-- AlterTable
ALTER TABLE "Appointment" DROP COLUMN "idempotencyKey",
ADD COLUMN     "idempotencyKeyHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_idempotencyKeyHash_key" ON "Appointment"("idempotencyKeyHash");

