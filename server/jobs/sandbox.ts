// The job sandbox: every job runs under bubblewrap (docs/decisions/0008-job-sandbox.md) as an
// unprivileged user in namespaces of its own — no capabilities, its own PID, IPC, UTS and network
// namespaces, the system's /usr read-only, its work directory as the only writable place, and
// nothing of the data dir. The one way out is the run's API proxy on localhost:8899, relayed to
// the server over a Unix socket with the run's own key.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type SandboxMode = 'bwrap' | 'unsandboxed' | 'unavailable';

export interface SandboxStatus {
  mode: SandboxMode;
  /** What is wrong and how to fix it, when jobs do not run sandboxed. */
  hint?: string;
}

/** A host path mounted into the sandbox (datasets fill this list). */
export interface SandboxMount {
  hostPath: string;
  sandboxPath: string;
  readOnly: boolean;
}

export interface SandboxSpec {
  /** The job's work directory on the host: mounted at WORK_DIR, the only writable place. */
  workTree: string;
  /** A host directory of the job's own, outside the work tree, for the generated passwd and group. */
  jobDir: string;
  /** The Unix socket the run's API relay listens on; none for an environment build, which has no API. */
  apiSocket?: string;
  /** Size of the /tmp tmpfs: the tier's memory. */
  tmpBytes: number;
  mounts: readonly SandboxMount[];
}

/** Where the work tree is inside the sandbox, as Domino mounts a run's files. */
export const WORK_DIR = '/mnt';
export const SANDBOX_UID = 65534;
export const API_PROXY_PORT = 8899;
export const API_PROXY_URL = `http://localhost:${API_PROXY_PORT}`;
const API_SOCKET_IN_SANDBOX = '/run/domino/api.sock';

export const INSTALL_HINT =
  'Jobs run in a bubblewrap sandbox. Install it with `sudo apt-get install bubblewrap` (Debian and Ubuntu; elsewhere, the bubblewrap package), then restart the server. To run jobs without any isolation instead (only on a machine you alone use), set DOMINO_UNSANDBOXED_JOBS=1.';

const ETC_FILES = ['hosts', 'resolv.conf', 'nsswitch.conf', 'ssl', 'ca-certificates', 'alternatives', 'ld.so.cache', 'localtime'];

/** `/bin`, `/lib`, ... as the host has them: symlinks into /usr on a merged-/usr system, else read-only binds. */
function rootLinks(): string[] {
  const args: string[] = [];
  for (const name of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const hostPath = `/${name}`;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(hostPath);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) args.push('--symlink', fs.readlinkSync(hostPath), hostPath);
    else if (stat.isDirectory()) args.push('--ro-bind', hostPath, hostPath);
  }
  return args;
}

/** Node's installation, when it is not the system's (nvm, a tarball): bound read-only where it is. */
export function nodeInstallDir(): string | undefined {
  const dir = path.dirname(path.dirname(fs.realpathSync(process.execPath)));
  return dir === '/usr' || dir.startsWith('/usr/') ? undefined : dir;
}

/** PATH inside the sandbox: the system's interpreters, and Node's own directory when it is elsewhere. */
let pathInSandbox: string | undefined;

export function sandboxPath(): string {
  if (pathInSandbox) return pathInSandbox;
  const nodeDir = nodeInstallDir();
  return (pathInSandbox = [...(nodeDir ? [path.join(nodeDir, 'bin')] : []), '/usr/local/bin', '/usr/bin', '/bin'].join(':'));
}

/** Where an environment revision's directory is inside the sandbox: writable for its build's RUN lines, read-only for its jobs. */
export const ENVIRONMENT_DIR_IN_SANDBOX = '/opt/domino/environment';

/** PATH for a process that uses an environment revision: its directory's bin/ first, then the sandbox's own. */
export function pathWithEnvironment(envDir: string): string {
  return `${path.join(envDir, 'bin')}:${envDir}:${sandboxPath()}`;
}

/** The namespaces, identity and capabilities every sandboxed process gets. */
const ISOLATION = [
  '--unshare-user',
  '--uid',
  String(SANDBOX_UID),
  '--gid',
  String(SANDBOX_UID),
  '--cap-drop',
  'ALL',
  '--unshare-pid',
  '--unshare-ipc',
  '--unshare-uts',
  '--unshare-net',
  '--hostname',
  'domino-run',
  '--die-with-parent',
  // No nested user namespaces: they would widen what the kernel exposes to a job.
  '--disable-userns',
];

let systemBindArgs: string[] | undefined;

/** The binds of the system every job gets; the same for the life of the process, so made once. */
function systemBinds(): string[] {
  if (systemBindArgs) return systemBindArgs;
  const args = ['--ro-bind', '/usr', '/usr', ...rootLinks()];
  for (const name of ETC_FILES) args.push('--ro-bind-try', `/etc/${name}`, `/etc/${name}`);
  const nodeDir = nodeInstallDir();
  if (nodeDir) args.push('--ro-bind', nodeDir, nodeDir);
  return (systemBindArgs = args);
}

/**
 * The run's API proxy inside the sandbox: listens on 127.0.0.1:8899 *before* it runs the command
 * (so a job's first request never races it), then relays each connection to the run's Unix
 * socket. Perl with its builtins only (no modules: `perl -e 1` starts in ~3 ms, far less than
 * socat's libraries take to load), double-forked so the relay is no child of the job's command
 * (a job waiting for its children does not wait for it). Arguments: port, socket path, command.
 */
const RELAY_THEN_EXEC = String.raw`my ($port, $path) = (shift, shift);
socket(L, 2, 1, 6) or die "domino-relay: socket: $!\n";
setsockopt(L, 1, 2, pack('l', 1));
bind(L, pack('S n C4 x8', 2, $port, 127, 0, 0, 1)) or die "domino-relay: bind: $!\n";
listen(L, 128) or die "domino-relay: listen: $!\n";
defined(my $pid = fork()) or die "domino-relay: fork: $!\n";
if ($pid == 0) {
  fork() and exit 0;
  $SIG{CHLD} = 'IGNORE';
  open(STDIN, '<', '/dev/null'); open(STDOUT, '>', '/dev/null'); open(STDERR, '>', '/dev/null');
  for (;;) {
    accept(C, L) or next;
    my $child = fork();
    if (defined $child && $child == 0) {
      close L;
      socket(U, 1, 1, 0) or exit 1;
      connect(U, pack('S Z108', 1, $path)) or exit 1;
      my %peer = (fileno(C) => [\*C, \*U], fileno(U) => [\*U, \*C]);
      my %open = (fileno(C) => 1, fileno(U) => 1);
      while (%open) {
        my $want = '';
        vec($want, $_, 1) = 1 for keys %open;
        next if select(my $ready = $want, undef, undef, undef) < 0;
        for my $fd (keys %open) {
          next unless vec($ready, $fd, 1);
          my ($from, $to) = @{$peer{$fd}};
          my $got = sysread($from, my $buf, 65536);
          if (!$got) { delete $open{$fd}; shutdown($to, 1); next; }
          for (my $off = 0; $off < $got; ) { my $w = syswrite($to, $buf, $got - $off, $off); exit 0 unless $w; $off += $w; }
        }
      }
      exit 0;
    }
    close C;
  }
}
waitpid($pid, 0);
close L;
exec { $ARGV[0] } @ARGV;
print STDERR "$ARGV[0]: not found\n";
exit 127;
`;

/** The files the sandbox's identity needs: a passwd and group entry for the job's user. */
function writeIdentityFiles(jobDir: string): { passwd: string; group: string } {
  const passwd = path.join(jobDir, 'passwd');
  const group = path.join(jobDir, 'group');
  fs.writeFileSync(passwd, `domino:x:${SANDBOX_UID}:${SANDBOX_UID}:Domino run:${WORK_DIR}:/bin/bash\n`);
  fs.writeFileSync(group, `domino:x:${SANDBOX_UID}:\n`);
  return { passwd, group };
}

/**
 * The command line that runs `argv` in the sandbox. The job's environment is not on it (command
 * lines are readable by everyone in /proc/<pid>/cmdline): the caller passes it as spawn's env.
 * `--info-fd 3` reports the namespace's first process, by which the job's processes are found.
 */
export function sandboxedCommand(spec: SandboxSpec, argv: readonly string[]): string[] {
  const identity = writeIdentityFiles(spec.jobDir);
  const mounts = spec.mounts.flatMap((m) => [m.readOnly ? '--ro-bind' : '--bind', m.hostPath, m.sandboxPath]);
  return [
    'nice',
    '-n',
    '10',
    'bwrap',
    ...ISOLATION,
    ...systemBinds(),
    '--ro-bind',
    identity.passwd,
    '/etc/passwd',
    '--ro-bind',
    identity.group,
    '/etc/group',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--size',
    String(spec.tmpBytes),
    '--tmpfs',
    '/tmp',
    '--bind',
    spec.workTree,
    WORK_DIR,
    ...(spec.apiSocket ? ['--bind', spec.apiSocket, API_SOCKET_IN_SANDBOX] : []),
    ...mounts,
    // The sandbox's own root is a tmpfs: read-only once every mount point is made in it.
    '--remount-ro',
    '/',
    '--chdir',
    WORK_DIR,
    '--info-fd',
    '3',
    '--',
    ...(spec.apiSocket ? ['perl', '-e', RELAY_THEN_EXEC, String(API_PROXY_PORT), API_SOCKET_IN_SANDBOX] : []),
    ...argv,
  ];
}

/** The command line of an unsandboxed job (DOMINO_UNSANDBOXED_JOBS=1): the same priority, no isolation. */
export function unsandboxedCommand(argv: readonly string[]): string[] {
  return ['nice', '-n', '10', ...argv];
}

let probed: SandboxStatus | undefined;

/**
 * Whether jobs can run sandboxed here, found by running the real sandbox once (per process: it is
 * a property of the machine). Without it jobs end in Error, unless DOMINO_UNSANDBOXED_JOBS=1.
 */
export function sandboxStatus(env: NodeJS.ProcessEnv = process.env): SandboxStatus {
  probed ??= probe();
  if (probed.mode === 'bwrap') return probed;
  if (env.DOMINO_UNSANDBOXED_JOBS === '1') return { mode: 'unsandboxed', hint: `Jobs run without a sandbox (DOMINO_UNSANDBOXED_JOBS=1): ${probed.hint}` };
  return probed;
}

function probe(): SandboxStatus {
  if (process.platform !== 'linux') return { mode: 'unavailable', hint: `The job sandbox needs Linux (this is ${process.platform}). ${INSTALL_HINT}` };
  const check = spawnSync(
    'bwrap',
    [
      ...ISOLATION,
      ...systemBinds(),
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--size',
      '1048576',
      '--tmpfs',
      '/tmp',
      '--remount-ro',
      '/',
      '--',
      'bash',
      '-c',
      'command -v perl >/dev/null || exit 42',
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 10_000,
      encoding: 'utf8',
    },
  );
  if (check.error) {
    const reason =
      (check.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'bubblewrap (bwrap) is not installed' : `bwrap could not start (${check.error.message})`;
    return { mode: 'unavailable', hint: `${reason}. ${INSTALL_HINT}` };
  }
  if (check.status === 42)
    return { mode: 'unavailable', hint: `perl is not installed (the sandbox's API relay needs it; every Debian and Ubuntu system has it). ${INSTALL_HINT}` };
  if (check.status !== 0) {
    const said = (check.stderr ?? '').trim().split('\n').pop() ?? '';
    return { mode: 'unavailable', hint: `bwrap failed here${said ? ` (${said})` : ''}; user namespaces may be disabled. ${INSTALL_HINT}` };
  }
  return { mode: 'bwrap' };
}
