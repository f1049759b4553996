import type { Feed } from './feed-model';
import { rfc822, xmlText } from './xml-text';

/** RSS 2.0, with an atom:link rel="self" (the RSS Advisory Board's recommendation) and dc:creator bylines. */
export function rssXml(feed: Feed): string {
  const items = feed.entries.map((entry) =>
    [
      '<item>',
      `<title>${xmlText(entry.title)}</title>`,
      `<link>${xmlText(entry.url)}</link>`,
      `<guid isPermaLink="true">${xmlText(entry.url)}</guid>`,
      `<pubDate>${rfc822(entry.published)}</pubDate>`,
      ...(entry.authors.length > 0 ? [`<dc:creator>${xmlText(entry.authors.join(', '))}</dc:creator>`] : []),
      ...entry.categories.map((term) => `<category>${xmlText(term)}</category>`),
      `<description>${xmlText(entry.summary)}</description>`,
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    `<title>${xmlText(feed.title)}</title>`,
    `<link>${xmlText(feed.selfUrl)}</link>`,
    `<description>${xmlText(feed.description)}</description>`,
    `<atom:link href="${xmlText(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    '<generator>daily-papers-graphql</generator>',
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
