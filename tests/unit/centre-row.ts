/** A row of the atlas's centre list for tests of the dashboard's state (a strong-evidence Denver programme unless placed elsewhere). */
import type { Row } from '../../src/lib/queries/all-centres';

export function centreRow(id: string, lat = 39.7, lon = -105): Row {
	return {
		centre_id: id,
		name: `Centre ${id}`,
		city: 'Denver',
		state: 'CO',
		state_fips: '08',
		county_fips: '08031',
		lat,
		lon,
		evidence_strength: 'strong',
		population_served: 'both',
		products: [],
		source_url: 'https://example.org',
		source_date: '2025-01-01',
		geocode_precision: 'hifld'
	};
}
