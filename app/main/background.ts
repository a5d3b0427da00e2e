import type { AppConfig } from '~/platform/config/config.server'
import type { Db } from '~/platform/database/client.server'
import { startNotificationWorker, type RunningWorker } from '~/features/notifications/index.server'
import { expireHolds } from '~/features/workshops/index.server'
import { scanEarlierSlots } from '~/features/alerts/index.server'
import { runRetention, warnAdvisorByEmail } from '~/features/retention/index.server'
import { tallyStatistics } from '~/features/statistics/index.server'
import { captureError } from '~/platform/error-reporting.server'
import { logger } from '~/platform/logging.server'

// What runs beside the web requests, in the web process or alone (`npm run worker`): the
// notification worker, and the periodic tasks whose outcome is itself outbox rows (an
// expired hold passes the seat on and writes the next offer; an earlier time free writes
// the alerts of the requests it suits). Every task is a conditional
// update, so two workers running them at once do each piece once.

type Task = { name: string; run: (now: Date) => Promise<unknown> }

export type BackgroundWork = { worker: RunningWorker; stop: () => Promise<void> }

export async function startBackgroundWork(db: Db, config: AppConfig): Promise<BackgroundWork> {
  const worker = await startNotificationWorker(db, config, logger)
  let stopping = false
  const tasks: Task[] = [
    { name: 'expire seat holds', run: (now) => expireHolds(db, now) },
    { name: 'earlier-slot alerts', run: (now) => scanEarlierSlots(db, now) },
    // The days written since the last tick, counted again for the instance's figures.
    {
      name: 'statistics tallies',
      run: (now) =>
        tallyStatistics(db, { owner: worker.dispatcher.owner, now, stopping: () => stopping }),
    },
    // Daily: the first tick of each UTC day claims the run; the others find it claimed.
    {
      name: 'retention',
      run: async (now) => {
        const outcome = await runRetention(db, {
          now,
          owner: worker.dispatcher.owner,
          stopping: () => stopping,
          warnAdvisor: warnAdvisorByEmail,
        })
        if (outcome.ran) logger.info({ counts: outcome.counts }, 'retention run done')
      },
    },
  ]
  let running: Promise<unknown> = Promise.resolve()
  const tick = () => {
    running = running.then(() =>
      Promise.all(
        tasks.map((task) =>
          task.run(new Date()).catch((error: unknown) => {
            logger.error({ err: error, task: task.name }, 'background task failed')
            captureError(error, { task: task.name })
          }),
        ),
      ),
    )
  }
  const timer = setInterval(tick, config.tasksEverySeconds * 1_000)
  timer.unref()
  return {
    worker,
    stop: async () => {
      stopping = true
      clearInterval(timer)
      await running
      await worker.stop()
    },
  }
}
