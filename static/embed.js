/*! CAR-T Access Atlas embed resizer (MIT). Sizes every <iframe data-car-t-atlas> on this
 * page to the height its embed reports. Protocol: src/lib/embed/README.md in the atlas
 * repository. Checks that each message comes from the iframe's own window and origin.
 * No cookies, no storage, no network requests. */
(function () {
	'use strict';
	if (window.__carTAtlasEmbed) return;
	window.__carTAtlasEmbed = true;
	var HEIGHT = 'car-t-atlas:height';
	var REQUEST = 'car-t-atlas:request-height';
	var MIN = 50;
	var MAX = 20000;

	function frames() {
		return document.querySelectorAll('iframe[data-car-t-atlas]');
	}
	function originOf(frame) {
		try {
			return new URL(frame.src, location.href).origin;
		} catch (e) {
			return null;
		}
	}

	window.addEventListener('message', function (event) {
		var d = event.data;
		if (!d || typeof d !== 'object' || d.type !== HEIGHT) return;
		if (typeof d.height !== 'number' || !isFinite(d.height) || d.height < MIN || d.height > MAX) return;
		var list = frames();
		for (var i = 0; i < list.length; i++) {
			var f = list[i];
			if (f.contentWindow !== event.source) continue;
			if (originOf(f) !== event.origin) return;
			if (d.id && f.id && d.id !== f.id) return;
			f.style.height = Math.ceil(d.height) + 'px';
			f.setAttribute('height', String(Math.ceil(d.height)));
			f.setAttribute('data-car-t-atlas-sized', '1');
			return;
		}
	});

	// an embed may have reported before this script ran: ask each one again
	function ask() {
		var list = frames();
		for (var i = 0; i < list.length; i++) {
			var f = list[i];
			// '*': the request carries nothing, and a frame still on about:blank would reject its own origin
			if (f.contentWindow) f.contentWindow.postMessage({ type: REQUEST }, '*');
		}
	}
	ask();
	if (document.readyState !== 'complete') window.addEventListener('load', ask);
})();
