/**
 * Everything the node borrows from credentials/common/, in one place: node code imports these from
 * here, never from credentials/ directly (.dependency-cruiser.cjs checks it).
 */
export {
	AKSK_CREDENTIAL_TYPE,
	IAM_CREDENTIAL_TYPE,
} from '../../credentials/common/credentialTypes';
export { textField } from '../../credentials/common/fieldValue';
export { networkWords } from '../../credentials/common/network';
export { redact } from '../../credentials/common/redact';
export { resolveEndpoints } from '../../credentials/common/regions';
export type { Edition, ResolvedEndpoints } from '../../credentials/common/regions';
export { PROJECT_ID_PLACEHOLDER } from '../../credentials/common/request';
export { headerValue, isRecord, recordOrEmpty, textValue } from '../../credentials/common/values';
