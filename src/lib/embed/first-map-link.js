// CAR-T Access Atlas: inline in the head of the pages with a prerendered first map (the dashboard
// and the map embed; its hash is in their CSP, see svelte.config.js), so it runs before the body is
// painted. Marks the page when its link shows that map: no parameter but those its data-keeps
// attribute lists (the map embed: its id, downloads and groups; see embed/first-embed.ts). The
// pages' styles show the prerendered map only then.
(function () {
	var me = document.currentScript;
	var keeps = ((me && me.getAttribute('data-keeps')) || '').split(',');
	var all = true;
	new URLSearchParams(location.search).forEach(function (_, k) {
		if (!k || keeps.indexOf(k) < 0) all = false;
	});
	if (all) document.documentElement.classList.add('first-map-link');
})();
