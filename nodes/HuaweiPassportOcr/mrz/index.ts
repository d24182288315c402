/**
 * ICAO 9303 MRZ engine: parse and check TD1/TD2/TD3, visas (MRV-A, MRV-B) and France's 1994-2021
 * identity card, name the kind of document, correct OCR confusions, cross-check, validity.
 * Pure functions with JSON-friendly results (they can go straight into n8n item JSON):
 *
 *   const mrz = parseMrz([result.machine_code, result.machine_code2], { today, correct, strict });
 *   const agreement = crossCheck(mrz, result);            // Huawei's printed-zone fields as they come
 *   const validity = documentValidity(
 *     { dateOfBirth: result.date_of_birth, dateOfExpiry: result.date_of_expiry }, today,
 *     { minValidityMonths: 6, minAgeYears: 18 },
 *   );
 *
 * `mrz.valid` is false on any failed check digit or invalid field (`mrz.errors`); `mrz.warnings` carry
 * what is legal but notable (specimen state, sex X, inferred century, possibly truncated name).
 */
export { parseMrz, type ParseOptions } from './parse';
export { looksLikeMrzLine } from './normalise';
export {
	crossCheck,
	type CrossCheck,
	type Mismatch,
	type PrintedField,
	type PrintedFields,
} from './crossCheck';
export { documentValidity, type Validity, type ValidityRules } from './validity';
export { DOCUMENT_KINDS, documentOf, type DocumentKind } from './documentKind';
export type { MrzFormat } from './formats';
export type * from './types';
