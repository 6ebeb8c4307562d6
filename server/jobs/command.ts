// How a runCommand becomes a process: its first word decides (a .py file runs with python3, .sh
// with bash, .js/.mjs with node); anything else runs as `bash -c '<whole command>'`.

/** Splits a command line into words, honouring single quotes, double quotes and backslashes. */
export function splitWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) current += command[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

export interface ResolvedCommand {
  /** What the job's interpreter is, for messages. */
  interpreter: 'python3' | 'bash' | 'node';
  argv: string[];
}

/**
 * The argv to spawn. Memory is capped with an address-space limit (`ulimit -v`) where that is
 * safe; node reserves a large virtual address range up front, so it gets a heap limit instead.
 */
export function resolveCommand(command: string, memoryGiB: number): ResolvedCommand {
  const words = splitWords(command.trim());
  const first = words[0] ?? '';
  const limitKiB = Math.floor(memoryGiB * 1024 * 1024);
  const withAddressLimit = (argv: string[]) => ['bash', '-c', `ulimit -v ${limitKiB} && exec "$@"`, 'domino-job', ...argv];
  if (/\.py$/i.test(first)) return { interpreter: 'python3', argv: withAddressLimit(['python3', ...words]) };
  if (/\.sh$/i.test(first)) return { interpreter: 'bash', argv: withAddressLimit(['bash', ...words]) };
  if (/\.m?js$/i.test(first)) return { interpreter: 'node', argv: ['node', `--max-old-space-size=${Math.floor(memoryGiB * 1024)}`, ...words] };
  return { interpreter: 'bash', argv: ['bash', '-c', `ulimit -v ${limitKiB} && ${command}`] };
}
