import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, type Db } from '../../src/db/client';
import { migrate } from '../../src/db/migrate';
import { useCompiledApp } from '../support/compiled-app';
import { runNode } from '../support/child-process';
import { paper, seedPapers } from '../support/seed';
import { ENGINES } from '../support/services';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// `npm run digest` itself, as cron runs it: the compiled CLI in its own process, against a real
// SMTP server that offers STARTTLS and requires AUTH, as docs/digest.md configures one
// (`SMTP_URL=smtp://user:password@host:587`). The certificate is made for this test and trusted
// by the CLI through NODE_EXTRA_CA_CERTS, so TLS is verified, not switched off.
const compiled = useCompiledApp('digest-cli');

function makeCertificate(dir: string): { key: string; cert: string; certFile: string } {
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}

describe.each(ENGINES)('npm run digest on %s', (engine) => {
  let sink: SmtpSink;
  let certFile: string;
  let database: TestDatabase | null = null;
  let env: Record<string, string>;
  const USER = 'digest@papers.test';
  const PASS = 'app password';

  beforeAll(async () => {
    const tls = makeCertificate(compiled.work);
    certFile = tls.certFile;
    sink = await startSmtpSink({ tls: { key: tls.key, cert: tls.cert }, auth: { user: USER, pass: PASS } });
    const seed = async (db: Db) => {
      await seedPapers(db, [paper('2512.00001', '2025-12-11', 7, 'Sent by the CLI', ['Ada One'])]);
      await db.prisma.digestSubscription.create({ data: { email: 'reader@example.org', frequency: 'DAILY', status: 'confirmed', confirmedAt: new Date() } });
    };
    if (engine === 'postgres') {
      database = await createTestDatabase('postgres');
      await seed(database.db);
      env = { DATABASE_URL: database.url! };
    } else {
      const dataDir = mkdtempSync(join(compiled.work, 'data-'));
      const db = await createDb({ dataDir });
      try {
        await migrate(db);
        await seed(db);
      } finally {
        await db.close();
      }
      env = { DATA_DIR: dataDir };
    }
  }, 120_000);
  afterAll(async () => {
    await sink?.close();
    await database?.close();
  });

  const smtpUrl = (pass: string) => `${sink.url.replace('smtp://', `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(pass)}@`)}`;
  const digest = (pass: string) =>
    runNode(
      compiled.app().entry('cli/digest'),
      ['--frequency', 'daily', '--date', '2025-12-11'],
      {
        ...env,
        SMTP_URL: smtpUrl(pass),
        NODE_EXTRA_CA_CERTS: certFile,
        PUBLIC_BASE_URL: 'http://papers.test',
      },
      120_000,
    );

  it('reports a refused login as a failed delivery and exits non-zero; nothing is delivered', async () => {
    const run = await digest('wrong password');
    expect(run.code).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(/535|auth/i);
    expect(sink.messages).toHaveLength(0);
  });

  it('sends the digest over STARTTLS after AUTH, and a second run for the day sends nothing new', async () => {
    const run = await digest(PASS);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.not.stringMatching(/error|fail/i) });
    expect(run.stdout).toContain('digest daily:2025-12-11: 1 sent, 0 skipped, 0 failed');
    const [mail] = await sink.waitFor(1);
    expect(mail).toMatchObject({ to: ['reader@example.org'], secure: true, user: USER });
    expect(mail.text).toContain('Sent by the CLI');

    const again = await digest(PASS);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 sent, 1 skipped, 0 failed');
    expect(sink.messages).toHaveLength(1);
  });
});
