import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ChoosePasswordPage, type ChoosePasswordData } from '~/components/workspace/choose-password'
import { fixedT } from '~/i18n/i18n.server'
import { choosePassword, linkState } from '~/server/password-reset.server'

// /espace/invitation/<token>: the link of an invitation email; works once, for 7 days.
const STATUS = { UNKNOWN: 404, USED: 410, EXPIRED: 410 } as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await fixedT(request)
  const title = t('workspace.password.chooseTitle')
  const state = await linkState(params.token ?? '', 'INVITATION')
  if (!state.ok) {
    return Response.json(
      { ok: false, title, problem: state.problem } satisfies ChoosePasswordData,
      {
        status: STATUS[state.problem],
      },
    )
  }
  return Response.json({
    ok: true,
    title,
    intro: t('workspace.password.welcome', {
      firstName: state.advisor.firstName,
      email: state.advisor.email,
    }),
  } satisfies ChoosePasswordData)
}

export const meta: MetaFunction = ({ data }) => [
  { title: `${(data as ChoosePasswordData | undefined)?.title ?? ''} · Permanence` },
]

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await choosePassword(params.token ?? '', 'INVITATION', await request.formData())
  if (result.ok) return redirect('/espace/mot-de-passe?fait=1')
  if ('linkProblem' in result) {
    return Response.json({ errors: {} }, { status: STATUS[result.linkProblem] })
  }
  return Response.json({ errors: result.errors }, { status: 400 })
}

export default function AcceptInvitation() {
  const data = useLoaderData<ChoosePasswordData>()
  const actionData = useActionData<{ errors: Record<string, string> }>()
  return <ChoosePasswordPage data={data} errors={actionData?.errors ?? {}} />
}
