import { loadConfig } from '~/platform/config/config.server'
import { logger } from '~/platform/logging.server'

// Before each test file (files share their worker process: `isolate: false`, decision
// 089) the configuration is loaded as an entry point does, from the test environment
// (NODE_ENV=test: the demo mode, logs silent). Tests that need other settings load them
// again (tests/support/config.ts).
logger.level = loadConfig('task').logLevel
