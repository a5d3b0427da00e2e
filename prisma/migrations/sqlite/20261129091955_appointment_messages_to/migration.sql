-- Hand-written: Prisma's table redefinition would drop the no-overlap triggers of
-- Appointment; adding the column in place keeps them (column order does not matter).
ALTER TABLE "Appointment" ADD COLUMN "messagesTo" TEXT NOT NULL DEFAULT 'RESIDENT';
