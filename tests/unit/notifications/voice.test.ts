import { describe, expect, test } from 'vitest'
import { renderVoice, spokenPhone, type AppointmentView } from '~/domain/notifications/templates'

const view = (overrides: Partial<AppointmentView> = {}): AppointmentView => ({
  locale: 'fr',
  organisationName: 'Mairie de Vouvant',
  topicName: 'Impôts',
  startsAt: new Date('2026-03-03T13:30:00Z'),
  zone: 'Europe/Paris',
  mode: 'IN_PERSON',
  siteName: 'Salle du conseil',
  siteAddress: '1 place de l’Église, Vouvant',
  accessNotes: 'Entrée par la cour',
  instructions: 'Votre avis d’imposition',
  manageUrl: 'https://x.fr/r/AbC',
  cancelPhone: '02 51 12 34 56',
  ...overrides,
})

describe('renderVoice', () => {
  test('a reminder says when and where in words, twice, then offers the keypad', () => {
    const script = renderVoice('REMINDER', view())
    expect(script.language).toBe('fr-FR')
    expect(script.voice).toBe('Polly.Lea-Neural')
    expect(script.say).toEqual([
      'Bonjour, ici Mairie de Vouvant.',
      'Nous vous rappelons votre rendez-vous du mardi trois mars à quatorze heures trente.',
      'Lieu : Salle du conseil, 1 place de l’Église, Vouvant.',
      'Motif : Impôts.',
      'Pour venir : Entrée par la cour.',
      'À apporter : Votre avis d’imposition.',
      'Je répète : rendez-vous le mardi trois mars à quatorze heures trente. Lieu : Salle du conseil, 1 place de l’Église, Vouvant.',
      'Pour changer la date ou annuler, vous pouvez appeler le zéro deux, cinquante et un, douze, trente-quatre, cinquante-six. Je répète : zéro deux, cinquante et un, douze, trente-quatre, cinquante-six.',
    ])
    expect(script.keypad).toEqual({
      prompt: 'Tapez 1 pour confirmer, tapez 2 pour annuler le rendez-vous.',
      digits: { '1': 'CONFIRM', '2': 'CANCEL' },
      replies: {
        CONFIRM: 'Merci, votre rendez-vous est confirmé.',
        CANCEL: 'Votre rendez-vous est annulé. Merci de nous avoir prévenus.',
      },
    })
    expect(script.goodbye).toBe('Au revoir.')
  })

  test('a postal code is read digit by digit', () => {
    const script = renderVoice(
      'CONFIRMATION',
      view({ siteAddress: '14 rue des Écoles, 39570 Montval', sitePostalCode: '39570' }),
    )
    expect(script.say).toContain(
      'Lieu : Salle du conseil, 14 rue des Écoles, trois neuf cinq sept zéro Montval.',
    )
    expect(script.say.join(' ')).not.toContain('39570')
  })

  test('a helper hears whose appointment it is, and by phone whom the advisor calls', () => {
    const script = renderVoice(
      'CONFIRMATION',
      view({
        helped: { firstName: 'Jeanne', lastName: 'Martin' },
        mode: 'PHONE',
        residentPhoneDisplay: '03 65 71 00 00',
        instructions: 'Apportez votre numéro fiscal',
      }),
    )
    expect(script.say[1]).toBe('Ce message concerne le rendez-vous de Jeanne Martin.')
    expect(script.say).toContain(
      "C'est un rendez-vous par téléphone : le conseiller appellera Jeanne Martin au zéro trois, soixante-cinq, soixante et onze, zéro zéro, zéro zéro.",
    )
    expect(script.say).toContain("Pour l'appel : Ayez sous la main votre numéro fiscal.")
    expect(script.say.join(' ')).not.toMatch(/apport/iu)
  })

  test('no digits or "h" are left for text-to-speech to guess', () => {
    for (const event of ['CONFIRMATION', 'REMINDER', 'MOVED'] as const) {
      const said = renderVoice(event, view({ siteAddress: null })).say.join(' ')
      expect(said).not.toMatch(/\d|\bh\b/)
    }
  })

  test('a phone appointment says which number will be called, and from which', () => {
    const script = renderVoice(
      'CONFIRMATION',
      view({
        mode: 'PHONE',
        siteName: null,
        residentPhoneDisplay: '06 12 34 56 78',
        advisorPhoneDisplay: '02 51 00 00 00',
      }),
    )
    expect(script.say).toContain(
      "C'est un rendez-vous par téléphone : votre conseiller vous appellera au zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit.",
    )
    expect(script.say).toContain(
      "L'appel viendra du zéro deux, cinquante et un, zéro zéro, zéro zéro, zéro zéro.",
    )
    expect(script.say.join(' ')).not.toContain('Pour venir')
  })

  test('a cancellation has nothing to choose and says how to book again', () => {
    const script = renderVoice('CANCELLED_BY_SERVICE', view())
    expect(script.keypad).toBeNull()
    expect(script.say).toEqual([
      'Bonjour, ici Mairie de Vouvant.',
      'Nous devons annuler votre rendez-vous du mardi trois mars à quatorze heures trente. Nous vous prions de nous excuser.',
      'Pour reprendre rendez-vous, appelez le zéro deux, cinquante et un, douze, trente-quatre, cinquante-six. Je répète : zéro deux, cinquante et un, douze, trente-quatre, cinquante-six.',
    ])
  })

  test('English', () => {
    const script = renderVoice(
      'MOVED',
      view({ locale: 'en', accessNotes: null, instructions: null }),
    )
    expect(script.language).toBe('en-GB')
    expect(script.voice).toBe('Polly.Amy-Neural')
    expect(script.say[1]).toBe(
      'Your appointment has been moved. It is now on Tuesday the third of March at two thirty pm.',
    )
    expect(script.keypad?.prompt).toBe('Press 1 to confirm, press 2 to cancel the appointment.')
  })

  test('typed-in line breaks do not reach the voice', () => {
    const script = renderVoice('REMINDER', view({ accessNotes: 'Entrée\npar la cour' }))
    expect(script.say).toContain('Pour venir : Entrée par la cour.')
  })
})

describe('spokenPhone', () => {
  test.each([
    ['06 12 34 56 78', 'fr', 'zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit'],
    ['0690 12 34 56', 'fr', 'zéro six neuf zéro, douze, trente-quatre, cinquante-six'],
    ['06 12 34 56 78', 'en', 'zero six, one two, three four, five six, seven eight'],
    ['+44 7911 123456', 'en', 'plus four four, seven nine one one, one two three four five six'],
  ] as const)('%s in %s', (display, language, spoken) => {
    expect(spokenPhone(display, language)).toBe(spoken)
  })
})
