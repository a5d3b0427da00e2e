import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ChoosePasswordPage } from '~/features/access/choose-password'
import type { ChoosePasswordData } from '~/features/access/page-data'
import type { FormReply } from '~/domain/input/problems'
import {
  choosePasswordFromForm,
  choosePasswordPageData,
} from '~/features/access/password-reset.server'

// /espace/mot-de-passe/<token>: the link of a reset email; works once, for one hour.
export function loader({ request, params }: LoaderFunctionArgs) {
  return choosePasswordPageData(request, params.token ?? '', 'PASSWORD_RESET', {
    titleKey: 'workspace.password.resetTitle',
    intro: (t, advisor) => t('workspace.password.resetIntro', { email: advisor.email }),
  })
}

export const meta: MetaFunction = ({ data }) => [
  { title: `${(data as ChoosePasswordData | undefined)?.title ?? ''} · Permanence` },
]

export function action({ request, params }: ActionFunctionArgs) {
  return choosePasswordFromForm(request, params.token ?? '', 'PASSWORD_RESET')
}

export default function ResetPassword() {
  const data = useLoaderData<ChoosePasswordData>()
  const reply = useActionData<FormReply | null>()
  return <ChoosePasswordPage data={data} reply={reply} />
}
