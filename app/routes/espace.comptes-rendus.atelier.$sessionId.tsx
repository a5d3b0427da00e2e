import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { reportPage, submitReport, type ReportFormData } from '~/features/reports/pages.server'
import { ReportPage } from '~/features/reports/report-form'

// /espace/comptes-rendus/atelier/<id>: the activity report of a workshop session that was held,
// pre-filled; filed, or changed by its advisor or an admin.
export const loader = ({ request, params }: LoaderFunctionArgs) =>
  reportPage(request, 'session', params.sessionId)

export const action = ({ request, params }: ActionFunctionArgs) =>
  submitReport(request, 'session', params.sessionId)

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ''} · Permanence` },
]

export default function SessionReport() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ReportFormData | undefined
  return <ReportPage data={data} actionData={actionData} />
}
