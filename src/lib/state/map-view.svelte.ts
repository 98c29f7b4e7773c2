/**
 * State of the national map view: the engine boot, the centre filter (mirrored
 * in the URL), and the query results the map and summary are drawn from.
 */
import type { Db } from '$lib/db/types';
import type { Atlas } from '$lib/geo/atlas';
import type { CentreFilter } from '$lib/queries/centre-filter';
import * as countyDistance from '$lib/queries/county-distance';
import * as centres from '$lib/queries/centres';
import { beyondThreshold } from '$lib/metrics/shares';
import { Resource } from './resource.svelte';

export interface MapData {
	rows: countyDistance.Row[];
	centres: centres.Row[];
}

/** Rows counted in national figures: the 50 states and DC (see PR_NOTE). */
export function isNational(r: { county_fips: string }): boolean {
	return r.county_fips.slice(0, 2) !== '72';
}

export class MapView {
	filter = $state<CentreFilter>({ evidence: ['strong', 'moderate'], served: [] });
	notices = $state<string[]>([]);
	boot = $state<{ message: string; fraction: number } | null>({ message: 'Starting', fraction: 0 });
	bootError = $state<string | undefined>(undefined);
	atlas = new Resource<Atlas>({ isEmpty: () => false });
	data = new Resource<MapData>({ isEmpty: (d) => d.centres.length === 0 });
	listCounts = $state<{ total: number; strong: number; moderate: number; weak: number } | undefined>(undefined);
	db: Db | undefined;

	summary = $derived.by(() => {
		const d = this.data.value;
		if (!d) return undefined;
		const rows = d.rows.filter(isNational).map((r) => ({ weight: r.pop_2020, value: r.miles }));
		return {
			beyond60: beyondThreshold(rows, 60),
			beyond120: beyondThreshold(rows, 120),
			centres: d.centres.length
		};
	});

	async refresh() {
		const db = this.db;
		if (!db) return;
		const filter = $state.snapshot(this.filter);
		await this.data.load(async () => {
			const [rows, cs] = await Promise.all([countyDistance.run(db, { filter }), centres.run(db, { filter })]);
			return { rows, centres: cs };
		});
	}
}
