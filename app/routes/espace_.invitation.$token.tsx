import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ChoosePasswordPage } from '~/features/access/choose-password'
import type { ChoosePasswordData } from '~/features/access/page-data'
import type { FormReply } from '~/domain/input/problems'
import {
  choosePasswordFromForm,
  choosePasswordPageData,
} from '~/features/access/password-reset.server'

// /espace/invitation/<token>: the link of an invitation email; works once, for 7 days.
export function loader({ request, params }: LoaderFunctionArgs) {
  return choosePasswordPageData(request, params.token ?? '', 'INVITATION', {
    titleKey: 'workspace.password.chooseTitle',
    intro: (t, advisor) =>
      t('workspace.password.welcome', { firstName: advisor.firstName, email: advisor.email }),
  })
}

export const meta: MetaFunction = ({ data }) => [
  { title: `${(data as ChoosePasswordData | undefined)?.title ?? ''} · Permanence` },
]

export function action({ request, params }: ActionFunctionArgs) {
  return choosePasswordFromForm(request, params.token ?? '', 'INVITATION')
}

export default function AcceptInvitation() {
  const data = useLoaderData<ChoosePasswordData>()
  const reply = useActionData<FormReply | null>()
  return <ChoosePasswordPage data={data} reply={reply} />
}
