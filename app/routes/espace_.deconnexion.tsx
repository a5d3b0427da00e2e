import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { signOut } from '~/features/access/auth.server'

// Sign out is a POST only (a link could be followed by a prefetch or an attacker's page).
export async function loader() {
  return redirect('/espace')
}

export async function action({ request }: ActionFunctionArgs) {
  const cookie = await signOut(request)
  return redirect('/espace/connexion?deconnecte=1', { headers: { 'Set-Cookie': cookie } })
}
