/**
 * Starting and watching the servers the benchmark talks to: the built
 * standalone Drydock server (exactly what the container runs) and the
 * baselines. Output goes to files under bench/out/, not the terminal.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'

export interface RunningServer {
  url: string
  pid: number
  /** Milliseconds from spawning the process to the first 200 from its ready URL. */
  startMs: number
  stop(): Promise<void>
}

export async function waitForOk(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode}) before it was ready`)
    try {
      const response = await fetch(url)
      if (response.status === 200) return
      await response.arrayBuffer()
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export async function startServer(options: {
  command: string
  args: string[]
  cwd: string
  env: NodeJS.ProcessEnv
  port: number
  readyPath: string
  logFile: string
}): Promise<RunningServer> {
  const log = openSync(options.logFile, 'a')
  const started = performance.now()
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
  })
  const url = `http://127.0.0.1:${options.port}`
  try {
    await waitForOk(`${url}${options.readyPath}`, 60_000, child)
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${error instanceof Error ? error.message : String(error)}; see ${options.logFile}`)
  }
  const startMs = performance.now() - started
  return {
    url,
    pid: child.pid ?? -1,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

/** Resident memory of a process and everything it started, in bytes (Linux /proc). */
export function residentBytes(pid: number): number {
  const children = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(path.join('/proc', entry, 'stat'), 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)])
    } catch {
      // Gone meanwhile.
    }
  }
  let total = 0
  const visit = (id: number) => {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8')
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
      total += kb * 1024
    } catch {
      return
    }
    for (const child of children.get(id) ?? []) visit(child)
  }
  visit(pid)
  return total
}
