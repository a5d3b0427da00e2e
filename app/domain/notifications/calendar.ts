import { instructionsFor } from '~/domain/topics/instructions'
import { fullName, type AppointmentView, type MessageLanguage } from './view'

// What a resident's calendar file says (the emails' attachment and the manage link's
// download): the event, its place or call, what to bring or prepare, the link to see,
// move or cancel, and a reminder an hour before on their phone.

/** The resident's device reminds them this long before (the messages remind them earlier). */
const CALENDAR_ALARM_MINUTES = 60

export type CalendarText = {
  title: string
  location: string
  description: string
  alarm: { minutesBefore: number; text: string }
}

export function calendarText(view: AppointmentView): CalendarText {
  const words = WORDS[view.locale]
  const helped = view.helped ? fullName(view.helped) : null
  const byPhone = view.mode === 'PHONE'
  const instructions = view.instructions?.trim()
  const lines = [
    byPhone && view.advisorPhoneDisplay ? words.callFrom(view.advisorPhoneDisplay) : null,
    !byPhone && view.accessNotes?.trim() ? words.access(view.accessNotes.trim()) : null,
    instructions
      ? byPhone
        ? words.prepare(instructionsFor(instructions, 'PHONE'))
        : words.bring(instructions)
      : null,
    words.manage(view.manageUrl),
    view.cancelPhone ? words.call(view.cancelPhone) : null,
  ]
  return {
    title: [helped, view.topicName, view.organisationName].filter(Boolean).join(' · '),
    location: byPhone
      ? words.byPhone(view.residentPhoneDisplay ?? null)
      : [view.siteName, view.siteAddress].filter(Boolean).join(', '),
    description: lines.filter(Boolean).join('\n'),
    alarm: { minutesBefore: CALENDAR_ALARM_MINUTES, text: words.alarm(view.topicName) },
  }
}

type Words = Record<
  'callFrom' | 'access' | 'prepare' | 'bring' | 'manage' | 'call' | 'alarm',
  (value: string) => string
> & { byPhone: (residentPhone: string | null) => string }

const WORDS: Record<MessageLanguage, Words> = {
  fr: {
    byPhone: (phone) => (phone ? `Par téléphone, au ${phone}` : 'Par téléphone'),
    callFrom: (phone) => `L’appel viendra du ${phone}.`,
    access: (notes) => `Pour venir : ${notes}`,
    prepare: (text) => `Pour l’appel : ${text}`,
    bring: (text) => `À apporter : ${text}`,
    manage: (url) => `Voir, déplacer ou annuler : ${url}`,
    call: (phone) => `Ou appelez le ${phone}.`,
    alarm: (topic) => `Rendez-vous dans une heure : ${topic}`,
  },
  en: {
    byPhone: (phone) => (phone ? `By phone, on ${phone}` : 'By phone'),
    callFrom: (phone) => `The call will come from ${phone}.`,
    access: (notes) => `Getting there: ${notes}`,
    prepare: (text) => `For the call: ${text}`,
    bring: (text) => `Please bring: ${text}`,
    manage: (url) => `See, move or cancel: ${url}`,
    call: (phone) => `Or call ${phone}.`,
    alarm: (topic) => `Appointment in one hour: ${topic}`,
  },
}
