// The messages about workshop seats, waiting-list offers and earlier-slot alerts: every SMS
// one GSM-7 segment with its link, date and (for an offer) its hold whole; OUI asked only
// from a sender that takes replies; calls that offer the keypad; emails with their link.
import { describe, expect, test } from 'vitest'
import { fitsOneSegment, isGsm7, toGsm7 } from '~/domain/notifications/gsm7'
import {
  ACCEPT_KEYWORD,
  renderEmail,
  renderSms,
  renderVoice,
  spokenAnswer,
  type AppointmentView,
  type MessageEvent,
  type OfferAnswer,
  type RegistrationEvent,
} from '~/domain/notifications/templates'
import { holdEndDay } from '~/domain/notifications/view'
import { formatDayTime, formatShortDateTime, formatTime } from '~/domain/time/format'

const REGISTRATION_EVENTS: RegistrationEvent[] = [
  'WORKSHOP_CONFIRMATION',
  'WORKSHOP_REMINDER',
  'WORKSHOP_CHANGED',
  'WORKSHOP_CANCELLED_BY_RESIDENT',
  'WORKSHOP_CANCELLED_BY_SERVICE',
]
const EVENTS: MessageEvent[] = [
  ...REGISTRATION_EVENTS,
  'SEAT_OFFER',
  'SEAT_OFFER_EXPIRED',
  'EARLIER_SLOT',
]
const PLAIN = { spaces: 'plain' } as const
const NB = '\u00a0'

// A 40-character PUBLIC_URL and the longest path a subject's link takes.
const LINK_73 = 'https://rendez-vous.permanence-sornes.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx'
/** Tuesday 1 September 2026 at 18:45 in Paris: "mar. 1er sept. à 18 h 45". */
const SESSION = new Date('2026-09-01T16:45:00Z')
const OFFERED = new Date('2026-09-01T06:30:00Z')
/** Two hours before the session: the latest a hold ends. */
const HOLD_END = new Date('2026-09-01T14:45:00Z')

const longest = (locale: 'fr' | 'en', event: MessageEvent): AppointmentView => ({
  locale,
  organisationName: 'Communauté de communes du Pays de Saint-Gilles-Croix-de-Vie',
  topicName: 'Apprendre à se servir de son smartphone',
  startsAt: SESSION,
  zone: 'Europe/Paris',
  mode: 'IN_PERSON',
  siteName: 'Maison France Services de la Communauté de communes du Pays de Saint-Gilles',
  siteShortName: 'Médiathèque Montvals',
  siteAddress: '12 boulevard de l’Égalité, 85800 Saint-Gilles-Croix-de-Vie',
  instructions: 'Votre téléphone chargé et son code',
  manageUrl: LINK_73,
  cancelPhone: '02 51 12 34 56',
  ...(event === 'SEAT_OFFER' ? { offeredAt: OFFERED, holdUntil: HOLD_END } : {}),
  ...(event === 'WORKSHOP_CANCELLED_BY_SERVICE'
    ? { reason: 'Notre animatrice est malade, la séance est reportée' }
    : {}),
  ...(event === 'EARLIER_SLOT' ? { replacesStartsAt: new Date('2026-09-15T08:00:00Z') } : {}),
})
const HELPED = { firstName: 'Marie-Élisabeth', lastName: 'de La Rochefoucauld' }

const cases = (['fr', 'en'] as const).flatMap((locale) =>
  EVENTS.flatMap((event) =>
    [null, HELPED].flatMap((helped) =>
      [true, false].map((replies) => ({ locale, event, helped, replies })),
    ),
  ),
)

describe('every workshop and offer SMS with the longest realistic values', () => {
  test.each(
    cases.map((item) => [
      `${item.event} ${item.locale}${item.helped ? ' helper' : ''}${item.replies ? '' : ' (sender name)'}`,
      item,
    ]),
  )('%s: one GSM-7 segment, link, date and hold whole', (_, item) => {
    const { locale, event, helped, replies } = item as (typeof cases)[number]
    const view = { ...longest(locale, event), helped }
    const text = renderSms({ event, view, replies })
    expect(isGsm7(text)).toBe(true)
    expect(fitsOneSegment(text)).toBe(true)
    expect(text).toContain(LINK_73)
    const dates = [
      formatDayTime(SESSION, view.zone, locale, PLAIN),
      formatShortDateTime(SESSION, view.zone, locale, PLAIN),
    ].map(toGsm7)
    expect(dates.some((date) => text.includes(date))).toBe(true)
    if (event === 'SEAT_OFFER')
      expect(text).toContain(formatTime(HOLD_END, view.zone, locale, PLAIN))
    const asksForOui = event === 'SEAT_OFFER' || event === 'EARLIER_SLOT'
    expect(text.includes(ACCEPT_KEYWORD)).toBe(asksForOui && replies)
    // ANNULER cancels appointments only: no workshop message asks for it.
    expect(text).not.toContain('ANNULER')
  })
})

describe('what each SMS says, with an ordinary link', () => {
  const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
    locale: 'fr',
    organisationName: 'Mairie de Vouvant',
    topicName: 'Smartphone',
    startsAt: new Date('2031-03-04T13:00:00Z'),
    zone: 'Europe/Paris',
    mode: 'IN_PERSON',
    siteName: 'Salle du conseil',
    siteShortName: 'Mairie',
    manageUrl: 'https://x.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx',
    ...overrides,
  })
  const offer = { offeredAt: new Date('2031-03-03T09:00:00Z') }

  test('a seat offer: the session, the hold, the link, and OUI to take it', () => {
    const held = { ...offer, holdUntil: new Date('2031-03-03T19:00:00Z') }
    expect(renderSms({ event: 'SEAT_OFFER', view: view(held) })).toBe(
      "Place libre le mardi 4 mars à 14 h, Mairie, gardée jusqu'à 20 h. Détails : https://x.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx Répondez OUI pour la prendre",
    )
    expect(renderSms({ event: 'SEAT_OFFER', view: view({ ...held, locale: 'en' }) })).toBe(
      'Seat free at the Smartphone workshop on Tuesday 4 March at 2 pm, Mairie, held until 8 pm. https://x.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx Reply OUI to take it',
    )
    // From a sender name no reply arrives: the link takes the seat.
    expect(renderSms({ event: 'SEAT_OFFER', view: view(held), replies: false })).toMatch(
      /gardée jusqu'à 20 h\. Pour la prendre : https:\/\/x\.fr\/attente\/\w+$/u,
    )
  })

  test('a hold ending the next day says "demain"; later, its date', () => {
    const tomorrow = { ...offer, holdUntil: new Date('2031-03-04T08:30:00Z') }
    expect(renderSms({ event: 'SEAT_OFFER', view: view(tomorrow) })).toContain(
      "jusqu'à demain 9 h 30.",
    )
    expect(renderSms({ event: 'SEAT_OFFER', view: view({ ...tomorrow, locale: 'en' }) })).toContain(
      'until tomorrow 9:30 am.',
    )
    const later = { offeredAt: new Date('2031-03-01T09:00:00Z'), holdUntil: tomorrow.holdUntil }
    expect(
      renderSms({
        event: 'SEAT_OFFER',
        view: view({ ...later, startsAt: new Date('2031-03-06T13:00:00Z') }),
      }),
    ).toMatch(/jusqu'au (mardi 4 mars|mar\. 4 mars) à 9 h 30\./u)
  })

  test('an earlier slot: the time offered, and OUI to take it', () => {
    expect(
      renderSms({
        event: 'EARLIER_SLOT',
        view: view({
          topicName: 'Impôts',
          manageUrl: 'https://x.fr/alerte/AbCdEfGhIjKlMnOpQrStUvWx',
        }),
      }),
    ).toBe(
      "Un rendez-vous plus tot s'est libéré : mardi 4 mars à 14 h, Mairie (Impots). Détails : https://x.fr/alerte/AbCdEfGhIjKlMnOpQrStUvWx Répondez OUI pour le prendre",
    )
    const phone = renderSms({
      event: 'EARLIER_SLOT',
      view: view({ mode: 'PHONE', siteShortName: null, locale: 'en' }),
    })
    expect(phone).toMatch(/^An earlier phone appointment is free: Tuesday 4 March at 2 pm/u)
  })

  test('a registration confirmed, reminded, changed and cancelled gives its link, never ANNULER', () => {
    expect(renderSms({ event: 'WORKSHOP_CONFIRMATION', view: view() })).toBe(
      "Inscription confirmée à l'atelier Smartphone le mardi 4 mars à 14 h, Mairie. Voir ou annuler : https://x.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx",
    )
    expect(renderSms({ event: 'WORKSHOP_REMINDER', view: view({ locale: 'en' }) })).toBe(
      'Reminder: Smartphone workshop on Tuesday 4 March at 2 pm, Mairie. See or cancel: https://x.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx',
    )
    expect(
      renderSms({
        event: 'WORKSHOP_CANCELLED_BY_SERVICE',
        view: view({ reason: 'Salle inondée.' }),
      }),
    ).toBe(
      'Mairie de Vouvant doit annuler votre inscription du mardi 4 mars à 14 h (Mairie). Motif : Salle inondée. Détails : https://x.fr/attente/AbCdEfGhIjKlMnOpQrStUvWx',
    )
  })

  test('a helper is told whose seat it is', () => {
    const helped = { firstName: 'Jeanne', lastName: 'Martin' }
    expect(renderSms({ event: 'WORKSHOP_REMINDER', view: view({ helped }) })).toContain(
      'Rappel pour Jeanne Martin : atelier Smartphone',
    )
    expect(
      renderSms({
        event: 'SEAT_OFFER',
        view: view({ helped, ...offer, holdUntil: new Date('2031-03-03T19:00:00Z') }),
      }),
    ).toContain('pour Jeanne')
  })
})

describe('the replies to OUI', () => {
  const taken: OfferAnswer[] = [
    {
      outcome: 'SEAT_TAKEN',
      topicName: 'Apprendre à se servir de son smartphone',
      startsAt: SESSION,
      zone: 'Europe/Paris',
      link: 'https://rendez-vous.permanence-sornes.fr/atelier/AbCdEfGhIjKlMnOpQrStUvWx',
    },
    { outcome: 'SLOT_TAKEN', startsAt: SESSION, zone: 'Europe/Paris', link: LINK_73 },
    { outcome: 'SLOT_GONE', link: LINK_73 },
    { outcome: 'EXPIRED' },
    { outcome: 'GONE' },
    { outcome: 'NOTHING' },
  ]
  test.each(
    (['fr', 'en'] as const).flatMap((locale) =>
      taken.map((answer) => [`${answer.outcome} ${locale}`, locale, answer] as const),
    ),
  )('%s fits one segment with its link', (_, locale, answer) => {
    const text = renderSms({ event: 'OFFER_ANSWER', locale, answer })
    expect(fitsOneSegment(text)).toBe(true)
    if ('link' in answer && answer.link) expect(text).toContain(answer.link)
  })

  test('what each says', () => {
    const fr = (answer: OfferAnswer) => renderSms({ event: 'OFFER_ANSWER', locale: 'fr', answer })
    expect(
      fr({
        outcome: 'SEAT_TAKEN',
        topicName: 'Smartphone',
        startsAt: new Date('2031-03-04T13:00:00Z'),
        zone: 'Europe/Paris',
        link: 'https://x.fr/atelier/AbC',
      }),
    ).toBe(
      "C'est fait : la place à l'atelier Smartphone du mardi 4 mars à 14 h est à vous. Détails : https://x.fr/atelier/AbC",
    )
    expect(fr({ outcome: 'EXPIRED' })).toBe(
      "Désolé, le délai est passé : la place a été proposée à quelqu'un d'autre.",
    )
    expect(fr({ outcome: 'NOTHING' })).toBe(
      "Nous n'avons pas de proposition en cours pour ce numéro.",
    )
    expect(
      renderSms({
        event: 'OFFER_ANSWER',
        locale: 'en',
        answer: { outcome: 'SLOT_GONE', link: 'https://x.fr/alerte/AbC' },
      }),
    ).toBe('Sorry, this slot has just been taken. Other slots: https://x.fr/alerte/AbC')
  })
})

describe('where a hold ends, seen from its offer', () => {
  const zone = 'Europe/Paris'
  test.each([
    ['2031-03-03T09:00:00Z', '2031-03-03T19:00:00Z', 'SAME_DAY'],
    ['2031-03-03T18:00:00Z', '2031-03-04T06:00:00Z', 'NEXT_DAY'],
    ['2031-03-03T09:00:00Z', '2031-03-05T09:00:00Z', 'LATER'],
    // 23:30 UTC is already the next day in Paris.
    ['2031-03-03T09:00:00Z', '2031-03-03T23:30:00Z', 'NEXT_DAY'],
    // The night the clocks go forward.
    ['2031-03-29T18:00:00Z', '2031-03-30T06:30:00Z', 'NEXT_DAY'],
  ] as const)('offered %s, held until %s: %s', (offered, until, day) => {
    expect(holdEndDay(new Date(offered), new Date(until), zone)).toBe(day)
  })
})

describe('calls', () => {
  const view = longest('fr', 'SEAT_OFFER')

  test('a seat offer says the hold in words and offers 1 to take the seat', () => {
    const script = renderVoice('SEAT_OFFER', view)
    expect(script.say[1]).toBe(
      "Une place s'est libérée pour l'atelier du mardi premier septembre à dix-huit heures quarante-cinq. Elle vous est gardée jusqu'à seize heures quarante-cinq.",
    )
    expect(script.say).toContain('Atelier : Apprendre à se servir de son smartphone.')
    expect(script.keypad).toEqual({
      prompt: 'Tapez 1 pour prendre la place.',
      digits: { '1': 'ACCEPT' },
      replies: {},
    })
    expect(renderVoice('SEAT_OFFER', { ...view, locale: 'en' }).keypad?.prompt).toBe(
      'Press 1 to take the seat.',
    )
  })

  test('an earlier slot offers 1 to take it and says the current appointment', () => {
    const script = renderVoice('EARLIER_SLOT', longest('fr', 'EARLIER_SLOT'))
    expect(script.say[1]).toBe(
      "Un rendez-vous plus tôt s'est libéré, le mardi premier septembre à dix-huit heures quarante-cinq. Votre rendez-vous actuel est le mardi quinze septembre à dix heures.",
    )
    expect(script.keypad?.digits).toEqual({ '1': 'ACCEPT' })
  })

  test('registrations have nothing to choose by keypad; a cancellation says why', () => {
    for (const event of REGISTRATION_EVENTS) expect(renderVoice(event, view).keypad).toBeNull()
    const cancelled = renderVoice(
      'WORKSHOP_CANCELLED_BY_SERVICE',
      longest('fr', 'WORKSHOP_CANCELLED_BY_SERVICE'),
    )
    expect(cancelled.say[1]).toContain(
      'Motif : Notre animatrice est malade, la séance est reportée.',
    )
  })

  test('no digits or "h" are left for text-to-speech to guess', () => {
    for (const event of EVENTS)
      for (const locale of ['fr', 'en'] as const) {
        const said = renderVoice(event, { ...longest(locale, event), siteAddress: null }).say.join(
          ' ',
        )
        expect(said).not.toMatch(/\d|\bh\b/u)
      }
  })

  test('what the call says once 1 was pressed', () => {
    expect(
      spokenAnswer(
        {
          outcome: 'SEAT_TAKEN',
          topicName: 'x',
          startsAt: SESSION,
          zone: 'Europe/Paris',
          link: null,
        },
        'fr',
      ),
    ).toBe(
      "C'est fait : la place à l'atelier du mardi premier septembre à dix-huit heures quarante-cinq est à vous.",
    )
    expect(spokenAnswer({ outcome: 'EXPIRED' }, 'en')).toBe(
      'Sorry, the time to answer has passed: the seat went to someone else.',
    )
  })
})

describe('emails', () => {
  test('a seat offer: when to answer by, and the link to take the seat or leave the list', () => {
    const email = renderEmail({ event: 'SEAT_OFFER', view: longest('fr', 'SEAT_OFFER') })
    expect(email.subject).toBe(
      `Une place s’est libérée : atelier Apprendre à se servir de son smartphone, mardi 1er septembre 2026 à 18${NB}h${NB}45`,
    )
    expect(email.text).toContain('Atelier : Apprendre à se servir de son smartphone')
    expect(email.text).toContain(`Répondre avant : mardi 1er septembre 2026 à 16${NB}h${NB}45`)
    expect(email.text).toContain(`Prendre la place, ou quitter la liste d’attente : ${LINK_73}`)
    expect(email.text).toContain('À apporter : Votre téléphone chargé et son code')
    expect(email.html).toContain(`<a href="${LINK_73}">`)
  })

  test('a cancelled session says why; an earlier slot gives the current appointment', () => {
    const cancelled = renderEmail({
      event: 'WORKSHOP_CANCELLED_BY_SERVICE',
      view: longest('en', 'WORKSHOP_CANCELLED_BY_SERVICE'),
    })
    expect(cancelled.text).toContain('Reason: Notre animatrice est malade, la séance est reportée')
    expect(cancelled.text).toContain(`See the registration: ${LINK_73}`)
    const slot = renderEmail({ event: 'EARLIER_SLOT', view: longest('fr', 'EARLIER_SLOT') })
    expect(slot.text).toContain(`Votre rendez-vous actuel : mardi 15 septembre 2026 à 10${NB}h`)
    expect(slot.text).toContain(`Prendre ce rendez-vous : ${LINK_73}`)
  })

  test('markup typed into any field is escaped in every new message', () => {
    const evil = '<script>alert(1)</script>'
    for (const event of EVENTS) {
      const { html, subject } = renderEmail({
        event,
        view: { ...longest('fr', event), topicName: evil, organisationName: evil, reason: evil },
      })
      expect(html).not.toContain('<script>')
      expect(subject).not.toMatch(/[\r\n]/u)
    }
  })
})
