/** The specimens of docs/mrz-rules.md, section 8 (all check digits valid). */
export const TODAY = new Date(Date.UTC(2026, 10, 25));

export const ICAO_TD3 = [
	'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
	'L898902C36UTO7408122F1204159ZE184226B<<<<<10',
];
export const GERMAN_TD3 = [
	'P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<',
	'C01X0006H1D<<6408125F1710319<<<<<<<<<<<<<<<0',
];
export const GBR_TD3 = [
	'P<GBRPUDARSAN<<HENERT<<<<<<<<<<<<<<<<<<<<<<<',
	'7077979792GBR9505209M1704224<<<<<<<<<<<<<<00',
];
export const USA_TD3 = [
	'P<USABROOKS<<JENNIFER<<<<<<<<<<<<<<<<<<<<<<<',
	'3400200135USA8001014F1905054710000307<715816',
];
export const ICAO_TD1 = [
	'I<UTOD231458907<<<<<<<<<<<<<<<',
	'7408122F1204159UTO<<<<<<<<<<<6',
	'ERIKSSON<<ANNA<MARIA<<<<<<<<<<',
];
export const ICAO_TD2 = [
	'I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<',
	'D231458907UTO7408122F1204159<<<<<<<6',
];
/** Huawei's G42 example: number masked with XXXX, so its check digits cannot hold; stray spaces. */
export const SEED = [
	'P<ETFHUZHAO<< ZHAOMIN <DESALEGN<<<<<<<<<<<<<<<',
	'EP435XXXX7ETF8509185M2201155<<<<<<<<<<<<<<08',
];
/** TD1 with a 12-character document number (cheminfo/mrz's README example). */
export const LONG_TD1 = [
	'I<UTOD23145890<7349<<<<<<<<<<<',
	'3407127M9507122UTO<<<<<<<<<<<2',
	'STEVENSON<<PETER<JOHN<<<<<<<<<',
];
/** ICAO Doc 9303 Part 7's MRV-A example (2 × 44; no composite check digit). */
export const ICAO_MRV_A = [
	'VIUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
	'L8988901C4XXX4009078F96121096ZE184226B<<<<<<',
];
/** ICAO Doc 9303 Part 7's MRV-B example (2 × 36). */
export const ICAO_MRV_B = [
	'VIUTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<',
	'L8988901C4XXX4009078F9612109<<<<<<<<',
];
/** France's 1994-2021 identity card (2 × 36, not TD2): the sample of cheminfo/mrz's tests. */
export const FRENCH_ID = [
	'IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013',
	'0506932020438CHRISTIANE<<NI2906209F3',
];
