import { absoluteUrl, sendLinkMail } from '~/features/access/index.server'
import { createTranslate } from '~/i18n/translate'
import fr from '~/i18n/fr'
import type { AdvisorWarning } from './job.server'

// The email that tells a deactivated advisor their account is anonymised in 30 days, sent
// at once like the other staff emails (decision 071); one that fails is tried next run.
export const warnAdvisorByEmail: AdvisorWarning = async (advisor) => {
  const t = createTranslate(fr, 'fr')
  const sent = await sendLinkMail(t, {
    to: advisor.email,
    section: 'retention.advisorMail',
    values: { firstName: advisor.firstName },
    link: absoluteUrl('/espace/connexion'),
  })
  if (!sent) throw new Error('advisor retention warning not sent')
}
