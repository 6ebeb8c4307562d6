import { describe, expect, it } from 'vitest';
import { classifyFile, countLines } from './file-content';

const encode = (text: string) => new TextEncoder().encode(text);

describe('classifyFile', () => {
  it('shows UTF-8 text as text, whatever content type the server gives', () => {
    expect(classifyFile(encode('print("hi")\n'), 'text/plain; charset=utf-8', { truncated: false })).toEqual({
      kind: 'text',
      text: 'print("hi")\n',
      lineCount: 1,
    });
    expect(classifyFile(encode('a,b\n1,2\n'), 'application/octet-stream', { truncated: false })).toMatchObject({ kind: 'text', lineCount: 2 });
    expect(classifyFile(encode('\uFEFFwith bom'), 'text/plain', { truncated: false })).toMatchObject({ text: 'with bom' });
  });

  it('shows images as images and NUL bytes or invalid UTF-8 as binary', () => {
    expect(classifyFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 'image/png', { truncated: false })).toEqual({ kind: 'image' });
    expect(classifyFile(new Uint8Array([0x41, 0x00, 0x42]), 'application/octet-stream', { truncated: false })).toEqual({ kind: 'binary' });
    expect(classifyFile(new Uint8Array([0xff, 0xfe, 0x41]), 'application/octet-stream', { truncated: false })).toEqual({ kind: 'binary' });
    expect(classifyFile(encode('%PDF-1.7'), 'application/pdf', { truncated: false })).toEqual({ kind: 'binary' });
  });

  it('keeps a cut-off file that ends inside a multi-byte character as text', () => {
    const bytes = encode('naïve café');
    const cut = bytes.subarray(0, bytes.length - 1); // the last byte of “é” is missing
    expect(classifyFile(cut, 'text/plain', { truncated: true })).toMatchObject({ kind: 'text', text: 'naïve caf' });
    expect(classifyFile(cut, 'text/plain', { truncated: false })).toEqual({ kind: 'binary' });
  });
});

describe('countLines', () => {
  it('counts lines as an editor numbers them', () => {
    expect(countLines('')).toBe(1);
    expect(countLines('one')).toBe(1);
    expect(countLines('one\n')).toBe(1);
    expect(countLines('one\ntwo')).toBe(2);
    expect(countLines('one\n\n')).toBe(2);
  });
});
