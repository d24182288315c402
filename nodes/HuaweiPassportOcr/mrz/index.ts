/** ICAO 9303 MRZ engine: parse and check TD1/TD2/TD3, correct OCR confusions, cross-check, validity. */
export { checkDigit } from './checkDigit';
export { parseMrz, type ParseOptions } from './parse';
export {
	crossCheck,
	type CrossCheck,
	type Mismatch,
	type PrintedField,
	type PrintedFields,
} from './crossCheck';
export { documentValidity, type Validity, type ValidityRules } from './validity';
export { countryKind, canonicalCountry, type CountryKind } from './countries';
export type { MrzFormat } from './formats';
export type * from './types';
