// `npm start`: the configuration first, then the app (app/main/start.ts).
import { start } from './start'

await start('web', 'Permanence cannot start', async (config) =>
  (await import('./web-server')).serve(config),
)
