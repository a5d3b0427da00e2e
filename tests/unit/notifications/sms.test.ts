// Every SMS is one GSM-7 segment, with its date, time and link whole, whatever the names.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fitsOneSegment, isGsm7, toGsm7 } from '~/domain/notifications/gsm7'
import {
  CANCEL_WHICH_MAX,
  renderSms,
  type AppointmentView,
  type ResidentEvent,
  type SmsMessage,
} from '~/domain/notifications/templates'
import { formatShortDateTime } from '~/domain/time/format'

const LONGEST_SITE =
  'Maison France Services de la Communauté de communes du Pays de Saint-Gilles-Croix-de-Vie'
const LONGEST_TOPIC = 'Accompagnement aux démarches en ligne de retraite et de protection sociale'
const LONGEST_ORG = 'Communauté de communes du Pays de Saint-Gilles-Croix-de-Vie et de l’Île-d’Yeu'
const RESIDENT = 'Marie-Élisabeth de La Rochefoucauld-Doudeauville'
const LINK_40 = 'https://rdv.permanence.fr/r/AbCdEfGhIjKl'
// "mercredi 30 septembre 22 h 45" is about the longest date in both languages.
const LONGEST_DATE = new Date('2026-09-30T20:45:00Z')

const longest = (locale: 'fr' | 'en', mode: 'IN_PERSON' | 'PHONE'): AppointmentView => ({
  locale,
  organisationName: LONGEST_ORG,
  topicName: LONGEST_TOPIC,
  startsAt: LONGEST_DATE,
  zone: 'Europe/Paris',
  mode,
  siteName: mode === 'IN_PERSON' ? LONGEST_SITE : null,
  siteAddress: '12 boulevard de l’Égalité, 85800 Saint-Gilles-Croix-de-Vie',
  accessNotes: 'Entrée par la cour, à gauche après la médiathèque',
  instructions: 'Votre numéro fiscal, vos identifiants FranceConnect et votre téléphone portable',
  residentPhoneDisplay: '0690 12 34 56',
  advisorPhoneDisplay: '02 51 12 34 56',
  manageUrl: LINK_40,
  cancelPhone: '02 51 12 34 56',
})

const RESIDENT_EVENTS: ResidentEvent[] = [
  'CONFIRMATION',
  'REMINDER',
  'MOVED',
  'CANCELLED_BY_RESIDENT',
  'CANCELLED_BY_SERVICE',
]
const LOCALES = ['fr', 'en'] as const
const MODES = ['IN_PERSON', 'PHONE'] as const

function everyMessage(
  view: (locale: 'fr' | 'en', mode: 'IN_PERSON' | 'PHONE') => AppointmentView,
): SmsMessage[] {
  return LOCALES.flatMap((locale) => [
    ...MODES.flatMap((mode) => [
      ...RESIDENT_EVENTS.map((event): SmsMessage => ({ event, view: view(locale, mode) })),
      {
        event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED',
        view: {
          ...view(locale, mode),
          residentName: 'Marie-Élisabeth de La Rochefoucauld-Doudeauville',
        },
      } satisfies SmsMessage,
    ]),
    {
      event: 'CANCEL_WHICH',
      locale,
      choices: [0, 1, 2, 3].map((week) => ({
        startsAt: new Date(LONGEST_DATE.getTime() + week * 7 * 86_400_000),
        zone: 'Europe/Paris',
      })),
    },
    { event: 'HELP', locale, organisationName: LONGEST_ORG, cancelPhone: '02 51 12 34 56' },
    { event: 'OPTED_OUT', locale, organisationName: LONGEST_ORG, cancelPhone: '02 51 12 34 56' },
  ])
}

const label = (message: SmsMessage) =>
  `${message.event} ${'view' in message ? `${message.view.locale} ${message.view.mode}` : message.locale}`

describe('every SMS template with the longest realistic values', () => {
  test.each(everyMessage(longest).map((message) => [label(message), message] as const))(
    '%s: one GSM-7 segment, date and link whole',
    (_, message) => {
      const text = renderSms(message)
      expect(isGsm7(text)).toBe(true)
      expect(fitsOneSegment(text)).toBe(true)
      expect(text.length).toBeLessThanOrEqual(160)
      if ('view' in message) {
        const { view } = message
        expect(text).toContain(toGsm7(formatShortDateTime(view.startsAt, view.zone, view.locale)))
        expect(text).toContain(LINK_40)
      }
    },
  )
})

describe('what each SMS says', () => {
  const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
    locale: 'fr',
    organisationName: 'Mairie de Vouvant',
    topicName: 'Impôts',
    startsAt: new Date('2026-03-03T13:30:00Z'),
    zone: 'Europe/Paris',
    mode: 'IN_PERSON',
    siteName: 'Mairie de Vouvant',
    manageUrl: 'https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv',
    ...overrides,
  })

  test('short names are kept whole', () => {
    expect(renderSms({ event: 'REMINDER', view: view() })).toBe(
      'Rappel : RDV le mar. 3 mars 14h30, Mairie de Vouvant (Impots). Détails : https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv Répondez ANNULER pour annuler',
    )
    expect(renderSms({ event: 'CONFIRMATION', view: view({ locale: 'en' }) })).toBe(
      'Appointment confirmed Tue 3 Mar 2:30pm: Mairie de Vouvant (Impots). Details: https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv Reply ANNULER to cancel',
    )
  })

  test('a phone appointment says it is by phone, and the call comes to this number', () => {
    const phone = view({ mode: 'PHONE', siteName: null, residentPhoneDisplay: '06 12 34 56 78' })
    expect(renderSms({ event: 'CONFIRMATION', view: phone })).toBe(
      'RDV téléphonique confirmé le mar. 3 mars 14h30 (Impots) : on vous appellera. Détails : https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv Répondez ANNULER pour annuler',
    )
  })

  test.each(['CONFIRMATION', 'REMINDER', 'MOVED'] as const)(
    '%s asks to reply ANNULER, in both languages',
    (event) => {
      expect(renderSms({ event, view: view() })).toContain('Répondez ANNULER pour annuler')
      expect(renderSms({ event, view: view({ locale: 'en' }) })).toContain(
        'Reply ANNULER to cancel',
      )
    },
  )

  test('names are shortened at a word boundary, never mid-word', () => {
    const text = renderSms({
      event: 'REMINDER',
      view: view({ siteName: LONGEST_SITE, topicName: LONGEST_TOPIC }),
    })
    expect(fitsOneSegment(text)).toBe(true)
    expect(text).toContain('Maison France')
    const words = new Set(toGsm7(`${LONGEST_SITE} ${LONGEST_TOPIC}`).split(' '))
    for (const [, word] of text.matchAll(/\(?(\S+?)\.\.\./g)) expect(words).toContain(word)
  })

  test('CANCEL_WHICH numbers the first appointments in the order given', () => {
    const choices = [0, 1, 2, 3, 4].map((day) => ({
      startsAt: new Date(Date.UTC(2026, 2, 3 + day, 13, 30)),
      zone: 'Europe/Paris',
    }))
    const text = renderSms({ event: 'CANCEL_WHICH', locale: 'fr', choices })
    expect(text).toBe(
      'Vous avez plusieurs RDV. Répondez ANNULER 1 pour le mar. 3 mars 14h30, ANNULER 2 pour le mer. 4 mars 14h30, ANNULER 3 pour le jeu. 5 mars 14h30.',
    )
    expect(text).not.toContain(`ANNULER ${CANCEL_WHICH_MAX + 1}`)
    expect(() =>
      renderSms({ event: 'CANCEL_WHICH', locale: 'fr', choices: choices.slice(0, 1) }),
    ).toThrow()
  })

  test('HELP and OPTED_OUT name the organisation and the keywords', () => {
    const help = renderSms({
      event: 'HELP',
      locale: 'fr',
      organisationName: 'Mairie de Vouvant',
      cancelPhone: '02 51 00 00 00',
    })
    expect(help).toBe(
      'Mairie de Vouvant : rappels de RDV. Répondez ANNULER pour annuler votre RDV, STOP pour ne plus recevoir de SMS. Contact : 02 51 00 00 00',
    )
    const optedOut = renderSms({
      event: 'OPTED_OUT',
      locale: 'en',
      organisationName: 'Mairie de Vouvant',
    })
    expect(optedOut).toBe(
      'Mairie de Vouvant: you will receive no more SMS. Your appointments still stand. Reply START to receive them again.',
    )
  })
})

// Names made of realistic words, up to far longer than any real one.
const WORDS = [
  'Maison',
  'France',
  'Services',
  'de',
  'la',
  'Médiathèque',
  'Saint-Jean-de-Monts',
  'Œuvre',
  'l’Île',
  'Communauté',
  'démarches',
  'retraite',
  'CAF',
  'à',
  'Côte-d’Or',
  'Saint-Gilles-Croix-de-Vie-et-Saint-Hilaire-de-Riez-sur-Mer',
]
const name = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 20 })
  .map((words) => words.join(' '))

describe('properties', () => {
  test('any names, any event, any date: one segment with the date and the whole link', () => {
    fc.assert(
      fc.property(
        name,
        name,
        name,
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('Europe/Paris', 'America/Cayenne', 'Indian/Reunion', 'America/Martinique'),
        fc.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        (siteName, topicName, organisationName, startsAt, zone, token) => {
          const manageUrl = `https://rdv.permanence.fr/r/${token}`.slice(0, 40)
          const messages = everyMessage((locale, mode) => ({
            ...longest(locale, mode),
            siteName: mode === 'IN_PERSON' ? siteName : null,
            topicName,
            organisationName,
            startsAt,
            zone,
            manageUrl,
          }))
          const inputWords = new Set(
            toGsm7([siteName, topicName, organisationName, LONGEST_ORG, RESIDENT].join(' ')).split(
              ' ',
            ),
          )
          for (const message of messages) {
            const text = renderSms(message)
            expect(fitsOneSegment(text)).toBe(true)
            if ('view' in message) {
              expect(text).toContain(manageUrl)
              expect(text).toContain(
                toGsm7(formatShortDateTime(startsAt, zone, message.view.locale)),
              )
            }
            for (const [, word] of text.matchAll(/\(?(\S+?)\.\.\./g))
              expect(inputWords).toContain(word)
          }
        },
      ),
      { numRuns: 20 },
    )
    // Each render checks its text with sms-segments-calculator (about 2 ms): on a busy
    // shared machine twenty runs of every event can pass the default 5 s.
  }, 60_000)
})
