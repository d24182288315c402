/** The credential type names, as n8n registers them: the credentials declare them, the node asks for them. */
export const IAM_CREDENTIAL_TYPE = 'huaweiCloudApi';
export const AKSK_CREDENTIAL_TYPE = 'huaweiCloudAkSkApi';
