import { Form } from '@remix-run/react'
import { useTranslation } from '~/i18n/use-translation'

/** A plain form, so switching works without JavaScript; the server sets the cookie. */
export function LanguageSwitch({ redirectTo }: { redirectTo: string }) {
  const { t } = useTranslation()
  return (
    <Form method="post" action="/language" className="language-switch" reloadDocument>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <input type="hidden" name="language" value={t('language.switchToLang')} />
      <button type="submit" lang={t('language.switchToLang')}>
        {t('language.switchTo')}
      </button>
    </Form>
  )
}
