/**
 * Question: the incidence inputs of the eligibility model, per state (50 + DC + PR).
 * Reads the `states` table (data/README.md): NCI Cancer Atlas NHL and leukaemia counts and
 * age-adjusted rates 2013-2017, CDC WONDER myeloma count for ages 30+ (latest year, 2021),
 * KFF Medicaid expansion, 2020 population. Counts cast to DOUBLE so no bigint leaks.
 */
import type { Db, SqlParam } from '$lib/db/types';
import type { StateIncidenceRow } from '$lib/eligibility/model';

export interface Params {
	/** one state (2-digit FIPS) or null/absent for all */
	state_fips?: string | null;
}

export type Row = StateIncidenceRow & Record<string, unknown>;

export function sql(p: Params = {}): { sql: string; params: SqlParam[] } {
	const s = p.state_fips ?? null;
	if (s != null && !/^\d{2}$/.test(s)) throw new RangeError(`state_fips must be a 2-digit FIPS code such as "08", got "${s}"`);
	return {
		sql: `SELECT state_fips, state, state_name, medicaid_expansion, pop_2020::DOUBLE AS pop_2020,
       nhl_rate::DOUBLE AS nhl_rate, nhl_rate_lci::DOUBLE AS nhl_rate_lci, nhl_rate_uci::DOUBLE AS nhl_rate_uci,
       nhl_count_2013_2017::DOUBLE AS nhl_count_2013_2017,
       leukemia_rate::DOUBLE AS leukemia_rate, leukemia_rate_lci::DOUBLE AS leukemia_rate_lci, leukemia_rate_uci::DOUBLE AS leukemia_rate_uci,
       leukemia_count_2013_2017::DOUBLE AS leukemia_count_2013_2017,
       myeloma_year::INTEGER AS myeloma_year, myeloma_count::DOUBLE AS myeloma_count, myeloma_pop_30plus::DOUBLE AS myeloma_pop_30plus
FROM states
WHERE (CAST(? AS VARCHAR) IS NULL OR state_fips = CAST(? AS VARCHAR))
ORDER BY state_fips`,
		params: [s, s]
	};
}

export async function run(db: Db, p: Params = {}): Promise<Row[]> {
	const q = sql(p);
	return db.query<Row>(q.sql, q.params);
}

/** Every query of this module, for the schema-compilation test. */
export const ALL_QUERIES = { sql };
