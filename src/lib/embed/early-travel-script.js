// CAR-T Access Atlas: inline in the head of the embed pages (its hash is in their CSP, see
// svelte.config.js), so it runs before the app's scripts have loaded. A link with a what-if scenario by
// road (an add= or remove= parameter, no other method) needs the road network and the data file for its
// first chart: this starts the travel worker (data-worker), which loads the network (data-graph,
// data-snap), and the data worker (data-data-worker), which fetches the data file (data-data) and builds
// the population groups, while the page downloads and starts its scripts. The app takes both workers
// over, with the replies they had meanwhile (embed/early-travel.ts). Anything that fails here leaves
// the app to start its own. A what-if embed that the what-if tiles draw (data-tile-*) starts no worker:
// this fetches its files instead (state/whatif-first).
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
		// a what-if embed that only adds centres (points, hospitals) to the default list, at a threshold of the build-time figures
		// (data-tile-thresholds): drawn from the what-if tiles near its sites (state/whatif-first), no workers
		// needed for its first chart. (The page decides with the parsed link; a link judged otherwise here
		// only costs time: the page takes over workers it does not need, or starts those it does.)
		// Their files are fetched now: the first figures, the tiles' index, then the cells near the sites
		// (data-tile-reach: km per threshold; the page's own choice is metrics/whatif-tiles cellsFor, and it
		// fetches any cell it needs that is not here)
		var grid = (me.getAttribute('data-tile-grid') || '').split(',').map(Number);
		if (grid.length === 3 && /\/embed\/whatif\/?$/.test(location.pathname) && !q.get('remove')) {
			var items = (q.get('add') || '').split('~');
			/** @type {number[][]} */
			var sites = [];
			/** @type {string[]} hospital ids: their coordinates are in the tiles' folder, 'h' + last two digits + '.json' */
			var ids = [];
			for (var j = 0; j < items.length; j++) {
				var m = /^p:([^,]+),(.+)$/.exec(items[j]);
				var h = /^h:(\d{10})$/.exec(items[j]);
				if (m) sites.push([Number(m[1]), Number(m[2])]);
				else if (h) ids.push(h[1]);
			}
			var t = q.get('t');
			var minutes = Number(t === null ? me.getAttribute('data-tile-default') : t);
			var own = ['evidence', 'served', 'products', 'centres', 'area'].some(function (k) {
				return q.has(k);
			});
			var onGrid = (t === null || /^\d+$/.test(t)) && minutes >= grid[0] && minutes <= grid[1] && (minutes - grid[0]) % grid[2] === 0;
			if (sites.length + ids.length === items.length && !own && onGrid) {
				/** @param {string} u */
				var get = function (u) {
					var p = fetch(u).then(function (r) {
						if (!r.ok) throw new Error('HTTP ' + r.status);
						return r.arrayBuffer();
					});
					p.catch(function () {});
					return p;
				};
				var dir = url('data-tiles');
				/** @type {Record<string, Promise<ArrayBuffer>>} */
				var files = { 'index.json': get(dir + 'index.json') };
				/** @param {string} id */
				var hospitalFile = function (id) {
					return 'h' + id.slice(-2) + '.json';
				};
				for (var k = 0; k < ids.length; k++) files[hospitalFile(ids[k])] = files[hospitalFile(ids[k])] || get(dir + hospitalFile(ids[k]));
				// (a threshold the first figures do not hold: its sums are in the tiles' folder, f<minutes>.json)
				if ((me.getAttribute('data-figure-thresholds') || '').split(',').indexOf(String(minutes)) < 0) files['f' + minutes + '.json'] = get(dir + 'f' + minutes + '.json');
				var line = (me.getAttribute('data-tile-reach') || '').split(',').map(Number);
				var reach = line[0] * minutes + line[1];
				/** @type {any} */ (window).__atlasTiles = { figures: get(url('data-figures')), files: files };
				if (!(reach > 0)) return;
				/** km between two points (haversine, mean Earth radius) */
				var km = function (/** @type {number} */ a, /** @type {number} */ b, /** @type {number} */ c, /** @type {number} */ d) {
					var r = Math.PI / 180;
					var s = Math.sin(((c - a) * r) / 2);
					var u = Math.sin(((d - b) * r) / 2);
					return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(s * s + Math.cos(a * r) * Math.cos(c * r) * u * u)));
				};
				/** km from a point to a box [south, west, north, east] */
				var toBox = function (/** @type {number[]} */ x, /** @type {number[]} */ box) {
					return km(x[0], x[1], Math.min(box[2], Math.max(box[0], x[0])), Math.min(box[3], Math.max(box[1], x[1])));
				};
				/** @param {ArrayBuffer} b */
				var json = function (b) {
					return JSON.parse(new TextDecoder().decode(b));
				};
				Promise.all(
					[files['index.json']].concat(
						ids.map(function (id) {
							return files[hospitalFile(id)];
						})
					)
				)
					.then(function (b) {
						var index = json(b[0]);
						for (var i = 0; i < ids.length; i++) {
							/** @type {{ hospital_id: string; lat: number; lon: number }[]} */
							var list = json(b[i + 1]);
							for (var e = 0; e < list.length; e++) if (list[e].hospital_id === ids[i]) sites.push([list[e].lat, list[e].lon]);
						}
						var d = index.cellDeg;
						for (var k = 0; k < index.tiles.length; k++) {
							var tile = index.tiles[k];
							var ij = tile.key.split('_').map(Number);
							var cell = [ij[0] * d, ij[1] * d, (ij[0] + 1) * d, (ij[1] + 1) * d];
							for (var n = 0; n < sites.length; n++) {
								if (toBox(sites[n], cell) <= reach + index.maxSnapKm || (tile.tracts && toBox(sites[n], tile.tracts) <= reach)) {
									files['t' + tile.key + '.bin'] = get(dir + 't' + tile.key + '.bin');
									break;
								}
							}
						}
					})
					.catch(function () {});
				return;
			}
		}
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
