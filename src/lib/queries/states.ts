/** Question: the states (50 + DC + PR) with names, for region pickers and labels. */
import type { Db } from '$lib/db/types';

export interface Row extends Record<string, unknown> {
	state_fips: string;
	state: string;
	state_name: string;
	pop_2020: number;
	medicaid_expansion: boolean | null;
}

export const SQL = `SELECT state_fips, state, state_name, pop_2020::DOUBLE AS pop_2020, medicaid_expansion
FROM states ORDER BY state_name`;

export async function run(db: Db): Promise<Row[]> {
	return db.query<Row>(SQL);
}
