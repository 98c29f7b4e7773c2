// CAR-T Access Atlas, map embed: inline in the page's head (its hash is in the page's CSP, see
// svelte.config.js), so it runs before the body is painted. Marks the page when its link draws the
// prerendered default map: no parameter but the embed's id, its downloads and its groups (see
// embed/first-embed.ts). The page's styles show that map only then.
(function () {
	var keeps = ['id', 'downloads', 'groups'];
	var all = true;
	new URLSearchParams(location.search).forEach(function (_, k) {
		if (keeps.indexOf(k) < 0) all = false;
	});
	if (all) document.documentElement.classList.add('first-map-link');
})();
