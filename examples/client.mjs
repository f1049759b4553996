#!/usr/bin/env node
// A small client of the Daily Papers API: the newest day's feed, then (with a token) an upvote of
// its top paper while a subscription watches that paper's count. Plain JavaScript, runs from a
// clone with nothing but `npm install`:
//
//   node examples/client.mjs                                  # the feed, against localhost:4000
//   DAILY_PAPERS_TOKEN=dpat_… node examples/client.mjs       # also upvote and watch it live
//   GRAPHQL_URL=https://papers.example/graphql node examples/client.mjs
/* global console, process, fetch, setTimeout, clearTimeout */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const url = process.env.GRAPHQL_URL ?? 'http://localhost:4000/graphql';
const token = process.env.DAILY_PAPERS_TOKEN;

async function graphql(query, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((error) => `${error.extensions?.code}: ${error.message}`).join('; '));
  return body.data;
}

const { days } = await graphql(`
  {
    days(first: 1) {
      nodes {
        date
        paperCount
        papers(first: 5) {
          nodes {
            arxivId
            title
            upvoteCount
            viewerHasUpvoted
            authors {
              name
            }
          }
        }
      }
    }
  }
`);
const day = days.nodes[0];
if (!day) {
  console.log('No papers yet: import a feed (npm run import -- <file>) and try again.');
  process.exit(0);
}
console.log(`${day.date}: ${day.paperCount} papers`);
for (const paper of day.papers.nodes) {
  console.log(
    `  ${String(paper.upvoteCount).padStart(4)} ▲  ${paper.arxivId}  ${paper.title} (${paper.authors
      .map((a) => a.name)
      .slice(0, 3)
      .join(', ')})`,
  );
}
if (!token) {
  console.log('Set DAILY_PAPERS_TOKEN (npm run users -- create <handle>) to upvote.');
  process.exit(0);
}

// Upvote the top paper (or take the upvote back, on a second run) while subscribed to its count:
// the new count also arrives over the websocket.
const top = day.papers.nodes[0];
const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` } });
const event = new Promise((resolve, reject) => {
  const timer = setTimeout(() => resolve('nothing within 10 s'), 10_000);
  ws.subscribe(
    { query: 'subscription ($id: ID!) { paperUpvoted(paperId: $id) { upvoteCount } }', variables: { id: top.arxivId } },
    { next: (result) => (clearTimeout(timer), resolve(result.data.paperUpvoted.upvoteCount)), error: reject, complete: () => {} },
  );
});
// One round trip on the same socket gives the subscription time to start listening before the count changes.
await new Promise((resolve, reject) => ws.subscribe({ query: '{ __typename }' }, { next: () => {}, error: reject, complete: resolve }));
const change = top.viewerHasUpvoted ? 'removeUpvote' : 'upvotePaper';
const data = await graphql(`mutation ($id: ID!) { ${change}(input: { paperId: $id }) { paper { upvoteCount viewerHasUpvoted } } }`, { id: top.arxivId });
const { paper } = data[change];
console.log(`${paper.viewerHasUpvoted ? 'Upvoted' : 'Took back the upvote of'} ${top.arxivId}: ${paper.upvoteCount} upvotes`);
console.log(`Live: paperUpvoted says ${await event}`);
await ws.dispose();
