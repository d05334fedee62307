import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../deploy/demo/demo-loader.js';

/**
 * The real worker (projectors, relay) as a process of its own, as in production, configured by this
 * process's environment (DATABASE_URL, WORKER_PORT, FEED_TOPIC_PREFIX…): the benchmark's own load must not
 * slow its event loop.
 */
export async function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/apps/worker/src/main.js')], {
    cwd: REPO_ROOT,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker exited at start with ${child.exitCode}`);
    const live = await fetch(`http://127.0.0.1:${process.env.WORKER_PORT}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (live) return child;
    if (Date.now() > deadline) throw new Error('the worker did not start within 60 s');
    await sleep(200);
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

const sleep = (ms: number) =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
