/**
 * Great-circle distance. Mean Earth radius R1 = 6371.0088 km (IUGG; H. Moritz,
 * "Geodetic Reference System 1980", Bulletin Géodésique 54, 1980 / J. Geodesy 2000).
 */
export const EARTH_RADIUS_KM = 6371.0088;
/** International mile (exact). */
export const KM_PER_MILE = 1.609344;

const RAD = Math.PI / 180;

/** Haversine great-circle distance in km. */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
	return greatCircleKmCos(lat1, lon1, Math.cos(lat1 * RAD), lat2, lon2, Math.cos(lat2 * RAD));
}

/** `cosLat(lat)` as greatCircleKmCos expects it (precompute it for points used many times). */
export function cosLat(lat: number): number {
	return Math.cos(lat * RAD);
}

/** {@link greatCircleKm} with each latitude's cosine given (`cosLat`): the same arithmetic, the same bits. */
export function greatCircleKmCos(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number): number {
	const dLat = (lat2 - lat1) * RAD;
	const dLon = (lon2 - lon1) * RAD;
	const a = Math.sin(dLat / 2) ** 2 + cos1 * cos2 * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function isValidLatLon(lat: number, lon: number): boolean {
	return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

export function kmToMiles(km: number): number {
	return km / KM_PER_MILE;
}
