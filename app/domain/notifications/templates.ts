// Every message the app sends, one template per event, channel and language. The
// channels live in their own modules; this is the one place callers import from.

export type {
  AdvisorNoticeView,
  AppointmentView,
  MessageEvent,
  MessageLanguage,
  OfferAnswer,
  OfferEvent,
  OfferOutcome,
  PersonName,
  RegistrationEvent,
  ResidentEvent,
} from './view'
export { fullName, tellsWhereToGo } from './view'
export {
  renderSms,
  ACCEPT_KEYWORD,
  CANCEL_KEYWORD,
  CANCEL_WHICH_MAX,
  type CancelChoice,
  type SmsMessage,
} from './sms'
export {
  renderVoice,
  spokenAnswer,
  spokenPhone,
  voiceOf,
  type KeypadAction,
  type VoiceScript,
} from './voice'
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
