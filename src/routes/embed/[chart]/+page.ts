import { error } from '@sveltejs/kit';
import { EMBED_CHARTS, isEmbedChart } from '$lib/embed/params';
import type { EntryGenerator, PageLoad } from './$types';

export const prerender = true;

/** Every embeddable chart is prerendered; its state comes from the URL in the browser. */
export const entries: EntryGenerator = () => EMBED_CHARTS.map((chart) => ({ chart }));

export const load: PageLoad = ({ params, data }) => {
	if (!isEmbedChart(params.chart)) error(404, `No embeddable chart "${params.chart}": use ${EMBED_CHARTS.join(', ')}.`);
	return { ...data, chart: params.chart };
};
