import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import {
  Choice,
  ErrorSummary,
  FieldGroup,
  SelectField,
  TextField,
  useForm,
} from '~/components/form'
import { ResidentSearchForm } from '~/components/workspace/resident-search'
import { PHONE_PLACE } from '~/domain/scheduling/place'
import {
  bookingPage,
  submitBooking,
  type BookingActionData,
} from '~/features/desk/booking-page.server'
import { WALK_IN } from '~/features/desk/walk-in'
import { useTranslation } from '~/i18n/use-translation'

// /espace/reserver: book for a resident on the phone or at the desk (features/desk).
export const loader = ({ request }: LoaderFunctionArgs) => bookingPage(request)

export const action = ({ request }: ActionFunctionArgs) => submitBooking(request)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function BookOnBehalf() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as BookingActionData | undefined
  const { t } = useTranslation()
  const form = useForm({
    reply: actionData,
    defaults: {
      start: data.chosen ?? '',
      walkInDate: data.today,
      walkInAdvisor: data.walkInAdvisor,
    },
    maxLengths: data.maxLengths,
    labels: {
      start: t('workspace.booking.slotTitle'),
      walkInDate: t('workspace.booking.walkInDate'),
      walkInTime: t('workspace.booking.walkInTime'),
      walkInAdvisor: t('workspace.booking.walkInAdvisor'),
      walkInConfirm: t('workspace.booking.walkInConfirm'),
      firstName: t('workspace.booking.firstName'),
      lastName: t('workspace.booking.lastName'),
      phone: t('workspace.booking.phone'),
      email: t('workspace.booking.email'),
      note: t('workspace.booking.note'),
    },
    messages: {
      start: { REQUIRED: 'workspace.booking.slotRequired' },
      walkInAdvisor: { REQUIRED: 'workspace.booking.walkInAdvisorRequired' },
      firstName: { REQUIRED: 'journey.contact.firstNameRequired' },
      lastName: { REQUIRED: 'journey.contact.lastNameRequired' },
    },
  })
  const withResident = (extra: Record<string, string>) =>
    `/espace/reserver?${new URLSearchParams({ ...data.carried, usager: data.usager, ...extra }).toString()}`
  const carriedQuery = new URLSearchParams(data.carried).toString()
  const withCarried = (query: string) =>
    `/espace/reserver?${[query, carriedQuery].filter(Boolean).join('&')}`
  const carriedInputs = (omit: string[] = []) =>
    Object.entries(data.carried)
      .filter(([name]) => !omit.includes(name))
      .map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
  return (
    <div className="page workspace">
      <h1>{data.title}</h1>
      {actionData?.problem ? (
        <p className="notice error" role="alert">
          {t(`workspace.booking.${actionData.problem}`)}
        </p>
      ) : null}
      <ErrorSummary form={form} />

      <section aria-labelledby="who-title">
        <h2 id="who-title">{t('workspace.booking.searchTitle')}</h2>
        {data.resident || data.isNew ? (
          <p>
            <strong>
              {data.resident
                ? t('workspace.booking.chosen', { name: data.resident.name })
                : t('workspace.booking.newResident')}
            </strong>
            {data.resident?.phone ? ` · ${data.resident.phone}` : ''} ·{' '}
            <Link to={withCarried('')}>{t('workspace.booking.changeResident')}</Link>
          </p>
        ) : (
          <>
            <ResidentSearchForm query={data.query}>{carriedInputs()}</ResidentSearchForm>
            {data.searched && data.results.length === 0 ? (
              <p>{t('workspace.booking.noResult')}</p>
            ) : null}
            <ul className="workspace-results">
              {data.results.map((found) => (
                <li key={found.id}>
                  <Link to={withCarried(`usager=${found.id}`)}>
                    {t('workspace.booking.choose', { name: found.name })}
                  </Link>
                  {found.phone ? ` · ${found.phone}` : ''}
                </li>
              ))}
              <li>
                <Link to={withCarried('usager=nouveau')}>{t('workspace.booking.newResident')}</Link>
              </li>
            </ul>
          </>
        )}
      </section>

      {data.resident || data.isNew ? (
        <section aria-labelledby="what-title">
          <h2 id="what-title">{t('workspace.booking.whatTitle')}</h2>
          {data.advisor ? (
            <p>
              {t('workspace.booking.withAdvisor', { name: data.advisor.name })} ·{' '}
              <Link
                to={`/espace/reserver?${new URLSearchParams({ usager: data.usager, ...(data.motif ? { motif: data.motif, lieu: data.lieu } : {}) }).toString()}`}
              >
                {t('workspace.booking.anyAdvisor')}
              </Link>
            </p>
          ) : null}
          <Form method="get" className="workspace-filter">
            <input type="hidden" name="usager" value={data.usager} />
            {carriedInputs(['motif', 'lieu'])}
            <div className="field">
              <label htmlFor="field-motif">{t('workspace.booking.topic')}</label>
              <select id="field-motif" name="motif" defaultValue={data.motif}>
                {data.topics.map((topic) => (
                  <option key={topic.id} value={topic.id}>
                    {topic.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-lieu">{t('workspace.booking.place')}</label>
              <select id="field-lieu" name="lieu" defaultValue={data.lieu}>
                {data.sites.map((site) => (
                  <option key={site.id} value={site.id}>
                    {site.name}
                  </option>
                ))}
                <option value={PHONE_PLACE}>{t('workspace.booking.byPhone')}</option>
              </select>
            </div>
            <button type="submit">{t('workspace.booking.showSlots')}</button>
          </Form>
        </section>
      ) : null}

      {(data.resident || data.isNew) && data.motif && data.lieu ? (
        <section aria-labelledby="slot-title">
          <h2 id="slot-title">{t('workspace.booking.slotTitle')}</h2>
          {!data.first || !data.day ? <p>{t('workspace.booking.noSlot')}</p> : null}
          <Form method="post" noValidate>
            <input type="hidden" name="usager" value={data.usager} />
            <input type="hidden" name="motif" value={data.motif} />
            <input type="hidden" name="lieu" value={data.lieu} />
            {data.advisor ? (
              <input type="hidden" name="conseiller" value={data.advisor.id} />
            ) : null}
            <input type="hidden" name="nonce" value={data.nonce} />
            <FieldGroup form={form} name="start">
              {data.first && data.day ? (
                <>
                  <Choice
                    form={form}
                    name="start"
                    type="radio"
                    value={data.first.value}
                    id="slot-first"
                    label={t('workspace.booking.firstFree', { when: data.first.when })}
                  />
                  <p>{t('workspace.booking.slotsOf', { day: data.day.label })}</p>
                  {data.slots
                    .filter((slot) => slot.value !== data.first!.value)
                    .map((slot) => (
                      <Choice
                        key={slot.value}
                        form={form}
                        name="start"
                        type="radio"
                        value={slot.value}
                        label={slot.label}
                      />
                    ))}
                  {data.day.next ? (
                    <p>
                      <Link
                        to={withResident({
                          motif: data.motif,
                          lieu: data.lieu,
                          jour: data.day.next,
                        })}
                      >
                        {t('workspace.booking.nextDay')}
                      </Link>
                    </p>
                  ) : null}
                </>
              ) : null}
              <Choice
                form={form}
                name="start"
                type="radio"
                value={WALK_IN}
                label={t('workspace.booking.walkIn')}
                hint={t('workspace.booking.walkInHint')}
              />
              <div className="workspace-walk-in">
                <TextField form={form} name="walkInDate" type="date" />
                <TextField form={form} name="walkInTime" />
                <SelectField
                  form={form}
                  name="walkInAdvisor"
                  options={[
                    ...(data.walkInAdvisor
                      ? []
                      : [{ value: '', label: t('workspace.booking.walkInAdvisorChoose') }]),
                    ...data.advisors.map((advisor) => ({ value: advisor.id, label: advisor.name })),
                  ]}
                />
                <Choice
                  form={form}
                  name="walkInConfirm"
                  label={form.field('walkInConfirm').label}
                />
              </div>
            </FieldGroup>
            {data.isNew ? (
              <fieldset>
                <legend>{t('workspace.booking.contactTitle')}</legend>
                <TextField form={form} name="firstName" />
                <TextField form={form} name="lastName" />
                <TextField form={form} name="phone" type="tel" />
                <TextField form={form} name="email" type="email" />
                <Choice form={form} name="consent" label={t('workspace.booking.consent')} />
              </fieldset>
            ) : null}
            <TextField
              form={form}
              name="note"
              hint={t('workspace.booking.noteHint')}
              multiline
              rows={2}
            />
            <button type="submit">{t('workspace.booking.submit')}</button>
          </Form>
        </section>
      ) : null}
    </div>
  )
}
