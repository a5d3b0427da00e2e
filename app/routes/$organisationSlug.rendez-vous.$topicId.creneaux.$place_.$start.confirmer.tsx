import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'
import { encodeSlotStart } from '~/domain/time/slot-start'
import { JourneyHeader } from '~/features/journey/journey-header'
import { journeyPaths } from '~/features/journey/paths'
import { NumberSentence, PhoneNumber } from '~/components/phone-number'
import { SlotSummary } from '~/components/slot-summary'
import { formatAppointmentDate, type DisplayLanguage } from '~/domain/time/format'
import { contactStepSchema } from '~/features/journey/contact-form.server'
import { fixedT, languageOf } from '~/i18n/i18n.server'
import { clearDraft, readDraft } from '~/features/journey/draft.server'
import {
  confirmOnlineBooking,
  isStillOffered,
  nearestAlternatives,
} from '~/features/journey/confirm.server'
import { topicInLanguage } from '~/domain/topics/language'
import { requireSlotStep } from '~/features/journey/lookups.server'
import type { LoadContext } from '~/platform/http/app.server'
import { parseForm } from '~/platform/forms.server'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

/** The draft, checked again: a cookie is the resident's, but never trusted. */
async function draftOf(request: Request, step: Awaited<ReturnType<typeof requireSlotStep>>) {
  const draft = readDraft(request, step.journeyKey)
  if (!draft) return null
  const parsed = parseForm(draft.fields, contactStepSchema(step))
  return parsed.ok ? { contact: parsed.value, nonce: draft.nonce } : null
}

type Step = Awaited<ReturnType<typeof requireSlotStep>>
type Refusal = { reason: string; alternatives: { start: string; label: string }[] }

/** The refusal a page shows: the reason, and for a lost time the nearest free ones. */
async function refusalOf(
  step: Step,
  reason: Refusal['reason'],
  language: DisplayLanguage,
  now: Date,
): Promise<Refusal> {
  const lost = reason === 'taken' || reason === 'unavailable'
  const alternatives = lost ? await nearestAlternatives(step, now) : []
  return {
    reason,
    alternatives: alternatives.map((slot) => ({
      start: encodeSlotStart(slot.start),
      label: formatAppointmentDate(slot.start, step.zone, language),
    })),
  }
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const step = await requireSlotStep(params)
  const draft = await draftOf(request, step)
  const paths = journeyPaths(step.organisation.slug, step.topic.id)
  if (!draft) throw redirect(paths.contact(step.place, params.start!))
  const [t, language] = await Promise.all([fixedT(request), languageOf(request)])
  const now = new Date()
  // Taken since the week page showed it (or by this resident's other tab): say so now,
  // rather than after the resident confirms.
  const refusal = (await isStillOffered(step, now))
    ? null
    : await refusalOf(step, 'unavailable', language, now)
  return {
    organisation: step.organisation,
    topic: topicInLanguage(step.topic, language),
    site: step.site,
    mode: step.mode,
    place: step.place,
    start: params.start!,
    when: formatAppointmentDate(step.start, step.zone, language),
    contact: draft.contact,
    refusal,
    title: t('journey.review.title'),
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} · ${data.organisation.name}` : 'Permanence' },
]

export async function action({ params, request, context }: ActionFunctionArgs) {
  const step = await requireSlotStep(params)
  const paths = journeyPaths(step.organisation.slug, step.topic.id)
  const draft = await draftOf(request, step)
  if (!draft) throw redirect(paths.contact(step.place, params.start!))
  const now = new Date()
  const language = await languageOf(request)
  const outcome = await confirmOnlineBooking({
    step,
    ...draft,
    language,
    clientAddress: (context as LoadContext).clientAddress,
    now,
  })
  if (outcome.ok) {
    return redirect(`/r/${outcome.token}?nouveau=1`, {
      status: 303,
      headers: { 'Set-Cookie': clearDraft() },
    })
  }
  const status = outcome.reason === 'rateLimited' ? 429 : 409
  return Response.json(await refusalOf(step, outcome.reason, language, now), { status })
}

export default function ReviewStep() {
  const data = useLoaderData<typeof loader>()
  const answered = useActionData<typeof action>() as Refusal | undefined
  const { t } = useTranslation()
  const paths = journeyPaths(data.organisation.slug, data.topic.id)
  const { resident, helper, note } = data.contact
  const refusal = answered ?? data.refusal
  const message = refusal
    ? {
        taken: t('journey.review.taken'),
        unavailable: t('journey.review.unavailable'),
        tooMany: t('journey.review.tooMany', { count: data.organisation.maxUpcomingPerContact }),
        rateLimited: t('journey.review.rateLimited'),
      }[refusal.reason]
    : null
  // A time that is gone is not offered again: no summary of it, no button to confirm it.
  const lost = refusal?.reason === 'taken' || refusal?.reason === 'unavailable'
  const byPhone = data.mode === 'PHONE'
  return (
    <div className="page">
      <JourneyHeader
        step={6}
        title={t('journey.review.title')}
        backTo={paths.contact(data.place, data.start)}
      />
      {message ? (
        <div className="error-summary" role="alert">
          <p>{message}</p>
          {refusal!.alternatives.length > 0 ? (
            <>
              <h2>{t('journey.review.alternatives')}</h2>
              <ul className="slot-list">
                {refusal!.alternatives.map((slot) => (
                  <li key={slot.start}>
                    <Link to={paths.review(data.place, slot.start)} className="slot">
                      {slot.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p>
            <Link to={paths.slots(data.place)}>{t('journey.review.otherTimes')}</Link>
          </p>
        </div>
      ) : null}
      {lost ? null : <SlotSummary topicName={data.topic.name} when={data.when} site={data.site} />}
      {lost ? <h2>{t('journey.review.keptDetails')}</h2> : null}
      <dl className="summary">
        <dt>{t('journey.review.who')}</dt>
        <dd>
          {resident.firstName} {resident.lastName}
        </dd>
        <dt>{t('journey.review.contact')}</dt>
        <dd>
          {resident.phoneE164 ? <PhoneNumber e164={resident.phoneE164} /> : null}
          {resident.phoneE164 && resident.email ? <br /> : null}
          {resident.email}
        </dd>
        {helper ? (
          <>
            <dt>{t('journey.review.helper')}</dt>
            <dd>
              {helper.name}
              {helper.phoneE164 ? (
                <>
                  <br />
                  <PhoneNumber e164={helper.phoneE164} />
                </>
              ) : null}
              {helper.email ? (
                <>
                  <br />
                  {helper.email}
                </>
              ) : null}
            </dd>
            <dt>{t('journey.review.messagesTo')}</dt>
            <dd>
              {helper.receivesMessages ? helper.name : `${resident.firstName} ${resident.lastName}`}
            </dd>
          </>
        ) : null}
        {note ? (
          <>
            <dt>{t('journey.review.note')}</dt>
            <dd>{note}</dd>
          </>
        ) : null}
      </dl>
      {!lost && byPhone ? (
        <NumberSentence text={t('manage.phoneCall')} e164={resident.phoneE164} />
      ) : null}
      {!lost && data.topic.instructions ? (
        <p>
          {t(byPhone ? 'organisation.bringPhone' : 'organisation.bring', {
            instructions: data.topic.instructions,
          })}
        </p>
      ) : null}
      <p>
        <Link to={paths.contact(data.place, data.start)}>{t('journey.review.change')}</Link>
      </p>
      {lost ? null : (
        <Form method="post">
          <button type="submit">{t('journey.review.confirm')}</button>
        </Form>
      )}
    </div>
  )
}
