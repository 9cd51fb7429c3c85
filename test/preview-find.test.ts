import { describe, expect, it } from 'vitest';
import { findFactor } from '../client/webview/find.js';

const factors = [
    { id: 'voedingsbodemAanpak', label: 'Aanpakken van de voedingsbodem van mensenhandel' },
    { id: 'pakkans', label: 'Pakkans' },
    { id: 'daders', label: 'Aantal daders' },
    { id: 'een', label: 'Één loket' }
];

describe('Find in the preview', () => {
    it('takes an exact name or label first', () => {
        expect(findFactor('daders', factors)?.id).toBe('daders');
        expect(findFactor('aantal daders', factors)?.id).toBe('daders');
    });

    it('prefers a name or label that starts with what is typed to one that only contains it', () => {
        expect(findFactor('pakk', factors)?.id).toBe('pakkans');
    });

    it('then a word of a label that starts with it, then anything containing it, ignoring case and accents', () => {
        expect(findFactor('dad', factors)?.id).toBe('daders');
        expect(findFactor('akken', factors)?.id).toBe('voedingsbodemAanpak');
        expect(findFactor('loket', factors)?.id).toBe('een');
        expect(findFactor('een', factors)?.id).toBe('een');
        expect(findFactor('  ', factors)).toBeUndefined();
    });
});
