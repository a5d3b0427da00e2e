import type { Db } from '~/platform/database/client.server'

// What anonymisation removes and what it keeps (decision 090). One set of functions serves
// the retention job and a resident's erasure. Kept: every column statistics, activity
// reports and exports count (dates, durations, statuses, channels, modes, topics, sites,
// age band, commune, themes, segments); removed: names, contacts, free text, link tokens.

export type Tx = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

/** The name an anonymised record shows. */
export const ANONYMOUS_NAME = 'Anonyme'

const RESIDENT_CLEARED = {
  firstName: ANONYMOUS_NAME,
  lastName: '',
  searchKey: '',
  phoneE164: null,
  phoneType: null,
  email: null,
} as const

/** The personal fields of an appointment or a registration past its period. */
const BOOKING_CLEARED = {
  helperName: null,
  helperPhoneE164: null,
  helperEmail: null,
  cancellationReason: null,
  manageTokenHash: null,
  idempotencyKeyHash: null,
} as const

/**
 * The stand-in of a resident's rows past their period: one per person, so a period
 * straddling the cutoff still counts them once (statistics read through `standInId`).
 */
export async function standInOf(tx: Tx, residentId: string, now: Date): Promise<string> {
  const resident = await tx.resident.findUniqueOrThrow({
    where: { id: residentId },
    select: { organisationId: true, standInId: true, isStandIn: true, createdVia: true },
  })
  if (resident.isStandIn) return residentId
  if (resident.standInId) return resident.standInId
  const standIn = await tx.resident.create({
    data: {
      organisationId: resident.organisationId,
      ...RESIDENT_CLEARED,
      createdVia: resident.createdVia,
      isStandIn: true,
      anonymisedAt: now,
    },
    select: { id: true },
  })
  await tx.resident.update({ where: { id: residentId }, data: { standInId: standIn.id } })
  return standIn.id
}

/** An appointment past its period: moved to the stand-in, its personal fields cleared. */
export async function eraseAppointment(
  tx: Tx,
  appointment: { id: string; residentId: string },
  now: Date,
) {
  const standIn = await standInOf(tx, appointment.residentId, now)
  await tx.appointment.update({
    where: { id: appointment.id },
    data: { ...BOOKING_CLEARED, note: null, residentId: standIn, personalErasedAt: now },
  })
  await tx.activityReport.updateMany({
    where: { appointmentId: appointment.id, residentId: appointment.residentId },
    data: { residentId: standIn, notes: null },
  })
  await tx.earlierSlotRequest.updateMany({
    where: { appointmentId: appointment.id },
    data: { residentId: standIn, manageTokenHash: null },
  })
}

/** A workshop registration past its period (its session's start), likewise. */
export async function eraseRegistration(
  tx: Tx,
  registration: { id: string; residentId: string; sessionId: string },
  now: Date,
) {
  const standIn = await standInOf(tx, registration.residentId, now)
  await tx.workshopRegistration.update({
    where: { id: registration.id },
    data: { ...BOOKING_CLEARED, companionName: null, residentId: standIn, personalErasedAt: now },
  })
  await tx.waitlistEntry.updateMany({
    where: { sessionId: registration.sessionId, residentId: registration.residentId },
    data: {
      residentId: standIn,
      helperName: null,
      helperPhoneE164: null,
      helperEmail: null,
      manageTokenHash: null,
    },
  })
  const reports = await tx.activityReportParticipant.findMany({
    where: {
      residentId: registration.residentId,
      report: { workshopSessionId: registration.sessionId },
    },
    select: { reportId: true },
  })
  for (const { reportId } of reports) {
    await tx.activityReportParticipant.update({
      where: { reportId_residentId: { reportId, residentId: registration.residentId } },
      data: { residentId: standIn },
    })
  }
}

/**
 * A resident anonymised (retention of an inactive record, or erasure): the row stays, so
 * every statistic that counts it is unchanged; nothing left in it or in their rows
 * identifies the person. Messages still to go keep their recipient (a cancellation notice
 * must reach them); those already sent lose it now.
 */
export async function anonymiseResident(tx: Tx, residentId: string, now: Date) {
  await tx.resident.update({
    where: { id: residentId },
    data: { ...RESIDENT_CLEARED, anonymisedAt: now },
  })
  await tx.appointment.updateMany({
    where: { residentId },
    data: { ...BOOKING_CLEARED, note: null },
  })
  await tx.workshopRegistration.updateMany({
    where: { residentId },
    data: { ...BOOKING_CLEARED, companionName: null },
  })
  await tx.waitlistEntry.updateMany({
    where: { residentId },
    data: { helperName: null, helperPhoneE164: null, helperEmail: null, manageTokenHash: null },
  })
  await tx.earlierSlotRequest.updateMany({ where: { residentId }, data: { manageTokenHash: null } })
  await tx.activityReport.updateMany({ where: { residentId }, data: { notes: null } })
  // Summaries may name the person (a merge) or quote a reason: only the actions stay.
  const appointments = await tx.appointment.findMany({
    where: { residentId },
    select: { id: true },
  })
  await tx.auditEvent.updateMany({
    where: {
      OR: [
        { entityType: 'Resident', entityId: residentId },
        { entityType: 'Appointment', entityId: { in: appointments.map((row) => row.id) } },
      ],
    },
    data: { summary: '' },
  })
  await tx.notification.updateMany({
    where: {
      status: { notIn: ['PENDING', 'SENDING'] },
      contentsErasedAt: null,
      OR: [
        { appointment: { residentId } },
        { registration: { residentId } },
        { waitlistEntry: { residentId } },
        { earlierSlotRequest: { residentId } },
      ],
    },
    data: { recipient: '', lastError: null, contentsErasedAt: now },
  })
}
