// Every message the app sends, one template per event, channel and language. The
// channels live in their own modules; this is the one place callers import from.

export type {
  AdvisorNoticeView,
  AppointmentView,
  MessageLanguage,
  PersonName,
  ResidentEvent,
} from './view'
export { fullName } from './view'
export {
  renderSms,
  CANCEL_KEYWORD,
  CANCEL_WHICH_MAX,
  type CancelChoice,
  type SmsMessage,
} from './sms'
export { renderVoice, spokenPhone, type KeypadAction, type VoiceScript } from './voice'
export {
  renderEmail,
  renderLinkEmail,
  escapeHtml,
  type EmailEvent,
  type EmailMessage,
  type RenderedEmail,
} from './email'
export { smsSender, type SmsSender } from './sender'
export { siteShortName } from './short-names'
