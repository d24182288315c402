/** What the action knows about a failed call, so the advice can name the region, endpoint and image. */
import type { Edition } from '../credentialsSeam';

/** Where an item's image comes from (the Image Source parameter's values). */
export type ImageSource = 'binaryData' | 'allFiles' | 'url' | 'base64';

export interface FailureContext {
	region?: string;
	endpoint?: string;
	edition?: Edition;
	/** The Timeout option, to name it when a call outlived it. */
	timeoutMs?: number;
	/** Where the item's image came from: a URL is downloaded by Huawei, so the advice differs. */
	imageSource?: ImageSource;
}
