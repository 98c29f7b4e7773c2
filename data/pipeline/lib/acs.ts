/**
 * ACS 2018-2022 demographic columns as carried by CDC/ATSDR SVI 2022 (same names in the
 * county file and the per-state tract files). One definition shared by counties and tracts.
 */

/** Numeric parse of an SVI text cell; -999 (any value <= -999) is CDC's missing code -> NULL. */
export function sviNum(col: string): string {
	return `(CASE WHEN TRY_CAST(${col} AS DOUBLE) <= -999 THEN NULL ELSE TRY_CAST(${col} AS DOUBLE) END)`;
}

export function sviInt(col: string): string {
	return `CAST(${sviNum(col)} AS INTEGER)`;
}

/** [output column, SQL expression (alias `s`), type]. Counts INTEGER, margins of error DOUBLE. */
export function demographicColumns(s = 's'): [string, string, string][] {
	const e = (c: string) => sviInt(`${s}.${c}`);
	const m = (c: string) => sviNum(`${s}.${c}`);
	return [
		['acs_pop', e('E_TOTPOP'), 'INTEGER'],
		['acs_pop_moe', m('M_TOTPOP'), 'DOUBLE'],
		// Non-Hispanic White alone = total - minority (SVI: E_MINRTY = everyone except NH White alone).
		['nh_white', `${e('E_TOTPOP')} - ${e('E_MINRTY')}`, 'INTEGER'],
		// No MOE: see data/README.md (difference of a controlled total and an aggregate whose MOE is itself approximated).
		['nh_white_moe', 'CAST(NULL AS DOUBLE)', 'DOUBLE'],
		['nh_black', e('E_AFAM'), 'INTEGER'],
		['nh_black_moe', m('M_AFAM'), 'DOUBLE'],
		['hispanic', e('E_HISP'), 'INTEGER'],
		['hispanic_moe', m('M_HISP'), 'DOUBLE'],
		['nh_asian', e('E_ASIAN'), 'INTEGER'],
		['nh_asian_moe', m('M_ASIAN'), 'DOUBLE'],
		['nh_aian', e('E_AIAN'), 'INTEGER'],
		['nh_aian_moe', m('M_AIAN'), 'DOUBLE'],
		['nh_nhpi', e('E_NHPI'), 'INTEGER'],
		['nh_nhpi_moe', m('M_NHPI'), 'DOUBLE'],
		['nh_other_multi', `${e('E_TWOMORE')} + ${e('E_OTHERRACE')}`, 'INTEGER'],
		// Census ACS General Handbook (2020), ch. 8: MOE of a sum ~ sqrt(sum of squared MOEs).
		['nh_other_multi_moe', `round(sqrt(${m('M_TWOMORE')} ^ 2 + ${m('M_OTHERRACE')} ^ 2), 3)`, 'DOUBLE'],
		['pov150', e('E_POV150'), 'INTEGER'],
		['pov150_moe', m('M_POV150'), 'DOUBLE'],
		['uninsured', e('E_UNINSUR'), 'INTEGER'],
		['uninsured_moe', m('M_UNINSUR'), 'DOUBLE'],
		['age65', e('E_AGE65'), 'INTEGER'],
		['age65_moe', m('M_AGE65'), 'DOUBLE'],
		['households', e('E_HH'), 'INTEGER'],
		['households_moe', m('M_HH'), 'DOUBLE'],
		['no_vehicle_hh', e('E_NOVEH'), 'INTEGER'],
		['no_vehicle_hh_moe', m('M_NOVEH'), 'DOUBLE']
	];
}

/** The raw SVI columns read by demographicColumns (for the parse-failure check). */
export const SVI_SOURCE_COLUMNS = [
	'E_TOTPOP', 'M_TOTPOP', 'E_MINRTY', 'E_AFAM', 'M_AFAM', 'E_HISP', 'M_HISP', 'E_ASIAN', 'M_ASIAN',
	'E_AIAN', 'M_AIAN', 'E_NHPI', 'M_NHPI', 'E_TWOMORE', 'M_TWOMORE', 'E_OTHERRACE', 'M_OTHERRACE',
	'E_POV150', 'M_POV150', 'E_UNINSUR', 'M_UNINSUR', 'E_AGE65', 'M_AGE65', 'E_HH', 'M_HH', 'E_NOVEH', 'M_NOVEH'
];

/** SQL counting cells of `cols` in `table` that are non-empty but not numbers (must be 0). */
export function unparsedCountSql(table: string, cols: string[]): string {
	return `SELECT ${cols
		.map((c) => `count(*) FILTER (WHERE ${c} IS NOT NULL AND trim(${c}) <> '' AND TRY_CAST(${c} AS DOUBLE) IS NULL)::INTEGER AS "${c}"`)
		.join(', ')} FROM ${table}`;
}
