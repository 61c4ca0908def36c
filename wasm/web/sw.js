// The service worker of partnerkit's forms: after the first visit, the
// page loads and works with no network. It keeps the page's own files in
// a cache and answers each request for them from the network when it
// can (so a new version is seen at once), else from the cache. Nothing
// else goes through it: the register's API (/v1/…) is always the
// network's.
"use strict";

const CACHE = "partnerkit-forms-v2";
const FILES = ["./", "style.css", "boot.js", "main.js", "wasm_exec.js", "partnerkit.wasm", "manifest.webmanifest", "icon.svg", "icon-192.png", "icon-512.png"];
const scope = new URL(self.registration.scope);

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith("partnerkit-forms-") && key !== CACHE) {
        await caches.delete(key);
      }
    }
    // No clients.claim(): the page that installed the worker goes on
    // without it, and the next load is the worker's. (Claiming an open
    // page made Chromium drop clicks on it now and then.)
  })());
});

// key is the cache's name for a request, or "" for one left alone: the
// page itself (any query, index.html) is "./".
function key(request) {
  if (request.method !== "GET") {
    return "";
  }
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) {
    return "";
  }
  const name = url.pathname.slice(scope.pathname.length);
  if (name === "" || name === "index.html") {
    return "./";
  }
  return FILES.includes(name) && !url.search ? name : "";
}

self.addEventListener("fetch", (event) => {
  const name = key(event.request);
  if (!name) {
    return;
  }
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(event.request);
      if (response.ok && response.type === "basic") {
        await cache.put(new URL(name, scope).href, response.clone());
      }
      return response;
    } catch (offline) {
      const kept = await cache.match(new URL(name, scope).href, { ignoreVary: true });
      if (kept) {
        return kept;
      }
      throw offline;
    }
  })());
});
