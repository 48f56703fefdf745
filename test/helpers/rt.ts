import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const RT_SERVER = '/usr/share/request-tracker5/libexec/rt-server';
const RT_LIB = '/usr/share/request-tracker5/lib';
// dbconfig-common leaves a freshly initialised database here; every run starts from a copy of it.
const TEMPLATE_DB = '/var/lib/dbconfig-common/sqlite3/request-tracker5/rtdb';
const PASSWORD = 'kefu-test-root';

/** A throwaway Request Tracker on 127.0.0.1, with its own copy of the database. */
export interface TestRt {
  /** The base URL, without `/REST/2.0`. */
  url: string;
  /** An auth token for root, made in this copy. */
  token: string;
  user: 'root';
  password: string;
  /** Calls RT's REST 2 API as root, for tests that read back what arrived. */
  api(path: string, init?: RequestInit): Promise<unknown>;
  stop(): Promise<void>;
}

/** A global scrip *On Correspond* that signs and posts the ticket's subject, as the README says. */
export interface CorrespondHook {
  /** Where it posts: the relay's `{endpoint}/hooks/{connector name}`. */
  url: string;
  /** The `kefu` scheme's shared secret. */
  secret: string;
}

/** The scrip's commit code: the README's Perl, with this hook's address and secret. */
function hookCode(hook: CorrespondHook): string {
  const quote = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  return [
    'use LWP::UserAgent; use JSON (); use Digest::SHA ();',
    `my ($url, $secret) = (${quote(hook.url)}, ${quote(hook.secret)});`,
    'my $t = time;',
    'my $body = JSON::encode_json({ subject => $self->TicketObj->Subject });',
    'my $signature = Digest::SHA::hmac_sha256_hex("$t.$body", $secret);',
    'my $res = LWP::UserAgent->new(timeout => 10)->post($url,',
    "  'Content-Type' => 'application/json', 'Kefu-Signature' => \"t=$t,v1=$signature\",",
    '  Content => $body);',
    "RT->Logger->error('kefu hook: ' . $res->status_line) unless $res->is_success;",
    'return 1;',
  ].join('\n');
}

/**
 * Starts Debian's `rt-server` (standalone, SQLite) on a free loopback port. Its configuration is
 * ours alone: `RT_SITE_CONFIG` and an empty `RT_SITE_CONFIG_DIR` keep the system's files (which
 * point at the shared template database) out. Throws, never skips, when RT is not installed.
 */
export async function startTestRt(
  options: { correspondHook?: CorrespondHook } = {},
): Promise<TestRt> {
  if (!existsSync(RT_SERVER) || !existsSync(TEMPLATE_DB)) {
    throw new Error(
      `Request Tracker 5 is not installed (no ${RT_SERVER} or ${TEMPLATE_DB}); run test/helpers/install-rt.sh (.ci/run installs it).`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'kefu-rt-'));
  const port = await freePort();
  mkdirSync(join(dir, 'conf.d'));
  copyFileSync(TEMPLATE_DB, join(dir, 'rtdb'));
  writeFileSync(
    join(dir, 'site.pm'),
    [
      "Set($rtname, 'kefu.test');",
      `Set($DatabaseType, 'SQLite'); Set($DatabaseName, '${join(dir, 'rtdb')}');`,
      `Set($WebPath, ''); Set($WebDomain, '127.0.0.1'); Set($WebPort, ${port});`,
      // No mail leaves a test: outgoing mail goes to files in the temp dir.
      `Set($MailCommand, 'testfile'); Set($LogToSTDERR, 'error'); Set($LogToSyslog, undef); Set($LogDir, '${dir}');`,
      // RT checks the auth token with bcrypt on every REST call; at its default cost (12) that is
      // about 250 ms per call here, which would dominate every test. Real installs pay it.
      'Set($BcryptCost, 4);',
      '1;',
    ].join('\n'),
  );
  const env = {
    ...process.env,
    RT_SITE_CONFIG: join(dir, 'site.pm'),
    RT_SITE_CONFIG_DIR: join(dir, 'conf.d'),
    TMPDIR: dir,
  };
  const token = execFileSync(
    'perl',
    [
      `-I${RT_LIB}`,
      '-MRT',
      '-e',
      'RT::LoadConfig(); RT::Init(); my $u = RT::User->new(RT->SystemUser); $u->Load("root") or die "no root"; my ($ok, $m) = $u->SetPassword($ARGV[0]); die $m unless $ok; my $t = RT::AuthToken->new(RT->SystemUser); my ($id, $msg, $auth) = $t->Create(Owner => $u->Id, Description => "kefu tests"); die $msg unless $id; if (length $ARGV[1]) { my $s = RT::Scrip->new(RT->SystemUser); my ($sid, $why) = $s->Create(Description => "kefu hook", ScripCondition => "On Correspond", ScripAction => "User Defined", Template => "Blank", CustomPrepareCode => "return 1;", CustomCommitCode => $ARGV[1]); die $why unless $sid; } print $auth;',
      PASSWORD,
      options.correspondHook ? hookCode(options.correspondHook) : '',
    ],
    { env, encoding: 'utf8', timeout: 30_000 },
  ).trim();
  const child: ChildProcess = spawn(RT_SERVER, ['--port', String(port)], {
    env,
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on(
    'data',
    (chunk: Buffer) => void (stderr = (stderr + String(chunk)).slice(-4000)),
  );
  const url = `http://127.0.0.1:${port}`;
  const api = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${url}/REST/2.0${path}`, {
      ...init,
      headers: {
        Authorization: `token ${token}`,
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
    if (!response.ok) throw new Error(`RT ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // Bounded: rt-server compiles its Mason templates on start, a few seconds on a small machine.
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${url}/REST/2.0/queues/all`, {
      headers: { Authorization: `token ${token}` },
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, token, user: 'root', password: PASSWORD, api, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`rt-server did not answer on ${url} within 30 s. Its log: ${stderr}`);
}
