// CAR-T Access Atlas: inline in the head of the embed pages (its hash is in their CSP, see
// svelte.config.js), so it runs before the app's scripts have loaded. A link with a what-if scenario by
// road (an add= or remove= parameter, no other method) needs the road network for its first chart: this
// starts the travel worker (data-worker) at once and has it load the network (data-graph, data-snap),
// while the page downloads and starts its scripts. The app takes the worker over, with the replies it
// had meanwhile (embed/early-travel.ts). Anything that fails here leaves the app to start its own.
(function () {
	try {
		var me = document.currentScript;
		var q = new URLSearchParams(location.search);
		var method = q.get('method');
		if (!(q.get('add') || q.get('remove')) || (method !== null && method !== 'road') || !me || typeof Worker === 'undefined') return;
		// (absolute: the worker reads a relative URL from its own script's folder)
		var graph = new URL(me.getAttribute('data-graph') || '', location.href).href;
		var snap = new URL(me.getAttribute('data-snap') || '', location.href).href;
		/** @type {{ worker: Worker; roads: { url: string; snapUrl: string }; replies: unknown[]; error: string | null }} */
		var early = { worker: new Worker(me.getAttribute('data-worker') || '', { name: 'travel' }), roads: { url: graph, snapUrl: snap }, replies: [], error: null };
		early.worker.onmessage = function (e) {
			early.replies.push(e.data);
		};
		early.worker.onerror = function (e) {
			early.error = e.message || 'The travel worker failed to start.';
		};
		early.worker.postMessage({ type: 'load-roads', id: 0, url: graph, snapUrl: snap });
		/** @type {any} */ (window).__atlasEarlyTravel = early;
		performance.mark('atlas:early-travel');
	} catch (e) {
		// (the app starts its own worker)
	}
})();
