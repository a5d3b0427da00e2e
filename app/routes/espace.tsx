import type { LoaderFunctionArgs } from '@remix-run/node'
import { Outlet, useLoaderData } from '@remix-run/react'
import { WorkspaceNav } from '~/components/workspace/nav'
import { requireAdvisor } from '~/features/access/auth.server'
import { reportsToDo } from '~/features/reports/index.server'

// The signed-in workspace: who is signed in, in which role, and the pages they may open.
// Every page below still checks its own permission in its loader and action; the pages of
// a signed-out person (sign-in, password links) are espace_.* routes, outside this layout.
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireAdvisor(request)
  const { advisor } = signedIn
  return {
    name: `${advisor.firstName} ${advisor.lastName}`,
    role: advisor.role,
    hasAgenda: advisor.receivesAppointments,
    // The footer links this organisation's legal pages.
    organisationSlug: signedIn.organisation.slug,
    // Null for who files no activity report (reception).
    reportsToDo: await reportsToDo(signedIn),
  }
}

export default function Workspace() {
  const { name, role, hasAgenda, reportsToDo } = useLoaderData<typeof loader>()
  return (
    <>
      <div className="workspace-bar">
        <WorkspaceNav name={name} role={role} hasAgenda={hasAgenda} reportsToDo={reportsToDo} />
      </div>
      <Outlet />
    </>
  )
}
