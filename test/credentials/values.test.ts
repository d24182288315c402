import { headerValue, recordFromJson, textValue } from '../../credentials/common/values';

describe('untyped values', () => {
	it('headerValue ignores case and missing headers', () => {
		expect(headerValue({ 'Content-Type': 'a' }, 'content-type')).toBe('a');
		expect(headerValue(undefined, 'x')).toBeUndefined();
		expect(headerValue({ x: [] }, 'x')).toBeUndefined();
	});

	it('textValue reads non-empty text and numbers, nothing else', () => {
		expect(textValue('AIS.0104')).toBe('AIS.0104');
		expect(textValue(404)).toBe('404');
		expect(textValue('')).toBeUndefined();
		expect(textValue(null)).toBeUndefined();
		expect(textValue({ code: 'x' })).toBeUndefined();
	});

	it('recordFromJson reads objects and JSON text, nothing else', () => {
		expect(recordFromJson('{"a":1}')).toEqual({ a: 1 });
		expect(recordFromJson({ a: 1 })).toEqual({ a: 1 });
		expect(recordFromJson('not json')).toBeUndefined();
		expect(recordFromJson([1])).toBeUndefined();
		expect(recordFromJson(null)).toBeUndefined();
	});
});
