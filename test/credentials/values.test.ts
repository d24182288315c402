import { recordFromJson, headerValue } from '../../credentials/common/values';

describe('untyped values', () => {
	it('headerValue ignores case and missing headers', () => {
		expect(headerValue({ 'Content-Type': 'a' }, 'content-type')).toBe('a');
		expect(headerValue(undefined, 'x')).toBeUndefined();
		expect(headerValue({ x: [] }, 'x')).toBeUndefined();
	});

	it('recordFromJson reads objects and JSON text, nothing else', () => {
		expect(recordFromJson('{"a":1}')).toEqual({ a: 1 });
		expect(recordFromJson({ a: 1 })).toEqual({ a: 1 });
		expect(recordFromJson('not json')).toBeUndefined();
		expect(recordFromJson([1])).toBeUndefined();
		expect(recordFromJson(null)).toBeUndefined();
	});
});
