// Loaded before GraphQL Playground's bundle, from this server only.
//
// 1. Endpoints: the page is rendered once with relative endpoints; the real ones are this page's
//    own origin (http → ws, https → wss), so the page works behind any host name or proxy.
// 2. Subscriptions: Playground 1.7 speaks the retired subscriptions-transport-ws protocol
//    (subprotocol "graphql-ws"); this server speaks graphql-ws ("graphql-transport-ws"). A socket
//    opened with the old subprotocol is bridged to the new one, message by message.
(function () {
  'use strict';
  var NativeWebSocket = window.WebSocket;
  var LEGACY = 'graphql-ws';
  var MODERN = 'graphql-transport-ws';

  function wantsLegacy(protocols) {
    return protocols === LEGACY || (Array.isArray(protocols) && protocols.indexOf(LEGACY) !== -1);
  }

  // HTTP header names are case-insensitive; connection_init payload keys are not.
  function lowerCaseKeys(object) {
    var result = {};
    Object.keys(object || {}).forEach(function (key) {
      result[key.toLowerCase()] = object[key];
    });
    return result;
  }

  class LegacyProtocolSocket extends EventTarget {
    constructor(url) {
      super();
      this.url = String(url);
      this.protocol = LEGACY;
      this.onopen = null;
      this.onclose = null;
      this.onerror = null;
      this.onmessage = null;
      // The old protocol lets a client start operations before connection_ack; the new one closes
      // the socket (4401) if it does. Hold them until the server has acknowledged.
      this._acknowledged = false;
      this._pending = [];
      var self = this;
      var socket = new NativeWebSocket(url, MODERN);
      this._socket = socket;
      socket.onopen = function () {
        self._emit(new Event('open'));
      };
      socket.onerror = function () {
        self._emit(new Event('error'));
      };
      socket.onclose = function (event) {
        self._emit(new CloseEvent('close', { code: event.code, reason: event.reason, wasClean: event.wasClean }));
      };
      socket.onmessage = function (event) {
        self._fromServer(JSON.parse(event.data));
      };
    }

    get readyState() {
      return this._socket.readyState;
    }

    get bufferedAmount() {
      return this._socket.bufferedAmount;
    }

    send(data) {
      var message = JSON.parse(data);
      switch (message.type) {
        case 'connection_init':
          return this._toServer({ type: 'connection_init', payload: lowerCaseKeys(message.payload) });
        case 'start':
          return this._toServer({ type: 'subscribe', id: String(message.id), payload: message.payload });
        case 'stop':
          return this._toServer({ type: 'complete', id: String(message.id) });
        case 'connection_terminate':
          return this._socket.close(1000, 'Normal Closure');
        default:
          return undefined;
      }
    }

    close(code, reason) {
      this._socket.close(code, reason);
    }

    _toServer(message) {
      if (!this._acknowledged && message.type !== 'connection_init' && message.type !== 'pong') {
        this._pending.push(message);
        return;
      }
      this._socket.send(JSON.stringify(message));
    }

    _fromServer(message) {
      switch (message.type) {
        case 'connection_ack':
          this._acknowledged = true;
          this._pending.splice(0).forEach(this._toServer, this);
          return this._deliver({ type: 'connection_ack' });
        case 'ping':
          return this._toServer({ type: 'pong' });
        case 'next':
          return this._deliver({ type: 'data', id: message.id, payload: message.payload });
        case 'error':
          // The new protocol ends an operation with its errors; the old one shows them as a result.
          this._deliver({ type: 'data', id: message.id, payload: { errors: message.payload } });
          return this._deliver({ type: 'complete', id: message.id });
        case 'complete':
          return this._deliver({ type: 'complete', id: message.id });
        default:
          return undefined;
      }
    }

    _deliver(message) {
      this._emit(new MessageEvent('message', { data: JSON.stringify(message) }));
    }

    _emit(event) {
      var handler = this['on' + event.type];
      if (typeof handler === 'function') handler.call(this, event);
      this.dispatchEvent(event);
    }
  }

  function BridgedWebSocket(url, protocols) {
    if (wantsLegacy(protocols)) return new LegacyProtocolSocket(url);
    return protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
  }
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (name) {
    BridgedWebSocket[name] = NativeWebSocket[name];
    LegacyProtocolSocket[name] = NativeWebSocket[name];
  });
  BridgedWebSocket.prototype = NativeWebSocket.prototype;
  window.WebSocket = BridgedWebSocket;

  document.addEventListener('DOMContentLoaded', function () {
    var element = document.getElementById('playground-config');
    if (!element) return;
    var config = JSON.parse(element.textContent);
    var http = window.location.origin + config.endpoint;
    var ws = (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + config.endpoint;
    config.endpoint = http;
    config.subscriptionEndpoint = ws;
    (config.tabs || []).forEach(function (tab) {
      tab.endpoint = http;
    });
    element.textContent = JSON.stringify(config);
  });
})();
