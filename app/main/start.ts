import { loadConfig, type AppConfig, type Role } from '~/platform/config/config.server'
import { StartupError } from '~/platform/config/errors.server'
import { logger } from '~/platform/logging.server'

/**
 * Parses the configuration, then runs the process. Some modules read the configuration as
 * they load (cookie options), so `run` imports the app only then. A start-up problem ends
 * the process with one line after `failure`; anything unexpected with its stack.
 */
export async function start(
  role: Role,
  failure: string,
  run: (config: AppConfig) => Promise<unknown>,
) {
  try {
    const config = loadConfig(role)
    logger.level = config.logLevel
    await run(config)
  } catch (error) {
    if (error instanceof StartupError) console.error(`${failure}: ${error.message}`)
    else console.error(`${failure}: unexpected error.`, error)
    process.exit(1)
  }
}
