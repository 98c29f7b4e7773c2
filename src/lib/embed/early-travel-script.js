// CAR-T Access Atlas: inline in the head of the embed pages (its hash is in their CSP, see
// svelte.config.js), so it runs before the app's scripts have loaded. A link with a what-if scenario by
// road (an add= or remove= parameter, no other method) needs the road network and the data file for its
// first chart: this starts the travel worker (data-worker), which loads the network (data-graph,
// data-snap), and the data worker (data-data-worker), which fetches the data file (data-data) and builds
// the population groups, while the page downloads and starts its scripts. The app takes both workers
// over, with the replies they had meanwhile (embed/early-travel.ts). Anything that fails here leaves
// the app to start its own.
(function () {
	try {
		var me = document.currentScript;
		var q = new URLSearchParams(location.search);
		var method = q.get('method');
		if (!(q.get('add') || q.get('remove')) || (method !== null && method !== 'road') || !me || typeof Worker === 'undefined') return;
		/** @param {string} k */
		var url = function (k) {
			// (absolute: a worker reads a relative URL from its own script's folder)
			return new URL((me && me.getAttribute(k)) || '', location.href).href;
		};
		/**
		 * A worker started from a small bootstrap (a blob, allowed by the CSP's worker-src) that downloads
		 * `files` at once, then loads the worker's own script, which takes the downloads over
		 * (workers/prefetch.ts). Started from its script, a worker began ~0.3 s later: its script waited
		 * behind the page's. Where a blob worker is refused: from its script.
		 * @param {string} script the attribute naming the worker's script
		 * @param {string[]} files absolute URLs
		 * @param {string} name
		 */
		var spawn = function (script, files, name) {
			var src = url(script);
			try {
				var json = JSON.stringify;
				var boot = 'var p=self.__atlasPrefetch={};';
				for (var i = 0; i < files.length; i++) {
					var f = json(files[i]);
					boot += 'p[' + f + ']=fetch(' + f + ').then(function(r){if(!r.ok)throw new Error("HTTP "+r.status);return r.arrayBuffer()});p[' + f + '].catch(function(){});';
				}
				boot += 'importScripts(' + json(src) + ');';
				return new Worker(URL.createObjectURL(new Blob([boot], { type: 'text/javascript' })), { name: name });
			} catch (e) {
				return new Worker(src, { name: name });
			}
		};
		/**
		 * @param {string} script
		 * @param {string[]} files
		 * @param {string} name
		 * @param {object} request
		 */
		var start = function (script, files, name, request) {
			/** @type {{ worker: Worker; replies: unknown[]; error: string | null }} */
			var w = { worker: spawn(script, files, name), replies: [], error: null };
			w.worker.onmessage = function (e) {
				w.replies.push(e.data);
			};
			w.worker.onerror = function (e) {
				w.error = e.message || 'The ' + name + ' worker failed to start.';
			};
			w.worker.postMessage(request);
			return w;
		};
		var roads = { url: url('data-graph'), snapUrl: url('data-snap') };
		var travel = Object.assign(start('data-worker', [roads.url], 'travel', { type: 'load-roads', id: 0, url: roads.url, snapUrl: roads.snapUrl }), { roads: roads });
		var dataUrl = url('data-data');
		var data = Object.assign(start('data-data-worker', [dataUrl], 'data', { url: dataUrl }), { url: dataUrl });
		/** @type {any} */ (window).__atlasEarly = { travel: travel, data: data };
		performance.mark('atlas:early-travel');
	} catch (e) {
		// (the app starts its own workers)
	}
})();
