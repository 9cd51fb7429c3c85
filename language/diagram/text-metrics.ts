/**
 * Deterministic text measurement, so the command line, the server and the webview wrap
 * labels and size boxes identically whatever fonts the machine has. The tables are the
 * advance widths of DejaVu Sans and DejaVu Sans Bold (units of 1/2048 em) for U+0020–U+024F
 * (Latin, Latin-1, Latin Extended-A/B); test/text-metrics.test.ts checks them against the
 * font files of the `dejavu-fonts-ttf` package that the PNG renderer uses.
 */

export const metricsFontFamily = 'DejaVu Sans, Verdana, sans-serif';
export const metricsFirstCodePoint = 0x20;
export const metricsUnitsPerEm = 2048;

const regularWidths = '651,821,942,1716,1303,1946,1597,563,799,799,1024,1716,651,739,651,690,1303,1303,1303,1303,1303,1303,1303,1303,1303,1303,690,690,1716,1716,1716,1087,2048,1401,1405,1430,1577,1294,1178,1587,1540,604,604,1343,1141,1767,1532,1612,1235,1612,1423,1300,1251,1499,1401,2025,1403,1251,1403,799,690,799,1716,1024,1024,1255,1300,1126,1300,1260,721,1300,1298,569,569,1186,569,1995,1298,1253,1300,1300,842,1067,803,1298,1212,1675,1212,1212,1075,1303,690,1303,1716,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,651,821,1303,1303,1303,1303,690,1024,1024,2048,965,1253,1716,739,2048,1024,1024,1716,821,821,1024,1303,1303,651,1024,821,965,1253,1985,1985,1985,1087,1401,1401,1401,1401,1401,1401,1995,1430,1294,1294,1294,1294,604,604,604,604,1587,1532,1612,1612,1612,1612,1612,1716,1612,1499,1499,1499,1499,1251,1239,1290,1255,1255,1255,1255,1255,1255,2011,1126,1260,1260,1260,1260,569,569,569,569,1253,1298,1253,1253,1253,1253,1253,1716,1253,1298,1298,1298,1298,1212,1300,1212,1401,1255,1401,1255,1401,1255,1430,1126,1430,1126,1430,1126,1430,1126,1577,1300,1587,1300,1294,1260,1294,1260,1294,1260,1294,1260,1294,1260,1587,1300,1587,1300,1587,1300,1587,1300,1540,1298,1876,1423,604,569,604,569,604,569,604,569,604,569,1208,1138,604,569,1343,1186,1186,1141,569,1141,569,1141,768,1141,700,1151,582,1532,1298,1532,1298,1532,1298,1666,1532,1298,1612,1253,1612,1253,1612,1253,2191,2095,1423,842,1423,842,1423,842,1300,1067,1300,1067,1300,1067,1300,1067,1251,803,1251,803,1251,803,1499,1298,1499,1298,1499,1298,1499,1298,1499,1298,1499,1298,2025,1675,1251,1212,1251,1403,1075,1403,1075,1403,1075,721,1300,1505,1405,1300,1405,1300,1440,1430,1126,1587,1677,1405,1300,1253,1294,1612,1258,1178,721,1587,1406,2015,724,604,1527,1186,569,1212,1995,1532,1298,1612,1870,1253,1943,1555,1335,1300,1423,1300,1067,1294,688,803,1251,803,1251,1757,1298,1565,1476,1523,1496,1403,1075,1364,1364,1183,1075,1303,1364,1183,1045,1300,604,1008,940,605,2912,2660,2364,1711,1611,935,1907,1892,1633,1401,1255,604,569,1612,1253,1499,1298,1499,1298,1499,1298,1499,1298,1499,1298,1260,1401,1255,1401,1255,1995,2011,1587,1300,1587,1300,1343,1186,1612,1253,1612,1253,1364,1183,569,2912,2660,2364,1587,1300,2279,1397,1532,1298,1401,1255,1995,2011,1612,1253,1401,1255,1401,1255,1294,1260,1294,1260,604,569,604,569,1612,1253,1612,1253,1423,842,1423,842,1499,1298,1499,1298,1300,1067,1251,803,1284,1068,1540,1298,1506,1716,1430,1250,1403,1075,1401,1255,1294,1260,1612,1253,1612,1253,1612,1253,1612,1253,1251,1212,972,1726,977,569,2044,2044,1401,1430,1126,1141,1251,1067,1075,1235,981,1405,1499,1401,1294,1260,604,569,1600,1300,1423,842,1251,1212';
const boldWidths = '713,934,1067,1716,1425,2052,1786,627,936,936,1071,1716,778,850,778,748,1425,1425,1425,1425,1425,1425,1425,1425,1425,1425,819,819,1716,1716,1716,1188,2048,1585,1561,1503,1700,1399,1399,1681,1714,762,762,1587,1305,2038,1714,1741,1501,1741,1577,1475,1397,1663,1585,2259,1579,1483,1485,936,748,936,1716,1024,1024,1382,1466,1214,1466,1389,891,1466,1458,702,702,1362,702,2134,1458,1407,1466,1466,1010,1219,979,1458,1335,1892,1321,1335,1192,1458,748,1458,1716,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,713,934,1425,1425,1303,1425,748,1024,1024,2048,1155,1323,1716,850,2048,1024,1024,1716,897,897,1024,1507,1303,778,1024,897,1155,1323,2120,2120,2120,1188,1585,1585,1585,1585,1585,1585,2222,1503,1399,1399,1399,1399,762,762,762,762,1716,1714,1741,1741,1741,1741,1741,1716,1741,1663,1663,1663,1663,1483,1511,1473,1382,1382,1382,1382,1382,1382,2146,1214,1389,1389,1389,1389,702,702,702,702,1407,1458,1407,1407,1407,1407,1407,1716,1407,1458,1458,1458,1458,1335,1466,1335,1585,1382,1585,1382,1585,1382,1503,1214,1503,1214,1503,1214,1503,1214,1700,1466,1716,1466,1399,1389,1399,1389,1399,1389,1399,1389,1399,1389,1681,1466,1681,1466,1681,1466,1681,1466,1714,1458,1994,1618,762,702,762,702,762,702,762,702,762,702,1524,1404,762,702,1587,1362,1362,1305,702,1305,702,1305,982,1305,1140,1315,760,1714,1458,1714,1458,1714,1458,2013,1714,1458,1741,1407,1741,1407,1741,1407,2390,2241,1577,1010,1577,1010,1577,1010,1475,1219,1475,1219,1475,1219,1475,1219,1397,979,1397,979,1397,979,1663,1458,1663,1458,1663,1458,1663,1458,1663,1458,1663,1458,2259,1892,1483,1335,1483,1485,1192,1485,1192,1485,1192,891,1466,1661,1561,1466,1561,1466,1503,1503,1214,1716,1800,1550,1466,1408,1399,1739,1425,1399,891,1681,1624,2140,892,797,1587,1362,738,1212,2134,1714,1458,1741,1789,1407,2217,1868,1601,1466,1577,1475,1219,1399,1130,979,1447,979,1397,1711,1458,1741,1666,1633,1594,1485,1192,1582,1582,1312,1192,1425,1582,1312,1173,1466,762,1349,1114,762,3185,2892,2658,2067,2007,1404,2476,2416,2160,1585,1382,762,702,1741,1407,1663,1458,1663,1458,1663,1458,1663,1458,1663,1458,1389,1585,1382,1585,1382,2222,2146,1681,1466,1681,1466,1587,1362,1741,1407,1741,1407,1582,1192,702,3185,2892,2658,1681,1466,2639,1612,1714,1458,1585,1382,2222,2146,1741,1407,1585,1382,1585,1382,1399,1389,1399,1389,762,702,762,702,1741,1407,1741,1407,1577,1010,1577,1010,1663,1458,1663,1458,1475,1219,1397,979,1414,1244,1714,1458,1714,1771,1657,1349,1485,1192,1585,1382,1399,1389,1741,1407,1741,1407,1741,1407,1741,1407,1483,1335,1007,1775,1048,702,2228,2228,1585,1503,1214,1305,1397,1219,1192,1601,1258,1561,1663,1585,1399,1389,762,702,1762,1620,1577,1010,1483,1335';

const regular = regularWidths.split(',').map(Number);
const bold = boldWidths.split(',').map(Number);

export type FontWeight = 'normal' | 'bold';

/** The advance width table used for one weight, indexed from {@link metricsFirstCodePoint}. */
export function advanceWidthTable(weight: FontWeight): readonly number[] {
    return weight === 'bold' ? bold : regular;
}

/** Width of one line of text in pixels at the given font size. */
export function textWidth(text: string, fontSize: number, weight: FontWeight = 'normal'): number {
    const table = advanceWidthTable(weight);
    let units = 0;
    for (const character of text) {
        const codePoint = character.codePointAt(0)!;
        const index = codePoint - metricsFirstCodePoint;
        const known = index >= 0 && index < table.length ? table[index] : 0;
        units += known > 0 ? known : fallbackWidth(codePoint);
    }
    return units * fontSize / metricsUnitsPerEm;
}

/** Characters outside the table: combining marks take no room, wide scripts a full em, the rest a typical letter. */
function fallbackWidth(codePoint: number): number {
    if (codePoint < 0x20 || (codePoint >= 0x300 && codePoint < 0x370) || (codePoint >= 0x200b && codePoint <= 0x200f)) {
        return 0;
    }
    if (codePoint >= 0x1100 && (codePoint <= 0x115f || (codePoint >= 0x2e80 && codePoint <= 0xa4cf) || (codePoint >= 0xac00 && codePoint <= 0xd7a3) || (codePoint >= 0xf900 && codePoint <= 0xfaff) || (codePoint >= 0xff00 && codePoint <= 0xff60) || codePoint >= 0x1f300)) {
        return metricsUnitsPerEm;
    }
    return 1300;
}

/**
 * Breaks a label into lines no wider than `maxWidth`, at spaces and after hyphens or
 * slashes; a single word longer than a line is cut. At most `maxLines` lines, the last
 * one ending in an ellipsis when text was left out. Linear in the label's length (each
 * character is measured once or twice) and it stops reading once the lines are full, so
 * a label of any length is cheap.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, weight: FontWeight = 'normal', maxLines = 4): string[] {
    const width = (part: string): number => textWidth(part, fontSize, weight);
    const spaceWidth = width(' ');
    const lines: string[] = [];
    /** The line being filled, without the space that may follow its last word. */
    let current = '';
    let currentWidth = 0;
    let spaceAfter = false;
    for (const [word] of text.replace(/\s+/g, ' ').trim().matchAll(/[^ \-/]*[ \-/]?/g)) {
        // One line more than shown tells that text was left out; the rest need not be read.
        if (word === '' || lines.length > maxLines) {
            break;
        }
        const bare = word.endsWith(' ') ? word.slice(0, -1) : word;
        const gap = spaceAfter ? spaceWidth : 0;
        const bareWidth = width(bare);
        if (current !== '' && currentWidth + gap + bareWidth > maxWidth) {
            lines.push(current);
            current = bare;
            currentWidth = bareWidth;
        } else {
            current += (spaceAfter ? ' ' : '') + bare;
            currentWidth += gap + bareWidth;
        }
        spaceAfter = bare !== word;
        if (currentWidth > maxWidth) {
            const pieces = cutToWidth(current, maxWidth, fontSize, weight);
            current = pieces.pop()!;
            currentWidth = width(current);
            lines.push(...pieces);
        }
    }
    if (current !== '') {
        lines.push(current);
    }
    if (lines.length <= maxLines) {
        return lines;
    }
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = ellipsize(kept[maxLines - 1], maxWidth, fontSize, weight);
    return kept;
}

/** Cuts a word into pieces no wider than a line (but at least one character each), in one pass; the last piece is what remains. */
function cutToWidth(text: string, maxWidth: number, fontSize: number, weight: FontWeight): string[] {
    const pieces: string[] = [];
    let piece = '';
    let pieceWidth = 0;
    for (const character of text) {
        const characterWidth = textWidth(character, fontSize, weight);
        if (piece !== '' && pieceWidth + characterWidth > maxWidth) {
            pieces.push(piece);
            piece = '';
            pieceWidth = 0;
        }
        piece += character;
        pieceWidth += characterWidth;
    }
    pieces.push(piece);
    return pieces;
}

function ellipsize(line: string, maxWidth: number, fontSize: number, weight: FontWeight): string {
    const characters = [...line];
    let lineWidth = textWidth(line, fontSize, weight);
    const ellipsisWidth = textWidth('…', fontSize, weight);
    while (characters.length > 0 && lineWidth + ellipsisWidth > maxWidth) {
        lineWidth -= textWidth(characters.pop()!, fontSize, weight);
    }
    return characters.join('').trimEnd() + '…';
}
