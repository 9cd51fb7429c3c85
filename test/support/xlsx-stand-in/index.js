'use strict';
// SDEverywhere's compiler reads Excel data files through xlsx; MARVEL's exported models have none.
function unsupported() {
    throw new Error('Excel data files are not supported in this build (xlsx stand-in)');
}
module.exports = {
    set_fs() {},
    readFile: unsupported,
    utils: { sheet_to_json: unsupported, decode_cell: unsupported, encode_cell: unsupported, decode_col: unsupported, decode_row: unsupported }
};
