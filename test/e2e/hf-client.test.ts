import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listFeedSources } from '../../src/import/feed-sources';
import { runImport } from '../../src/import/run-import';
import { startTestServer, type TestServer } from '../support/test-server';

// The bar: an existing huggingface_hub client, pointed at this server, works unchanged.
// This drives the real Python client (the wheel this machine image keeps in /opt/pypi/files,
// installed into a scratch venv without a network) and checks what it parsed.

const WHEELS = '/opt/pypi/files';
const VENV = join(tmpdir(), 'daily-papers-hf-client-venv');

function pythonWithHfHub(): string | null {
  const python = join(VENV, 'bin', 'python');
  const works = (bin: string) => {
    try {
      execFileSync(bin, ['-c', 'import huggingface_hub'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (existsSync(python) && works(python)) return python;
  const wheel = existsSync(WHEELS) ? readdirSync(WHEELS).find((name) => /^huggingface_hub-1\.\d+\.\d+-py3-none-any\.whl$/.test(name)) : undefined;
  if (!wheel) return null;
  try {
    execFileSync('python3', ['-m', 'venv', VENV], { stdio: 'ignore' });
    execFileSync(join(VENV, 'bin', 'pip'), ['install', '--quiet', '--no-index', '--find-links', WHEELS, join(WHEELS, wheel)], {
      stdio: 'ignore',
      timeout: 240_000,
    });
  } catch {
    return null;
  }
  return works(python) ? python : null;
}

const SCRIPT = `
import json, sys
from huggingface_hub import HfApi
from huggingface_hub.errors import HfHubHTTPError
api = HfApi(endpoint=sys.argv[1])
iso = lambda d: d.isoformat() if d else None
daily = [dict(id=p.id, title=p.title, authors=[a.name for a in p.authors], upvotes=p.upvotes, submitted_at=iso(p.submitted_at), published_at=iso(p.published_at), comments=p.comments, submitted_by=p.submitted_by and p.submitted_by.username)
         for p in api.list_daily_papers(date="2025-01-15")]
info = api.paper_info("hep-th/9901001")
found = [p.id for p in api.list_papers(query="lightning attention")]
try:
    api.paper_info("2401.99999")
    missing = None
except HfHubHTTPError as error:
    missing = error.response.status_code
print(json.dumps(dict(daily=daily, info=dict(id=info.id, title=info.title, authors=[a.name for a in info.authors]), found=found, missing=missing)))
`;

const python = pythonWithHfHub();
const describeWithClient = python ? describe : (name: string, fn: () => void) => describe.skip(`${name} [skipped: no huggingface_hub wheel in ${WHEELS}]`, fn);

describeWithClient('the huggingface_hub Python client against this server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await runImport(server.database.db, await listFeedSources(join(__dirname, '../fixtures/hf-daily-papers.json')));
  }, 300_000);
  afterAll(() => server?.close());

  it('lists a day, reads a paper, searches and gets 404 for an unknown paper, unchanged', async () => {
    // Asynchronously: the server answering the client runs in this process.
    const { stdout } = await promisify(execFile)(python!, ['-c', SCRIPT, server.url], { encoding: 'utf8', timeout: 120_000 });
    const output = JSON.parse(stdout);
    expect(output.daily).toEqual([
      {
        id: '2501.08313',
        title: 'MiniMax-01: Scaling Foundation Models with Lightning Attention',
        authors: ['Zoë Ångström', '张伟', 'Łukasz Wróblewski', 'José Núñez-García', 'Wei Zhang', 'Wei Zhang'],
        upvotes: 42,
        submitted_at: '2025-01-15T01:23:45.678000+00:00',
        published_at: '2025-01-14T18:58:03+00:00',
        comments: 3,
        submitted_by: 'akhaliq',
      },
    ]);
    expect(output.info).toMatchObject({ id: 'hep-th/9901001', authors: ['Juan Martín Maldacena'] });
    expect(output.found[0]).toBe('2501.08313');
    expect(output.missing).toBe(404);
  });
});
