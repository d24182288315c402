/** ISO 3166-1 alpha-3 (officially assigned codes) — the nationality / issuing-state codes of Doc 9303. */
const ISO_3166_ALPHA3 = `
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS
BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV
CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM
GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN
IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE
LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS
MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK
PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR
SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY
USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE`;

/** Codes Doc 9303 adds to ISO 3166 (ICAO Doc 9303 Part 3 §5; see docs/mrz-rules.md), with what they stand for. */
const ICAO_SPECIAL: Record<string, string> = {
	D: 'Germany',
	GBD: 'British Overseas Territories citizen',
	GBN: 'British National (Overseas)',
	GBO: 'British Overseas citizen',
	GBP: 'British protected person',
	GBS: 'British subject',
	RKS: 'Kosovo',
	EUE: 'European Union',
	UNO: 'United Nations organisation official',
	UNA: 'United Nations specialized agency official',
	UNK: 'United Nations resident of Kosovo',
	XXA: 'Stateless person',
	XXB: 'Refugee (1951 Convention)',
	XXC: 'Refugee (other)',
	XXX: 'Unspecified nationality',
	XBA: 'African Development Bank',
	XIM: 'African Export-Import Bank',
	XCC: 'Caribbean Community',
	XCE: 'Council of Europe',
	XCO: 'Common Market for Eastern and Southern Africa',
	XEC: 'Economic Community of West African States',
	XPO: 'Interpol',
	XES: 'Organisation of Eastern Caribbean States',
	XOM: 'Sovereign Military Order of Malta',
	XDC: 'Southern African Development Community',
};

/** ICAO's fictional state of Utopia: valid on specimens only. */
export const SPECIMEN_COUNTRY = 'UTO';

const ISO_CODES = new Set(ISO_3166_ALPHA3.split(/\s+/).filter(Boolean));

export type CountryKind = 'iso' | 'icao' | 'specimen' | 'unknown';

/** Strips the MRZ fillers of a code field: Germany's 'D<<' is the code 'D'. */
export function countryCode(raw: string): string {
	return raw.replace(/<+$/, '');
}

export function countryKind(code: string): CountryKind {
	if (ISO_CODES.has(code)) return 'iso';
	if (code in ICAO_SPECIAL) return 'icao';
	if (code === SPECIMEN_COUNTRY) return 'specimen';
	return 'unknown';
}

/** Germany writes 'D' in the MRZ and 'DEU' elsewhere; every other code is its own canonical form. */
export function canonicalCountry(code: string): string {
	const trimmed = countryCode(code.trim().toUpperCase());
	return trimmed === 'D' ? 'DEU' : trimmed;
}

export function isoCountryCodes(): string[] {
	return [...ISO_CODES];
}

export function icaoSpecialCodes(): string[] {
	return Object.keys(ICAO_SPECIAL);
}
