import { DateTime } from 'luxon'
import { describe, expect, test } from 'vitest'
import { testProvider } from '../support/database'
import { demoWorkspace, KARIM, LEA, SOPHIE } from '../support/workspace'

const workspace = demoWorkspace(SOPHIE)
const { get, post } = workspace

/** The walk-in fields of the booking form for Amina, at Karim's town hall, for taxes. */
async function walkIn(date: string, time: string, extra: Record<string, string> = {}) {
  const amina = await workspace.database.resident.findFirstOrThrow({
    where: { lastName: 'Diallo' },
  })
  const taxes = await workspace.database.topic.findFirstOrThrow({
    where: { name: 'Déclarer mes impôts en ligne' },
  })
  const townHall = await workspace.database.site.findFirstOrThrow({
    where: { name: { contains: 'Mairie de Saint' } },
  })
  const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
  const query = new URLSearchParams({ usager: amina.id, motif: taxes.id, lieu: townHall.id })
  const html = await (await get(`/espace/reserver?${query}`)).text()
  const key = /name="nonce" value="([^"]+)"/.exec(html)![1]!
  return post('/espace/reserver', {
    usager: amina.id,
    motif: taxes.id,
    lieu: townHall.id,
    nonce: key,
    start: 'autre',
    walkInDate: date,
    walkInTime: time,
    walkInAdvisor: karim.id,
    ...extra,
  })
}

const nextSunday = () =>
  DateTime.now().setZone('Europe/Paris').plus({ weeks: 1 }).set({ weekday: 7 }).toISODate()!

describe(`walk-ins and moves from the workspace on ${testProvider}`, () => {
  test('the booking page still offers the next free slot first, then the walk-in', async () => {
    const amina = await workspace.database.resident.findFirstOrThrow({
      where: { lastName: 'Diallo' },
    })
    const taxes = await workspace.database.topic.findFirstOrThrow({
      where: { name: 'Déclarer mes impôts en ligne' },
    })
    const html = await (
      await get(`/espace/reserver?usager=${amina.id}&motif=${taxes.id}&lieu=telephone`)
    ).text()
    expect(html.indexOf('Prochain créneau libre')).toBeGreaterThan(0)
    expect(html.indexOf('Prochain créneau libre')).toBeLessThan(html.indexOf('Autre heure'))
    expect(html).toContain('Rendez-vous hors horaires d’ouverture, je confirme')
  })

  test('a walk-in outside opening hours needs the confirmation, then is booked and notified', async () => {
    const date = nextSunday()
    const refused = await walkIn(date, '15:00')
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('cochez la case pour confirmer')
    expect(
      await workspace.database.appointment.count({ where: { resident: { lastName: 'Diallo' } } }),
    ).toBe(1)
    const booked = await walkIn(date, '15:00', { walkInConfirm: 'on' })
    expect(booked.status).toBe(302)
    const id = booked.headers.get('location')!.split('/')[3]!
    const appointment = await workspace.database.appointment.findUniqueOrThrow({ where: { id } })
    expect(appointment.startsAt.toISOString()).toBe(
      DateTime.fromISO(`${date}T15:00`, { zone: 'Europe/Paris' }).toUTC().toISO(),
    )
    expect(appointment.endsAt.getTime() - appointment.startsAt.getTime()).toBe(45 * 60_000)
    const confirmation = await workspace.database.notification.findFirst({
      where: { appointmentId: id, kind: 'CONFIRMATION' },
    })
    expect(confirmation?.recipient).toBe('+33612345602')
  })

  test('a walk-in in the past, or over another appointment, is refused', async () => {
    const past = await walkIn(
      DateTime.now().setZone('Europe/Paris').minus({ days: 1 }).toISODate()!,
      '10:00',
      { walkInConfirm: 'on' },
    )
    expect(past.status).toBe(400)
    expect(await past.text()).toContain('Cette heure est déjà passée')
    const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const taken = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'IN_PERSON', status: 'BOOKED' },
      orderBy: { startsAt: 'asc' },
    })
    const local = DateTime.fromJSDate(taken.startsAt).setZone('Europe/Paris')
    const before = await workspace.database.appointment.count()
    const overlap = await walkIn(local.toISODate()!, local.toFormat('HH:mm'), {
      walkInConfirm: 'on',
    })
    expect(overlap.status).toBe(409)
    expect(await overlap.text()).toContain('Le conseiller a déjà un rendez-vous à cette heure-là')
    expect(await workspace.database.appointment.count()).toBe(before)
  })

  test('moving from the workspace takes a new slot, writes MOVED, and refuses a stale form', async () => {
    const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { advisorId: karim.id, mode: 'PHONE' },
    })
    const path = `/espace/rendez-vous/${appointment.id}/deplacer`
    const page = await get(path)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html.match(/<h1/g)).toHaveLength(1)
    const slots = [...html.matchAll(/name="start" value="([^"]+)"/g)].map((match) => match[1]!)
    expect(slots.length).toBeGreaterThan(0)
    const target = slots.find((slot) => slot !== appointment.startsAt.toISOString())!
    const moved = await post(path, { version: String(appointment.version), start: target })
    expect(moved.status).toBe(302)
    expect(moved.headers.get('location')).toBe(`/espace/rendez-vous/${appointment.id}?deplace=1`)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.startsAt.toISOString()).toBe(target)
    expect(after.version).toBe(appointment.version + 1)
    const notice = await workspace.database.notification.findFirst({
      where: { appointmentId: appointment.id, kind: 'MOVED' },
    })
    expect(notice).not.toBeNull()
    const shown = await (await get(`/espace/rendez-vous/${appointment.id}?deplace=1`)).text()
    expect(shown).toContain('Rendez-vous déplacé. L’usager est prévenu.')
    expect(shown).toContain('Déplacé par le service')
    const stale = await post(path, { version: String(appointment.version), start: slots.at(-1)! })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('modifié par quelqu’un d’autre')
    const unchanged = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(unchanged.startsAt.toISOString()).toBe(target)
  })

  test('a move can hand the appointment to another advisor', async () => {
    const karim = await workspace.database.advisor.findUniqueOrThrow({ where: { email: KARIM } })
    const lea = await workspace.database.advisor.findUniqueOrThrow({ where: { email: LEA } })
    // The phone appointment the previous test moved, whoever holds it now.
    const appointment = await workspace.database.appointment.findFirstOrThrow({
      where: { mode: 'PHONE', status: 'BOOKED', advisorId: { in: [karim.id, lea.id] } },
    })
    const target = appointment.advisorId === karim.id ? lea : karim
    const path = `/espace/rendez-vous/${appointment.id}/deplacer`
    const html = await (await get(`${path}?conseiller=${target.id}`)).text()
    const slots = [...html.matchAll(/name="start" value="([^"]+)"/g)].map((match) => match[1]!)
    expect(slots.length).toBeGreaterThan(0)
    const moved = await post(path, {
      version: String(appointment.version),
      start: slots[0]!,
      conseiller: target.id,
    })
    expect(moved.status).toBe(302)
    const after = await workspace.database.appointment.findUniqueOrThrow({
      where: { id: appointment.id },
    })
    expect(after.advisorId).toBe(target.id)
    expect(after.startsAt.toISOString()).toBe(slots[0])
  })
})
