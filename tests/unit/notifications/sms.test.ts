// Every SMS is one GSM-7 segment, in plain French when it fits, with its date, time and
// link whole, whatever the names, the link's length and the language.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { fitsOneSegment, gsm7Units, isGsm7, toGsm7 } from '~/domain/notifications/gsm7'
import {
  CANCEL_WHICH_MAX,
  renderSms,
  type AppointmentView,
  type PersonName,
  type ResidentEvent,
  type SmsMessage,
} from '~/domain/notifications/templates'
import { formatDayTime, formatShortDateTime } from '~/domain/time/format'

const RESIDENT_EVENTS: ResidentEvent[] = [
  'CONFIRMATION',
  'REMINDER',
  'MOVED',
  'CANCELLED_BY_RESIDENT',
  'CANCELLED_BY_SERVICE',
]
/** The messages that tell where to go: the site must be in them. */
const WHERE_EVENTS: readonly string[] = ['CONFIRMATION', 'REMINDER', 'MOVED']
const LOCALES = ['fr', 'en'] as const
const MODES = ['IN_PERSON', 'PHONE'] as const
const PLAIN = { spaces: 'plain' } as const

const dateForms = (startsAt: Date, zone: string, locale: 'fr' | 'en') => [
  toGsm7(formatDayTime(startsAt, zone, locale, PLAIN)),
  toGsm7(formatShortDateTime(startsAt, zone, locale, PLAIN)),
]

type Case = {
  message: SmsMessage
  /** What the text must hold whole. */
  link?: string
  dates?: string[]
  site?: string
  person?: string
}

/** Every template, in every language and mode, for the resident and for a helper. */
function everyMessage(
  view: (locale: 'fr' | 'en', mode: 'IN_PERSON' | 'PHONE') => AppointmentView,
  helped: PersonName,
  replies: boolean,
): Case[] {
  return LOCALES.flatMap((locale) => [
    ...MODES.flatMap((mode) => {
      const base = view(locale, mode)
      const common = { link: base.manageUrl, dates: dateForms(base.startsAt, base.zone, locale) }
      return [
        ...RESIDENT_EVENTS.flatMap((event): Case[] => [
          {
            message: { event, view: base, replies },
            ...common,
            site:
              mode === 'IN_PERSON' && WHERE_EVENTS.includes(event)
                ? base.siteShortName!
                : undefined,
          },
          {
            message: { event, view: { ...base, helped }, replies },
            ...common,
            person: helped.firstName,
          },
        ]),
        {
          message: {
            event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED' as const,
            view: { ...base, resident: helped },
          },
          ...common,
        },
      ]
    }),
    {
      message: {
        event: 'CANCEL_WHICH',
        locale,
        choices: [0, 1, 2, 3].map((week) => ({
          startsAt: new Date(view(locale, 'PHONE').startsAt.getTime() + week * 7 * 86_400_000),
          zone: view(locale, 'PHONE').zone,
        })),
      },
    },
    {
      message: {
        event: 'HELP',
        locale,
        organisationName: view(locale, 'PHONE').organisationName,
        cancelPhone: '02 51 12 34 56',
      },
    },
    {
      message: {
        event: 'OPTED_OUT',
        locale,
        organisationName: view(locale, 'PHONE').organisationName,
        cancelPhone: '02 51 12 34 56',
      },
    },
  ])
}

function expectWhole(text: string, { link, dates, site, person }: Case) {
  expect(isGsm7(text)).toBe(true)
  expect(fitsOneSegment(text)).toBe(true)
  if (link) expect(text).toContain(link)
  if (dates) expect(dates.some((date) => text.includes(date))).toBe(true)
  // A site short name is at most 20 characters; one made longer by transliteration (œ → oe)
  // may yield to the date and the link.
  if (site && gsm7Units(toGsm7(site)) <= 20) expect(text).toContain(toGsm7(site))
  if (person) expect(text).toContain(toGsm7(person))
}

// A 40-character PUBLIC_URL and a 24-character token: the longest link the messages carry.
const PUBLIC_URL_40 = 'https://rendez-vous.permanence-sornes.fr'
const LINK_67 = `${PUBLIC_URL_40}/r/AbCdEfGhIjKlMnOpQrStUvWx`
// "mar. 1er sept. à 22 h 45": the longest short date in French.
const LONGEST_DATE = new Date('2026-09-01T20:45:00Z')

const longest = (locale: 'fr' | 'en', mode: 'IN_PERSON' | 'PHONE'): AppointmentView => ({
  locale,
  organisationName: 'Communauté de communes du Pays de Saint-Gilles-Croix-de-Vie',
  topicName: 'Accompagnement aux démarches de retraite',
  startsAt: LONGEST_DATE,
  zone: 'Europe/Paris',
  mode,
  siteName: 'Maison France Services de la Communauté de communes du Pays de Saint-Gilles',
  siteShortName: 'Médiathèque Montvals',
  siteAddress: '12 boulevard de l’Égalité, 85800 Saint-Gilles-Croix-de-Vie',
  instructions: 'Votre numéro fiscal et vos identifiants FranceConnect',
  residentPhoneDisplay: '0690 12 34 56',
  advisorPhoneDisplay: '02 51 12 34 56',
  manageUrl: LINK_67,
  cancelPhone: '02 51 12 34 56',
})
const LONGEST_HELPED = { firstName: 'Marie-Élisabeth', lastName: 'de La Rochefoucauld' }

describe('every SMS template with the longest realistic values', () => {
  test('the values are as long as the rules allow', () => {
    expect(PUBLIC_URL_40).toHaveLength(40)
    expect(longest('fr', 'IN_PERSON').siteShortName).toHaveLength(20)
    expect(longest('fr', 'IN_PERSON').topicName).toHaveLength(40)
  })

  for (const replies of [true, false]) {
    test.each(
      everyMessage(longest, LONGEST_HELPED, replies).map(
        (item) => [label(item.message), item] as const,
      ),
    )(
      `%s${replies ? '' : ' (sender without replies)'}: one GSM-7 segment, the essentials whole`,
      (_, item) => {
        expectWhole(renderSms(item.message), item)
      },
    )
  }
})

function label(message: SmsMessage) {
  if (!('view' in message)) return `${message.event} ${message.locale}`
  const helped = 'helped' in message.view && message.view.helped ? ' helper' : ''
  return `${message.event} ${message.view.locale} ${message.view.mode}${helped}`
}

describe('what each SMS says, with an ordinary link', () => {
  const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
    locale: 'fr',
    organisationName: 'France Services du Val de Sorne',
    topicName: 'Impôts',
    startsAt: new Date('2026-12-02T09:30:00Z'),
    zone: 'Europe/Paris',
    mode: 'IN_PERSON',
    siteName: 'Mairie de Saint-Julien-sur-Sorne',
    siteShortName: 'Mairie Saint-Julien',
    advisorPhoneDisplay: '03 65 71 02 02',
    manageUrl: 'https://rdv.sorne.fr/r/AbCdEfGhIjKlMnOpQrStUvWx',
    ...overrides,
  })

  test('the date as people say it, "rendez-vous", the site by its short name, never cut', () => {
    expect(renderSms({ event: 'CONFIRMATION', view: view() })).toBe(
      'Rendez-vous confirmé le mercredi 2 décembre à 10 h 30, Mairie Saint-Julien. https://rdv.sorne.fr/r/AbCdEfGhIjKlMnOpQrStUvWx Répondez ANNULER pour annuler',
    )
    expect(renderSms({ event: 'REMINDER', view: view({ locale: 'en' }) })).toBe(
      'Reminder: appointment on Wednesday 2 December at 10:30 am, Mairie Saint-Julien (Impots). https://rdv.sorne.fr/r/AbCdEfGhIjKlMnOpQrStUvWx Reply ANNULER to cancel',
    )
  })

  test('a short text keeps everything: topic and "Détails"', () => {
    const short = view({
      siteShortName: 'Mairie',
      manageUrl: 'https://x.fr/r/AbCdEfGhIjKlMnOpQrStUvWx',
    })
    expect(renderSms({ event: 'REMINDER', view: short })).toBe(
      'Rappel : rendez-vous le mercredi 2 décembre à 10 h 30, Mairie (Impots). Détails : https://x.fr/r/AbCdEfGhIjKlMnOpQrStUvWx Répondez ANNULER pour annuler',
    )
  })

  test('a phone appointment says from which number the call will come', () => {
    const text = renderSms({
      event: 'CONFIRMATION',
      view: view({ mode: 'PHONE', siteShortName: null }),
    })
    expect(text).toContain('téléphonique')
    expect(text).toContain('03 65 71 02 02')
    expect(text).not.toMatch(/apport/iu)
  })

  test('a helper is told whose appointment it is', () => {
    const helped = { firstName: 'Jeanne', lastName: 'Martin' }
    expect(renderSms({ event: 'CANCELLED_BY_RESIDENT', view: view({ helped }) })).toBe(
      'Le rendez-vous de Jeanne Martin du mercredi 2 décembre à 10 h 30 (Mairie Saint-Julien) est bien annulé. https://rdv.sorne.fr/r/AbCdEfGhIjKlMnOpQrStUvWx',
    )
    expect(renderSms({ event: 'REMINDER', view: view({ helped, locale: 'en' }) })).toContain(
      'appointment for Jeanne',
    )
  })

  test.each(['CONFIRMATION', 'REMINDER', 'MOVED'] as const)(
    '%s asks to reply ANNULER, or with a sender name gives the link to cancel',
    (event) => {
      expect(renderSms({ event, view: view() })).toContain('Répondez ANNULER pour annuler')
      expect(renderSms({ event, view: view({ locale: 'en' }) })).toContain(
        'Reply ANNULER to cancel',
      )
      const named = renderSms({ event, view: view(), replies: false })
      expect(named).not.toContain('ANNULER')
      expect(named).toContain('Voir ou annuler : https://rdv.sorne.fr/r/')
      expect(renderSms({ event, view: view({ locale: 'en' }), replies: false })).toContain(
        'See or cancel: https://rdv.sorne.fr/r/',
      )
    },
  )

  test('CANCEL_WHICH numbers the first appointments in the order given', () => {
    const choices = [0, 1, 2, 3, 4].map((day) => ({
      startsAt: new Date(Date.UTC(2026, 2, 3 + day, 13, 30)),
      zone: 'Europe/Paris',
    }))
    const text = renderSms({ event: 'CANCEL_WHICH', locale: 'fr', choices })
    expect(text).toBe(
      'Vous avez plusieurs rendez-vous. Répondez ANNULER 1 (mardi 3 mars à 14 h 30), ANNULER 2 (mercredi 4 mars à 14 h 30), ANNULER 3 (jeudi 5 mars à 14 h 30).',
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
      'Mairie de Vouvant : rappels de rendez-vous. Répondez ANNULER pour annuler votre rendez-vous, STOP pour ne plus recevoir de SMS. Contact : 02 51 00 00 00',
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

// Names made of realistic words, of any length the forms accept.
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
const words = (max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((list) => {
    const kept: string[] = []
    for (const word of list) if ([...kept, word].join(' ').length <= max) kept.push(word)
    return kept.join(' ') || 'CAF'
  })
const FIRST_NAMES = ['Jo', 'Marie', 'Jean-Baptiste', 'Marie-Élisabeth', 'Anaïs', 'Chloé', 'Maëlle']
const LAST_NAMES = ['Li', 'Dupont', 'de La Rochefoucauld', 'N’Diaye', 'Le Gall-Kerbrat']

describe('properties', () => {
  test('any names up to their limits, any link up to 40 characters, any date, zone and language', () => {
    fc.assert(
      fc.property(
        words(20),
        words(40),
        words(120),
        fc.constantFrom(...FIRST_NAMES),
        fc.constantFrom(...LAST_NAMES),
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2028-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(
          'Europe/Paris',
          'America/Cayenne',
          'Indian/Reunion',
          'America/Martinique',
          'Pacific/Noumea',
          'Pacific/Tahiti',
          'America/Miquelon',
        ),
        fc.integer({ min: 16, max: 40 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{24}$/),
        fc.boolean(),
        (
          siteShortName,
          topicName,
          organisationName,
          firstName,
          lastName,
          startsAt,
          zone,
          length,
          token,
          replies,
        ) => {
          const base = `https://${'r'.repeat(length - 'https://.fr'.length)}.fr`
          const manageUrl = `${base}/r/${token}`
          const cases = everyMessage(
            (locale, mode) => ({
              ...longest(locale, mode),
              siteShortName,
              topicName,
              organisationName,
              startsAt,
              zone,
              manageUrl,
            }),
            { firstName, lastName },
            replies,
          )
          for (const item of cases) expectWhole(renderSms(item.message), item)
        },
      ),
      { numRuns: 25 },
    )
    // Each render is checked with sms-segments-calculator (about 2 ms): on a busy shared
    // machine this many runs of every template can pass the default 5 s.
  }, 120_000)
})
