'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS shim over CommonJS files of undici */
// The bundle's `undici`: only what source/adapters/http.ts uses (request, EnvHttpProxyAgent and
// the dispatchers they need), without undici's fetch, WebSocket, EventSource, cookies, cache
// and mocks, which its index.js loads eagerly (1.1 MB of the bundle; ~70 ms of start-up, and
// its web modules load Node's own internal undici as well). scripts/build.mjs aliases `undici`
// here; tests run the real package. `request` is undici 7.30.2's index.js `makeDispatcher(api.request)`,
// copied (MIT licence, Copyright (c) Matteo Collina and Undici contributors).
const Dispatcher = require('../node_modules/undici/lib/dispatcher/dispatcher');
const Agent = require('../node_modules/undici/lib/dispatcher/agent');
const EnvHttpProxyAgent = require('../node_modules/undici/lib/dispatcher/env-http-proxy-agent');
const { InvalidArgumentError } = require('../node_modules/undici/lib/core/errors');
const util = require('../node_modules/undici/lib/core/util');
const api = require('../node_modules/undici/lib/api');
const { getGlobalDispatcher, setGlobalDispatcher } = require('../node_modules/undici/lib/global');

Object.assign(Dispatcher.prototype, api);

function makeDispatcher(fn) {
  return (url, opts, handler) => {
    if (typeof opts === 'function') {
      handler = opts;
      opts = null;
    }
    if (!url || (typeof url !== 'string' && typeof url !== 'object' && !(url instanceof URL))) {
      throw new InvalidArgumentError('invalid url');
    }
    if (opts != null && typeof opts !== 'object') {
      throw new InvalidArgumentError('invalid opts');
    }
    if (opts && opts.path != null) {
      if (typeof opts.path !== 'string') {
        throw new InvalidArgumentError('invalid opts.path');
      }
      let path = opts.path;
      if (!opts.path.startsWith('/')) {
        path = `/${path}`;
      }
      url = new URL(util.parseOrigin(url).origin + path);
    } else {
      if (!opts) {
        opts = typeof url === 'object' ? url : {};
      }
      url = util.parseURL(url);
    }
    const { agent, dispatcher = getGlobalDispatcher() } = opts;
    if (agent) {
      throw new InvalidArgumentError('unsupported opts.agent. Did you mean opts.client?');
    }
    return fn.call(
      dispatcher,
      {
        ...opts,
        origin: url.origin,
        path: url.search ? `${url.pathname}${url.search}` : url.pathname,
        method: opts.method || (opts.body ? 'PUT' : 'GET'),
      },
      handler,
    );
  };
}

module.exports.Dispatcher = Dispatcher;
module.exports.Agent = Agent;
module.exports.EnvHttpProxyAgent = EnvHttpProxyAgent;
module.exports.setGlobalDispatcher = setGlobalDispatcher;
module.exports.getGlobalDispatcher = getGlobalDispatcher;
module.exports.request = makeDispatcher(api.request);
