import type { ConfirmationMail } from '../services/digest-subscription.service';
import type { SignInMail } from '../services/sign-in.service';
import type { DigestPeriod } from './period';
import type { DigestPaper } from './top-papers';

/** A message before addressing: both parts carry the same content. */
export interface ComposedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface LinkBase {
  /** Origin of the public site, without a trailing slash. */
  readonly publicBaseUrl: string;
}

export const confirmUrl = (base: LinkBase, token: string) => `${base.publicBaseUrl}/digest/confirm?token=${encodeURIComponent(token)}`;
export const unsubscribeUrl = (base: LinkBase, token: string) => `${base.publicBaseUrl}/digest/unsubscribe?token=${encodeURIComponent(token)}`;
export const paperUrl = (base: LinkBase, id: string) => `${base.publicBaseUrl}/papers/${encodeURIComponent(id)}`;
export const arxivUrl = (id: string) => `https://arxiv.org/abs/${id}`;

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

// Only http(s) links from the feed become hrefs; anything else (javascript:, data:) is dropped.
export function safeHttpUrl(text: string | null): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function unsubscribeHeaders(url: string): Record<string, string> {
  // RFC 2369 + RFC 8058: mail clients show an "Unsubscribe" button that POSTs without a page visit.
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:auto;line-height:1.4">${body}</body></html>`;
}

export function composeDigest(base: LinkBase, period: DigestPeriod, papers: readonly DigestPaper[], unsubscribeToken: string): ComposedMail {
  const unsubscribe = unsubscribeUrl(base, unsubscribeToken);
  const subject = `Top papers, ${period.label}`;
  const intro =
    papers.length === 0
      ? 'No papers were featured in this period.'
      : `The ${papers.length} most upvoted papers featured ${period.frequency === 'DAILY' ? 'on' : 'in'} ${period.label}.`;
  const textItems = papers.map((paper, index) =>
    [
      `${index + 1}. ${paper.title}`,
      `   ${paper.authors.join(', ') || 'Authors not listed'}`,
      `   ${paper.upvoteCount} upvote${paper.upvoteCount === 1 ? '' : 's'}`,
      `   Paper: ${paperUrl(base, paper.id)}`,
      `   arXiv: ${arxivUrl(paper.id)}`,
      ...(safeHttpUrl(paper.githubRepo) ? [`   Code:  ${safeHttpUrl(paper.githubRepo)}`] : []),
    ].join('\n'),
  );
  const text = [subject, '', intro, '', ...textItems.flatMap((item) => [item, '']), `Unsubscribe: ${unsubscribe}`, ''].join('\n');
  const htmlItems = papers.map((paper) => {
    const code = safeHttpUrl(paper.githubRepo);
    return (
      `<li style="margin-bottom:1em"><a href="${escapeHtml(paperUrl(base, paper.id))}"><strong>${escapeHtml(paper.title)}</strong></a><br>` +
      `${escapeHtml(paper.authors.join(', ') || 'Authors not listed')}<br>` +
      `${paper.upvoteCount} upvote${paper.upvoteCount === 1 ? '' : 's'} · <a href="${escapeHtml(arxivUrl(paper.id))}">arXiv</a>` +
      `${code ? ` · <a href="${escapeHtml(code)}">Code</a>` : ''}</li>`
    );
  });
  const html = page(
    subject,
    `<h1 style="font-size:1.3em">${escapeHtml(subject)}</h1><p>${escapeHtml(intro)}</p>` +
      (htmlItems.length > 0 ? `<ol>${htmlItems.join('')}</ol>` : '') +
      `<p style="font-size:.85em;color:#555">You receive this because you subscribed to the ${period.frequency.toLowerCase()} digest. ` +
      `<a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(unsubscribe) };
}

export function composeConfirmation(base: LinkBase, mail: ConfirmationMail): ComposedMail {
  const confirm = confirmUrl(base, mail.confirmToken);
  const unsubscribe = unsubscribeUrl(base, mail.unsubscribeToken);
  const frequency = mail.frequency === 'DAILY' ? 'daily' : 'weekly';
  const expires = mail.expiresAt.toISOString().replace('T', ' ').slice(0, 16);
  const subject = `Confirm your ${frequency} papers digest`;
  const text = [
    `Someone, hopefully you, asked to receive the ${frequency} digest of top research papers at this address.`,
    '',
    `Confirm: ${confirm}`,
    '',
    `The link works once, until ${expires} UTC. If you did not ask for this, ignore this message: nothing will be sent.`,
    `Cancel this request: ${unsubscribe}`,
    '',
  ].join('\n');
  const html = page(
    subject,
    `<p>Someone, hopefully you, asked to receive the ${frequency} digest of top research papers at this address.</p>` +
      `<p><a href="${escapeHtml(confirm)}"><strong>Confirm the subscription</strong></a></p>` +
      `<p>The link works once, until ${escapeHtml(expires)} UTC. If you did not ask for this, ignore this message: nothing will be sent.</p>` +
      `<p style="font-size:.85em"><a href="${escapeHtml(unsubscribe)}">Cancel this request</a></p>`,
  );
  return { subject, text, html, headers: unsubscribeHeaders(unsubscribe) };
}

export const signInUrl = (base: LinkBase, token: string) => `${base.publicBaseUrl}/signin?token=${encodeURIComponent(token)}`;

export function composeSignIn(base: LinkBase, mail: SignInMail): ComposedMail {
  const link = signInUrl(base, mail.token);
  const minutes = Math.max(1, Math.round((mail.expiresAt.getTime() - Date.now()) / 60_000));
  const subject = 'Your Daily Papers sign-in link';
  const text = [
    'Someone, hopefully you, asked to sign in to Daily Papers with this address.',
    '',
    `Sign in: ${link}`,
    '',
    `The link works once, for ${minutes} minutes. If you did not ask for it, ignore this message: nobody can sign in without it.`,
    '',
  ].join('\n');
  const html = page(
    subject,
    '<p>Someone, hopefully you, asked to sign in to Daily Papers with this address.</p>' +
      `<p><a href="${escapeHtml(link)}"><strong>Sign in</strong></a></p>` +
      `<p>The link works once, for ${minutes} minutes. If you did not ask for it, ignore this message: nobody can sign in without it.</p>`,
  );
  return { subject, text, html, headers: {} };
}
