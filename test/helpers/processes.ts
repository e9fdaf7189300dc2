/** Processes for the lock's tests: a live one, and a real zombie (Linux). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const children: Array<ReturnType<typeof spawn>> = [];

/** Ends the processes started here (call in afterEach). */
export function killChildren(): void {
  for (const child of children.splice(0)) child.kill('SIGKILL');
}

/** A live process, for as long as the test runs. */
export function liveProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/**
 * A real zombie: a shell starts `sleep 0` in the background, then becomes `sleep 30` (exec), which
 * never reaps it. Resolves with the zombie's pid once /proc shows it ended.
 */
export async function zombie(): Promise<number> {
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(parent);
  const line = await new Promise<string>((resolve) => createInterface({ input: parent.stdout! }).once('line', resolve));
  const pid = Number(line);
  for (let i = 0; i < 200; i++) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return pid;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`pid ${pid} never became a zombie`);
}
