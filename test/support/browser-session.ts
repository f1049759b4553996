// A scripted browser over fetch: a cookie jar shared by every origin on 127.0.0.1 (as browsers
// share cookies across ports), manual redirects, and the few HTML form reads the sign-in and
// consent pages need. It plays the person in the OAuth tests; the app is a real separate process.

export interface BrowserResponse {
  readonly status: number;
  readonly url: string;
  readonly location: string | null;
  readonly text: string;
}

export class BrowserSession {
  readonly cookies = new Map<string, string>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<BrowserResponse> {
    const headers: Record<string, string> = { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form) : undefined,
      redirect: 'manual',
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    return { status: response.status, url, location: location ? new URL(location, url).href : null, text: await response.text() };
  }

  /** Follows redirects until a page answers. */
  async follow(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<BrowserResponse> {
    let response = await this.request(url, init);
    for (let hops = 0; response.location && hops < 10; hops += 1) response = await this.request(response.location);
    return response;
  }
}

/** The hidden and named inputs of the first form on a page, with its action. */
export function formOf(html: string, base: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error(`no form in page:\n${html.slice(0, 2000)}`);
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[input[1]] = unescapeHtml(input[2]);
  return { action: new URL(unescapeHtml(form[1]), base).href, fields };
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}
