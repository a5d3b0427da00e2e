import { loadConfig } from '~/platform/config/config.server'
import { logger } from '~/platform/logging.server'

// Each test file is a process of its own (vitest forks): it loads the configuration at
// start as an entry point does, from the test environment (NODE_ENV=test: the demo mode,
// logs silent). Tests that need other settings load them again (tests/support/config.ts).
logger.level = loadConfig('task').logLevel
