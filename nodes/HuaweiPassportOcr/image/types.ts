/** What the sniffer says about a file (image/index.ts). */

export type SupportedImageFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';
export type ImageFormat =
	| SupportedImageFormat
	| 'pdf'
	| 'gif'
	| 'webp'
	| 'heic'
	| 'avif'
	| 'svg'
	| 'zip'
	| 'jpeg2000'
	| 'ico'
	| 'html'
	| 'text'
	| 'empty'
	| 'unknown';

export interface ImageInfo {
	format: ImageFormat;
	/** True for jpeg/png/bmp/tiff only. */
	supported: boolean;
	/** Human words for messages: 'JPEG', 'PDF document', 'an empty file', ... */
	label: string;
	mimeType: string;
	/** Set when the headers of a supported format are intact. */
	width?: number;
	height?: number;
	/** True when the file visibly ends early. */
	truncated?: boolean;
}

/** What a format reader measures. */
export type Dimensions = Pick<ImageInfo, 'width' | 'height' | 'truncated'>;
