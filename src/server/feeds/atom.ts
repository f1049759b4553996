import type { Feed } from './feed-model';
import { rfc3339, xmlText } from './xml-text';

/** Atom 1.0 (RFC 4287). Entries without a byline inherit the feed-level author, as the RFC requires one. */
export function atomXml(feed: Feed): string {
  const entries = feed.entries.map((entry) =>
    [
      '<entry>',
      `<id>${xmlText(entry.url)}</id>`,
      `<title type="text">${xmlText(entry.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlText(entry.url)}"/>`,
      `<published>${rfc3339(entry.published)}</published>`,
      `<updated>${rfc3339(entry.updated)}</updated>`,
      ...entry.authors.map((name) => `<author><name>${xmlText(name)}</name></author>`),
      ...entry.categories.map((term) => `<category term="${xmlText(term)}"/>`),
      `<summary type="text">${xmlText(entry.summary)}</summary>`,
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `<id>${xmlText(feed.selfUrl)}</id>`,
    `<title type="text">${xmlText(feed.title)}</title>`,
    `<subtitle type="text">${xmlText(feed.description)}</subtitle>`,
    `<link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>`,
    `<updated>${rfc3339(feed.updated)}</updated>`,
    '<author><name>Daily Papers</name></author>',
    '<generator>daily-papers-graphql</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
