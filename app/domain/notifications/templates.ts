// Every message the app sends, one template per event, channel and language. The
// channels live in their own modules; this is the one place callers import from.

export type { AdvisorNoticeView, AppointmentView, MessageLanguage, ResidentEvent } from './view'
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
