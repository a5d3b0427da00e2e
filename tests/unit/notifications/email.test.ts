import { describe, expect, test } from 'vitest'
import {
  escapeHtml,
  renderEmail,
  type AppointmentView,
  type EmailMessage,
  type ResidentEvent,
} from '~/domain/notifications/templates'

const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
  locale: 'fr',
  organisationName: 'Mairie de Vouvant',
  topicName: 'Impôts',
  startsAt: new Date('2026-03-03T13:30:00Z'),
  zone: 'Europe/Paris',
  mode: 'IN_PERSON',
  siteName: 'Salle du conseil',
  siteAddress: '1 place de l’Église, 85120 Vouvant',
  accessNotes: 'Entrée par la cour',
  instructions: 'Votre avis d’imposition',
  manageUrl: 'https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv',
  cancelPhone: '02 51 12 34 56',
  ...overrides,
})

// Times never wrap in an email: their spaces are non-breaking.
const NB = '\u00a0'

const EVENTS: ResidentEvent[] = [
  'CONFIRMATION',
  'REMINDER',
  'MOVED',
  'CANCELLED_BY_RESIDENT',
  'CANCELLED_BY_SERVICE',
]

describe('renderEmail', () => {
  test('a confirmation says what, when, where, what to bring and how to cancel', () => {
    const email = renderEmail({ event: 'CONFIRMATION', view: view() })
    expect(email.subject).toBe(`Rendez-vous confirmé : mardi 3 mars 2026 à 14${NB}h${NB}30`)
    expect(email.text).toBe(
      [
        'Bonjour,',
        'Votre rendez-vous avec Mairie de Vouvant est confirmé.',
        [
          `Quand : mardi 3 mars 2026 à 14${NB}h${NB}30`,
          'Motif : Impôts',
          'Où : Salle du conseil',
          'Adresse : 1 place de l’Église, 85120 Vouvant',
          'Pour venir : Entrée par la cour',
          'À apporter : Votre avis d’imposition',
        ].join('\n'),
        'Voir, déplacer ou annuler le rendez-vous : https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv',
        'Vous pouvez aussi appeler le 02 51 12 34 56 pour annuler ou déplacer.',
        'Mairie de Vouvant',
      ].join('\n\n'),
    )
    expect(email.html).toContain('<html lang="fr">')
    expect(email.html).toContain('<a href="https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv">')
  })

  test('a phone appointment says who calls which number', () => {
    const email = renderEmail({
      event: 'REMINDER',
      view: view({
        mode: 'PHONE',
        siteName: null,
        residentPhoneDisplay: '06 12 34 56 78',
        advisorPhoneDisplay: '02 51 00 00 00',
        locale: 'en',
      }),
    })
    expect(email.subject).toBe(`Reminder: appointment on Tuesday 3 March 2026 at 2:30${NB}pm`)
    expect(email.text).toContain('Where: By phone: your advisor will call you on 06 12 34 56 78')
    expect(email.text).toContain('Call: The call will come from 02 51 00 00 00')
    expect(email.text).not.toContain('Getting there')
    expect(email.text).not.toMatch(/bring/iu)
  })

  test('by phone nothing is brought: the instructions are what to have at hand', () => {
    const email = renderEmail({
      event: 'CONFIRMATION',
      view: view({
        mode: 'PHONE',
        siteName: null,
        instructions: 'Apportez votre numéro fiscal.',
        advisorPhoneDisplay: '02 51 00 00 00',
      }),
    })
    expect(email.text).toContain('Pour l’appel : Ayez sous la main votre numéro fiscal.')
    expect(email.text).toContain('Appel : L’appel viendra du 02 51 00 00 00')
    expect(email.text).not.toMatch(/apport/iu)
  })

  test('a helper’s email names the person helped', () => {
    const helped = { firstName: 'Jeanne', lastName: 'Martin' }
    const email = renderEmail({ event: 'CONFIRMATION', view: view({ helped }) })
    expect(email.subject).toBe(
      `Rendez-vous de Jeanne Martin confirmé : mardi 3 mars 2026 à 14${NB}h${NB}30`,
    )
    expect(email.text).toContain(
      'Le rendez-vous de Jeanne Martin avec Mairie de Vouvant est confirmé.',
    )
    const phone = renderEmail({
      event: 'REMINDER',
      view: view({ helped, mode: 'PHONE', residentPhoneDisplay: '03 65 71 00 00', locale: 'en' }),
    })
    expect(phone.text).toContain(
      'Where: By phone: the advisor will call Jeanne Martin on 03 65 71 00 00',
    )
  })

  test('a cancellation links to booking again', () => {
    const email = renderEmail({ event: 'CANCELLED_BY_SERVICE', view: view() })
    expect(email.subject).toBe(
      `Mairie de Vouvant annule votre rendez-vous : mardi 3 mars 2026 à 14${NB}h${NB}30`,
    )
    expect(email.text).toContain(
      'Prendre un nouveau rendez-vous : https://x.fr/r/AbCdEfGhIjKlMnOpQrStUv',
    )
    expect(email.text).not.toContain('À apporter')
  })

  test('the advisor learns who cancelled and that the slot is free', () => {
    const email = renderEmail({
      event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED',
      view: {
        ...view({ manageUrl: 'https://x.fr/espace/rendez-vous/appt1' }),
        resident: { firstName: 'Élodie', lastName: 'Martin' },
      },
    })
    expect(email.subject).toBe(`Annulation : Élodie Martin, mardi 3 mars 2026 à 14${NB}h${NB}30`)
    expect(email.text).toContain(
      'Voir le rendez-vous dans l’espace conseiller : https://x.fr/espace/rendez-vous/appt1',
    )
    expect(email.text).toContain('Élodie Martin a annulé son rendez-vous.')
    expect(email.text).toContain('Le créneau est de nouveau libre.')
  })

  describe('markup typed into any field is escaped in the HTML', () => {
    const evil = (field: string) =>
      `<script>alert("${field}")</script> & <img src=x onerror=alert(1)>`
    const hostile: AppointmentView = {
      ...view(),
      organisationName: evil('org'),
      topicName: evil('topic'),
      siteName: evil('site'),
      siteAddress: evil('address'),
      accessNotes: evil('access'),
      instructions: evil('instructions'),
      residentPhoneDisplay: evil('resident phone'),
      advisorPhoneDisplay: evil('advisor phone'),
      manageUrl: `https://x.fr/r/"><script>alert('url')</script>`,
      cancelPhone: evil('cancel phone'),
    }
    const messages: EmailMessage[] = [
      ...EVENTS.flatMap((event) =>
        (['IN_PERSON', 'PHONE'] as const).map((mode): EmailMessage => ({
          event,
          view: { ...hostile, mode },
        })),
      ),
      {
        event: 'ADVISOR_NOTICE_RESIDENT_CANCELLED',
        view: { ...hostile, resident: { firstName: evil('first'), lastName: evil('last') } },
      },
    ]

    test.each(
      messages.map((message) => [`${message.event} ${message.view.mode}`, message] as const),
    )('%s', (_, message) => {
      const { html, subject } = renderEmail(message)
      expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i)
      expect(html).toContain('&lt;script&gt;')
      expect(html.match(/<a /g)?.length ?? 0).toBeLessThanOrEqual(1)
      expect(subject).not.toMatch(/[\r\n]/)
    })
  })

  test('a subject stays on one line whatever a name holds', () => {
    const email = renderEmail({
      event: 'CANCELLED_BY_SERVICE',
      view: view({ organisationName: 'Mairie\r\nBcc: x@y.fr' }),
    })
    expect(email.subject).toBe(
      `Mairie Bcc: x@y.fr annule votre rendez-vous : mardi 3 mars 2026 à 14${NB}h${NB}30`,
    )
  })

  test('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;',
    )
  })
})
