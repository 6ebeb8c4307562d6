import { describe, expect, it } from 'vitest';
import { checkProjectName, copyNameFor, datasetIdError, repositoryUriError } from './project-validation';

describe('checkProjectName', () => {
  it('accepts a name without white space, up to 100 characters', () => {
    expect(checkProjectName('churn-model_v2').error).toBeUndefined();
    expect(checkProjectName('a'.repeat(100)).error).toBeUndefined();
  });

  it('refuses an empty name, white space anywhere, and more than 100 characters, in sentences', () => {
    expect(checkProjectName('').error).toBe('Name must not be empty');
    expect(checkProjectName('my project').error).toBe('Name must not contain white space');
    expect(checkProjectName(' leading').error).toBe('Name must not contain white space');
    expect(checkProjectName('tab\there').error).toBe('Name must not contain white space');
    expect(checkProjectName('a'.repeat(101)).error).toBe('Name must be at most 100 characters');
  });

  it('refuses a name the user already owns, in any letter case', () => {
    expect(checkProjectName('Churn', { takenNames: ['churn', 'other'] }).error).toBe('You already have a project named “Churn”.');
    expect(checkProjectName('churn-2', { takenNames: ['churn'] }).error).toBeUndefined();
  });
});

describe('copyNameFor', () => {
  it('adds -copy, then a number when that is taken too', () => {
    expect(copyNameFor('churn', [])).toBe('churn-copy');
    expect(copyNameFor('churn', ['CHURN-copy'])).toBe('churn-copy-2');
    expect(copyNameFor('churn', ['churn-copy', 'churn-copy-2'])).toBe('churn-copy-3');
  });

  it('stays within 100 characters', () => {
    const long = 'x'.repeat(99);
    expect(copyNameFor(long, []).length).toBe(100);
    expect(copyNameFor(long, [copyNameFor(long, [])]).length).toBeLessThanOrEqual(100);
    expect(checkProjectName(copyNameFor(long, [copyNameFor(long, [])])).error).toBeUndefined();
  });
});

describe('repositoryUriError and datasetIdError', () => {
  it('accepts http(s), ssh and scp-like git URLs, and nothing at all', () => {
    expect(repositoryUriError('')).toBeUndefined();
    expect(repositoryUriError('https://github.com/acme/churn.git')).toBeUndefined();
    expect(repositoryUriError('git@github.com:acme/churn.git')).toBeUndefined();
    expect(repositoryUriError('ssh://git@gitlab.example.com/acme/churn.git')).toBeUndefined();
    expect(repositoryUriError('github.com/acme/churn')).toMatch(/git URL/);
    expect(repositoryUriError('https://github.com/acme/my repo')).toMatch(/git URL/);
  });

  it('wants a 24-hex dataset id', () => {
    expect(datasetIdError('')).toMatch(/Enter/);
    expect(datasetIdError('64f1c2a9e4b0a1b2c3d4e5f6')).toBeUndefined();
    expect(datasetIdError(' 64f1c2a9e4b0a1b2c3d4e5f6 ')).toBeUndefined();
    expect(datasetIdError('64F1C2A9E4B0A1B2C3D4E5F6')).toMatch(/24 hexadecimal/);
    expect(datasetIdError('churn-features')).toMatch(/24 hexadecimal/);
  });
});
