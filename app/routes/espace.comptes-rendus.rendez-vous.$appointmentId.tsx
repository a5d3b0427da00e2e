import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { reportPage, submitReport, type ReportFormData } from '~/features/reports/pages.server'
import { ReportPage } from '~/features/reports/report-form'

// /espace/comptes-rendus/rendez-vous/<id>: the activity report of an honoured appointment,
// pre-filled; filed, or changed by its advisor or an admin.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  reportPage(request, 'appointment', params.appointmentId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  submitReport(request, 'appointment', params.appointmentId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function AppointmentReport() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ReportFormData | undefined
  return <ReportPage data={data} actionData={actionData} />
}
