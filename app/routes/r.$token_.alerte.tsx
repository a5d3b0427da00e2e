import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { db } from '~/platform/database/client.server'
import { parseForm } from '~/platform/forms.server'
import {
  alertChoiceForm,
  askForAppointment,
  stopForAppointment,
} from '~/features/alerts/index.server'
import { requireManagedAppointment } from '~/features/manage/pages.server'
import { LinkNotFoundBoundary } from '~/components/link-not-found'
import { withoutHydration } from '~/components/enhancement'

export const handle = withoutHydration

// The manage page's earlier-slot button, one step: ask for alerts, or stop them. Back on
// the manage page, which says what became of it.

export async function loader({ params, request }: LoaderFunctionArgs) {
  await requireManagedAppointment(params.token, request)
  throw redirect(`/r/${params.token}`)
}

export const ErrorBoundary = LinkNotFoundBoundary

export async function action({ params, request }: ActionFunctionArgs) {
  const appointment = await requireManagedAppointment(params.token, request)
  const manage = `/r/${params.token}`
  const parsed = parseForm(await request.formData(), alertChoiceForm)
  if (!parsed.ok) return redirect(manage, { status: 303 })
  const resident = { kind: 'RESIDENT' } as const
  if (parsed.value.alert === 'stop') {
    const stopped = await stopForAppointment(db(), appointment.id, resident)
    return redirect(stopped ? `${manage}?alerte-arretee=1` : manage, { status: 303 })
  }
  const asked = await askForAppointment(db(), appointment.id, resident, new Date())
  return redirect(asked.ok ? `${manage}?alerte=1` : manage, { status: 303 })
}
