import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { DEFAULT_LANGUAGE, isLanguage } from '~/i18n/config'
import { languageCookie } from '~/i18n/i18n.server'
import { safeRedirectPath } from '~/platform/http/safe-redirect'

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData()
  const requested = form.get('language')
  const language = isLanguage(requested) ? requested : DEFAULT_LANGUAGE
  return redirect(safeRedirectPath(form.get('redirectTo')), {
    status: 303,
    headers: { 'Set-Cookie': await languageCookie.serialize(language) },
  })
}

export const loader = () => redirect('/')
