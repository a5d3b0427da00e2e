import { feedResponse } from '~/features/open-data/feeds.server'
import { db } from '~/platform/database/client.server'

// /donnees/lieux.json: every published site of the instance in LaMednum's standard of
// digital mediation places (decision 088). Public: no sign-in.
export const loader = () => feedResponse(db(), 'json')
