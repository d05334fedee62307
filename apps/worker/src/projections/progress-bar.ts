/**
 * A progress bar for long jobs on stderr: redrawn in place on a terminal, a line every 10% otherwise
 * (CI logs), so a person always sees that the job moves and how far it is.
 */
export function progressBar(label: string, width = 30) {
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return {
    update(done: number, total: number): void {
      const fraction = total === 0 ? 1 : Math.min(done / total, 1);
      const line = `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${(fraction * 100).toFixed(0).padStart(3)}% ${done}/${total} ${label}`;
      if (tty) {
        process.stderr.write(`\r${line}`);
      } else if (Math.floor(fraction * 10) > lastDecile) {
        lastDecile = Math.floor(fraction * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    done(): void {
      if (tty) process.stderr.write('\n');
    },
  };
}
