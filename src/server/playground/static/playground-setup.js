// GraphQL Playground's own script, served by this server and run before the GraphiQL bundle.
//
// 1. Endpoints: the page names a relative path; queries and mutations go to this page's own
//    origin over HTTP, subscriptions to the same path over ws:// (wss:// behind HTTPS), so the
//    page works behind any host name or proxy.
// 2. The fetcher: HTTP POST with the tab's headers, and graphql-ws for subscriptions with the same
//    headers as connection_init payload (keys lower-cased, as HTTP header names are
//    case-insensitive): that is where this server reads `authorization` on a websocket.
// 3. Monaco's workers load from this server, not from blob: URLs.
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('playground-config').textContent);
  var httpUrl = new URL(config.endpoint, window.location.href).toString();
  var wsUrl = httpUrl.replace(/^http/, 'ws');

  window.MonacoEnvironment = {
    globalAPI: true,
    getWorkerUrl: function (_moduleId, label) {
      return config.workers[label] || config.workers.editorWorkerService;
    },
  };

  function lowerCaseKeys(object) {
    var result = {};
    Object.keys(object || {}).forEach(function (key) {
      result[key.toLowerCase()] = object[key];
    });
    return result;
  }

  // The operation to run, read from the text sent (GraphiQL's parsed document can lag behind a tab
  // switch by a moment): its type and the name to send, or no name when the text has one operation.
  function chooseOperation(params) {
    var text = params.query.replace(/"""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|#[^\n]*/g, ' ');
    var topLevel = '';
    var depth = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c === '{' || c === '(') depth++;
      topLevel += depth === 0 ? c : ' ';
      if (c === '}' || c === ')') depth--;
    }
    var operations = [];
    var pattern = /(^|[\s}])(query|mutation|subscription)\b\s*([_A-Za-z][_0-9A-Za-z]*)?|(^|})\s*(?=\{)/g;
    var match;
    while ((match = pattern.exec(topLevel))) operations.push({ type: match[2] || 'query', name: match[3] });
    if (operations.length === 0) operations.push({ type: 'query' });
    var named = operations.filter(function (operation) {
      return operation.name && operation.name === params.operationName;
    })[0];
    var chosen = named || operations[0];
    return { type: chosen.type, name: operations.length > 1 ? chosen.name : undefined };
  }

  // One websocket client per distinct set of headers: a connection authenticates once, at
  // connection_init. Lazy: the socket opens with the first subscription and closes after the last.
  var clients = {};
  function websocketClient(headers) {
    var key = JSON.stringify(headers);
    if (!clients[key]) clients[key] = window.graphqlWs.createClient({ url: wsUrl, connectionParams: headers, lazy: true, retryAttempts: 0 });
    return clients[key];
  }

  function fetcher(params, options) {
    var headers = lowerCaseKeys(options && options.headers);
    var operation = chooseOperation(params);
    var request = { query: params.query, variables: params.variables || undefined, operationName: operation.name };
    if (operation.type === 'subscription') return websocketClient(headers).iterate(request);
    return fetch(httpUrl, {
      method: 'POST',
      credentials: 'omit',
      headers: Object.assign({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }, headers),
      body: JSON.stringify(request),
    }).then(function (response) {
      return response.json().catch(function () {
        return { errors: [{ message: 'HTTP ' + response.status + ': the server did not answer in JSON.' }] };
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    window.YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), {
      title: config.title,
      logo: '',
      fetcher: fetcher,
      // The example tabs open on a first visit; afterwards GraphiQL restores the visitor's own tabs.
      defaultTabs: config.tabs.map(function (tab) {
        return { query: tab.query, variables: tab.variables, headers: tab.headers ? JSON.stringify(tab.headers, null, 2) : undefined };
      }),
      // No welcome tab pushed onto restored tabs, and no ?query= in the address bar (a GET with
      // ?query= is a GraphQL request here, so reloading such a page would not show the Playground).
      initialQuery: undefined,
      onEditQuery: function () {},
      // Tokens typed into the headers editor stay in the page, not in the browser's storage.
      shouldPersistHeaders: false,
    });
  });
})();
