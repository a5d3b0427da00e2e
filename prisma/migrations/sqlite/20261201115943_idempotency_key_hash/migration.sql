-- The plain idempotency keys go: presented again in a form, any of them led to its booking's
-- manage link. Nothing of them is worth keeping, since no browser can send them any more.
-- The column is dropped in place rather than by redefining the table, which would drop
-- the no-overlap triggers.

-- DropIndex
DROP INDEX "Appointment_idempotencyKey_key";

-- AlterTable
ALTER TABLE "Appointment" DROP COLUMN "idempotencyKey";
ALTER TABLE "Appointment" ADD COLUMN "idempotencyKeyHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Appointment_idempotencyKeyHash_key" ON "Appointment"("idempotencyKeyHash");
