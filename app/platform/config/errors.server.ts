/**
 * A start-up problem the operator fixes (an environment variable, the database, the build);
 * its message is one line that says what to set or do. The entry points print it after
 * "Permanence cannot start:" and exit with code 1, without a stack.
 */
export class StartupError extends Error {
  override name = 'StartupError'
}

/** An environment variable that is missing, malformed or refused in this mode. */
export class ConfigError extends StartupError {
  override name = 'ConfigError'
}
