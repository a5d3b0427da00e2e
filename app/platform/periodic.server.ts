// Work the worker does at a pace of its own beside sending the outbox (the earlier-slot
// scan). Every instance runs it: a job must be safe to run in several processes at once.

export type PeriodicJob = {
  name: string
  everyMs: number
  run: () => Promise<unknown>
}

/**
 * Runs the job now, then `everyMs` after each run ends, so one process never runs it
 * twice at once. `stop` waits for a run in progress.
 */
export function startPeriodic(job: PeriodicJob, onError: (error: unknown) => void) {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let running: Promise<void> | null = null
  const tick = () => {
    running = job
      .run()
      .then(() => undefined, onError)
      .finally(() => {
        running = null
        if (!stopped) timer = setTimeout(tick, job.everyMs)
      })
  }
  tick()
  return {
    stop: async () => {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
